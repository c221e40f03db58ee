#!/usr/bin/env bash
# The history store through the CLI: the shipped example scored three
# times as three waves with a known drift and recorded with
# `semm score --history`, then `semm history trend`, `show`, `list`,
# `export` and `semm compare DB:ID` checked against hand-worked figures
# and against the files; a report of another model refused; a second
# writer (the sqlite3 shell holding the write lock) told to try again;
# the store's integrity.
#
# The drift: in wave k every respondent of Kestrel Water (12, in file
# order i = 0..11) answers all five E3 items (Q12, Q13, Q15, Q16, and the
# reverse-coded Q14 as 6 - v) with v = a_k for even i and b_k for odd i:
# (a, b) = (2, 3), (3, 4), (3, 5). So E3's mean is 2.5, 3.5, 4.0 with
# sd = |b - a| / 2 * sqrt(12/11); everything else is the example as
# shipped, the same in every wave. Worked by hand (see
# tests/unit/test_history.c for the steps):
#   wave 1 -> 2: +1, se sqrt(1/22), df 22, t 2.07387306790403:
#                [0.557848776292254, 1.44215122370775], improvement, L2 -> L4 up
#   wave 2 -> 3: +0.5, se sqrt(5/44), df 275/17, t 2.11802731953279:
#                [-0.213986863761199, 1.21398686376120], within noise, same
#   slope 0.75 per wave, se sqrt(1/48), t(0.975, 1) 12.7062047361747:
#                [-1.08398268120224, 2.58398268120224]
#   E1 (untouched): every change 0, slope 0 with interval [0, 0].
# Usage: history.sh SEMM   (run from the repository root;
# SEMM_E2E_WRAPPER, e.g. valgrind, runs every semm command under it)
set -euo pipefail
read -r -a wrapper <<< "${SEMM_E2E_WRAPPER:-}"
bin=$1
semm() { "${wrapper[@]}" "$bin" "$@"; }
tmp=$(mktemp -d)
holder=
cleanup() {
  if [ -n "$holder" ]; then kill "$holder" 2> /dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "history.sh: $*" >&2; exit 1; }
q=questionnaires/iso23592-self-assessment.json
db=$tmp/history.db
export SOURCE_DATE_EPOCH=1767225600 # 2026-01-01T00:00:00Z

python3 - "$tmp" <<'EOF'
import csv, sys
src = "questionnaires/examples/iso23592-example.csv"
with open(src, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
head, body = rows[0], rows[1:]
col = {h: i for i, h in enumerate(head)}
waves = [(2, 3), (3, 4), (3, 5)]
for k, (a, b) in enumerate(waves, 1):
    i = 0
    out = [head]
    for r in body:
        r = list(r)
        if r[col["organization"]] == "Kestrel Water":
            v = a if i % 2 == 0 else b
            for q in ("Q12", "Q13", "Q15", "Q16"):
                r[col[q]] = str(v)
            r[col["Q14"]] = str(6 - v)
            i += 1
        out.append(r)
    assert i == 12, i
    with open(f"{sys.argv[1]}/wave{k}.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(out)
EOF

for k in 1 2 3; do
  semm score -q "$q" --quiet --history "$db" --label "wave $k" \
    -o "$tmp/w$k" "$tmp/wave$k.csv"
done
semm history list "$db" --format csv > "$tmp/list.csv"
[ "$(wc -l < "$tmp/list.csv")" = 4 ] || fail "expected 3 assessments"
grep -q '^3,wave 3,2026-01-01T00:00:00Z,' "$tmp/list.csv" ||
  fail "list: wave 3 not as recorded: $(cat "$tmp/list.csv")"

# score --history records the respondents' date range (the date column,
# here the same in every wave: worked out from the file itself)
python3 - "$tmp/list.csv" questionnaires/examples/iso23592-example.csv <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
dates = [r["date"] for r in csv.DictReader(open(sys.argv[2], encoding="utf-8")) if r["date"]]
for r in rows:
    assert (r["responses_from"], r["responses_to"]) == (min(dates), max(dates)), r
EOF

# every stored report is the one written, byte for byte
for k in 1 2 3; do
  semm history export "$db" "$k" -o "$tmp/export$k.json"
  cmp "$tmp/export$k.json" "$tmp/w$k/report.json" ||
    fail "export $k differs from the report it was added from"
done

# the trend against the hand-worked figures
semm history trend "$db" --group "Kestrel Water" --format json \
  -o "$tmp/trend.json"
python3 - "$tmp/trend.json" <<'EOF'
import json, math, sys
t = json.load(open(sys.argv[1], encoding="utf-8"))
units = {u["id"]: u for u in t["units"]}
assert t["group"] == "Kestrel Water"
assert len(units) == 14, len(units)   # overall, 4 dimensions, 9 elements
def near(got, want, what, tol=1e-9):
    assert got is not None and abs(got - want) <= tol * max(1, abs(want)), \
        f"{what}: {got!r}, expected {want!r}"
s = 0.5 * math.sqrt(12 / 11)
e3 = units["E3"]
for p, (m, sd, pct, lv) in zip(e3["points"], [(2.5, s, 37.5, 2), (3.5, s, 62.5, 4),
                                             (4.0, 2 * s, 75.0, 4)]):
    near(p["mean"], m, "E3 mean"); near(p["sd"], sd, "E3 sd")
    near(p["percent"], pct, "E3 percent"); assert p["level"] == lv, p
    assert p["n"] == 12, p
c1, c2 = e3["changes"]
near(c1["difference"], 1.0, "change 1")
near(c1["df"], 22.0, "change 1 df")
near(c1["ci95"][0], 0.557848776292254, "change 1 lo")
near(c1["ci95"][1], 1.44215122370775, "change 1 hi")
assert c1["verdict"] == "improvement" and c1["level_change"] == "up", c1
near(c2["difference"], 0.5, "change 2")
near(c2["df"], 275 / 17, "change 2 df")
near(c2["ci95"][0], -0.213986863761199, "change 2 lo")
near(c2["ci95"][1], 1.21398686376120, "change 2 hi")
assert c2["verdict"] == "within noise" and c2["level_change"] == "same", c2
tr = e3["trend"]
near(tr["slope"], 0.75, "slope"); near(tr["se"], math.sqrt(1 / 48), "slope se")
near(tr["ci95"][0], -1.08398268120224, "slope lo")
near(tr["ci95"][1], 2.58398268120224, "slope hi")
assert tr["points"] == 3 and tr["df"] == 1, tr
e1 = units["E1"]
for c in e1["changes"]:
    near(c["difference"], 0.0, "E1 change")
    assert c["verdict"] == "within noise", c
near(e1["trend"]["slope"], 0.0, "E1 slope")
near(e1["trend"]["ci95"][0], 0.0, "E1 slope lo")
near(e1["trend"]["ci95"][1], 0.0, "E1 slope hi")
EOF

# show and list in their other formats: 6 groups x 14 units
semm history show "$db" 3 --format json -o "$tmp/show.json"
python3 - "$tmp/show.json" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1], encoding="utf-8"))
assert s["format"] == "semm-history-show/1"
assert s["assessment"]["id"] == 3 and s["assessment"]["label"] == "wave 3"
assert len(s["units"]) == 84, len(s["units"])
e3 = [u for u in s["units"] if u["group"] == "Kestrel Water" and u["id"] == "E3"][0]
assert abs(e3["mean"] - 4.0) < 1e-12 and e3["n"] == 12, e3
EOF
[ "$(semm history show "$db" 3 --format csv | wc -l)" = 85 ] ||
  fail "show --format csv: expected 84 rows"
semm history list "$db" --format json | python3 -c '
import json, sys
l = json.load(sys.stdin)
assert [a["label"] for a in l["assessments"]] == ["wave 1", "wave 2", "wave 3"], l'

# the other formats of the trend, and the page
semm history trend "$db" --group "Kestrel Water" --unit E3 > "$tmp/trend.txt"
grep -q 'trend: +0.750 per wave, 95 % CI \[-1.084, +2.584\] (3 waves)' \
  "$tmp/trend.txt" || fail "table: $(cat "$tmp/trend.txt")"
semm history trend "$db" --group "Kestrel Water" --unit E3 --format csv \
  > "$tmp/trend.csv"
[ "$(wc -l < "$tmp/trend.csv")" = 4 ] || fail "trend.csv: expected 3 rows"
semm history trend "$db" --group "Kestrel Water" --format html \
  -o "$tmp/trend.html"
[ "$(grep -c '<svg' "$tmp/trend.html")" = 14 ] ||
  fail "trend.html: expected a chart per unit"

# compare from the store gives the comparison of the files
semm compare "$db:1" "$db:2" --format csv -o "$tmp/cmp-db" 2> /dev/null
semm compare "$tmp/w1/report.json" "$tmp/w2/report.json" --format csv \
  -o "$tmp/cmp-files" 2> /dev/null
cmp "$tmp/cmp-db/compare.csv" "$tmp/cmp-files/compare.csv" ||
  fail "compare DB:1 DB:2 differs from comparing the files"
semm compare "$db:1" "$tmp/w3/report.json" --format csv \
  -o "$tmp/cmp-mixed" 2> /dev/null
set +e
semm compare "$db:9" "$db:1" -o "$tmp/cmp-bad" 2> "$tmp/err"
code=$?
set -e
[ "$code" = 2 ] && grep -q "no assessment 9 (the store holds 1 to 3)" "$tmp/err" ||
  fail "compare DB:9: exit $code, $(cat "$tmp/err")"

# a report of another model is refused and nothing is added
semm score -q questionnaires/iso11367-self-assessment.json --quiet \
  -o "$tmp/other" questionnaires/examples/iso11367-example.csv
set +e
semm history add "$db" "$tmp/other/report.json" 2> "$tmp/err"
code=$?
set -e
[ "$code" = 3 ] && grep -q "a store keeps one model's assessments" "$tmp/err" ||
  fail "other model: exit $code, $(cat "$tmp/err")"

# a second writer: the sqlite3 shell holds the write lock meanwhile
if command -v sqlite3 > /dev/null; then
  fifo=$tmp/fifo
  mkfifo "$fifo"
  sqlite3 "$db" < "$fifo" &
  holder=$!
  exec 3> "$fifo"
  echo "BEGIN IMMEDIATE; DELETE FROM report WHERE assessment = 0;" >&3
  sleep 1
  set +e
  semm history add "$db" "$tmp/export1.json" --label again 2> "$tmp/err"
  code=$?
  set -e
  echo "ROLLBACK;" >&3
  exec 3>&-
  wait "$holder"
  holder=
  [ "$code" = 5 ] &&
    grep -qx "$db: another semm process is writing; try again" "$tmp/err" ||
    fail "busy store: exit $code, $(cat "$tmp/err")"
  [ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] ||
    fail "integrity_check"
  [ "$(sqlite3 "$db" 'SELECT count(*) FROM assessment')" = 3 ] ||
    fail "the refused adds left something"
else
  echo "history.sh: sqlite3 not installed, the busy store is not tested"
fi
echo "history.sh: ok"
