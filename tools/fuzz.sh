#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang and runs each for N seconds, seeded from
# the fixtures and the bad-input corpus. Findings (crashing inputs) are written to
# build-fuzz/findings/<target>/; the growing corpus is kept in build-fuzz/corpus/<target>/.
# Usage: tools/fuzz.sh [SECONDS_PER_TARGET [TARGET...]]   (default 60 s, every target)
# CREDENCE_FUZZ_PARALLEL=N runs N targets at a time.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
build=build-fuzz
cxx=$(command -v clang++-14 || command -v clang++ || true)
if [[ -z "$cxx" ]]; then
  echo "fuzzing needs clang and libFuzzer: tools/install-deps.sh fuzz" >&2
  exit 1
fi

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" \
  -DCREDENCE_FUZZ=ON -DCREDENCE_BUILD_TESTS=OFF >/dev/null
targets=("$@")
if (( ${#targets[@]} == 0 )); then
  targets=(claims_json_fuzzer jsonl_fuzzer crowd_csv_fuzzer crowd_tsv_fuzzer population_fuzzer
           book_fuzzer truth_fuzzer date_fuzzer value_fuzzer)
fi
cmake --build "$build" -j "${CREDENCE_JOBS:-$(nproc)}" --target "${targets[@]}"

# Seeds: what each parser reads, good and bad.
seeds_of() {
  case "$1" in
    claims_json_fuzzer) echo fixtures tests/bad_inputs/json ;;
    jsonl_fuzzer) echo tests/bad_inputs/jsonl ;;
    crowd_csv_fuzzer) echo tests/bad_inputs/crowd-csv tests/bad_inputs/truth ;;
    crowd_tsv_fuzzer) echo tests/bad_inputs/crowd-tsv tests/bad_inputs/truth ;;
    population_fuzzer) echo tests/bad_inputs/population ;;
    book_fuzzer) echo tests/bad_inputs/book ;;
    truth_fuzzer) echo tests/bad_inputs/truth ;;
    date_fuzzer | value_fuzzer) echo tests/fuzz/seeds/values ;;
  esac
}

# One target: seed its corpus, fuzz for $seconds, print its final statistics.
fuzz_one() {
  local target=$1
  local corpus="$build/corpus/$target"
  local findings="$build/findings/$target"
  mkdir -p "$corpus" "$findings"
  local seeds=() dir file
  for dir in $(seeds_of "$target"); do
    while IFS= read -r -d '' file; do seeds+=("$file"); done < <(find "$dir" -type f -print0)
  done
  # libFuzzer reads seed files given as a directory; copy them into the working corpus once.
  for file in "${seeds[@]}"; do
    cp -n "$file" "$corpus/seed-$(echo "$file" | tr '/' '_')" 2>/dev/null || true
  done
  local log="$build/findings/$target.log"
  local result=0
  if ! "$build/tests/fuzz/$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
       -rss_limit_mb=2048 -artifact_prefix="$findings/" -print_final_stats=1 "$corpus" \
       >"$log" 2>&1; then
    echo "$target FOUND A PROBLEM: see $log and $findings/" >&2
    result=1
  fi
  echo "== $target: ${seconds}s"
  grep -E "^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb)" "$log" || tail -5 "$log"
  return "$result"
}

# CREDENCE_FUZZ_PARALLEL targets run side by side (default 1: one after another).
parallel=${CREDENCE_FUZZ_PARALLEL:-1}
status=0
running=0
for target in "${targets[@]}"; do
  if (( running >= parallel )); then
    wait -n || status=1
    running=$((running - 1))
  fi
  fuzz_one "$target" &
  running=$((running + 1))
done
while (( running > 0 )); do
  wait -n || status=1
  running=$((running - 1))
done
exit "$status"
