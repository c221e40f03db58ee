#!/usr/bin/env python3
"""The shipped example scored from the written rules alone (docs/SCORING.md:
sections 1-4, "Scope" and "Implementation stage"), without the engine:
reads the model, the questionnaire and the example CSV, and prints the
figures of expected.json (--json) or the tables of EXPECTED.md (--md).

Runs: the whole model, and the scope D1,E5,E6; both with the target
L4 (60 %) for every element, so that each group has a roadmap.
"""
import csv
import json
import sys
from fractions import Fraction

ROOT = sys.argv[2] if len(sys.argv) > 2 else "."
MODEL = json.load(open(ROOT + "/models/iso23592.json"))
QUEST = json.load(open(ROOT + "/questionnaires/iso23592-self-assessment.json"))
ROWS = list(csv.DictReader(open(ROOT + "/questionnaires/examples/iso23592-example.csv",
                                newline="", encoding="utf-8")))

DIMS = [(d["id"], [e["id"] for e in d["elements"]]) for d in MODEL["dimensions"]]
ELEMS = [e for _, es in DIMS for e in es]
BANDS = [(b["level"], b["name"], b["min"], b["max"]) for b in MODEL["levels"]["bands"]]
STAGES = MODEL["implementation_stages"]
COVERAGE = Fraction(QUEST["coverage_min"]).limit_denominator()
SCALE = QUEST["scales"][0]
MISSING = set(SCALE["na"]) | set(SCALE["dont_know"]) | {""}
TARGET = 60  # L4's lower bound: --target '*=L4'


def item_u(item, cell):
    """u on the unit interval, exact, or None (N/A, don't know, blank:
    missing under the exclude policy)."""
    if cell in MISSING:
        return None
    x = int(cell)
    if item["reverse"]:
        x = 1 + 5 - x
    return Fraction(x - 1, 4)


def respondent(row, in_scope):
    answered = 0
    elem = {}
    for e in ELEMS:
        items = [i for i in QUEST["items"] if i["element"] == e]
        vals = [(item_u(i, row[i["id"]]), i["weight"]) for i in items]
        have = [(u, w) for u, w in vals if u is not None]
        answered += len(have)
        if e in in_scope and len(have) >= COVERAGE * len(items):
            elem[e] = sum(u * w for u, w in have) / sum(w for _, w in have)
    dim = {}
    dims_in = [d for d, es in DIMS if any(e in in_scope for e in es)]
    for d, es in DIMS:
        es_in = [e for e in es if e in in_scope]
        have = [elem[e] for e in es_in if e in elem]
        if es_in and len(have) >= COVERAGE * len(es_in):
            dim[d] = sum(have) / len(have)  # element weights are all 1
    have = [dim[d] for d in dims_in if d in dim]
    overall = (sum(have) / len(have)
               if len(have) >= COVERAGE * len(dims_in) else None)
    return answered, elem, dim, overall


def level(p):
    for lv, name, lo, hi in BANDS:
        if p >= lo - 1e-9 and (p < hi - 1e-9 or hi == 100):
            return lv
    raise ValueError(p)


def percent(vals):
    """Group mean of respondent scores (on 1..5) as a percent."""
    if not vals:
        return None
    m = sum(1 + 4 * v for v in vals) / len(vals)
    return float((m - 1) / 4 * 100)


def stage_of(lv):
    if lv < STAGES["implementation_level"]:
        return "pre-implementation"
    if lv < STAGES["post_implementation_level"]:
        return "implementation"
    return "post-implementation"


def score(in_scope):
    groups = {}
    for row in ROWS:
        groups.setdefault(row["organization"], []).append(row)
    out = {}
    for g in sorted(groups, key=lambda s: s.encode()):
        scored = [respondent(r, in_scope) for r in groups[g]]
        scored = [s for s in scored if s[0] > 0]
        el = {e: percent([s[1][e] for s in scored if e in s[1]]) for e in ELEMS}
        dm = {d: percent([s[2][d] for s in scored if d in s[2]]) for d, _ in DIMS}
        ov = percent([s[3] for s in scored if s[3] is not None])
        lv = {e: (level(p) if p is not None else None) for e, p in el.items()}
        inl = [lv[e] for e in ELEMS if e in in_scope]
        staged = None if None in inl else min(inl)
        top = BANDS[-1][0]
        limiting = ([e for e in ELEMS if e in in_scope and lv[e] == staged]
                    if staged is not None and staged < top else [])
        found = [e for e in STAGES["foundation"] if e in in_scope]
        if staged is None:
            st, why, who = None, "unassessed", None
        elif staged >= STAGES["post_implementation_level"]:
            st, why, who = "post-implementation", "all_deployed", None
        elif any(lv[e] < STAGES["implementation_level"] for e in found):
            who = next(e for e in ELEMS if e in found
                       and lv[e] < STAGES["implementation_level"])
            st, why = "pre-implementation", "foundation_below"
        elif not found and level(ov) < STAGES["implementation_level"]:
            st, why, who = "pre-implementation", "profile_below", None
        else:
            who = next(e for e in ELEMS if e in in_scope
                       and lv[e] < STAGES["post_implementation_level"])
            st, why = "implementation", "deployment_incomplete"
        below = [e for e in ELEMS if e in in_scope and el[e] < TARGET]
        below.sort(key=lambda e: -(TARGET - el[e]))  # stable: model order
        roadmap = {s: [e for e in below if stage_of(lv[e]) == s]
                   for s in ("pre-implementation", "implementation",
                             "post-implementation")}
        out[g] = {
            "n": len(scored),
            "overall": {"percent": ov, "level": level(ov) if ov is not None else None,
                        "staged_level": staged, "limiting_elements": limiting},
            "stage": {"stage": st, "reason": why, "element": who},
            "dimensions": {d: {"in_scope": any(e in in_scope for e in es),
                               "percent": dm[d],
                               "level": level(dm[d]) if dm[d] is not None else None}
                           for d, es in DIMS},
            "elements": {e: {"in_scope": e in in_scope, "percent": el[e],
                             "level": lv[e]} for e in ELEMS},
            "roadmap": roadmap,
        }
    return out


RUNS = {
    "whole": set(ELEMS),
    "D1,E5,E6": {"E1", "E2", "E5", "E6"},
}


def fmt(p):
    return "—" if p is None else "%.4f" % p


def markdown(res):
    for run, groups in res.items():
        print("\n### Run: %s\n" % run)
        print("| group | n | overall % | level | staged | limiting | stage (reason, element) |")
        print("|---|---|---|---|---|---|---|")
        for g, r in groups.items():
            o, s = r["overall"], r["stage"]
            print("| %s | %d | %s | %s | %s | %s | %s (%s%s) |" % (
                g, r["n"], fmt(o["percent"]), o["level"], o["staged_level"],
                " ".join(o["limiting_elements"]) or "—", s["stage"], s["reason"],
                ", " + s["element"] if s["element"] else ""))
        print("\n| group | " + " | ".join(d for d, _ in DIMS) + " | " +
              " | ".join(ELEMS) + " |")
        print("|---|" + "---|" * (len(DIMS) + len(ELEMS)))
        for g, r in groups.items():
            cells = []
            for d, _ in DIMS:
                u = r["dimensions"][d]
                cells.append("not in scope" if not u["in_scope"] else
                             "%s L%s" % (fmt(u["percent"]), u["level"]))
            for e in ELEMS:
                u = r["elements"][e]
                cells.append("not in scope" if not u["in_scope"] else
                             "%s L%s" % (fmt(u["percent"]), u["level"]))
            print("| %s | %s |" % (g, " | ".join(cells)))
        print("\n| group | roadmap: pre-implementation | implementation | post-implementation |")
        print("|---|---|---|---|")
        for g, r in groups.items():
            m = r["roadmap"]
            print("| %s | %s |" % (g, " | ".join(" ".join(m[s]) or "—" for s in m)))


if __name__ == "__main__":
    res = {run: score(scope) for run, scope in RUNS.items()}
    if sys.argv[1:2] == ["--md"]:
        markdown(res)
    else:
        json.dump(res, sys.stdout, indent=2, ensure_ascii=False)
        print()
