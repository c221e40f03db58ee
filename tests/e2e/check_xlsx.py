#!/usr/bin/env python3
"""Checks report.xlsx against report.json and the CSV files of the same run.

usage: check_xlsx.py DIR

DIR holds the reports of one `semm score --format all` run. The workbook
is read as what it is, a zip of XML parts (Python's standard library
only), and checked for:

- the sheets, in order: Summary, Scores, Respondents (unless the run was
  a summary), Reliability, Across groups, Improvements, Benchmark (when
  report.json has a benchmark), Methods; valid names of at most 31
  characters;
- every table sheet: a bold header row, frozen below it, an autofilter
  from A1, column widths; numeric columns holding numeric cells only
  (no number stored as text), text columns holding strings, booleans as
  booleans; number formats by column (0 counts, 0.00 scores, 0.0
  percent, 0.000 statistics) and a three-colour scale on percent columns;
- each table sheet cell for cell equal to its CSV file (numbers to 1e-12,
  texts as the CSV holds them without its formula guard, empty cells
  empty);
- figures taken from report.json, the independent reference: each
  group's respondents, overall percent, level, staged level and limiting
  elements (Summary); its overall n, mean and percent and each element's
  percent, alpha and rwg(j) (Scores); the pooled alpha of each element
  (Reliability); ICC(1) and ICC(2) (Across groups); each group's score
  and percentile rank (Benchmark); the respondent counts (Summary); the
  parameters and methods blocks, value for value (Methods).

Prints "ok" lines and exits 1 on the first mismatch.
"""
import csv
import json
import math
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
TOL = 1e-12
CELL_TEXT_MAX = 32767  # Excel: characters in a cell

# Columns holding numbers, by sheet (the CSV files' columns, docs/FORMATS.md).
COUNT, SCORE, PERCENT, POINTS, STAT = "0", "0.00", "0.0", "0.0", "0.000"
NUMERIC = {
    "Scores": {
        "n": COUNT, "missing": COUNT, "mean": SCORE, "sd": SCORE,
        "se": SCORE, "ci95_lo": SCORE, "ci95_hi": SCORE, "median": SCORE,
        "q1": SCORE, "q3": SCORE, "min": SCORE, "max": SCORE,
        "percent": PERCENT, "level": COUNT, "staged_level": COUNT,
        "alpha": STAT, "alpha_std": STAT, "alpha_ci95_lo": STAT,
        "alpha_ci95_hi": STAT, "mean_r": STAT, "rwg_j": STAT,
    },
    "Reliability": {
        "n": COUNT, "k": COUNT, "alpha": STAT, "alpha_std": STAT,
        "alpha_ci95_lo": STAT, "alpha_ci95_hi": STAT, "mean_r": STAT,
        "alpha_if_deleted": STAT, "r_drop": STAT,
    },
    "Across groups": {
        "n": COUNT, "groups": COUNT, "k_bar": POINTS, "msb": STAT,
        "msw": STAT, "df_between": COUNT, "df_within": COUNT, "f": STAT,
        "p": STAT, "icc1": STAT, "icc2": STAT,
        "icc1_ci95_lo": STAT, "icc1_ci95_hi": STAT, "icc2_ci95_lo": STAT,
        "icc2_ci95_hi": STAT, "rgr_groups": COUNT, "rgr_n": COUNT,
        "rgr_replications": COUNT, "rgr_observed": STAT,
        "rgr_pseudo_mean": STAT, "rgr_pseudo_sd": STAT, "rgr_z": STAT,
        "rgr_p": STAT, "rgr_p_permutation": STAT, "rwg_groups": COUNT,
        "rwg_j_mean": STAT,
    },
    "Summary": {
        "Respondents": COUNT, "Overall %": PERCENT, "Level": COUNT,
        "Staged level": COUNT,
    },
    "Improvements": {
        "rank": COUNT, "percent": PERCENT, "level": COUNT,
        "target": PERCENT, "gap": POINTS, "priority": POINTS,
        "next_level": COUNT,
    },
}
PERCENT_COLUMNS = {"percent", "target", "score", "Overall %"}


def fail(msg):
    print("FAILED: " + msg)
    sys.exit(1)


def col_index(ref):
    """'AB12' -> (row 1-based, column 0-based)."""
    m = re.fullmatch(r"([A-Z]+)([0-9]+)", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col - 1


def letters(col):
    """0 -> 'A', 27 -> 'AB'."""
    out = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def close(a, b):
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


class Book:
    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        wb = self.xml("xl/workbook.xml")
        rels = self.xml("xl/_rels/workbook.xml.rels")
        target = {r.get("Id"): r.get("Target")
                  for r in rels.findall("rel:Relationship", NS)}
        self.sheets = []
        for s in wb.find("m:sheets", NS):
            rid = s.get("{%s}id" % NS["r"])
            self.sheets.append((s.get("name"), "xl/" + target[rid]))
        self.strings = []
        if "xl/sharedStrings.xml" in self.zip.namelist():
            for si in self.xml("xl/sharedStrings.xml").findall("m:si", NS):
                self.strings.append("".join(t.text or ""
                                            for t in si.iter("{%s}t" % NS["m"])))
        self.styles()

    def xml(self, name):
        return ET.fromstring(self.zip.read(name))

    def styles(self):
        st = self.xml("xl/styles.xml")
        fmts = {int(f.get("numFmtId")): f.get("formatCode")
                for f in st.iter("{%s}numFmt" % NS["m"])}
        fmts.update({0: "General", 1: "0", 2: "0.00"})
        fonts = [f.find("m:b", NS) is not None
                 for f in st.find("m:fonts", NS)]
        self.xf = []
        for xf in st.find("m:cellXfs", NS):
            self.xf.append((fmts.get(int(xf.get("numFmtId", "0")), "?"),
                            fonts[int(xf.get("fontId", "0"))]))

    def sheet(self, name):
        path = dict(self.sheets)[name]
        return Sheet(self, name, self.xml(path))


class Sheet:
    """A sheet's cells: {(row, col): (type, value, format, bold)}."""

    def __init__(self, book, name, root):
        self.name, self.root, self.cells = name, root, {}
        for c in root.iter("{%s}c" % NS["m"]):
            row, col = col_index(c.get("r"))
            t = c.get("t")
            fmt, bold = book.xf[int(c.get("s", "0"))]
            v = c.find("m:v", NS)
            if t == "s":
                value = book.strings[int(v.text)]
            elif t == "inlineStr":
                value = "".join(x.text or ""
                                for x in c.iter("{%s}t" % NS["m"]))
            elif t == "str":
                value = v.text or ""
            elif t == "b":
                value = v.text == "1"
            elif t in (None, "n"):
                value = float(v.text)
            else:
                fail("%s!%s: cell type %s" % (name, c.get("r"), t))
            self.cells[(row, col)] = (t or "n", value, fmt, bold)
        self.rows = max((r for r, _ in self.cells), default=0)

    def get(self, row, col):
        return self.cells.get((row, col))

    def value(self, row, col):
        c = self.get(row, col)
        return None if c is None else c[1]

    def header(self, row=1):
        out = []
        col = 0
        while self.get(row, col):
            out.append(self.value(row, col))
            col += 1
        return out

    def table(self, row=1):
        """Rows under the header as dicts, with the header."""
        head = self.header(row)
        rows = []
        for r in range(row + 1, self.rows + 1):
            rows.append({h: self.value(r, i) for i, h in enumerate(head)})
        return head, rows


def sheet_text(s):
    """What a text becomes in a cell: control characters XML cannot hold
    replaced, cut to fit a cell."""
    s = "".join("\ufffd" if ord(ch) < 32 and ch not in "\t\n\r" else ch
                for ch in s)
    if len(s.encode()) > CELL_TEXT_MAX:
        b = s.encode()[:CELL_TEXT_MAX - 3].decode("utf-8", "ignore")
        s = b + "\u2026"
    return s


def csv_text(s):
    """A CSV text cell as the writer meant it: without its formula guard."""
    if len(s) > 1 and s[0] == "'" and s[1] in "=+-@\t\r":
        return s[1:]
    return s


def expect_number(where, got, want):
    if want is None:
        if got is not None:
            fail("%s: %r, report.json has null" % (where, got))
        return
    if not isinstance(got, float) or not close(got, want):
        fail("%s: %r, report.json has %r" % (where, got, want))


def expect_text(where, got, want):
    if want is None or want == "":
        if got is not None:
            fail("%s: %r, expected an empty cell" % (where, got))
    elif got != sheet_text(want):
        fail("%s: %r, expected %r" % (where, got, sheet_text(want)))


def check_names(book, report, summary):
    want = ["Summary", "Scores"]
    if not summary:
        want.append("Respondents")
    want += ["Reliability", "Across groups", "Improvements"]
    if "benchmark" in report:
        want.append("Benchmark")
    want.append("Methods")
    got = [n for n, _ in book.sheets]
    if got != want:
        fail("sheets %s, expected %s" % (got, want))
    for n in got:
        if len(n) > 31 or re.search(r"[\[\]:*?/\\]", n):
            fail("invalid sheet name %r" % n)
    print("ok sheets: " + ", ".join(got))


def numeric_columns(name, head):
    """The number format each numeric column of a sheet must have."""
    if name in NUMERIC:
        return {i: NUMERIC[name][h] for i, h in enumerate(head)
                if h in NUMERIC[name]}
    if name == "Respondents":
        # line, then every score after the group column
        g = head.index("group")
        out = {head.index("line"): COUNT}
        out.update({i: SCORE for i in range(g + 1, len(head))})
        return out
    if name == "Benchmark":
        out = {1: COUNT, 5: PERCENT}
        for i in range(6, len(head)):
            k = (i - 6) % 5
            if k:
                out[i] = [None, PERCENT, STAT, COUNT, COUNT][k]
        return out
    return {}


def check_layout(sh, head_row, freeze):
    """Bold header, frozen pane, autofilter, column widths."""
    head = sh.header(head_row)
    if not head:
        fail("%s: no header row" % sh.name)
    for i in range(len(head)):
        t, _, _, bold = sh.get(head_row, i)
        if t not in ("s", "inlineStr") or not bold:
            fail("%s: header cell %d is not bold text" % (sh.name, i))
    view = sh.root.find("m:sheetViews/m:sheetView/m:pane", NS)
    if freeze:
        if view is None or view.get("state") != "frozen" or \
                view.get("ySplit") != str(head_row):
            fail("%s: the header row is not frozen" % sh.name)
    af = sh.root.find("m:autoFilter", NS)
    if af is None or not af.get("ref").startswith("A%d:" % head_row):
        fail("%s: no autofilter on the table" % sh.name)
    cols = sh.root.findall("m:cols/m:col", NS)
    if len(cols) < len(head) or any(
            not 4 <= float(c.get("width")) <= 52 for c in cols):
        fail("%s: column widths missing or out of range" % sh.name)
    return head


def check_types(sh, head, head_row):
    """Numeric columns hold numbers (in their format), others text."""
    num = numeric_columns(sh.name, head)
    for (r, c), (t, value, fmt, _) in sh.cells.items():
        if r <= head_row or c >= len(head):
            continue
        if c in num:
            if t != "n":
                fail("%s!%s%d: %r stored as %s in numeric column %s" %
                     (sh.name, letters(c), r, value, t, head[c]))
            if fmt != num[c]:
                fail("%s: column %s has format %s, expected %s" %
                     (sh.name, head[c], fmt, num[c]))
        elif sh.name == "Methods" and c == 1:
            continue  # values of every type
        elif t not in ("s", "inlineStr"):
            fail("%s: text column %s holds a %s cell" % (sh.name, head[c], t))
    pct = [i for i, h in enumerate(head) if h in PERCENT_COLUMNS]
    ranges = " ".join(cf.get("sqref")
                      for cf in sh.root.findall("m:conditionalFormatting",
                                                NS)
                      if cf.find("m:cfRule/m:colorScale", NS) is not None
                      and len(cf.findall("m:cfRule/m:colorScale/m:color",
                                         NS)) == 3)
    for i in pct:
        letter = letters(i)
        if sh.rows > head_row and not re.search(
                r"\b%s%d:%s\d+" % (letter, head_row + 1, letter), ranges):
            fail("%s: no colour scale on percent column %s" %
                 (sh.name, head[i]))
    return num


def check_against_csv(sh, path, num):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if sh.rows != len(rows):
        fail("%s: %d rows, %s has %d" % (sh.name, sh.rows,
                                          os.path.basename(path), len(rows)))
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            got = sh.value(r, c)
            where = "%s row %d column %d" % (sh.name, r, c + 1)
            if text == "":
                if got is not None:
                    fail("%s: %r, the CSV cell is empty" % (where, got))
            elif c in num and r > 1:
                expect_number(where, got, float(text))
            elif got != sheet_text(csv_text(text)):
                fail("%s: %r, the CSV has %r" % (where, got, text))
    print("ok %s = %s, %d rows" % (sh.name, os.path.basename(path),
                                   len(rows)))


def check_summary(book, report):
    sh = book.sheet("Summary")
    labels = {sh.value(r, 0): sh.value(r, 1) for r in range(1, sh.rows + 1)}
    for label, key in (("Respondents read", "read"),
                       ("Respondents scored", "scored"),
                       ("Respondents rejected", "rejected")):
        expect_number("Summary " + label, labels.get(label),
                      report["respondents"][key])
    expect_number("Summary Groups", labels.get("Groups"),
                  len(report["groups"]))
    for label, want in (("Model id", report["model"]["id"]),
                        ("Model version", report["model"]["version"]),
                        ("Questionnaire id", report["questionnaire"]["id"]),
                        ("Questionnaire version",
                         report["questionnaire"]["version"]),
                        ("Assessment", report["model"]["title"])):
        expect_text("Summary " + label, labels.get(label), want)
    head_row = next(r for r in range(1, sh.rows + 1)
                    if sh.value(r, 0) == "Group")
    check_layout(sh, head_row, freeze=False)
    head, rows = sh.table(head_row)
    check_types(sh, head, head_row)
    if len(rows) != len(report["groups"]):
        fail("Summary: %d group rows, report.json has %d" %
             (len(rows), len(report["groups"])))
    for row, g in zip(rows, report["groups"]):
        o = g["overall"]
        where = "Summary group %s" % g["id"]
        expect_text(where, row["Group"], g["id"])
        expect_number(where + " respondents", row["Respondents"], g["n"])
        expect_number(where + " overall", row["Overall %"], o["percent"])
        expect_number(where + " level", row["Level"], o["level"])
        expect_text(where + " level name", row["Level name"],
                    o["level_name"])
        expect_number(where + " staged level", row["Staged level"],
                      o["staged_level"])
        expect_text(where + " limiting", row["Limiting elements"],
                    " ".join(o["limiting_elements"]))
    print("ok Summary: counts and %d groups as report.json" % len(rows))


def check_scores(book, report):
    _, rows = book.sheet("Scores").table()
    at = {(r["group"], r["unit_type"], r["unit_id"]): r for r in rows}
    checked = 0
    for g in report["groups"]:
        gid = sheet_text(g["id"])
        o = at[(gid, "overall", "overall")]
        for key in ("n", "mean", "sd", "percent"):
            expect_number("Scores %s overall %s" % (g["id"], key), o[key],
                          g["overall"][key])
        for e in g["elements"]:
            r = at[(gid, "element", e["id"])]
            where = "Scores %s %s" % (g["id"], e["id"])
            expect_number(where + " n", r["n"], e["n"])
            expect_number(where + " percent", r["percent"], e["percent"])
            expect_number(where + " alpha", r["alpha"],
                          e["reliability"]["alpha"])
            expect_number(where + " rwg_j", r["rwg_j"],
                          e["agreement"]["rwg_j"])
            checked += 1
    print("ok Scores: %d groups' overall and %d element rows as report.json"
          % (len(report["groups"]), checked))


def check_reliability(book, report):
    _, rows = book.sheet("Reliability").table()
    pooled = {(r["unit_type"], r["unit_id"]): r for r in rows
              if r["scope"] == "pooled"}
    for kind, key in (("dimension", "dimensions"), ("element", "elements")):
        for u in report["reliability"][key]:
            r = pooled[(kind, u["id"])]
            expect_number("Reliability pooled %s alpha" % u["id"],
                          r["alpha"], u["reliability"]["alpha"])
            expect_number("Reliability pooled %s n" % u["id"], r["n"],
                          u["reliability"]["n"])
    print("ok Reliability: pooled alpha as report.json")


def check_across(book, report):
    _, rows = book.sheet("Across groups").table()
    units = report["across_groups"]["units"]
    if len(rows) != len(units):
        fail("Across groups: %d rows, report.json has %d" %
             (len(rows), len(units)))
    for r, u in zip(rows, units):
        for key in ("icc1", "icc2", "f", "p"):
            expect_number("Across groups %s %s" % (u["id"], key), r[key],
                          u[key])
    print("ok Across groups: ICC(1), ICC(2), F, p as report.json")


def check_benchmark(book, report):
    sh = book.sheet("Benchmark")
    head, rows = sh.table()
    at = {(r["group"], r["unit_type"], r["unit"]): r for r in rows}
    bench = report["benchmark"]
    n = 0
    for g in bench["groups"]:
        for u in g.get("units", []):
            r = at[(sheet_text(g["id"]), u["type"], u["id"])]
            expect_number("Benchmark %s %s score" % (g["id"], u["id"]),
                          r["score"], u["score"])
            for p in u["peers"]:
                col = p["segmentation"] + "_percentile"
                expect_number("Benchmark %s %s %s" % (g["id"], u["id"], col),
                              r[col], p["percentile"])
            n += 1
    if n == 0:
        fail("Benchmark: no group entered the benchmark")
    print("ok Benchmark: %d scores and percentile ranks as report.json" % n)


def flatten(value, path, out):
    if isinstance(value, dict):
        for k, v in value.items():
            flatten(v, path + "." + k if path else k, out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            flatten(v, "%s[%d]" % (path, i), out)
    else:
        out.append((path, value))


def check_methods(book, report):
    _, rows = book.sheet("Methods").table()
    want = []
    flatten({"parameters": report["parameters"],
             "methods": report["methods"]}, "", want)
    got = [(r["item"], r["value"]) for r in rows]
    if len(got) != len(want):
        fail("Methods: %d rows, report.json has %d values" %
             (len(got), len(want)))
    for (gp, gv), (wp, wv) in zip(got, want):
        where = "Methods " + wp
        if gp != wp:
            fail("Methods: row %r, expected %r" % (gp, wp))
        if isinstance(wv, bool):
            if gv is not wv:
                fail("%s: %r, report.json has %r" % (where, gv, wv))
        elif isinstance(wv, (int, float)) or wv is None:
            expect_number(where, gv, wv)
        else:
            expect_text(where, gv, wv)
    print("ok Methods: %d parameters and methods as report.json" % len(got))


def main():
    d = sys.argv[1]
    with open(os.path.join(d, "report.json"), encoding="utf-8") as f:
        report = json.load(f)
    summary = report["parameters"].get("summary", False)
    book = Book(os.path.join(d, "report.xlsx"))
    check_names(book, report, summary)
    csvs = {"Scores": "scores.csv", "Respondents": "respondents.csv",
            "Reliability": "reliability.csv",
            "Across groups": "across_groups.csv",
            "Improvements": "improvements.csv",
            "Benchmark": "benchmark.csv", "Methods": None}
    for name, _ in book.sheets[1:]:
        sh = book.sheet(name)
        head = check_layout(sh, 1, freeze=True)
        num = check_types(sh, head, 1)
        if csvs[name]:
            check_against_csv(sh, os.path.join(d, csvs[name]), num)
    check_summary(book, report)
    check_scores(book, report)
    check_reliability(book, report)
    check_across(book, report)
    if "benchmark" in report:
        check_benchmark(book, report)
    check_methods(book, report)


if __name__ == "__main__":
    main()
