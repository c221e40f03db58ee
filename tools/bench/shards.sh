#!/usr/bin/env bash
# Times the benchmark job cut into line-split shards and merged, beside
# one run over the whole file, interleaved, medians of R runs, and checks
# that the merged reports are the single run's.
#
# Usage: bash tools/bench/shards.sh [--size 1000000] [--shards 8] [--runs 3]
#                                   [--dir DIR]
#
# The file is tools/gen_bench.c's (45 items, 10,000 organizations, seed
# 19387, as versus.sh and bench.sh make it; made in DIR, default
# build-bench/data, when missing), cut with `split -n l/SHARDS` after its
# header, so that organizations spread over several shards. Each round:
#   mappers   every shard `semm score --partial --header-from FILE
#             --threads 1`, two at a time (xargs -P 2);
#   merge     `semm merge --partial` of the shards' partials (the merge
#             step alone: loading, merging, writing the merged partial);
#   reduce    `semm merge` of the partials with the reports;
#   single-1  one `semm score` of the whole file, --threads 1;
#   single    one `semm score` of the whole file, every core.
# It prints the medians, merge as a share of single-1 and of single, and
# mappers + reduce against single-1 (the issue's "shards on 2 cores
# faster than one single-threaded run"). The merged report.json must equal
# the single run's to the number (tools/compare_reports.py --rel 0, the
# list of inputs and the rejections' file names aside) and every CSV
# file byte for byte.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../.."

readonly ORGS=10000 SEED=19387 QUEST=tools/bench/iso23592-bench45.json
readonly BUILD=build-bench
size=1000000
shards=8
runs=3
dir=$BUILD/data
while [ $# -gt 0 ]; do
  case $1 in
    --size) size=${2:?}; shift 2 ;;
    --shards) shards=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    --dir) dir=${2:?}; shift 2 ;;
    *) echo "usage: shards.sh [--size N] [--shards K] [--runs R] [--dir DIR]" >&2; exit 2 ;;
  esac
done
if [ ! -x $BUILD/semm ]; then
  cmake -S . -B $BUILD -DCMAKE_BUILD_TYPE=Release -DSEMM_BUILD_TESTS=OFF > /dev/null
  cmake --build $BUILD -j "$(nproc)" > /dev/null
fi
mkdir -p "$dir"
[ -x $BUILD/gen_bench ] || cc -std=c11 -O2 tools/gen_bench.c -o $BUILD/gen_bench -lcjson -lm
file=$dir/bench-$size-g$ORGS-s$SEED.csv
[ -f "$file" ] || "$BUILD/gen_bench" -q $QUEST -n "$size" -g $ORGS -s $SEED -o "$file"

semm=$PWD/$BUILD/semm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
job=(-q $QUEST --segment-by sector,size_band,region --summary --quiet)
tail -n +2 "$file" > "$work/body.csv"
(cd "$work" && split -n l/"$shards" body.csv part.)
rm "$work/body.csv"

# t NAME COMMAND...: runs it, appends its seconds to $work/NAME
t() {
  local name=$1 start end
  shift
  start=$(date +%s.%N)
  "$@" > /dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc >> "$work/times-$name"
}
mappers() {
  rm -rf "$work"/part.*.d
  ls "$work"/part.?? | xargs -P 2 -I{} "$semm" score "${job[@]}" --partial \
    --header-from "$file" --threads 1 -o {}.d {}
}
median() { sort -n "$work/times-$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Each output is removed before the next command runs (but the last
# round's reduce and single-1, compared below): its pages are then
# dropped, not written back while the next command writes its own.
for ((r = 1; r <= runs; r++)); do
  t mappers mappers
  rm -rf "$work/merged-partial" "$work/reduce" "$work/single-1" "$work/single"
  t merge "$semm" merge "${job[@]}" --partial -o "$work/merged-partial" "$work"/part.*.d/partial.semm
  rm -rf "$work/merged-partial"
  t reduce "$semm" merge "${job[@]}" --format json,csv -o "$work/reduce" "$work"/part.*.d/partial.semm
  [ "$r" = "$runs" ] || rm -rf "$work/reduce"
  t single-1 "$semm" score "${job[@]}" --format json,csv --threads 1 -o "$work/single-1" "$file"
  [ "$r" = "$runs" ] || rm -rf "$work/single-1"
  t single "$semm" score "${job[@]}" --format json,csv -o "$work/single" "$file"
  rm -rf "$work/single"
done

m=$(median mappers) g=$(median merge) d=$(median reduce) s1=$(median single-1) s=$(median single)
echo "| rows | shards | mappers s | merge s | reduce s | mappers + reduce s | single, 1 thread s | single s | merge / single 1 thread | merge / single |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
awk -v n="$size" -v k="$shards" -v m="$m" -v g="$g" -v d="$d" -v s1="$s1" -v s="$s" 'BEGIN {
  printf "| %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f %% | %.1f %% |\n",
    n, k, m, g, d, m + d, s1, s, 100 * g / s1, 100 * g / s }'

fail=0
python3 tools/compare_reports.py --rel 0 --ignore inputs --ignore rejected \
  "$work/single-1/report.json" "$work/reduce/report.json" > "$work/cmp" ||
  { echo "shards: report.json differs:" >&2; tail -5 "$work/cmp" >&2; fail=1; }
for f in "$work"/single-1/*.csv; do
  cmp -s "$f" "$work/reduce/$(basename "$f")" ||
    { echo "shards: $(basename "$f") differs" >&2; fail=1; }
done
[ $fail = 0 ] && echo "shards: the merged reports are the single run's (report.json to the number, every CSV byte for byte)"
exit $fail
