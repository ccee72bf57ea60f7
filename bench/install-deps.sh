#!/bin/sh
# Installs the Debian packages the benchmark baselines need, on top of
# scripts/install-deps.sh: R data.table (fread), pandas and numpy (pymrio's
# way of doing things) and GNU time (peak memory). Optional: bench/run.sh
# skips a baseline that is missing. Installs only what is missing.
set -eu
"$(dirname "$0")/../scripts/install-deps.sh"

packages="time r-base-core r-cran-data.table python3-numpy python3-pandas"
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
