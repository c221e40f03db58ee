#!/usr/bin/env bash
# Runs one end-to-end case of the semm CLI and compares, byte for byte,
# its exit code, its standard error and its output files with the case's
# expectations.
#
# A case is a folder holding:
#   args           the arguments, one per line; @OUT@ stands for a fresh
#                  output folder, @CASE@ for the case folder
#   env            (optional) NAME=VALUE lines set in the command's
#                  environment (@OUT@ and @CASE@ as in args)
#   stdin          (optional) fed to standard input
#   exit_code      the expected exit code
#   stderr         the expected standard error (@OUT@ written literally)
#   stdout         (optional) the expected standard output; when absent,
#                  standard output is not compared
#   expected/      (optional) every file the run must leave in @OUT@;
#                  when absent, the run must leave @OUT@ empty
#
# The case folder is made absolute, so a case runs alike from ctest and by
# hand (from the repository root). In standard error, standard output and
# the output files, the output folder's path reads @OUT@, the case
# folder's path reads @CASE@ (reports name their input files) and the
# installed data folder the tool was built with (DATA_DIR, the optional
# third argument) reads @DATADIR@.
#
# SEMM_UPDATE_GOLDEN=1 rewrites the expectations from the run instead:
# review the diff by eye before committing it. SEMM_E2E_WRAPPER runs the
# command under a wrapper, e.g. "valgrind -q --error-exitcode=99
# --leak-check=full --errors-for-leak-kinds=all"; the output files are
# then only checked to be there (valgrind's floating point may differ in
# the last digit written).
set -u
semm=$1
case_dir=$(cd "$2" && pwd) || exit 1
data_dir=${3:-}
out=$(mktemp -d)
got=$(mktemp -d)
trap 'rm -rf "$out" "$got"' EXIT

# Writes a copy of file $1 to $2 with the run's paths replaced.
normalize() {
  if [ -n "$data_dir" ]; then
    sed "s#$out#@OUT@#g; s#$case_dir#@CASE@#g; s#$data_dir#@DATADIR@#g" "$1" > "$2"
  else
    sed "s#$out#@OUT@#g; s#$case_dir#@CASE@#g" "$1" > "$2"
  fi
}

args=()
while IFS= read -r line || [ -n "$line" ]; do
  line=${line//@OUT@/$out}
  line=${line//@CASE@/$case_dir}
  args+=("$line")
done < "$case_dir/args"

env_vars=()
if [ -f "$case_dir/env" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line//@OUT@/$out}
    line=${line//@CASE@/$case_dir}
    env_vars+=("$line")
  done < "$case_dir/env"
fi

read -r -a wrapper <<< "${SEMM_E2E_WRAPPER:-}"
input=/dev/null
if [ -f "$case_dir/stdin" ]; then
  input=$case_dir/stdin
fi
env "${env_vars[@]}" "${wrapper[@]}" "$semm" "${args[@]}" < "$input" > "$out.stdout" 2> "$out.stderr"
code=$?
normalize "$out.stderr" "$got/stderr"
normalize "$out.stdout" "$got/stdout"
cp -R "$out" "$got/out"
find "$got/out" -type f -exec sed -i "s#$out#@OUT@#g; s#$case_dir#@CASE@#g" {} +

if [ "${SEMM_UPDATE_GOLDEN:-0}" = 1 ]; then
  echo "$code" > "$case_dir/exit_code"
  cp "$got/stderr" "$case_dir/stderr"
  if [ -s "$got/stdout" ]; then
    cp "$got/stdout" "$case_dir/stdout"
  else
    rm -f "$case_dir/stdout"
  fi
  rm -rf "$case_dir/expected"
  if [ -n "$(ls -A "$out")" ]; then
    cp -r "$got/out" "$case_dir/expected"
  fi
  rm -f "$out.stdout" "$out.stderr"
  echo "updated $case_dir"
  exit 0
fi

fail=0
want=$(cat "$case_dir/exit_code")
if [ "$code" != "$want" ]; then
  echo "exit code: got $code, expected $want"
  fail=1
fi
if ! diff -u "$case_dir/stderr" "$got/stderr"; then
  echo "standard error differs"
  fail=1
fi
if [ -f "$case_dir/stdout" ] && ! diff -u "$case_dir/stdout" "$got/stdout"; then
  echo "standard output differs"
  fail=1
fi
if [ -d "$case_dir/expected" ] && [ ${#wrapper[@]} -gt 0 ]; then
  # Under a wrapper (valgrind) the check is for memory errors, the exit
  # code and the messages: valgrind's floating point can move the last
  # of the 15 digits written, so the files are only checked to exist.
  if diff -rq "$case_dir/expected" "$got/out" | grep -q "^Only in"; then
    echo "output files missing or extra"
    fail=1
  fi
elif [ -d "$case_dir/expected" ]; then
  if ! diff -ru "$case_dir/expected" "$got/out"; then
    echo "output files differ"
    fail=1
  fi
elif [ -n "$(ls -A "$out")" ]; then
  echo "the run left files although none were expected:"
  ls -A "$out"
  fail=1
fi
rm -f "$out.stdout" "$out.stderr"
exit $fail
