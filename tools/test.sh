#!/usr/bin/env bash
# Sets everything up, builds semm with warnings as errors and runs the
# whole test suite through ctest. SEMM_SANITIZE=1 builds and tests with
# AddressSanitizer and UndefinedBehaviorSanitizer instead.
set -eu
cd "$(dirname "$0")/.."
bash tools/deps.sh --test
build=build-test
sanitize=OFF
if [ "${SEMM_SANITIZE:-0}" = 1 ]; then
  build=build-asan
  sanitize=ON
fi
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DSEMM_WERROR=ON \
  -DSEMM_SANITIZE=$sanitize > /dev/null
cmake --build "$build" -j "$(nproc)"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
