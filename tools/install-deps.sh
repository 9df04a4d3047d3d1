#!/usr/bin/env bash
# Installs the Debian 12 packages credence needs, skipping those already present.
# Usage: tools/install-deps.sh [build|test|bench|fuzz]
#   test = build + what the test suite needs (the Python module's build and tests included);
#   bench = build + Google Benchmark (bench/);
#   fuzz = build + clang and libFuzzer for tools/fuzz.sh
set -euo pipefail

build_packages=(cmake ninja-build g++ pkg-config libeigen3-dev libboost-graph-dev
                nlohmann-json3-dev libcli11-dev libssl-dev libsimdjson-dev
                libsqlite3-dev libcpp-httplib-dev)
test_packages=(googletest libgtest-dev python3 python3-jsonschema clang-format clang-tidy git
               chromium chromium-driver python3-selenium python3-pytest python3-numpy
               pybind11-dev python3-dev python3-pandas python3-venv python3-setuptools
               python3-pip python3-wheel)
bench_packages=(libbenchmark-dev python3-numpy)
fuzz_packages=(clang-14 libclang-rt-14-dev)

packages=("${build_packages[@]}")
case "${1:-build}" in
  build) ;;
  test) packages+=("${test_packages[@]}") ;;
  bench) packages+=("${bench_packages[@]}") ;;
  fuzz) packages+=("${fuzz_packages[@]}") ;;
  *) echo "usage: tools/install-deps.sh [build|test|bench|fuzz]" >&2; exit 2 ;;
esac

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if (( ${#missing[@]} == 0 )); then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "credence needs these Debian packages: ${missing[*]}" >&2
  echo "run this script as root (or: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
