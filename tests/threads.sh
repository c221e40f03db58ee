#!/usr/bin/env bash
# Reading one large CSV file on several threads gives the same reports as
# one thread, byte for byte: rows in input order, rejections with their
# lines, duplicate ids across the cut points, quoted line breaks, a file
# whose lines end in CRLF, and a header given with --header-from.
# Usage: threads.sh SEMM GEN_BENCH (from the repository root).
set -eu
semm=$1
gen=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
q=tools/bench/iso23592-bench45.json
# ~14 MB: over the size where a file is cut into parts (8 MB).
"$gen" -q "$q" -n 105000 -g 400 -s 7 -o "$tmp/plain.csv"
# Hostile rows spread over the file: every 9001st row's organization is a
# quoted field with a line break and a doubled quote; every 15013th row
# repeats the id of a row near the start (a duplicate whose first
# occurrence is in another part); every 20011th row has an answer
# outside the scale.
awk -F, -v OFS=, 'NR == 1 { print; next }
  NR % 9001 == 0 { $2 = "\"" $2 "\r\nwith \"\"quotes\"\"\"" }
  NR % 15013 == 0 { $1 = sprintf("R%07d", NR % 97 + 2) }
  NR % 20011 == 0 { $7 = "9" }
  { print }' "$tmp/plain.csv" > "$tmp/hostile.csv"
sed 's/$/\r/' "$tmp/hostile.csv" > "$tmp/crlf.csv"
# A file in two: the second part without a header, its header given.
head -n 60000 "$tmp/hostile.csv" > "$tmp/part1.csv"
tail -n +60001 "$tmp/hostile.csv" > "$tmp/part2.csv"

fail=0
compare() { # name, then the score arguments
  local name=$1
  shift
  # --rgr-max-draws: room for random group resampling (20 replications)
  "$semm" score -q "$q" --segment-by sector,size_band+region --quiet \
    --format json,csv --rgr-max-draws 2100000 --threads 1 \
    -o "$tmp/$name-1" "$@"
  for t in 2 3 4; do
    "$semm" score -q "$q" --segment-by sector,size_band+region --quiet \
      --format json,csv --rgr-max-draws 2100000 --threads $t \
      -o "$tmp/$name-$t" "$@"
    if ! diff -r "$tmp/$name-1" "$tmp/$name-$t" > "$tmp/diff"; then
      echo "threads: $name: --threads $t differs from one thread:" >&2
      head -20 "$tmp/diff" >&2
      fail=1
    fi
  done
}
compare hostile "$tmp/hostile.csv"
compare crlf "$tmp/crlf.csv"
compare header --header-from "$tmp/hostile.csv" "$tmp/part2.csv"
# A merge scores and writes on its threads too: the same reports.
"$semm" score -q "$q" --segment-by sector,size_band+region --quiet \
  --partial -o "$tmp/p1" "$tmp/part1.csv"
"$semm" score -q "$q" --segment-by sector,size_band+region --quiet \
  --partial --header-from "$tmp/hostile.csv" -o "$tmp/p2" "$tmp/part2.csv"
for t in 1 4; do
  "$semm" merge -q "$q" --segment-by sector,size_band+region --quiet \
    --format json,csv --threads $t -o "$tmp/merge-$t" \
    "$tmp/p1/partial.semm" "$tmp/p2/partial.semm"
done
if ! diff -r "$tmp/merge-1" "$tmp/merge-4" > "$tmp/diff"; then
  echo "threads: merge --threads 4 differs from one thread:" >&2
  head -20 "$tmp/diff" >&2
  fail=1
fi
# Every format, the files written at once on the threads (the HTML and
# workbook writers beside the others), per organization too.
for t in 1 2 4; do
  "$semm" score -q questionnaires/iso23592-self-assessment.json --quiet \
    --format all --per-group --threads $t -o "$tmp/all-$t" \
    questionnaires/examples/iso23592-example.csv
done
for t in 2 4; do
  if ! diff -r "$tmp/all-1" "$tmp/all-$t" > "$tmp/diff"; then
    echo "threads: every format: --threads $t differs from one thread:" >&2
    head -20 "$tmp/diff" >&2
    fail=1
  fi
done
[ -s "$tmp/all-4/report.xlsx" ] && [ -s "$tmp/all-4/report.html" ] ||
  { echo "threads: every format: a file is missing" >&2; fail=1; }
# The hostile rows were seen: rejected duplicates and values, and the
# quoted organizations made groups of their own.
grep -q 'duplicate respondent id' "$tmp/hostile-1/report.json" ||
  { echo "threads: no duplicate was rejected" >&2; fail=1; }
grep -q 'outside the scale' "$tmp/hostile-1/report.json" ||
  { echo "threads: no value outside the scale was rejected" >&2; fail=1; }
grep -q 'with \\"quotes\\"' "$tmp/hostile-1/report.json" ||
  { echo "threads: the quoted organizations are missing" >&2; fail=1; }
# Random group resampling ran (and so was compared above).
grep -q '"p_permutation": 0\.' "$tmp/hostile-1/report.json" ||
  { echo "threads: random group resampling did not run" >&2; fail=1; }
# The header case reads the rows of part 2 with their own line numbers.
grep -q "\"line\": 2," "$tmp/header-1/report.json" || true
[ $fail = 0 ] && echo "threads: same reports with 1 to 4 threads"
exit $fail
