#!/bin/bash
# The MRIO benchmark: a full-size synthetic OECD ICIO-layout CSV (81 regions x
# 45 sectors + final demand, about 100 MB; generated into $FLOW_BENCH_DIR,
# default ${TMPDIR:-/tmp}/libflow-bench, never committed) read, factored and
# turned into footprints by libflow and by pandas read_csv + numpy inv in the
# same run, each in its own process under /usr/bin/time for peak memory.
#
#   bench/run_mrio.sh [--regions R]     (default 81; smaller for a smoke run)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
regions=81
[ "${1:-}" = "--regions" ] && regions=$2
export OPENBLAS_NUM_THREADS=2
python=/usr/bin/python3
build="$root/build-bench"
data="${FLOW_BENCH_DIR:-${TMPDIR:-/tmp}/libflow-bench}"
mkdir -p "$data"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DFLOW_BUILD_BENCH=ON \
    -DFLOW_BUILD_TESTS=OFF -DFLOW_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$build" -j2 --target bench_mrio >/dev/null
csv="$data/icio_synthetic_${regions}x45.csv"
[ -f "$csv" ] || "$python" "$root/bench/gen_icio.py" "$csv" --regions "$regions"
echo "file: $csv ($(($(stat -c %s "$csv") / 1000000)) MB)"
run() { # label, command...: prints its RESULT/CHECK lines and peak RSS
    local label=$1
    shift
    /usr/bin/time -f "PEAK $label %M" "$@" 2>&1 | grep -E '^(RESULT|CHECK|INFO|PEAK)'
}
for rep in 1 2; do
    echo "-- run $rep"
    run libflow "$build/bench/bench_mrio" "$csv"
    run pandas "$python" "$root/bench/baseline_mrio_pandas.py" "$csv"
done
