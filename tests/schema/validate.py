#!/usr/bin/env python3
"""Checks semm's files against the JSON Schemas in docs/schema.

usage: validate.py SEMM_BINARY

1. Each schema must itself be a valid draft 2020-12 schema.
2. The shipped files must validate: models/*.json, questionnaires/*.json,
   the hand-worked model and questionnaire, the JSON responses example
   (as a document and as a bare array), the mapping files of
   tests/data/exports, and the mapping stubs `semm mapping init` writes
   for each export there.
3. Reports must validate: semm is run, into a temporary folder, on every
   shipped example, on the hand-worked example, on a copy of it with
   rejected respondents, on the JSON responses example and on a single
   respondent without grouping (where most figures are null); the golden
   reports of the end-to-end cases are checked too.
4. The schemas must have teeth: broken copies of valid files, made here in
   memory, must fail.

Prints one line per check (PASS, FAIL, or SKIP for an example file that
no shipped questionnaire fits) and closes with "N passed, M failed"; the
exit code is 1 when any check failed. Needs python3 and the jsonschema module
(Debian: python3-jsonschema).
"""

import copy
import json
import os
import subprocess
import sys
import tempfile

try:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError, best_match
except ImportError:
    print("validate.py: the python module jsonschema is missing "
          "(Debian: apt-get install python3-jsonschema)", file=sys.stderr)
    sys.exit(1)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
SCHEMA_DIR = os.path.join(ROOT, "docs", "schema")
HANDWORKED = os.path.join("tests", "data", "handworked")
RESPONSES_EXAMPLE = os.path.join("tests", "data", "responses-example.json")
RUN_TIMEOUT = 120

passed = 0
failed = 0
skipped = 0


def result(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("PASS " + what)
    else:
        failed += 1
        print("FAIL " + what + (": " + detail if detail else ""))


def skip(what):
    global skipped
    skipped += 1
    print("SKIP " + what)


def summary():
    print("%d passed, %d failed" % (passed, failed) +
          (", %d skipped" % skipped if skipped else ""))


def load(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return json.load(f)


def first_error(validator, doc):
    """The most telling validation error as one line, or None."""
    err = best_match(validator.iter_errors(doc))
    if err is None:
        return None
    where = "$" + "".join("[%d]" % p if isinstance(p, int) else "." + str(p)
                          for p in err.absolute_path)
    return "%s: %s" % (where, err.message[:300])


def check_file(validator, path, kind):
    try:
        doc = load(path)
    except (OSError, ValueError) as e:
        result(False, "%s %s" % (kind, path), "cannot read: %s" % e)
        return None
    err = first_error(validator, doc)
    result(err is None, "%s %s" % (kind, path), err or "")
    return doc


def check_doc(validator, doc, what):
    err = first_error(validator, doc)
    result(err is None, what, err or "")


def must_fail(validator, doc, what):
    """A deliberately broken document: passing validation is a failure."""
    err = first_error(validator, doc)
    result(err is not None, "broken %s is rejected" % what,
           "" if err else "the schema accepts it")


def listdir(path, suffix):
    full = os.path.join(ROOT, path)
    if not os.path.isdir(full):
        return []
    return sorted(os.path.join(path, n) for n in os.listdir(full)
                  if n.endswith(suffix)
                  and os.path.isfile(os.path.join(full, n)))


def run_semm(semm, out, args, what):
    """Runs semm score into out; returns the report path or None."""
    cmd = [semm, "score", "--quiet", "-o", out] + args
    try:
        p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=RUN_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as e:
        result(False, "run %s" % what, str(e))
        return None
    report = os.path.join(out, "report.json")
    if p.returncode != 0 or not os.path.isfile(report):
        msg = p.stderr.decode("utf-8", "replace").strip().splitlines()
        result(False, "run %s" % what, "exit %d: %s" % (
            p.returncode, msg[0] if msg else "no report.json"))
        return None
    return report


def check_report(validator, semm, tmp, name, args):
    out = tempfile.mkdtemp(prefix="report-", dir=tmp)
    report = run_semm(semm, out, args, name)
    if report is None:
        return None
    with open(report, encoding="utf-8") as f:
        doc = json.load(f)
    check_doc(validator, doc, "report %s" % name)
    return doc


def example_columns(path):
    """The column names (CSV header) or member names (JSON answers) of a
    response file, lower-cased and stripped."""
    full = os.path.join(ROOT, path)
    if path.endswith(".json"):
        with open(full, encoding="utf-8") as f:
            doc = json.load(f)
        rows = doc.get("respondents", []) if isinstance(doc, dict) else doc
        names = set()
        for r in rows if isinstance(rows, list) else []:
            if isinstance(r, dict):
                names.update(k for k in r if k != "answers")
                if isinstance(r.get("answers"), dict):
                    names.update(r["answers"])
        return {n.strip().lower() for n in names}
    with open(full, encoding="utf-8-sig", newline="") as f:
        line = f.readline()
    delim = max(",;\t", key=line.count)
    return {c.strip().strip('"').strip().lower()
            for c in line.rstrip("\r\n").split(delim)}


def example_questionnaires(example, questionnaires):
    """The shipped questionnaires an example file answers: those all of
    whose item ids are among its columns."""
    try:
        cols = example_columns(example)
    except (OSError, ValueError):
        return []
    found = []
    for path, q in questionnaires:
        items = [i.get("id") for i in q.get("items", [])
                 if isinstance(i, dict)]
        if items and all(isinstance(i, str) and i.strip().lower() in cols
                         for i in items):
            found.append(path)
    return found


def mutate(doc, change):
    d = copy.deepcopy(doc)
    change(d)
    return d


def model_teeth(v, model):
    def no_max(d):
        del d["levels"]["bands"][0]["max"]

    def bad_policy(d):
        d.setdefault("scoring", {})["na_policy"] = "ignore"

    def zero_weight(d):
        d["dimensions"][0]["elements"][0]["weight"] = 0

    def typo(d):
        d["dimensions"][0]["wieght"] = 2

    def first_min(d):
        d["levels"]["bands"][0]["min"] = 5

    def no_100(d):
        d["levels"]["bands"][-1]["max"] = 99

    def format2(d):
        d["format"] = "semm-model/2"

    def coverage(d):
        d.setdefault("scoring", {})["coverage_min"] = 1.5

    def descriptor_key(d):
        d["dimensions"][0]["elements"][0]["descriptors"] = {"one": "x"}

    def empty_id(d):
        d["dimensions"][0]["id"] = ""

    def translation_typo(d):
        d["dimensions"][0]["i18n"] = {"de": {"nmae": "x"}}

    def translated_descriptor_key(d):
        d["dimensions"][0]["elements"][0]["i18n"] = {
            "de": {"descriptors": {"one": "x"}}}

    def language_twice(d):
        d["languages"] = ["en", "en"]

    for what, change in [
            ("model: a band without max", no_max),
            ("model: na_policy \"ignore\"", bad_policy),
            ("model: an element of weight 0", zero_weight),
            ("model: a misspelt dimension member", typo),
            ("model: the first band starting at 5", first_min),
            ("model: no band ending at 100", no_100),
            ("model: format semm-model/2", format2),
            ("model: coverage_min 1.5", coverage),
            ("model: a descriptor keyed \"one\"", descriptor_key),
            ("model: an empty dimension id", empty_id),
            ("model: a misspelt translated member", translation_typo),
            ("model: a translated descriptor keyed \"one\"",
             translated_descriptor_key),
            ("model: a language listed twice", language_twice)]:
        must_fail(v, mutate(model, change), what)


def questionnaire_teeth(v, q):
    def no_element(d):
        del d["items"][0]["element"]

    def reverse_text(d):
        d["items"][0]["reverse"] = "yes"

    def unknown_role(d):
        d.setdefault("metadata", {})["team"] = {"column": "team"}

    def fractional_min(d):
        d["scales"][0]["min"] = 1.5

    def no_items(d):
        d["items"] = []

    def blank_code(d):
        d["scales"][0]["na"] = ["  "]

    def no_model(d):
        del d["model"]

    def no_languages(d):
        d["languages"] = []

    def translation_number(d):
        d["items"][0]["i18n"] = {"de": 5}

    for what, change in [
            ("questionnaire: an item without element", no_element),
            ("questionnaire: reverse \"yes\"", reverse_text),
            ("questionnaire: an unknown metadata role", unknown_role),
            ("questionnaire: a scale min of 1.5", fractional_min),
            ("questionnaire: no items", no_items),
            ("questionnaire: a blank N/A code", blank_code),
            ("questionnaire: no model", no_model),
            ("questionnaire: an empty languages list", no_languages),
            ("questionnaire: a translation that is a number",
             translation_number)]:
        must_fail(v, mutate(q, change), what)


def responses_teeth(v, r):
    def format2(d):
        d["format"] = "semm-responses/2"

    def empty(d):
        d["respondents"] = []

    def boolean(d):
        d["respondents"][0]["answers"]["A1"] = True

    def fraction(d):
        d["respondents"][0]["answers"]["A1"] = 3.5

    def answers_array(d):
        d["respondents"][0]["answers"] = [4, 2]

    def not_object(d):
        d["respondents"].append("R-9")

    for what, change in [
            ("responses: format semm-responses/2", format2),
            ("responses: no respondents", empty),
            ("responses: an answer true", boolean),
            ("responses: an answer 3.5", fraction),
            ("responses: answers as an array", answers_array),
            ("responses: a respondent that is a string", not_object)]:
        must_fail(v, mutate(r, change), what)
    must_fail(v, mutate(r, not_object)["respondents"],
              "responses: a bare array holding a string")


def mapping_teeth(v, m):
    def format2(d):
        d["format"] = "semm-mapping/2"

    def number_target(d):
        d["columns"]["Item 1"] = 5

    def entry_typo(d):
        d["columns"]["Item 1"] = {"itme": "Q01"}

    def column0(d):
        d["columns"]["Item 1"] = {"item": "Q01", "column": 0}

    def seen_text(d):
        d["columns"]["Item 1"] = {"item": "Q01", "answers_seen": "Agree"}

    def more_negative(d):
        d["columns"]["Item 1"] = {"item": None, "answers_more": -1}

    def answer_text(d):
        d["answers"]["Agree"] = "four"

    def extra(d):
        d["mapping"] = {}

    def respondent_null(d):
        d["respondent"] = None

    for what, change in [
            ("mapping: format semm-mapping/2", format2),
            ("mapping: a column mapped to a number", number_target),
            ("mapping: a misspelt entry member", entry_typo),
            ("mapping: column 0", column0),
            ("mapping: answers_seen as a string", seen_text),
            ("mapping: answers_more -1", more_negative),
            ("mapping: an answer's value as text", answer_text),
            ("mapping: an unknown top-level member", extra),
            ("mapping: respondent null", respondent_null)]:
        must_fail(v, mutate(m, change), what)


def mapping_stubs(v, semm):
    """semm mapping init on every shipped export: the stub validates."""
    exports = os.path.join("tests", "data", "exports")
    presets = {"qualtrics.csv": "qualtrics", "limesurvey.csv": "limesurvey",
               "google-forms.csv": "google-forms",
               "ms-forms.csv": "ms-forms"}
    for path in listdir(exports, ".csv"):
        cmd = [semm, "mapping", "init", "-q", "iso23592-self-assessment"]
        preset = presets.get(os.path.basename(path))
        if preset:
            cmd += ["--preset", preset]
        try:
            p = subprocess.run(cmd + [path], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=RUN_TIMEOUT)
            doc = json.loads(p.stdout.decode("utf-8")) \
                if p.returncode == 0 else None
        except (OSError, ValueError, subprocess.TimeoutExpired) as e:
            result(False, "mapping stub of %s" % path, str(e))
            continue
        if doc is None:
            msg = p.stderr.decode("utf-8", "replace").strip()
            result(False, "mapping stub of %s" % path,
                   "exit %d: %s" % (p.returncode, msg))
            continue
        check_doc(v, doc, "mapping stub of %s" % path)


def report_teeth(v, rep):
    def read_string(d):
        d["respondents"]["read"] = str(d["respondents"]["read"])

    def no_staged(d):
        del d["groups"][0]["overall"]["staged_level"]

    def extra(d):
        d["extra"] = 1

    def item_level(d):
        d["groups"][0]["items"][0]["level"] = 3

    def element_typo(d):
        d["groups"][0]["elements"][0]["levle"] = 3

    def rwg(d):
        d["groups"][0]["elements"][0]["agreement"]["rwg_j"] = 1.5

    def ci3(d):
        d["groups"][0]["overall"]["ci95"] = [1, 2, 3]

    def policy(d):
        d["parameters"]["na_policy"] = "ignore"

    def column0(d):
        d["rejected"] = [{"source": "x.csv", "line": 2, "column": 0,
                          "respondent": None, "reason": "bad"}]

    def percent(d):
        d["groups"][0]["overall"]["percent"] = 101

    def no_methods(d):
        del d["methods"]

    def preset(d):
        d["parameters"]["preset"] = "surveymonkey"

    for what, change in [
            ("report: respondents.read as a string", read_string),
            ("report: overall without staged_level", no_staged),
            ("report: an unknown top-level member", extra),
            ("report: an item with a level", item_level),
            ("report: a misspelt element member", element_typo),
            ("report: rwg_j 1.5", rwg),
            ("report: a ci95 of three numbers", ci3),
            ("report: na_policy \"ignore\"", policy),
            ("report: a rejection in column 0", column0),
            ("report: percent 101", percent),
            ("report: no methods", no_methods),
            ("report: an unknown preset", preset)]:
        must_fail(v, mutate(rep, change), what)


def is_ratings(path):
    try:
        doc = load(path)
    except (OSError, ValueError):
        return False
    return isinstance(doc, dict) and doc.get("format") == "semm-ratings/1"


def ratings_reports(vp, vrat, semm, tmp, ratings):
    """Each ratings example validates, and so do the reports scored with
    it: beside the shipped survey example, and alone. Returns the first
    (ratings document, report) for the teeth."""
    first = None
    for path in ratings:
        doc = check_file(vrat, path, "ratings")
        q = os.path.join("questionnaires", "iso23592-self-assessment.json")
        survey = os.path.join("questionnaires", "examples",
                              "iso23592-example.csv")
        name = os.path.basename(path)
        both = check_report(vp, semm, tmp, "ratings %s with the survey" % name,
                            ["-q", q, "--ratings", path, survey])
        check_report(vp, semm, tmp, "ratings %s alone" % name,
                     ["-q", q, "--ratings", path])
        if both is not None:
            result("ratings" in both and
                   len(both["ratings"]["organizations"]) == 1,
                   "report with %s has its ratings section" % name)
        if first is None and doc is not None and both is not None:
            first = (doc, both)
    result(bool(ratings), "ratings examples: %d" % len(ratings),
           "no semm-ratings/1 file in questionnaires/examples")
    return first


def ratings_teeth(vrat, vp, rated):
    doc, rep = rated

    def both(d):
        d["ratings"][0]["percent"] = 50
        d["ratings"][0]["level"] = 3

    def neither(d):
        d["ratings"][0].pop("level", None)
        d["ratings"][0].pop("percent", None)

    def role(d):
        d["assessors"][0]["role"] = "auditor"

    def date(d):
        d["ratings"][0]["date"] = "02/03/2026"

    def no_evidence(d):
        del d["ratings"][0]["evidence"]

    def percent(d):
        d["ratings"][0].pop("level", None)
        d["ratings"][0]["percent"] = 101

    for what, change in [
            ("ratings: level and percent", both),
            ("ratings: neither level nor percent", neither),
            ("ratings: an unknown role", role),
            ("ratings: a date not ISO 8601", date),
            ("ratings: no evidence", no_evidence),
            ("ratings: percent 101", percent)]:
        must_fail(vrat, mutate(doc, change), what)

    def typo(d):
        d["ratings"]["organizations"][0]["elements"][0]["ratings"][0][
            "evidance"] = "x"

    def disagree_text(d):
        d["ratings"]["organizations"][0]["elements"][0]["disagree"] = "no"

    for what, change in [
            ("report: a misspelt rating member", typo),
            ("report: disagree as text", disagree_text)]:
        must_fail(vp, mutate(rep, change), what)


def main():
    if len(sys.argv) != 2:
        print("usage: validate.py SEMM_BINARY", file=sys.stderr)
        return 2
    semm = os.path.abspath(sys.argv[1])

    validators = {}
    for kind in ("model", "questionnaire", "responses", "report", "mapping",
                 "ratings"):
        path = os.path.join("docs", "schema", kind + ".schema.json")
        try:
            schema = load(path)
            Draft202012Validator.check_schema(schema)
            ok = schema.get("$schema") == \
                "https://json-schema.org/draft/2020-12/schema"
            result(ok, "schema %s" % path,
                   "" if ok else "$schema is not draft 2020-12")
            validators[kind] = Draft202012Validator(schema)
        except (OSError, ValueError, SchemaError) as e:
            result(False, "schema %s" % path, str(e).splitlines()[0])
    if len(validators) != 6:
        summary()
        return 1
    vm, vq = validators["model"], validators["questionnaire"]
    vr, vp = validators["responses"], validators["report"]
    vmap = validators["mapping"]
    vrat = validators["ratings"]

    # ---- shipped and test input files
    for path in listdir("models", ".json"):
        check_file(vm, path, "model")
    hw_model = check_file(vm, os.path.join(HANDWORKED, "model.json"),
                          "model")
    questionnaires = []
    for path in listdir("questionnaires", ".json"):
        q = check_file(vq, path, "questionnaire")
        if q is not None:
            questionnaires.append((path, q))
    hw_q = check_file(vq, os.path.join(HANDWORKED, "questionnaire.json"),
                      "questionnaire")
    responses = check_file(vr, RESPONSES_EXAMPLE, "responses")
    if responses is not None:
        check_doc(vr, responses["respondents"],
                  "responses %s (as a bare array)" % RESPONSES_EXAMPLE)
    mappings = [check_file(vmap, path, "mapping")
                for path in listdir(os.path.join("tests", "data", "exports"),
                                    ".mapping.json")]
    mapping_stubs(vmap, semm)

    # ---- reports written by the engine
    hw_report = None
    with tempfile.TemporaryDirectory(prefix="semm-schema-") as tmp:
        examples = (listdir(os.path.join("questionnaires", "examples"),
                            ".csv") +
                    listdir(os.path.join("questionnaires", "examples"),
                            ".json"))
        ratings = [ex for ex in examples if is_ratings(ex)]
        examples = [ex for ex in examples if ex not in ratings]
        rated = ratings_reports(vp, vrat, semm, tmp, ratings)
        ran_examples = 0
        for ex in examples:
            qs = example_questionnaires(ex, questionnaires)
            if not qs:
                # e.g. a survey-tool export that needs --preset/--mapping
                skip("report for %s: no shipped questionnaire has all its "
                     "items among the file's columns" % ex)
            for qpath in qs:
                ran_examples += 1
                name = "example %s with %s" % (
                    os.path.basename(ex), os.path.basename(qpath))
                check_report(vp, semm, tmp, name, ["-q", qpath, ex])

        result(ran_examples > 0, "shipped examples scored: %d" % ran_examples,
               "no example in questionnaires/examples fits a shipped "
               "questionnaire")

        hw = ["-m", os.path.join(HANDWORKED, "model.json"),
              "-q", os.path.join(HANDWORKED, "questionnaire.json")]
        hw_report = check_report(vp, semm, tmp, "handworked",
                                 hw + [os.path.join(HANDWORKED,
                                                    "responses.csv")])

        # the hand-worked responses plus rows the engine must reject
        bad_csv = os.path.join(tmp, "rejects.csv")
        with open(os.path.join(ROOT, HANDWORKED, "responses.csv"),
                  encoding="utf-8") as f:
            text = f.read()
        if not text.endswith("\n"):
            text += "\n"
        text += ("X-1,Beta,9,2,5,4,4,3,4\n"
                 "X-2,Beta,2,2,maybe,4,4,3,4\n"
                 ",Beta,2,2,3,4,4,3,4\n"
                 "X-3,Alpha,2,2,3,4\n")
        with open(bad_csv, "w", encoding="utf-8") as f:
            f.write(text)
        rej = check_report(vp, semm, tmp, "handworked-with-rejects",
                           hw + [bad_csv])
        if rej is not None:
            n = rej.get("respondents", {}).get("rejected")
            result(n == 4 and len(rej.get("rejected", [])) == 4,
                   "report handworked-with-rejects lists 4 rejected",
                   "respondents.rejected is %r" % (n,))

        json_rep = check_report(vp, semm, tmp, "responses-example-json",
                                hw + [RESPONSES_EXAMPLE])
        if json_rep is not None:
            n = json_rep.get("respondents", {})
            result(n.get("rejected") == 0 and n.get("scored") == 4,
                   "report responses-example-json scores all 4",
                   "respondents is %r" % (n,))

        # one respondent and no grouping column: most figures are null
        if hw_q is not None:
            q1 = copy.deepcopy(hw_q)
            q1.get("metadata", {}).pop("organization", None)
            q1_path = os.path.join(tmp, "questionnaire-ungrouped.json")
            with open(q1_path, "w", encoding="utf-8") as f:
                json.dump(q1, f)
            one = os.path.join(tmp, "one.csv")
            with open(one, "w", encoding="utf-8") as f:
                f.write("id,A1,A2,B1,B2,B3,C1,C2\nS-1,4,2,5,N/A,4,3,\n")
            check_report(vp, semm, tmp, "single-respondent-ungrouped",
                         ["-m", os.path.join(HANDWORKED, "model.json"),
                          "-q", q1_path, one])

    # golden reports of the end-to-end cases
    cases = os.path.join(ROOT, "tests", "e2e", "cases")
    if os.path.isdir(cases):
        for case in sorted(os.listdir(cases)):
            rel = os.path.join("tests", "e2e", "cases", case, "expected",
                               "report.json")
            if os.path.isfile(os.path.join(ROOT, rel)):
                check_file(vp, rel, "golden report")

    # ---- the schemas have teeth
    if hw_model is not None:
        model_teeth(vm, hw_model)
    if hw_q is not None:
        questionnaire_teeth(vq, hw_q)
    if responses is not None:
        responses_teeth(vr, responses)
    if mappings and mappings[0] is not None:
        mapping_teeth(vmap, mappings[0])
    else:
        result(False, "broken mappings", "no mapping file to break")
    if rated is not None:
        ratings_teeth(vrat, vp, rated)
    else:
        result(False, "broken ratings", "no ratings example to break")
    if hw_report is not None:
        report_teeth(vp, hw_report)
    else:
        result(False, "broken reports", "no hand-worked report to break")

    summary()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
