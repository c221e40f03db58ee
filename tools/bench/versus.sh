#!/usr/bin/env bash
# Times semm against the bare libcsv pass and against an earlier semm,
# side by side on the same files, interleaved (floor, before, after with
# one thread, after with every core, floor, ...), and prints a markdown
# table of medians with the ratios to the floor and peak memory.
#
# Usage: bash tools/bench/versus.sh --before SEMM_BINARY [--sizes 100000,1000000]
#                                   [--runs 3] [--dir DIR]
#
# The data sets are tools/gen_bench.c's (45 items, 10,000 organizations,
# seed 19387), made in DIR (default build-bench/data) when missing, the
# same files tools/bench.sh uses. The job is the benchmark job of
# docs/PERFORMANCE.md: --segment-by sector,size_band,region --summary
# --format json,csv. Build the "after" semm first (tools/bench.sh builds
# build-bench/semm; this script builds it when missing). The "before"
# binary is any earlier semm, e.g. built from an older commit in a git
# worktree.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../.."

readonly ORGS=10000 SEED=19387 QUEST=tools/bench/iso23592-bench45.json
readonly BUILD=build-bench
sizes=100000,1000000
runs=3
dir=$BUILD/data
before=""
while [ $# -gt 0 ]; do
  case $1 in
    --before) before=${2:?}; shift 2 ;;
    --sizes) sizes=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    --dir) dir=${2:?}; shift 2 ;;
    *) echo "usage: versus.sh --before SEMM [--sizes N,N] [--runs R] [--dir DIR]" >&2; exit 2 ;;
  esac
done
[ -x "$before" ] || { echo "versus: --before: not an executable: $before" >&2; exit 2; }
command -v /usr/bin/time > /dev/null || { echo "versus: needs GNU time (apt-get install time)" >&2; exit 2; }
if [ ! -x $BUILD/semm ]; then
  cmake -S . -B $BUILD -DCMAKE_BUILD_TYPE=Release -DSEMM_BUILD_TESTS=OFF > /dev/null
  cmake --build $BUILD -j "$(nproc)" > /dev/null
fi
mkdir -p "$dir"
[ -x $BUILD/gen_bench ] || cc -std=c11 -O2 tools/gen_bench.c -o $BUILD/gen_bench -lcjson -lm
[ -x $BUILD/csv_floor ] || cc -std=c11 -O2 tools/bench/csv_floor.c -o $BUILD/csv_floor -lcsv
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
args=(-q $QUEST --segment-by sector,size_band,region --summary --quiet --format json,csv)

# one SIZE NAME COMMAND...: appends "seconds kilobytes" to $out/NAME-SIZE
one() {
  local size=$1 name=$2 start end
  shift 2
  start=$(date +%s.%N)
  /usr/bin/time -f %M -o "$out/rss" "$@" > /dev/null
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc) $(cat "$out/rss")" >> "$out/$name-$size"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "| rows | MB | floor s | before s (x floor) | after 1 thread s (x floor) | after $(nproc) threads s (x floor) | after / before | peak MB before | peak MB after (x input) |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
IFS=, read -r -a list <<< "$sizes"
for n in "${list[@]}"; do
  f=$dir/bench-$n-g$ORGS-s$SEED.csv
  [ -f "$f" ] || "$BUILD/gen_bench" -q $QUEST -n "$n" -g $ORGS -s $SEED -o "$f"
  for ((r = 0; r < runs; r++)); do
    one "$n" floor "$BUILD/csv_floor" "$f"
    one "$n" before "$before" score "${args[@]}" -o "$out/o" "$f"
    one "$n" after1 $BUILD/semm score "${args[@]}" --threads 1 -o "$out/o" "$f"
    one "$n" afterN $BUILD/semm score "${args[@]}" --threads "$(nproc)" -o "$out/o" "$f"
  done
  mb=$(echo "scale=1; $(stat -L -c %s "$f") / 1000000" | bc)
  fl=$(cut -d' ' -f1 "$out/floor-$n" | median)
  b=$(cut -d' ' -f1 "$out/before-$n" | median)
  a1=$(cut -d' ' -f1 "$out/after1-$n" | median)
  an=$(cut -d' ' -f1 "$out/afterN-$n" | median)
  rb=$(cut -d' ' -f2 "$out/before-$n" | sort -n | tail -1)
  ra=$(cut -d' ' -f2 "$out/afterN-$n" "$out/after1-$n" | sort -n | tail -1)
  printf '| %s | %s | %.3f | %.2f (%.1f) | %.2f (%.1f) | %.2f (%.1f) | %.2f | %d | %d (%.2f) |\n' \
    "$n" "$mb" "$fl" "$b" "$(echo "$b / $fl" | bc -l)" "$a1" "$(echo "$a1 / $fl" | bc -l)" \
    "$an" "$(echo "$an / $fl" | bc -l)" "$(echo "$an / $b" | bc -l)" \
    "$((rb / 1000))" "$((ra / 1000))" "$(echo "$ra / 1000 / $mb" | bc -l)"
done
