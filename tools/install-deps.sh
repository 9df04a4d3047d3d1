#!/usr/bin/env bash
# Installs the Debian 12 packages credence needs, skipping those already present.
# Usage: tools/install-deps.sh [build|test]   (test = build + what the test suite needs)
set -euo pipefail

build_packages=(cmake ninja-build g++ pkg-config libeigen3-dev libboost-graph-dev
                nlohmann-json3-dev libcli11-dev libssl-dev libsimdjson-dev)
test_packages=(googletest libgtest-dev python3 python3-jsonschema clang-format clang-tidy git)

packages=("${build_packages[@]}")
if [[ "${1:-build}" == "test" ]]; then
  packages+=("${test_packages[@]}")
fi

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
