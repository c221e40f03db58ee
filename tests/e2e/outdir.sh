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
  "$semm" score --quiet "${Q[@]}" -o "$o" --format all \
    --benchmark $H/responses.csv || { bad stale "first run failed"; return; }
  [ -f "$o/report.xlsx" ] || { bad stale "no report.xlsx"; return; }
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

# Inputs inside the output folder are refused before anything is
# written: a model named report.json, a questionnaire named scores.csv,
# standard input redirected from DIR/scores.csv, a report compared into
# its own folder's compare.json.
check_inputs_safe() {
  local o=$work/inputs got code
  mkdir -p "$o"
  cp $H/model.json "$o/report.json"
  got=$("$semm" score --quiet -m "$o/report.json" -q $H/questionnaire.json \
    -o "$o" $H/responses.csv 2>&1); code=$?
  [ "$code" = 5 ] && [ "$got" = "semm: input $o/report.json would be overwritten by the report; choose another -o" ] &&
    cmp -s $H/model.json "$o/report.json" ||
    { bad inputs "model: $code $got"; return; }
  rm "$o/report.json"
  cp $H/questionnaire.json "$o/respondents.csv"
  got=$("$semm" score --quiet -m $H/model.json -q "$o/respondents.csv" \
    -o "$o" $H/responses.csv 2>&1); code=$?
  [ "$code" = 5 ] && [ -s "$o/respondents.csv" ] && [ ! -e "$o/report.json" ] ||
    { bad inputs "questionnaire: $code $got"; return; }
  rm "$o/respondents.csv"
  cp $H/responses.csv "$o/scores.csv"
  got=$("$semm" score --quiet "${Q[@]}" -o "$o" - < "$o/scores.csv" 2>&1)
  code=$?
  [ "$code" = 5 ] && [ "$got" = "semm: input - (standard input) would be overwritten by the report $o/scores.csv; choose another -o" ] &&
    cmp -s $H/responses.csv "$o/scores.csv" ||
    { bad inputs "stdin: $code $got"; return; }
  rm "$o/scores.csv"
  "$semm" score --quiet "${Q[@]}" -o "$o" $H/responses.csv || return
  cp "$o/report.json" "$o/compare.json"
  got=$("$semm" compare "$o/compare.json" "$o/report.json" -o "$o" 2>&1)
  code=$?
  [ "$code" = 5 ] && [ "$got" = "semm: input $o/compare.json would be overwritten by the comparison; choose another -o" ] ||
    { bad inputs "compare: $code $got"; return; }
  ok inputs
}

# A bad -o is named, not reported as "Inappropriate ioctl" or "Success".
check_bad_output_names() {
  local got long
  got=$("$semm" score --quiet "${Q[@]}" -o "" $H/responses.csv 2>&1)
  [ "$?" = 2 ] && [ "$got" = "semm: -o: empty folder name" ] ||
    { bad output-name "empty: $got"; return; }
  long=$work/$(printf 'x%.0s' $(seq 1 5000))
  for cmd in "score --quiet ${Q[*]} $H/responses.csv" "template -q $H/questionnaire.json" \
             "compare $work/stale/report.json $work/stale/report.json"; do
    # shellcheck disable=SC2086
    got=$("$semm" $cmd -o "$long" 2>&1)
    [ "$?" = 2 ] && [ "$got" = "semm: -o: path longer than PATH_MAX (4096 bytes)" ] ||
      { bad output-name "long ($cmd): ${got:0:200}"; return; }
  done
  got=$("$semm" template -q $H/questionnaire.json -o "" 2>&1)
  [ "$?" = 2 ] && [ "$got" = "semm: -o: empty folder name" ] ||
    { bad output-name "template empty: $got"; return; }
  ok output-name
}

# semm template: a filled-in template is not overwritten without --force,
# a symbolic link is never followed, an id that is not a file name is
# refused (by validate too).
check_template() {
  local o=$work/template got code
  "$semm" template -q $H/questionnaire.json -o "$o" > /dev/null ||
    { bad template "first run failed"; return; }
  echo "r1,Org,,,,4,4,4,4,4,4,4" >> "$o/mini-q-template.csv"
  cp "$o/mini-q-template.csv" "$work/filled.csv"
  got=$("$semm" template -q $H/questionnaire.json -o "$o" 2>&1); code=$?
  [ "$code" = 5 ] && [ "$got" = "$o/mini-q-template.csv: already exists: not replaced (--force replaces it)" ] &&
    cmp -s "$o/mini-q-template.csv" "$work/filled.csv" ||
    { bad template "overwrite: $code $got"; return; }
  "$semm" template --force -q $H/questionnaire.json -o "$o" > /dev/null &&
    ! cmp -s "$o/mini-q-template.csv" "$work/filled.csv" ||
    { bad template "--force did not replace it"; return; }
  echo target > "$work/target"
  rm "$o/mini-q-guide.md"
  ln -s "$work/target" "$o/mini-q-guide.md"
  for force in "" --force; do
    got=$("$semm" template $force -q $H/questionnaire.json -o "$o" 2>&1)
    code=$?
    [ "$code" = 5 ] && [ "$(cat "$work/target")" = target ] &&
      [ -L "$o/mini-q-guide.md" ] ||
      { bad template "symlink $force: $code $got"; return; }
  done
  sed 's/"id": "mini-q"/"id": "..\/..\/x"/' $H/questionnaire.json > "$work/evil.json"
  got=$("$semm" validate "$work/evil.json" 2>&1); code=$?
  [ "$code" = 4 ] && grep -q '^'"$work"'/evil.json:3:[0-9]*: \$.id: not a safe file name' <<< "$got" ||
    { bad template "validate: $code $got"; return; }
  mkdir -p "$o/a/b"
  "$semm" template -q "$work/evil.json" -o "$o/a/b" > /dev/null 2>&1
  [ "$?" = 4 ] && [ -z "$(ls -A "$o/a/b")" ] && [ ! -e "$o/x-template.csv" ] ||
    { bad template "../../x written"; return; }
  ok template
}

# SIGTERM while writing (SIGINT is ignored by background jobs of a script): the run's temporary files go with it; files a
# killed run left are removed by the next run.
check_interrupt() {
  local o=$work/interrupt big=$work/big.csv pid i left code
  mkdir -p "$o"
  head -n 1 $H/responses.csv > "$big"
  awk -F, -v OFS=, 'NR == 2 { for (i = 1; i <= 200000; i++) { $1 = "r" i; print } }' \
    $H/responses.csv >> "$big"
  "$semm" score --quiet "${Q[@]}" -o "$o" "$big" & pid=$!
  for i in $(seq 1 2000); do
    [ -e "$o/.report.json.$pid" ] && break
    sleep 0.005
  done
  kill -TERM $pid
  wait $pid
  code=$?
  # a killed run's lock file is not held: harmless, reused by the next
  left=$(files "$o")
  if [ "$code" != 143 ] || [ -n "$left" ]; then
    bad interrupt "exit $code, left: $left"; return
  fi
  echo x > "$o/.respondents.csv.99999"
  echo x > "$o/.report.json.old.99998"
  echo mine > "$o/.report.json.mine"
  "$semm" score --quiet "${Q[@]}" -o "$o" $H/responses.csv || return
  left=$(ls -A "$o" | grep '^\.' | tr '\n' ' ')
  [ "$left" = ".report.json.mine " ] || { bad interrupt "left: $left"; return; }
  ok interrupt
}

check_stale_files_removed
check_inputs_safe
check_bad_output_names
check_template
check_interrupt
check_concurrent_runs
check_refusal_message
exit $fail
