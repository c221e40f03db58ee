#!/usr/bin/env bash
# The shipped example responses are exactly what the generator writes
# with its fixed seed: regenerate and compare byte for byte.
set -eu
gen=$1
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$gen" -q questionnaires/iso23592-self-assessment.json -o "$tmp"
cmp "$tmp" questionnaires/examples/iso23592-example.csv
echo "example regenerates identically"
