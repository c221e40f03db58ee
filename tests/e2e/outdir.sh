#!/usr/bin/env bash
# The output folder (issue 12): a run leaves exactly its own set of
# files, never mixes with a concurrent run, never overwrites its inputs,
# leaves no temporary files behind, and names bad -o values. Each check
# prints "ok NAME" or "FAILED NAME: why".
set -u
semm=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
H=tests/data/handworked
Q=(-m $H/model.json -q $H/questionnaire.json)
fail=0
ok() { echo "ok $1"; }
bad() { echo "FAILED $1: $2"; fail=1; }

# Files in a folder, hidden ones too but not semm's lock file.
files() { ls -A "$1" | grep -vx '\.semm\.lock' | tr '\n' ' '; }

check_stale_files_removed() {
  local o=$work/stale
  mkdir -p "$o"
  echo mine > "$o/notes.txt"
  "$semm" score --quiet "${Q[@]}" -o "$o" --format json,csv,html \
    --benchmark $H/responses.csv || { bad stale "first run failed"; return; }
  "$semm" score --quiet "${Q[@]}" -o "$o" --format json --summary \
    $H/responses.csv || { bad stale "second run failed"; return; }
  local got
  got=$(files "$o")
  if [ "$got" = "notes.txt report.json " ]; then
    ok stale
  else
    bad stale "folder holds: $got"
  fi
}

check_stale_files_removed
exit $fail
