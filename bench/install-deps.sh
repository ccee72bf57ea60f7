#!/bin/sh
# Installs the Debian packages the benchmark baselines need, on top of what
# libflow itself needs: R data.table (fread), pandas and numpy (pymrio's way of
# doing things) and GNU time (peak memory). Optional: bench/run.sh skips a
# baseline that is missing. Installs only what is missing.
set -eu
exec "$(dirname "$0")/../scripts/install-deps.sh" time r-base-core r-cran-data.table \
    python3-numpy python3-pandas
