#!/usr/bin/env python3
"""Checks the SPSS and Stata fixtures of tests/data/exports/ by a second
method: Debian's readstat tool dumps each file (its data as CSV, its
dictionary as JSON through extract_metadata), and the dump must say what
tests/data/exports/numeric.csv and the shipped questionnaire say. Nothing
of semm reads the files here.

For each file: the variables in the order the tool exports them, each
variable label, the respondent ids and organizations, every answer as
its code (1..5, N/A 6, don't know 7, blank missing), and the value labels
of every item (the scale's words, "N/A", "Don't know"). For Qualtrics,
also the labelled codes of Status and Finished as Qualtrics writes them.

Usage: sav_fixtures.py QUESTIONNAIRE NUMERIC_CSV DIR READSTAT EXTRACT_METADATA
"""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

QUESTION = "To what extent is each statement true of our organization?"
QUALTRICS_META = [
    ("StartDate", "Start Date"), ("EndDate", "End Date"),
    ("Status", "Response Type"), ("IPAddress", "IP Address"),
    ("Progress", "Progress"),
    ("Duration__in_seconds_", "Duration (in seconds)"),
    ("Finished", "Finished"), ("RecordedDate", "Recorded Date"),
    ("ResponseId", "Response ID"),
    ("RecipientLastName", "Recipient Last Name"),
    ("RecipientFirstName", "Recipient First Name"),
    ("RecipientEmail", "Recipient Email"),
    ("ExternalReference", "External Data Reference"),
    ("LocationLatitude", "Location Latitude"),
    ("LocationLongitude", "Location Longitude"),
    ("DistributionChannel", "Distribution Channel"),
    ("UserLanguage", "User Language"),
    ("organization", "Which organization do you work for?"),
]
QUALTRICS_STATUS = {0: "IP Address", 1: "Survey Preview", 2: "Survey Test",
                    4: "Imported", 8: "Spam", 9: "Survey Preview Spam",
                    12: "Imported Spam", 16: "Offline",
                    17: "Offline Survey Preview", 32: "EX", 40: "EX Spam",
                    48: "EX Offline"}
LIMESURVEY_META = [
    ("id", "Response ID"), ("submitdate", "Date submitted"),
    ("lastpage", "Last page"), ("startlanguage", "Start language"),
    ("seed", "Seed"),
    ("organization", "Which organization do you work for?"),
]

problems = []


def problem(where, what):
    problems.append(f"{where}: {what}")


def load_expectations(questionnaire, numeric_csv):
    with open(questionnaire, encoding="utf-8") as f:
        q = json.load(f)
    scale = q["scales"][0]
    words = {l["value"]: l["label"] for l in scale["labels"]}
    words[6] = scale["na"][0]
    words[7] = scale["dont_know"][0]
    codes = {scale["na"][0]: "6", scale["dont_know"][0]: "7", "": ""}
    with open(numeric_csv, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    items = [(it["id"], it["text"]) for it in q["items"]]
    if header[2:] != [i for i, _ in items]:
        sys.exit("numeric.csv's items are not the questionnaire's")
    people = [(r[0], r[1], [codes.get(c, c) for c in r[2:]]) for r in body]
    return items, words, people


def dump(path, readstat, extract):
    data = subprocess.run([readstat, path, "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        # extract_metadata goes by the name and knows .sav, not .zsav
        # (whose dictionary libreadstat's .sav parser reads all the same)
        ending = ".dta" if path.endswith(".dta") else ".sav"
        copy = os.path.join(tmp, "input" + ending)
        meta_path = os.path.join(tmp, "meta.json")
        shutil.copyfile(path, copy)
        subprocess.run([extract, copy, meta_path], check=True,
                       capture_output=True)
        with open(meta_path, encoding="utf-8") as f:
            meta = json.loads(f.read(), strict=False)
    rows = list(csv.reader(io.StringIO(data)))
    return rows[0], rows[1:], {v["name"]: v for v in meta["variables"]}


def number(cell):
    """readstat writes numbers as 3.000000, a missing number as empty."""
    return "" if cell == "" else "%g" % float(cell)


def check_labels(where, var, want):
    got = {int(c["code"]): c["label"] for c in var.get("categories", [])}
    if got != want:
        problem(where, f"value labels of {var['name']}: {got} != {want}")


def check_file(path, layout, items, words, people, tools):
    where = os.path.basename(path)
    header, rows, meta = dump(path, *tools)
    if layout == "qualtrics":
        names = QUALTRICS_META + [
            (f"Q1_{k + 1}", f"{QUESTION} - {text}")
            for k, (_, text) in enumerate(items)]
        id_col, org_col, first_item = "ResponseId", "organization", 18
    elif layout == "limesurvey":
        names = LIMESURVEY_META + [
            (f"G1Q1_{i}", f"[{text}] {QUESTION}") for i, text in items]
        id_col, org_col, first_item = "id", "organization", 6
    else:
        names = [("respondent_id", "Respondent"),
                 ("organization", "Organization")] + list(items)
        id_col, org_col, first_item = "respondent_id", "organization", 2
    if header != [n for n, _ in names]:
        problem(where, f"variables {header} != {[n for n, _ in names]}")
        return
    for name, label in names:
        if meta[name].get("label") != label:
            problem(where, f"label of {name}: {meta[name].get('label')!r}")
    if len(rows) != len(people):
        problem(where, f"{len(rows)} records, numeric.csv has {len(people)}")
        return
    col = {n: k for k, (n, _) in enumerate(names)}
    for r, (rid, org, codes) in zip(rows, people):
        got_id = number(r[col[id_col]]) if layout == "limesurvey" \
            else r[col[id_col]]
        if got_id != rid or r[col[org_col]] != org:
            problem(where, f"record {rid}: id/organization {got_id!r}, "
                    f"{r[col[org_col]]!r}")
        got = [number(c) for c in r[first_item:]]
        if got != codes:
            problem(where, f"record {rid}: answers {got} != {codes}")
    for name, _ in names[first_item:]:
        check_labels(where, meta[name], words)
    if layout == "qualtrics":
        check_labels(where, meta["Status"], QUALTRICS_STATUS)
        check_labels(where, meta["Finished"], {0: "False", 1: "True"})
        for r in rows:
            if number(r[col["Status"]]) != "0" or \
                    number(r[col["Finished"]]) != "1":
                problem(where, "a response is not an ordinary finished one")


def main():
    questionnaire, numeric_csv, folder, readstat, extract = sys.argv[1:6]
    items, words, people = load_expectations(questionnaire, numeric_csv)
    files = [("qualtrics.sav", "qualtrics"), ("qualtrics.zsav", "qualtrics"),
             ("limesurvey.sav", "limesurvey"), ("numeric.dta", "plain")]
    for name, layout in files:
        check_file(os.path.join(folder, name), layout, items, words, people,
                   (readstat, extract))
    for p in problems:
        print("FAIL", p)
    print(f"{len(files)} files checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
