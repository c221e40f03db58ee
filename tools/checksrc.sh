#!/usr/bin/env bash
# Mechanical checks of the C sources: calls that are banned in this
# project (unbounded or non-reentrant), assignments inside `if` and
# `while` conditions, the layout of .clang-format, and fuzzer artifacts
# left in the repository. Prints each hit
# and exits 1 on any.
set -u
cd "$(dirname "$0")/.."
status=0
files=$(git ls-files '*.c' '*.h' 2>/dev/null || find src include tests tools -name '*.[ch]')
banned='\b(sprintf|vsprintf|strcpy|strcat|atoi|atol|atof|strtok|gets)\s*\('
if grep -nE "$banned" $files; then
  echo "checksrc: banned call (use snprintf, memcpy with a length, strtol/strtod, strtok_r)"
  status=1
fi
if grep -nE '\b(if|while)\s*\(\s*\(?[a-z_>.-]+\s*=[^=]' $files; then
  echo "checksrc: assignment inside a condition"
  status=1
fi
if command -v clang-format > /dev/null; then
  # shellcheck disable=SC2086
  if ! clang-format --dry-run --Werror $files 2> /tmp/checksrc.$$; then
    head -20 /tmp/checksrc.$$
    echo "checksrc: clang-format disagrees (run: clang-format -i FILE)"
    status=1
  fi
  rm -f /tmp/checksrc.$$
else
  echo "checksrc: clang-format not installed, layout not checked"
fi
# libFuzzer leaves crash-*, leak-*, oom-*, timeout-* and slow-unit-* files
# where it runs: a finding belongs in tests/fuzz/corpus, not at the root
stray=$(git ls-files 'crash-*' 'leak-*' 'oom-*' 'timeout-*' 'slow-unit-*' 2>/dev/null)
if [ -n "$stray" ]; then
  echo "$stray"
  echo "checksrc: fuzzer artifact committed (move it to the fuzz corpus or remove it)"
  status=1
fi
[ $status = 0 ] && echo "checksrc: clean"
exit $status
