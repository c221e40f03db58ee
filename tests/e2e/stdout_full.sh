#!/usr/bin/env bash
# A command whose standard output cannot be written (here /dev/full, as a
# full disk) must fail with exit 5 and say so, not exit 0 having printed
# nothing.
set -u
semm=$1
if [ ! -w /dev/full ]; then
  echo "stdout_full: no /dev/full here, skipped"
  exit 0
fi
status=0
for args in "validate models/iso23592.json" "--version" "--help"; do
  # shellcheck disable=SC2086
  err=$("$semm" $args 2>&1 > /dev/full)
  code=$?
  want="semm: writing standard output failed: No space left on device"
  if [ "$code" != 5 ] || [ "$err" != "$want" ]; then
    echo "semm $args > /dev/full: exit $code, stderr \"$err\"; expected exit 5, \"$want\""
    status=1
  fi
done
exit $status
