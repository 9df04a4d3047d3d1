#!/usr/bin/env bash
# The HTML report's size and cost (docs/report.md, "Scale"): the demo report, and the report of a
# synthetic 1e5-claim document (1e4 propositions, 200 sources, a quarter of the items changing).
# Prints the page size, the time and peak memory of `credence report --scores`, and the time
# headless Chromium takes to open each page (tests/tools/open_time.py; skipped without Chromium).
# Usage: bench/report.sh [BUILD_DIR]   (a Release build: cmake -DCMAKE_BUILD_TYPE=Release)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
credence="$build/credence"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() {  # name scores.json
  local name=$1 scores=$2 html="$work/$1.report.html"
  /usr/bin/time -f "%e %M" -o "$work/time" "$credence" report --scores "$scores" -o "$html" \
    2>/dev/null
  read -r seconds kilobytes < "$work/time"
  local bytes
  bytes=$(stat -c %s "$html")
  local open="n/a"
  if command -v chromium >/dev/null && /usr/bin/python3 -c 'import selenium' 2>/dev/null; then
    open=$(/usr/bin/python3 tests/tools/open_time.py "$html")
  fi
  printf '%-28s %10s claims  page %9.1f KB  render %6.2f s  %7.0f MB peak  open %s\n' \
    "$name" "$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["claims"]))' "$scores")" \
    "$(echo "$bytes / 1000" | bc -l)" "$seconds" "$(echo "$kilobytes / 1024" | bc -l)" "$open"
}

"$credence" score fixtures/syria-coalition/claims.json -o "$work/demo.scores.json" 2>/dev/null
measure "syria-coalition (demo)" "$work/demo.scores.json"

"$credence" synth --out-prefix "$work/synth" --seed 7 --sources 200 --claims 100000 \
  --answers-per-item 10 --mutable-fraction 0.25 --relay-fraction 0.1 --days 730 >/dev/null
"$credence" score "$work/synth.claims.json" -o "$work/synth.scores.json" 2>/dev/null
echo "1e5-claim scores document: $(( $(stat -c %s "$work/synth.scores.json") / 1000000 )) MB"
measure "synthetic 1e5 claims" "$work/synth.scores.json"
