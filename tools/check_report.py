#!/usr/bin/env python3
"""Check a semm report against an independent re-implementation of its scoring.

This script is a second method: it reads the model, the questionnaire and the
response CSV files itself, applies the rules of docs/SCORING.md and
docs/FORMATS.md, and compares every figure with the engine's report.json (and
optionally respondents.csv). It shares no code with the engine and uses only
the Python standard library.

The configuration that can change the arithmetic (N/A policy, anchor percent,
coverage minimum, grouping column) is taken from the report's `parameters`
block, so the check reproduces the run the engine made. With --dump no report
is needed: the computed figures are printed as JSON in the report's shape,
using the model/questionnaire defaults or the --na-policy, --na-anchor-percent,
--coverage-min and --group-by options.

Output: one line per mismatch, `group/unit/field: engine X, check Y`, then
`N passed, M failed`. Exit status 0 only when nothing failed and at least one
figure was compared; 1 on mismatches; 2 on unusable input.

Assumptions where the documents leave room (see the report of the helper who
wrote this script): item counts are per raw answer (before reverse coding);
under the anchor and zero policies an N/A or don't-know answer also counts as
an item value on the item's own scale; coverage is the share answered/total
compared with >=; case is folded for ASCII letters only and "blanks" are
spaces and tabs; rows that are completely empty lines are skipped.
"""

import argparse
import csv
import json
import math
import os
import sys

DEFAULT_COVERAGE_MIN = 0.5
DEFAULT_NA_POLICY = "exclude"
DEFAULT_NA_ANCHOR_PERCENT = 60.0
DEFAULT_REL_TOL = 1e-9
ABS_TOL = 1e-12
ALL_GROUP = "all"
BLANKS = " \t"
NA_POLICIES = ("exclude", "anchor", "zero")


class InputError(Exception):
    """An input file cannot be used; the message names the file."""


# --------------------------------------------------------------- small helpers

def fold(text):
    """Compare key: surrounding blanks removed, ASCII letters lower-cased."""
    out = []
    for ch in text.strip(BLANKS):
        out.append(chr(ord(ch) + 32) if "A" <= ch <= "Z" else ch)
    return "".join(out)


def load_json(path):
    try:
        with open(path, "r", encoding="utf-8-sig") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        raise InputError("%s: %s" % (path, e))


def positive_weight(obj, where):
    w = obj.get("weight", 1)
    if isinstance(w, bool) or not isinstance(w, (int, float)) \
            or not math.isfinite(w) or w <= 0:
        raise InputError("%s: weight must be a finite number > 0" % where)
    return float(w)


def weighted_mean(pairs):
    """Weighted mean of (value, weight) pairs."""
    total = math.fsum(w for _, w in pairs)
    return math.fsum(v * w for v, w in pairs) / total


# ----------------------------------------------------------------------- model

def load_model(path):
    doc = load_json(path)
    if doc.get("format") != "semm-model/1":
        raise InputError("%s: format must be semm-model/1" % path)
    bands = []
    for b in doc["levels"]["bands"]:
        bands.append({"level": b["level"], "name": b.get("name"),
                      "min": float(b["min"]), "max": float(b["max"])})
    dimensions, elements = [], []
    for d in doc["dimensions"]:
        dim = {"id": d["id"], "name": d.get("name"),
               "weight": positive_weight(d, "%s: %s" % (path, d["id"])),
               "elements": []}
        for e in d["elements"]:
            el = {"id": e["id"], "name": e.get("name"), "dimension": d["id"],
                  "weight": positive_weight(e, "%s: %s" % (path, e["id"]))}
            dim["elements"].append(el["id"])
            elements.append(el)
        dimensions.append(dim)
    scoring = doc.get("scoring", {})
    return {"id": doc["id"], "version": doc.get("version"),
            "bands": bands, "dimensions": dimensions, "elements": elements,
            "element_by_id": {e["id"]: e for e in elements},
            "staged_rule": doc["levels"].get("staged_rule", "weakest-link"),
            "na_policy": scoring.get("na_policy", DEFAULT_NA_POLICY),
            "na_anchor_percent": float(scoring.get(
                "na_anchor_percent", DEFAULT_NA_ANCHOR_PERCENT)),
            "coverage_min": scoring.get("coverage_min")}


# --------------------------------------------------------------- questionnaire

def load_scale(s):
    labels = {}
    for lab in s.get("labels", []):
        for text in [lab["label"]] + list(lab.get("synonyms", [])):
            labels[fold(text)] = int(lab["value"])
    return {"id": s["id"], "min": int(s["min"]), "max": int(s["max"]),
            "labels": labels,
            "na": {fold(c) for c in s.get("na", [])},
            "dk": {fold(c) for c in s.get("dont_know", [])}}


def load_questionnaire(path, model):
    doc = load_json(path)
    if doc.get("format") != "semm-questionnaire/1":
        raise InputError("%s: format must be semm-questionnaire/1" % path)
    if doc["model"]["id"] != model["id"]:
        raise InputError("%s: questionnaire is for model %s, not %s"
                         % (path, doc["model"]["id"], model["id"]))
    scales = {s["id"]: load_scale(s) for s in doc["scales"]}
    items = []
    for it in doc["items"]:
        if it["element"] not in model["element_by_id"]:
            raise InputError("%s: item %s: unknown element %s"
                             % (path, it["id"], it["element"]))
        items.append({"id": it["id"], "element": it["element"],
                      "scale": scales[it["scale"]],
                      "reverse": bool(it.get("reverse", False)),
                      "weight": positive_weight(it, "%s: %s"
                                                % (path, it["id"]))})
    columns = {}
    for role, spec in doc.get("metadata", {}).items():
        if isinstance(spec, dict) and "column" in spec:
            columns[role] = spec["column"]
    return {"id": doc["id"], "version": doc.get("version"), "items": items,
            "columns": columns, "coverage_min": doc.get("coverage_min")}


def score_scale(quest):
    """(smin, smax): the shared answer scale, else 0..100 (percent)."""
    ids = {it["scale"]["id"] for it in quest["items"]}
    if len(ids) == 1:
        s = quest["items"][0]["scale"]
        return float(s["min"]), float(s["max"])
    return 0.0, 100.0


# ------------------------------------------------------------------ parameters

def resolve_parameters(args, report, model, quest):
    """The configuration: the report's if given, else options and defaults."""
    if report is not None:
        p = report["parameters"]
        group_by = args.group_by if args.group_by else p.get("group_by")
        return {"na_policy": p["na_policy"],
                "na_anchor_percent": float(p["na_anchor_percent"]),
                "coverage_min": float(p["coverage_min"]),
                "group_by": group_by}
    coverage = args.coverage_min
    if coverage is None:
        coverage = quest["coverage_min"]
    if coverage is None:
        coverage = model["coverage_min"]
    if coverage is None:
        coverage = DEFAULT_COVERAGE_MIN
    anchor = args.na_anchor_percent
    if anchor is None:
        anchor = model["na_anchor_percent"]
    group_by = args.group_by
    if group_by is None:
        group_by = quest["columns"].get("organization")
    return {"na_policy": args.na_policy or model["na_policy"],
            "na_anchor_percent": float(anchor),
            "coverage_min": float(coverage), "group_by": group_by}


# ------------------------------------------------------------------- responses

def parse_number(text):
    """A plain decimal number ("4", "4.0", "+4", "4."), else None."""
    body = text[1:] if text[:1] in "+-" else text
    whole, _, frac = body.partition(".")
    if not whole and not frac:
        return None
    if (whole and not whole.isdigit()) or (frac and not frac.isdigit()):
        return None
    if not whole.isascii() or not frac.isascii():
        return None
    return float(text)


def parse_cell(text, scale):
    """(kind, x): kind is blank, na, dk, value or invalid."""
    key = fold(text)
    if key == "":
        return ("blank", None)
    num = parse_number(key)
    if num is not None:
        if num == int(num) and scale["min"] <= num <= scale["max"]:
            return ("value", int(num))
        return ("invalid", None)
    if key in scale["na"]:
        return ("na", None)
    if key in scale["dk"]:
        return ("dk", None)
    if key in scale["labels"]:
        return ("value", scale["labels"][key])
    return ("invalid", None)


def header_index(header, path):
    index = {}
    for i, name in enumerate(header):
        key = fold(name)
        if key in index:
            raise InputError("%s: column \"%s\" is repeated" % (path, name))
        index[key] = i
    return index


def read_csv_file(path, quest, group_by):
    """Respondent records of one CSV file, in file order."""
    try:
        f = open(path, "r", encoding="utf-8-sig", newline="")
    except OSError as e:
        raise InputError("%s: %s" % (path, e))
    with f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None:
            raise InputError("%s: no header row" % path)
        cols = header_index(header, path)
        for it in quest["items"]:
            if fold(it["id"]) not in cols:
                raise InputError("%s: no column for item %s" % (path, it["id"]))
        id_col = cols.get(fold(quest["columns"].get("respondent", "")))
        if id_col is None:
            raise InputError("%s: no respondent column" % path)
        grp_col = cols.get(fold(group_by)) if group_by else None
        if group_by and grp_col is None:
            raise InputError("%s: no column \"%s\" to group by"
                             % (path, group_by))
        records, prev_end = [], reader.line_num
        for row in reader:
            start, prev_end = prev_end + 1, reader.line_num
            if not row:
                continue
            records.append(make_record(row, start, path, quest, cols,
                                       id_col, grp_col))
        return records


def cell(row, i):
    return row[i] if i is not None and i < len(row) else ""


def make_record(row, line, path, quest, cols, id_col, grp_col):
    cells, invalid = {}, None
    for it in quest["items"]:
        kind, x = parse_cell(cell(row, cols[fold(it["id"])]), it["scale"])
        if kind == "invalid" and invalid is None:
            invalid = "item %s: invalid answer" % it["id"]
        cells[it["id"]] = (kind, x)
    group = cell(row, grp_col).strip(BLANKS) if grp_col is not None \
        else ALL_GROUP
    return {"id": cell(row, id_col).strip(BLANKS), "source": path,
            "line": line, "group": group, "cells": cells, "invalid": invalid}


# ------------------------------------------------------------ respondent score

def item_unit_value(item, kind, x, params):
    """u in [0, 1] for one cell under the N/A policy, or None if missing."""
    s = item["scale"]
    if kind == "value":
        xr = s["min"] + s["max"] - x if item["reverse"] else x
        return (xr - s["min"]) / (s["max"] - s["min"])
    if kind in ("na", "dk"):
        if params["na_policy"] == "anchor":
            return params["na_anchor_percent"] / 100.0
        if params["na_policy"] == "zero":
            return 0.0
    return None


def covered(have, total, coverage_min):
    return total > 0 and have / total >= coverage_min


def score_respondent(rec, quest, model, params):
    """Unit-interval scores: items, elements, dimensions and overall."""
    u_item = {}
    for it in quest["items"]:
        kind, x = rec["cells"][it["id"]]
        u_item[it["id"]] = item_unit_value(it, kind, x, params)
    u_el = {}
    for el in model["elements"]:
        its = [it for it in quest["items"] if it["element"] == el["id"]]
        got = [(u_item[it["id"]], it["weight"]) for it in its
               if u_item[it["id"]] is not None]
        ok = covered(len(got), len(its), params["coverage_min"])
        u_el[el["id"]] = weighted_mean(got) if ok else None
    u_dim = {}
    for d in model["dimensions"]:
        got = [(u_el[e], model["element_by_id"][e]["weight"])
               for e in d["elements"] if u_el[e] is not None]
        ok = covered(len(got), len(d["elements"]), params["coverage_min"])
        u_dim[d["id"]] = weighted_mean(got) if ok else None
    got = [(u_dim[d["id"]], d["weight"]) for d in model["dimensions"]
           if u_dim[d["id"]] is not None]
    ok = covered(len(got), len(model["dimensions"]), params["coverage_min"])
    answered = sum(1 for v in u_item.values() if v is not None)
    return {"items": u_item, "elements": u_el, "dimensions": u_dim,
            "overall": weighted_mean(got) if ok else None,
            "answered": answered}


def to_scale(u, smin, smax):
    return None if u is None else smin + u * (smax - smin)


# ------------------------------------------------------------------ statistics

def quantile7(sorted_values, p):
    """R type 7 / GSL quantile of sorted data."""
    n = len(sorted_values)
    h = (n - 1) * p
    lo = int(math.floor(h))
    if lo + 1 >= n:
        return sorted_values[n - 1]
    return sorted_values[lo] + (h - lo) * (sorted_values[lo + 1]
                                          - sorted_values[lo])


def describe(values, group_size):
    """n, missing, mean, sd (n - 1), median, min, max of present values."""
    xs = sorted(v for v in values if v is not None)
    n = len(xs)
    out = {"n": n, "missing": group_size - n, "mean": None, "sd": None,
           "median": None, "min": None, "max": None}
    if n == 0:
        return out
    mean = math.fsum(xs) / n
    out.update(mean=mean, median=quantile7(xs, 0.5), min=xs[0], max=xs[-1])
    if n > 1:
        out["sd"] = math.sqrt(math.fsum((x - mean) ** 2 for x in xs)
                              / (n - 1))
    return out


def band_of(percent, bands):
    """The band with min <= p < max; the last band also holds 100."""
    if percent is None:
        return None
    for b in bands:
        if b["min"] <= percent < b["max"]:
            return b
    return bands[-1] if percent >= bands[-1]["max"] else bands[0]


def percent_of(mean, lo, hi):
    return None if mean is None else (mean - lo) / (hi - lo) * 100.0


def scored_unit(values, size, lo, hi, bands):
    out = describe(values, size)
    out["percent"] = percent_of(out["mean"], lo, hi)
    b = band_of(out["percent"], bands)
    out["level"] = b["level"] if b else None
    out["level_name"] = b["name"] if b else None
    return out


# ---------------------------------------------------------------- group scores

def item_counts(item, members):
    s = item["scale"]
    counts = {str(v): 0 for v in range(s["min"], s["max"] + 1)}
    counts.update(na=0, dont_know=0, blank=0)
    for rec in members:
        kind, x = rec["cells"][item["id"]]
        if kind == "value":
            counts[str(x)] += 1
        elif kind in ("na", "dk", "blank"):
            counts[{"na": "na", "dk": "dont_know", "blank": "blank"}[kind]] += 1
    return counts


def group_items(quest, members):
    out = []
    for it in quest["items"]:
        s = it["scale"]
        vals = [to_scale(rec["score"]["items"][it["id"]], s["min"], s["max"])
                for rec in members]
        unit = describe(vals, len(members))
        unit["percent"] = percent_of(unit["mean"], s["min"], s["max"])
        unit.update(id=it["id"], element=it["element"],
                    reverse=it["reverse"], counts=item_counts(it, members))
        out.append(unit)
    return out


def staged(model, elements):
    """Staged level, its name, limiting and unassessed elements."""
    unassessed = [e["id"] for e in elements if e["n"] == 0]
    if unassessed:
        return None, None, [], unassessed
    low = min(e["level"] for e in elements)
    name = next(b["name"] for b in model["bands"] if b["level"] == low)
    top = max(b["level"] for b in model["bands"])
    limiting = [] if low == top else \
        [e["id"] for e in elements if e["level"] == low]
    return low, name, limiting, []


def group_result(gid, members, model, quest, scale):
    lo, hi = scale
    size, bands = len(members), model["bands"]

    def unit(kind, uid):
        vals = [to_scale(rec["score"][kind][uid], lo, hi) for rec in members]
        res = scored_unit(vals, size, lo, hi, bands)
        res["id"] = uid
        return res

    elements = [unit("elements", e["id"]) for e in model["elements"]]
    dimensions = [unit("dimensions", d["id"]) for d in model["dimensions"]]
    overall = scored_unit([to_scale(rec["score"]["overall"], lo, hi)
                           for rec in members], size, lo, hi, bands)
    level, name, limiting, unassessed = staged(model, elements)
    overall.update(staged_level=level, staged_level_name=name,
                   limiting_elements=limiting, unassessed_elements=unassessed)
    return {"id": gid, "n": size, "overall": overall,
            "dimensions": dimensions, "elements": elements,
            "items": group_items(quest, members)}


def compute(records, model, quest, params):
    """Score every record and build the groups, as the report would."""
    scale = score_scale(quest)
    scored, rejected = [], 0
    for rec in records:
        if rec["invalid"] is not None:
            rejected += 1
            continue
        rec["score"] = score_respondent(rec, quest, model, params)
        if rec["score"]["answered"] == 0:
            rejected += 1
            continue
        scored.append(rec)
    by_group = {}
    for rec in scored:
        by_group.setdefault(rec["group"], []).append(rec)
    groups = [group_result(g, by_group[g], model, quest, scale)
              for g in sorted(by_group, key=lambda s: s.encode("utf-8"))]
    return {"parameters": dict(params, score_scale={"min": scale[0],
                                                    "max": scale[1]}),
            "respondents": {"read": len(records), "scored": len(scored),
                            "rejected": rejected},
            "groups": groups, "scored": scored, "scale": scale}


# ------------------------------------------------------------------ comparison

class Tally:
    def __init__(self, rel_tol):
        self.rel_tol = rel_tol
        self.passed = 0
        self.failed = 0

    def same(self, engine, check):
        if engine is None or check is None:
            return engine is None and check is None
        if isinstance(check, bool) or isinstance(engine, bool):
            return engine == check
        if isinstance(check, (int, float)) and \
                isinstance(engine, (int, float)):
            return math.isclose(engine, check, rel_tol=self.rel_tol,
                                abs_tol=ABS_TOL)
        return engine == check

    def figure(self, where, engine, check):
        if self.same(engine, check):
            self.passed += 1
            return
        self.failed += 1
        print("%s: engine %s, check %s" % (where, show(engine), show(check)))


def show(v):
    if v is None:
        return "null"
    if isinstance(v, float):
        return repr(v)
    return json.dumps(v) if isinstance(v, (list, dict, bool)) else str(v)


UNIT_FIELDS = ("n", "missing", "mean", "sd", "median", "min", "max",
               "percent", "level", "level_name")
OVERALL_FIELDS = UNIT_FIELDS + ("staged_level", "staged_level_name",
                                "limiting_elements", "unassessed_elements")
ITEM_FIELDS = ("n", "missing", "mean", "sd", "median", "min", "max",
               "percent", "element", "reverse")


def compare_fields(tally, where, engine, check, fields):
    for f in fields:
        tally.figure("%s/%s" % (where, f), engine.get(f), check.get(f))


def flatten_counts(counts, lo):
    """Engine item counts as {"1": n, ..., "na": n, ...} whatever the shape."""
    flat = {}
    if isinstance(counts, list):
        for i, c in enumerate(counts):
            if isinstance(c, dict):
                flat[str(int(c.get("value")))] = c.get("count")
            else:
                flat[str(lo + i)] = c
        return flat
    if isinstance(counts, dict):
        for k, v in counts.items():
            if isinstance(v, (dict, list)):
                flat.update(flatten_counts(v, lo))
            else:
                try:
                    flat[str(int(float(k)))] = v
                except ValueError:
                    flat[k] = v
    return flat


def compare_units(tally, gid, kind, engine_list, check_list, fields):
    engine_by_id = {u.get("id"): u for u in engine_list or []}
    for unit in check_list:
        where = "%s/%s" % (gid, unit["id"])
        eng = engine_by_id.get(unit["id"])
        if eng is None:
            tally.figure(where + "/present", "absent", kind)
            continue
        compare_fields(tally, where, eng, unit, fields)
        if kind == "item":
            lo = min(int(k) for k in unit["counts"] if k.lstrip("-").isdigit())
            flat = flatten_counts(eng.get("counts"), lo)
            for k, v in unit["counts"].items():
                tally.figure("%s/counts.%s" % (where, k), flat.get(k), v)


def compare_group(tally, eng, chk):
    gid = chk["id"]
    tally.figure("%s/-/n" % gid, eng.get("n"), chk["n"])
    compare_fields(tally, "%s/overall" % gid, eng.get("overall") or {},
                   chk["overall"], OVERALL_FIELDS)
    compare_units(tally, gid, "element", eng.get("elements"),
                  chk["elements"], UNIT_FIELDS)
    compare_units(tally, gid, "dimension", eng.get("dimensions"),
                  chk["dimensions"], UNIT_FIELDS)
    if "items" in eng:
        compare_units(tally, gid, "item", eng.get("items"), chk["items"],
                      ITEM_FIELDS)


def compare_report(tally, report, result):
    for f in ("read", "scored", "rejected"):
        tally.figure("respondents/-/%s" % f,
                     report.get("respondents", {}).get(f),
                     result["respondents"][f])
    sc = report.get("parameters", {}).get("score_scale", {})
    tally.figure("parameters/score_scale/min", sc.get("min"),
                 result["scale"][0])
    tally.figure("parameters/score_scale/max", sc.get("max"),
                 result["scale"][1])
    engine_groups = report.get("groups", [])
    tally.figure("groups/-/order", [g.get("id") for g in engine_groups],
                 [g["id"] for g in result["groups"]])
    by_id = {g.get("id"): g for g in engine_groups}
    for chk in result["groups"]:
        if chk["id"] in by_id:
            compare_group(tally, by_id[chk["id"]], chk)
        else:
            tally.figure("%s/-/present" % chk["id"], "absent", "group")


def parse_score(text):
    text = text.strip()
    return float(text) if text else None


def compare_respondents_csv(tally, path, result, model):
    try:
        with open(path, "r", encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        raise InputError("%s: %s" % (path, e))
    scored = result["scored"]
    tally.figure("respondents.csv/-/rows", len(rows), len(scored))
    lo, hi = result["scale"]
    for row, rec in zip(rows, scored):
        where = "respondents.csv/%s" % rec["id"]
        tally.figure(where + "/respondent", row.get("respondent"), rec["id"])
        tally.figure(where + "/group", row.get("group"), rec["group"])
        tally.figure(where + "/line", int(row.get("line") or -1), rec["line"])
        tally.figure(where + "/source",
                     os.path.basename(row.get("source") or ""),
                     os.path.basename(rec["source"]))
        units = [("elements", e["id"]) for e in model["elements"]] + \
                [("dimensions", d["id"]) for d in model["dimensions"]]
        for kind, uid in units:
            tally.figure("%s/%s" % (where, uid), parse_score(row.get(uid, "")),
                         to_scale(rec["score"][kind][uid], lo, hi))
        tally.figure(where + "/overall", parse_score(row.get("overall", "")),
                     to_scale(rec["score"]["overall"], lo, hi))


# ------------------------------------------------------------------------ main

def respondent_rows(result, model):
    """Each scored respondent's scores on the score scale, in input order."""
    lo, hi = result["scale"]
    rows = []
    for rec in result["scored"]:
        sc = rec["score"]
        scores = {e["id"]: to_scale(sc["elements"][e["id"]], lo, hi)
                  for e in model["elements"]}
        scores.update({d["id"]: to_scale(sc["dimensions"][d["id"]], lo, hi)
                       for d in model["dimensions"]})
        scores["overall"] = to_scale(sc["overall"], lo, hi)
        rows.append({"respondent": rec["id"], "source": rec["source"],
                     "line": rec["line"], "group": rec["group"],
                     "scores": scores})
    return rows


def dump(result, model):
    out = {"parameters": result["parameters"],
           "respondents": result["respondents"],
           "groups": result["groups"],
           "respondent_scores": respondent_rows(result, model)}
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Check a semm report.json against an independent "
                    "re-implementation of the scoring rules.")
    p.add_argument("--model", required=True)
    p.add_argument("--questionnaire", required=True)
    p.add_argument("--report", help="the engine's report.json")
    p.add_argument("--respondents", help="the engine's respondents.csv")
    p.add_argument("--group-by", help="grouping column (default: the "
                   "report's, else the organization column)")
    p.add_argument("--tolerance", type=float, default=DEFAULT_REL_TOL,
                   help="relative tolerance (default 1e-9)")
    p.add_argument("--dump", action="store_true",
                   help="print the computed figures as JSON; no report needed")
    p.add_argument("--na-policy", choices=NA_POLICIES,
                   help="with --dump and no report: N/A policy")
    p.add_argument("--na-anchor-percent", type=float,
                   help="with --dump and no report: anchor percent")
    p.add_argument("--coverage-min", type=float,
                   help="with --dump and no report: coverage minimum")
    p.add_argument("responses", nargs="+", help="response CSV files")
    args = p.parse_args(argv)
    if not args.dump and not args.report:
        p.error("--report is required unless --dump is given")
    return args


def run(args):
    model = load_model(args.model)
    quest = load_questionnaire(args.questionnaire, model)
    report = load_json(args.report) if args.report else None
    params = resolve_parameters(args, report, model, quest)
    if params["na_policy"] not in NA_POLICIES:
        raise InputError("unknown na_policy %r" % params["na_policy"])
    records = []
    for path in args.responses:
        records.extend(read_csv_file(path, quest, params["group_by"]))
    result = compute(records, model, quest, params)
    if args.dump:
        dump(result, model)
        if report is None:
            return 0
    tally = Tally(args.tolerance)
    compare_report(tally, report, result)
    if args.respondents:
        compare_respondents_csv(tally, args.respondents, result, model)
    print("%d passed, %d failed" % (tally.passed, tally.failed))
    return 0 if tally.failed == 0 and tally.passed > 0 else 1


def main(argv=None):
    args = parse_args(argv)
    try:
        return run(args)
    except InputError as e:
        print("check_report.py: %s" % e, file=sys.stderr)
        return 2
    except (KeyError, TypeError, ValueError) as e:
        print("check_report.py: unusable input: %s: %s"
              % (type(e).__name__, e), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
