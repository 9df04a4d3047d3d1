#!/usr/bin/env bash
# Builds credence in Release and scores the seed story (fixtures/syria-coalition).
# Writes build/syria-coalition.scores.json, prints the readable summary, and writes the HTML
# report build/syria-coalition.report.html (printing its path).
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh build
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCREDENCE_BUILD_TESTS=OFF >/dev/null
cmake --build build --target credence -j "$(nproc)"
build/credence score fixtures/syria-coalition/claims.json \
  -o build/syria-coalition.scores.json --summary
build/credence report --scores build/syria-coalition.scores.json \
  -o build/syria-coalition.report.html
echo "report: $(pwd)/build/syria-coalition.report.html (open it in a browser; it needs no network)"
