#!/usr/bin/env bash
# Benchmarks `semm score` on large multi-organization data sets against the
# speed of the CSV parser it is built on, and against the same job written
# in pandas where it is installed.
#
# Usage: bash tools/bench.sh [--sizes 100000,1000000,3000000] [--runs 3]
#                            [--dir DIR]
#
# Steps: builds semm (Release) into build-bench, compiles tools/gen_bench.c
# and tools/bench/csv_floor.c next to it, generates one data set per size
# (10,000 organizations, fixed seed; cached in DIR, default
# build-bench/data, and made again only when missing), then for each size
# runs the contenders interleaved - floor, semm, pandas, floor, semm, ...
# - --runs times and reports the median wall time of each. The table goes
# to standard output and, as markdown, to DIR/results.md.
#
#   floor   tools/bench/csv_floor: libcsv alone, counting fields
#   semm    $SEMM_BENCH_CMD -o OUTDIR FILE
#   pandas  tools/bench/pandas_job.py: the statistics of semm's job
#           (see docs/PERFORMANCE.md; checked against semm to 1e-9 by
#           tools/bench/check_pandas.py); skipped when pandas is missing
#
# tools/bench/r_job.R, which computes only the organization means and the
# overall placements, is no longer timed: it is not comparable with semm.
#
# Environment:
#   SEMM_BENCH_ARGS  options for `semm score` (default: --segment-by
#                    sector,size_band,region --summary --quiet
#                    --format json,csv)
#   SEMM_BENCH_CMD   the whole scoring command before "-o OUTDIR FILE"
#                    (default: build-bench/semm score -q
#                    tools/bench/iso23592-bench45.json $SEMM_BENCH_ARGS);
#                    split on blanks, so no quoting inside
#   SEMM_BENCH_NO_SEGMENTS=1  use data sets without the sector, size_band
#                    and region columns (for a semm without --segment-by)
#   PYTHON           the Python to run pandas with (default: the first of
#                    python3 and /usr/bin/python3 that has pandas); pandas
#                    is skipped when it cannot import pandas
#
# Wall times are taken around each command with bash's microsecond clock
# (GNU time's %e has only two decimals, too coarse for the parser floor at
# the small size); peak memory (maximum resident set) comes from GNU time's
# %M. Times are medians over the runs, peak memory the largest seen. MB are
# 10^6 bytes. The script installs nothing unless something is missing: it
# calls tools/deps.sh for the build dependencies and apt-get for GNU time.
set -euo pipefail
export LC_ALL=C # a '.' decimal point for the clock, awk and sort
cd "$(dirname "$0")/.."

readonly ORGS=10000
readonly SEED=19387
readonly QUEST=tools/bench/iso23592-bench45.json
readonly BUILD=build-bench
readonly REF_SIZE=1000000 # linearity is measured against this size

sizes_arg=100000,1000000,3000000
runs=3
dir=$BUILD/data

usage() {
  echo "usage: bash tools/bench.sh [--sizes 100000,1000000,3000000] [--runs 3] [--dir DIR]"
}

die() {
  echo "bench: $*" >&2
  exit 1
}

# ------------------------------------------------------------ arguments

while [ $# -gt 0 ]; do
  case $1 in
    --sizes) sizes_arg=${2:?--sizes needs a value}; shift 2 ;;
    --runs) runs=${2:?--runs needs a value}; shift 2 ;;
    --dir) dir=${2:?--dir needs a value}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
IFS=, read -r -a sizes <<< "$sizes_arg"
[ ${#sizes[@]} -gt 0 ] || die "--sizes: no sizes given"
for s in "${sizes[@]}"; do
  if ! [[ $s =~ ^[1-9][0-9]*$ ]] || [ "$s" -lt $ORGS ]; then
    die "--sizes: \"$s\" is not a number of rows >= $ORGS (one per organization)"
  fi
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs: \"$runs\" is not a positive number"

SEMM_BENCH_ARGS=${SEMM_BENCH_ARGS---segment-by sector,size_band,region --summary --quiet --format json,csv}
SEMM_BENCH_CMD=${SEMM_BENCH_CMD-$BUILD/semm score -q $QUEST $SEMM_BENCH_ARGS}
read -r -a semm_cmd <<< "$SEMM_BENCH_CMD"
gen_flags=()
suffix=""
if [ "${SEMM_BENCH_NO_SEGMENTS:-0}" = 1 ]; then
  gen_flags=(--no-segments)
  suffix=-nosegments
fi

# --------------------------------------------------------- prerequisites

# True when the C compiler finds header $1.
have_header() {
  printf '#include <%s>\n' "$1" | cc -E -x c - > /dev/null 2>&1
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

if ! command -v cmake > /dev/null || ! command -v cc > /dev/null ||
  ! have_header csv.h || ! have_header cjson/cJSON.h ||
  ! have_header gsl/gsl_statistics.h; then
  bash tools/deps.sh
fi
if ! /usr/bin/time -f '%e %M' -o /dev/null true 2> /dev/null; then
  echo "bench: installing GNU time" >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq time
fi

# With PYTHON set, only that one; else the first Python that has pandas
# (a pyenv or venv python3 may lack it while Debian's has it).
python=""
candidates=(python3 /usr/bin/python3)
if [ -n "${PYTHON:-}" ]; then
  candidates=("$PYTHON")
fi
for p in "${candidates[@]}"; do
  if command -v "$p" > /dev/null && "$p" -c 'import pandas' 2> /dev/null; then
    python=$p
    break
  fi
done

# ---------------------------------------------------------------- build

mkdir -p "$BUILD" "$dir/logs" "$dir/out"
logs=$dir/logs
out=$dir/out

# Runs a command with its output in log file $1; shows the log on failure.
logged() {
  local log=$1
  shift
  if ! "$@" > "$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "failed: $*"
  fi
}

echo "bench: building semm (Release) in $BUILD" >&2
logged "$logs/cmake.log" cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release \
  -DSEMM_BUILD_TESTS=OFF
logged "$logs/build.log" cmake --build "$BUILD" -j "$(nproc)"
cflags=(-std=c11 -O2 -Wall -Wextra -Werror)
logged "$logs/gen_bench.log" cc "${cflags[@]}" tools/gen_bench.c \
  -o "$BUILD/gen_bench" -lcjson -lm
logged "$logs/csv_floor.log" cc "${cflags[@]}" tools/bench/csv_floor.c \
  -o "$BUILD/csv_floor" -lcsv

# ------------------------------------------------------------ data sets

data_file() {
  echo "$dir/bench-$1-g$ORGS-s$SEED$suffix.csv"
}

for s in "${sizes[@]}"; do
  f=$(data_file "$s")
  if [ ! -f "$f" ]; then
    echo "bench: generating $s rows into $f" >&2
    # Through a temporary name, so an interrupted run leaves no half file.
    "$BUILD/gen_bench" -q "$QUEST" -n "$s" -g $ORGS -s $SEED \
      "${gen_flags[@]}" -o "$f.tmp"
    mv "$f.tmp" "$f"
  fi
done

# ------------------------------------------------------------ measuring

declare -A times=() rss=()

# measure SIZE TOOL COMMAND...: one timed run; any failure ends the script.
measure() {
  local size=$1 tool=$2 start end secs peak log tf
  shift 2
  log=$logs/$tool-$size.log
  tf=$logs/$tool-$size.time
  start=${EPOCHREALTIME:-}
  if ! /usr/bin/time -f '%e %M' -o "$tf" "$@" > "$log" 2>&1; then
    tail -n 20 "$log" >&2
    die "$tool failed on $size rows: $*"
  fi
  end=${EPOCHREALTIME:-}
  read -r secs peak < "$tf"
  if [ -n "$start" ]; then
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
  fi
  times[$size,$tool]+="$secs "
  rss[$size,$tool]+="$peak "
  printf 'bench: %9s rows  %-6s %8.3f s %8.1f MB\n' "$size" "$tool" \
    "$secs" "$(awk -v k="$peak" 'BEGIN { print k * 1024 / 1e6 }')" >&2
}

median() {
  printf '%s\n' "$@" | sort -g |
    awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

largest() {
  printf '%s\n' "$@" | sort -g | tail -n 1
}

[ -n "$python" ] || echo "bench: pandas: skipped: not installed (python3-pandas)" >&2
for s in "${sizes[@]}"; do
  f=$(data_file "$s")
  for ((run = 1; run <= runs; run++)); do
    echo "bench: $s rows, run $run of $runs" >&2
    measure "$s" floor "$BUILD/csv_floor" "$f"
    rm -rf "$out/semm-$s"
    measure "$s" semm "${semm_cmd[@]}" -o "$out/semm-$s" "$f"
    if [ -n "$python" ]; then
      measure "$s" pandas "$python" tools/bench/pandas_job.py "$QUEST" "$f" \
        "$out/pandas-$s.csv"
    fi
  done
done

# ---------------------------------------------------------------- report

# One tab-separated line per size: size rows bytes floor semm rss_kb pandas
# pandas_rss_kb
tsv=$dir/results.tsv
: > "$tsv"
for s in "${sizes[@]}"; do
  f=$(data_file "$s")
  # csv_floor prints rows=N counting the header line.
  rows=$(sed -n 's/^rows=\([0-9]*\).*/\1/p' "$logs/floor-$s.log")
  rows=$((rows - 1))
  bytes=$(wc -c < "$f")
  # shellcheck disable=SC2086 # the lists are blank-separated on purpose
  {
    printf '%s\t%s\t%s\t' "$s" "$rows" "$bytes"
    printf '%s\t' "$(median ${times[$s,floor]})" "$(median ${times[$s,semm]})"
    printf '%s\t' "$(largest ${rss[$s,semm]})"
    if [ -n "$python" ]; then
      printf '%s\t%s\n' "$(median ${times[$s,pandas]})" "$(largest ${rss[$s,pandas]})"
    else
      printf -- '-\t-\n'
    fi
  } >> "$tsv"
done

# Seconds per million rows of the reference size (else of the first size).
ref=$(awk -F'\t' -v r=$REF_SIZE '$1 == r { print $1; exit }' "$tsv")
ref=${ref:-${sizes[0]}}
ref_rate=$(awk -F'\t' -v r="$ref" '$1 == r { print $5 / $2 * 1e6 }' "$tsv")

table=$(awk -F'\t' -v ref="$ref" -v rate="$ref_rate" '
function ratio(a, b) { return (a == "-" || b == 0) ? "skipped" : sprintf(a / b < 10 ? "%.2f" : "%.1f", a / b) }
function secs(a) { return a == "-" ? "skipped" : sprintf("%.2f", a) }
function mb(k) { return k == "-" ? "skipped" : sprintf("%.1f", k * 1024 / 1e6) }
BEGIN {
  print "| size | rows | input MB | floor s | semm s | semm/floor | semm peak RSS MB | peak/input | semm s/M rows | vs " ref " rows | pandas s | pandas/semm | pandas peak RSS MB |"
  print "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
}
{
  in_mb = $3 / 1e6; peak = $6 * 1024 / 1e6; per_m = $5 / $2 * 1e6
  printf "| %d | %d | %.1f | %.3f | %.3f | %.1f | %.1f | %.2f | %.3f | %.2f | %s | %s | %s |\n", \
    $1, $2, in_mb, $4, $5, $5 / $4, peak, peak / in_mb, per_m, per_m / rate, \
    secs($7), ratio($7, $5), mb($8)
}' "$tsv")

git_rev=$(git describe --always --dirty 2> /dev/null || echo unknown)
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2> /dev/null | head -n 1)
{
  echo "# semm benchmark"
  echo
  echo "- semm: $("$BUILD/semm" --version 2> /dev/null || echo unknown), source $git_rev"
  echo "- machine: $(uname -srm), ${cpu:-unknown CPU}, $(nproc) CPUs"
  echo "- data: $ORGS organizations, seed $SEED, questionnaire $QUEST${suffix:+ (no segment columns)}"
  echo "- semm command: ${semm_cmd[*]} -o OUTDIR FILE"
  echo "- median of $runs interleaved runs; peak RSS is the largest of the runs"
  if [ -n "$python" ]; then
    echo "- pandas: $python tools/bench/pandas_job.py, pandas $("$python" -c 'import pandas; print(pandas.__version__)')"
  else
    echo "- pandas: skipped: not installed"
  fi
  echo
  echo "$table"
} > "$dir/results.md"

echo
echo "$table"
echo
echo "bench: written to $dir/results.md" >&2
