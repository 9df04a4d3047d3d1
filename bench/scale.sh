#!/usr/bin/env bash
# Regenerates the figures of docs/performance.md: builds the benchmarks (Release, with
# -DCREDENCE_BUILD_BENCH=ON), runs the end-to-end scale driver credence-scale (triad, then load
# and fit per size, algorithm and thread count, each in a fresh process, best of REPEAT) and,
# unless MICRO=0, the Google Benchmark micro benchmarks.
#
# Usage: bench/scale.sh [credence-scale flags...]      e.g. bench/scale.sh --sizes 1e4,1e5,1e6,1e7
# Environment: BUILD (build folder, default build-bench), OUT (results, default $BUILD/results),
#   CACHE (generated data, reused; default $BUILD/scale-cache), JOBS (build jobs, default 2),
#   MICRO=0 (skip the micro benchmarks), MICRO_FLAGS (extra flags for credence-bench).
# Writes $OUT/scale.jsonl, $OUT/scale.md, $OUT/micro.json and $OUT/micro.txt.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build=${BUILD:-build-bench}
out=${OUT:-$build/results}
cache=${CACHE:-$build/scale-cache}
jobs=${JOBS:-2}

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCREDENCE_BUILD_BENCH=ON \
  -DCREDENCE_BUILD_TESTS=OFF > /dev/null
cmake --build "$build" --parallel "$jobs" --target credence-scale credence-bench > /dev/null

label=$(git describe --always --dirty 2> /dev/null || echo unknown)
mkdir -p "$out"
{
  echo "nproc: $(nproc)"
  grep -m1 'model name' /proc/cpuinfo || true
  grep MemTotal /proc/meminfo || true
  echo "commit: $label"
} | tee "$out/machine.txt" >&2

"$build/bench/credence-scale" --cache "$cache" --out "$out" --label "$label" "$@"

if [[ ${MICRO:-1} != 0 ]]; then
  # shellcheck disable=SC2086  # MICRO_FLAGS is a list of flags
  "$build/bench/credence-bench" --cache="$cache" --benchmark_out="$out/micro.json" \
    --benchmark_out_format=json ${MICRO_FLAGS:-} | tee "$out/micro.txt"
fi
echo "scale.sh: results in $out" >&2
