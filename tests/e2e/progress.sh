#!/usr/bin/env bash
# The progress line: shown on a terminal (rows, MB/s, percent, time
# left), never with --quiet, never when standard error is a pipe.
# Needs script(1) for a terminal; skips (exit 77) without it.
# Usage: progress.sh SEMM GEN_BENCH   (run from the repository root)
set -euo pipefail
semm=$1
gen=$2
command -v script > /dev/null || { echo "progress: no script(1), skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
q=tools/bench/iso23592-bench45.json
"$gen" -q "$q" -n 150000 -g 100 --no-segments -o "$tmp/big.csv"
run="$semm score -q $q -m models/iso23592.json --summary -o $tmp/out $tmp/big.csv"
script -qec "$run" /dev/null > "$tmp/tty.txt"
grep -Eq 'semm: [0-9]+ rows?, [0-9]+ MB, [0-9.]+ MB/s, [0-9]+ %, [0-9]+:[0-9]{2} left' "$tmp/tty.txt"
script -qec "$run --quiet" /dev/null > "$tmp/quiet.txt"
if grep -Eq 'rows?,' "$tmp/quiet.txt"; then
  echo "progress shown with --quiet" >&2
  exit 1
fi
$run 2> "$tmp/pipe.txt"
if grep -Eq 'rows?,' "$tmp/pipe.txt" || grep -q $'\r' "$tmp/pipe.txt"; then
  echo "progress shown in a pipe" >&2
  exit 1
fi
echo "progress: on a terminal only"
