#!/bin/sh
# Installs the Debian packages libflow needs. With "--test" also those the test
# suites need (Python, R, sanitizer runtime, fuzzing); further arguments name
# extra packages (bench/install-deps.sh passes the benchmark baselines').
# Installs only what is missing, so it is cheap to run again.
set -eu

packages="build-essential cmake pkg-config libopenblas-dev liblapacke-dev libcsv-dev zlib1g-dev libzip-dev"
if [ "${1:-}" = "--test" ]; then
    shift
    packages="$packages libcmocka-dev python3-numpy python3-scipy python3-pytest python3-networkx
              python3-pandas python3-matplotlib python3-pyflakes python3-pip python3-setuptools python3-wheel python3-venv r-base-core r-cran-testthat r-cran-roxygen2 clang
              libclang-rt-14-dev iso-codes
              libscalapack-openmpi-dev libopenmpi-dev openmpi-bin"
fi
packages="$packages $*"

missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "installing:$missing"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
