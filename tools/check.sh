#!/usr/bin/env bash
# Builds credence with warnings as errors and runs the whole test suite through ctest, then
# again under AddressSanitizer + UndefinedBehaviorSanitizer, then checks formatting and lints.
# Usage: tools/check.sh [--extended]   (--extended: then fuzz every parser for a minute each)
set -euo pipefail
cd "$(dirname "$0")/.."

extended=0
case "${1:-}" in
  "") ;;
  --extended) extended=1 ;;
  *) echo "usage: tools/check.sh [--extended]" >&2; exit 2 ;;
esac

tools/install-deps.sh test
jobs=$(nproc)

echo "== build and test (warnings are errors)"
cmake -S . -B build-check -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCREDENCE_WERROR=ON >/dev/null
cmake --build build-check -j "$jobs"
ctest --test-dir build-check --output-on-failure -j "$jobs"

echo "== build and test under AddressSanitizer + UBSan"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCREDENCE_WERROR=ON \
  -DCREDENCE_SANITIZE=address,undefined >/dev/null
cmake --build build-asan -j "$jobs"
# The public data sets, the browser, the Python suites and the long synthetic system runs check
# behaviour, not memory: they ran in the first pass and run once.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs" \
  -E '^(CrowdDatasets\.|TabularReaders\.PublicDataSets|SynthSystem\.|browser\.|bench\.|python\.)'


echo "== clang-format"
git ls-files -z -- '*.h' '*.cc' | xargs -0 clang-format --dry-run --Werror

echo "== clang-tidy (library and command line)"
git ls-files -z -- 'src/*.cc' 'tools/*.cc' |
  xargs -0 -n 1 -P "$jobs" clang-tidy -p build-check --quiet --extra-arg=-Wno-unknown-warning-option
if (( extended )); then
  echo "== fuzz every parser (tools/fuzz.sh, 60 s a target)"
  tools/install-deps.sh fuzz
  tools/fuzz.sh 60
fi
echo "all checks passed"
