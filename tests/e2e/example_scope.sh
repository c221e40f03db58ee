#!/usr/bin/env bash
# The shipped example scored over the whole model and over the scope
# D1,E5,E6 (both with the target L4 for every element) gives the figures
# worked out from the written rules in tests/data/example_scope
# (EXPECTED.md, expected.json, made by compute.py without the engine):
# overall, dimension and element percents and levels, staged level,
# limiting elements, the implementation stage and the roadmap.
# Run from the repository root: example_scope.sh SEMM PYTHON
set -eu
semm=$1
py=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
q=questionnaires/iso23592-self-assessment.json
csv=questionnaires/examples/iso23592-example.csv
"$semm" score -q $q --target '*=L4' --quiet -o "$tmp/whole" $csv
"$semm" score -q $q --target '*=L4' --scope D1,E5,E6 --quiet \
  -o "$tmp/scoped" $csv
"$py" - "$tmp" tests/data/example_scope/expected.json <<'PY'
import json, sys
tmp, exp_path = sys.argv[1], sys.argv[2]
expected = json.load(open(exp_path))
bad = []

def same(what, got, want):
    if isinstance(want, float) and isinstance(got, (int, float)):
        ok = abs(got - want) <= 1e-9 * max(1.0, abs(want))
    else:
        ok = got == want
    if not ok:
        bad.append("%s: engine %r, expected %r" % (what, got, want))

for run, folder in (("whole", "whole"), ("D1,E5,E6", "scoped")):
    rep = json.load(open("%s/%s/report.json" % (tmp, folder)))
    same(run + " scope", rep["scope"]["canonical"],
         None if run == "whole" else run)
    groups = {g["id"]: g for g in rep["groups"]}
    same(run + " groups", sorted(groups), sorted(expected[run]))
    for gid, want in expected[run].items():
        g = groups[gid]
        at = "%s %s" % (run, gid)
        same(at + " n", g["n"], want["n"])
        o = g["overall"]
        for k in ("percent", "level", "staged_level", "limiting_elements"):
            same(at + " overall " + k, o[k], want["overall"][k])
        st = g["implementation_stage"]
        for k in ("stage", "reason", "element"):
            same(at + " stage " + k, st[k], want["stage"][k])
        for kind in ("dimensions", "elements"):
            units = {u["id"]: u for u in g[kind]}
            for uid, w in want[kind].items():
                for k in ("in_scope", "percent", "level"):
                    same("%s %s %s" % (at, uid, k), units[uid][k], w[k])
        road = {r["stage"]: r["elements"] for r in g["roadmap"]}
        same(at + " roadmap", road, want["roadmap"])
if bad:
    print("\n".join(bad[:40]))
    print("%d figures differ" % len(bad))
    sys.exit(1)
print("scoped and unscoped runs match the worked figures")
PY
