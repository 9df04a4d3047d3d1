#!/usr/bin/env bash
# Builds credence in Release and scores the seed story (fixtures/syria-coalition).
# Writes build/syria-coalition.scores.json and prints the readable summary.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh build
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCREDENCE_BUILD_TESTS=OFF >/dev/null
cmake --build build --target credence -j "$(nproc)"
build/credence score fixtures/syria-coalition/claims.json \
  -o build/syria-coalition.scores.json --summary
