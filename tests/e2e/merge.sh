#!/usr/bin/env bash
# Shards merge into one run: files split by lines (split -n l/5, so
# organizations straddle shards) are each read into a partial (semm score
# --partial --header-from WHOLE), and semm merge in any order, or as a
# merge of merges, must write the reports of one run over the whole file:
# report.json byte for byte once what names the inputs is removed
# (parameters.inputs, rejected[].source and .line, the "first seen at"
# place in a duplicate's reason), respondents.csv without its source and
# line columns (its rows sorted: they follow the order of the inputs),
# and scores.csv, reliability.csv, across_groups.csv, aggregation.csv
# and benchmark.csv byte for byte (random group resampling included). Also: a duplicate id across shards, a
# partial of another questionnaire, partials on standard input, and more
# partials than open files allowed.
# Usage: merge.sh SEMM GEN_BENCH   (run from the repository root;
# SEMM_E2E_WRAPPER, e.g. valgrind, runs every semm command under it)
set -euo pipefail
read -r -a wrapper <<< "${SEMM_E2E_WRAPPER:-}"
bin=$1
gen=$2
semm() { "${wrapper[@]}" "$bin" "$@"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# report.json without what names the inputs, keys sorted
strip() {
  python3 - "$1" <<'EOF'
import json, re, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["parameters"].pop("inputs", None)
for r in d.get("rejected", []):
    r.pop("source", None)
    r.pop("line", None)
    r["reason"] = re.sub(r" \(first seen at [^)]*\)", "", r["reason"])
print(json.dumps(d, sort_keys=True, indent=1, ensure_ascii=False))
EOF
}

# same DIR_A DIR_B: the reports of two runs agree as promised
same() {
  strip "$1/report.json" > "$tmp/a.json"
  strip "$2/report.json" > "$tmp/b.json"
  if ! cmp -s "$tmp/a.json" "$tmp/b.json"; then
    diff "$tmp/a.json" "$tmp/b.json" | head -20 >&2
    echo "merge: report.json of $2 differs from $1" >&2
    exit 1
  fi
  for f in scores.csv reliability.csv across_groups.csv aggregation.csv \
    benchmark.csv; do
    if [ -e "$1/$f" ] || [ -e "$2/$f" ]; then
      cmp "$1/$f" "$2/$f"
    fi
  done
  if [ -e "$1/respondents.csv" ]; then
    # in the order of the inputs, which a merge in another order changes
    cut -d, -f2,3 --complement "$1/respondents.csv" | sort > "$tmp/a.csv"
    cut -d, -f2,3 --complement "$2/respondents.csv" | sort > "$tmp/b.csv"
    cmp "$tmp/a.csv" "$tmp/b.csv"
  fi
}

# shards NAME WHOLE N ARGS...: WHOLE split by lines into N shards, each
# read into $tmp/NAME.kK/partial.semm
shards() {
  local name=$1 whole=$2 n=$3 f
  shift 3
  split -n "l/$n" -d -a 2 "$whole" "$tmp/$name.s"
  for f in "$tmp/$name".s??; do
    semm score "$@" --partial --header-from "$whole" -o "$f.k" "$f"
  done
}

# ---- the ISO 23592 example: 168 respondents of 6 organizations
iso=(-q questionnaires/iso23592-self-assessment.json --quiet)
whole=questionnaires/examples/iso23592-example.csv
semm score "${iso[@]}" -o "$tmp/iso-full" "$whole"
shards iso "$whole" 5 "${iso[@]}"
p=("$tmp"/iso.s??.k/partial.semm)
# an organization is in two shards
test "$(cut -d, -f2 "$tmp/iso.s00" | sort -u | comm -12 - <(cut -d, -f2 "$tmp/iso.s01" | sort -u) | wc -l)" -gt 0
semm merge "${iso[@]}" -o "$tmp/iso-m1" "${p[@]}"
same "$tmp/iso-full" "$tmp/iso-m1"
semm merge "${iso[@]}" -o "$tmp/iso-m2" "${p[4]}" "${p[3]}" "${p[2]}" "${p[1]}" "${p[0]}"
same "$tmp/iso-full" "$tmp/iso-m2"
semm merge "${iso[@]}" -o "$tmp/iso-m3" "${p[2]}" "${p[0]}" "${p[4]}" "${p[1]}" "${p[3]}"
same "$tmp/iso-full" "$tmp/iso-m3"
# a merge of merges
semm merge "${iso[@]}" --partial -o "$tmp/iso-ab" "${p[0]}" "${p[1]}"
semm merge "${iso[@]}" --partial -o "$tmp/iso-cd" "${p[2]}" "${p[3]}"
semm merge "${iso[@]}" -o "$tmp/iso-m4" "$tmp/iso-ab/partial.semm" \
  "${p[4]}" "$tmp/iso-cd/partial.semm"
same "$tmp/iso-full" "$tmp/iso-m4"
# mapper and reducer through pipes: shards on standard input, partials
# on standard output, all partials on the reducer's standard input
for f in "$tmp"/iso.s??; do
  semm score "${iso[@]}" --partial --header-from "$whole" -o - - < "$f"
done > "$tmp/iso.stream"
semm merge "${iso[@]}" -o "$tmp/iso-m5" - < "$tmp/iso.stream"
same "$tmp/iso-full" "$tmp/iso-m5"
# more partials than open files allowed: merge opens one at a time (32
# leaves room for valgrind's own files under SEMM_E2E_WRAPPER)
shards many "$whole" 48 "${iso[@]}"
(
  ulimit -n 32
  semm merge "${iso[@]}" -o "$tmp/iso-m6" "$tmp"/many.s??.k/partial.semm
)
same "$tmp/iso-full" "$tmp/iso-m6"

# ---- a duplicate respondent id across shards: rejected in the merge as
# in one run (the later row), the reason naming the first
cp "$tmp/iso.s00" "$tmp/dup.s00"
cp "$tmp/iso.s01" "$tmp/dup.s01"
sed -n 2p "$tmp/iso.s00" >> "$tmp/dup.s01"
cat "$tmp/dup.s00" "$tmp/dup.s01" > "$tmp/dup.csv"
semm score "${iso[@]}" -o "$tmp/dup-full" "$tmp/dup.csv"
for k in 00 01; do
  semm score "${iso[@]}" --partial --header-from "$whole" -o "$tmp/dup.$k" "$tmp/dup.s$k"
done
semm merge "${iso[@]}" -o "$tmp/dup-m" "$tmp/dup.00/partial.semm" "$tmp/dup.01/partial.semm"
same "$tmp/dup-full" "$tmp/dup-m"
grep -q '"reason": "duplicate respondent id' "$tmp/dup-m/report.json"

# ... and with segments: a duplicate of P1's first respondent, giving
# another sector, must not count in P1's segment (in one read it never
# did); the notes on P1's sectors and its placement are those of one read
hb=(-q tests/data/handworked/questionnaire.json -m tests/data/handworked/model.json
  --segment-by sector,size --min-respondents 2 --anonymity-threshold 2 --quiet)
head -n 9 tests/data/bench/responses.csv > "$tmp/seg.s00"
tail -n +10 tests/data/bench/responses.csv > "$tmp/seg.s01"
echo "R01,P1,zz,s,4,4,4,4,4,4,4" >> "$tmp/seg.s01"
echo "R01,P1,zz,s,5,5,5,5,5,5,5" >> "$tmp/seg.s01"
cat "$tmp/seg.s00" "$tmp/seg.s01" > "$tmp/seg.csv"
semm score "${hb[@]}" -o "$tmp/seg-full" "$tmp/seg.csv"
for k in 00 01; do
  semm score "${hb[@]}" --partial --header-from "$tmp/seg.csv" -o "$tmp/seg.$k" "$tmp/seg.s$k"
done
semm merge "${hb[@]}" -o "$tmp/seg-m" "$tmp/seg.00/partial.semm" "$tmp/seg.01/partial.semm"
same "$tmp/seg-full" "$tmp/seg-m"
semm merge "${hb[@]}" --partial -o "$tmp/seg-mm" "$tmp/seg.00/partial.semm" "$tmp/seg.01/partial.semm"
semm merge "${hb[@]}" -o "$tmp/seg-m2" "$tmp/seg-mm/partial.semm"
same "$tmp/seg-full" "$tmp/seg-m2"

# ---- a partial of another questionnaire is refused, naming the file
hw=(-q tests/data/handworked/questionnaire.json -m tests/data/handworked/model.json
    --quiet --segment-by sector,size --min-respondents 2 --anonymity-threshold 3)
data=tests/data/bench/responses.csv
semm score "${hw[@]}" --partial -o "$tmp/hw-one" "$data"
if semm merge "${iso[@]}" -o "$tmp/bad" "${p[0]}" "$tmp/hw-one/partial.semm" 2> "$tmp/err"; then
  echo "merge accepted a partial of another questionnaire" >&2
  exit 1
fi
grep -q "hw-one/partial.semm: byte 24: identity: written for questionnaire" "$tmp/err"
test ! -e "$tmp/bad/report.json"

# ---- partials read with other attribute columns are refused
semm score "${hw[@]/sector,size/size,sector}" --partial -o "$tmp/hw-other" "$data"
if semm merge "${hw[@]}" -o "$tmp/bad" "$tmp/hw-one/partial.semm" \
  "$tmp/hw-other/partial.semm" 2> "$tmp/err"; then
  echo "merge accepted partials read with other columns" >&2
  exit 1
fi
grep -q "hw-other/partial.semm: cannot merge respondents read" "$tmp/err"

# ---- a scoped assessment: the shards carry the scope into the merge,
# which scores over it; shards of different scopes are refused
scoped=("${iso[@]}" --scope D1,E5,E6)
semm score "${scoped[@]}" -o "$tmp/sc-full" "$whole"
shards sc "$whole" 3 "${scoped[@]}"
semm merge "${scoped[@]}" -o "$tmp/sc-m" "$tmp"/sc.s??.k/partial.semm
same "$tmp/sc-full" "$tmp/sc-m"
# without --scope the merge takes the partials' (source "responses")
semm merge "${iso[@]}" -o "$tmp/sc-m2" "$tmp"/sc.s??.k/partial.semm
sed 's/"source": "responses"/"source": "options"/' "$tmp/sc-m2/report.json" \
  > "$tmp/sc-m2.json"
mv "$tmp/sc-m2.json" "$tmp/sc-m2/report.json"
same "$tmp/sc-full" "$tmp/sc-m2"
semm score "${iso[@]}" --scope D2 --partial --header-from "$whole" \
  -o "$tmp/sc-d2" "$tmp/sc.s01"
if semm merge "${iso[@]}" -o "$tmp/bad" "$tmp/sc.s00.k/partial.semm" \
  "$tmp/sc-d2/partial.semm" 2> "$tmp/err"; then
  echo "merge accepted partials of different scopes" >&2
  exit 1
fi
grep -q 'sc-d2/partial.semm: scope "D2" differs from the scope "D1,E5,E6"' \
  "$tmp/err"

# ---- the hand-worked benchmark data: segments, notes, benchmark.csv
semm score "${hw[@]}" -o "$tmp/hw-full" "$data"
shards hw "$data" 5 "${hw[@]}"
semm merge "${hw[@]}" -o "$tmp/hw-m" "$tmp"/hw.s??.k/partial.semm
same "$tmp/hw-full" "$tmp/hw-m"

# ---- a synthetic benchmark of 60 organizations, merged out of order
q=tools/bench/iso23592-bench45.json
bench=(-q "$q" -m models/iso23592.json --quiet
       --segment-by sector,size_band,region,sector+size_band)
"$gen" -q "$q" -n 3000 -g 60 -o "$tmp/all.csv"
semm score "${bench[@]}" -o "$tmp/b-full" "$tmp/all.csv"
shards b "$tmp/all.csv" 5 "${bench[@]}"
semm merge "${bench[@]}" -o "$tmp/b-m" "$tmp"/b.s0[3-4].k/partial.semm \
  "$tmp"/b.s0[0-2].k/partial.semm
same "$tmp/b-full" "$tmp/b-m"
echo "merge: shards give the same reports"
