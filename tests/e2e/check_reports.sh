#!/usr/bin/env bash
# The shipped reports in reports/ are what tools/example.sh writes: score
# the example the same way into a temporary folder and compare every file
# byte for byte (run from the repository root).
set -eu
semm=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$semm" score -q questionnaires/iso23592-self-assessment.json --quiet \
  --format json,csv,html -o "$tmp" questionnaires/examples/iso23592-example.csv
diff -r "$tmp" reports > /dev/null || {
  echo "reports/ differs from what semm writes now: run bash tools/example.sh" >&2
  diff -r "$tmp" reports | head -20 >&2
  exit 1
}
echo "shipped reports are current"
