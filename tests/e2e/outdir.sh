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

# Two runs into one folder at once: each exits 0 with its whole set in
# place, or is refused with the exact message naming the other run; the
# folder always holds one run's set (report.json and respondents.csv
# count the same respondents).
check_concurrent_runs() {
  local o=$work/concurrent small=$work/small.csv i pa pb ca cb n rows
  head -n 3 $H/responses.csv > "$small"
  for i in $(seq 1 20); do
    "$semm" score --quiet "${Q[@]}" -o "$o" $H/responses.csv \
      2> "$work/a.err" & pa=$!
    "$semm" score --quiet "${Q[@]}" -o "$o" "$small" 2> "$work/b.err" & pb=$!
    wait $pa; ca=$?
    wait $pb; cb=$?
    for run in "a $ca $pb" "b $cb $pa"; do
      set -- $run
      if [ "$2" != 0 ] && { [ "$2" != 5 ] || ! grep -qx \
          "semm: output folder $o/ is in use by another semm run (pid $3)" \
          "$work/$1.err"; }; then
        bad concurrent "trial $i: run $1 exited $2: $(cat "$work/$1.err")"
        return
      fi
    done
    n=$(sed -n 's/^    "scored": \([0-9]*\),$/\1/p' "$o/report.json")
    rows=$(($(wc -l < "$o/respondents.csv") - 1))
    if [ "$n" != "$rows" ] || [ -n "$(ls -A "$o" | grep '^\.')" ]; then
      bad concurrent "trial $i: a mixed folder ($n scored, $rows rows): $(ls -A "$o")"
      return
    fi
  done
  ok concurrent
}

# A run refused while another holds the folder: the exact message.
check_refusal_message() {
  local o=$work/held got
  mkdir -p "$o"
  echo 4242 > "$o/.semm.lock"
  got=$(flock "$o/.semm.lock" "$semm" score --quiet "${Q[@]}" -o "$o" \
    $H/responses.csv 2>&1)
  if [ "$?" = 5 ] && [ "$got" = \
      "semm: output folder $o/ is in use by another semm run (pid 4242)" ] &&
     [ ! -e "$o/report.json" ]; then
    ok refusal
  else
    bad refusal "got: $got"
  fi
}

check_stale_files_removed
check_concurrent_runs
check_refusal_message
exit $fail
