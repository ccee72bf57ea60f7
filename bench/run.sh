#!/bin/bash
# Runs the whole libflow benchmark suite and prints the results table.
#
#   bench/run.sh [--quick] [--with-8000] [--with-20000] [--only-20000] [--ingest-only]
#
# Builds the library and the benchmark programs (-DFLOW_BUILD_BENCH=ON) into
# build-bench/, generates the BACI-like file into $FLOW_BENCH_DIR (default
# ${TMPDIR:-/tmp}/libflow-bench; reused while its size and seed are unchanged),
# measures every libflow operation next to its baseline in the same run and
# writes bench/out/results.md (git-ignored; copy it into docs/performance.md).
#
#   --quick      1 M rows and n = 1000, 2000: a smoke run for development
#   --with-8000  also the IO benchmarks at n = 8000 (about 1.5 GB per process)
#   --with-20000 also n = 20,000, GLORIA's size (3.2 GB per n x n matrix: about
#                10 GB for numpy's inverse; one run of each, ~140 s per
#                factorisation on an idle 2-core machine)
#   --only-20000 only the IO benchmarks at n = 20,000 (no ingest, no smaller
#                sizes): the long run on its own
#   --ingest-only only the ingest rows (the 10.5 M-row file against fread and
#                pandas), no IO benchmarks
#
# FLOW_BENCH_BUILD and FLOW_BENCH_OUT move the build folder (build-bench/) and
# the output folder (bench/out/), so that a long run keeps its own binaries and
# results while the tree is rebuilt beside it.
#
# Baselines that are not installed (R data.table, pandas, numpy) are skipped
# and their rows say "not run"; bench/install-deps.sh installs them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
quick=0
with8000=0
with20000=0
only20000=0
ingestonly=0
for arg in "$@"; do
    case "$arg" in
        --quick) quick=1 ;;
        --with-8000) with8000=1 ;;
        --with-20000) with20000=1 ;;
        --only-20000) only20000=1 ;;
        --ingest-only) ingestonly=1 ;;
        *) echo "usage: bench/run.sh [--quick] [--with-8000] [--with-20000] [--only-20000] [--ingest-only]" >&2; exit 2 ;;
    esac
done

rows=10500000
sizes="2000 4000"
reps=3
if [ "$quick" = 1 ]; then
    rows=1000000
    sizes="1000 2000"
fi
[ "$with8000" = 1 ] && sizes="$sizes 8000"
[ "$with20000" = 1 ] && sizes="$sizes 20000"
[ "$only20000" = 1 ] && sizes="20000"
[ "$ingestonly" = 1 ] && sizes=""
seed=2022
threads=2
export OPENBLAS_NUM_THREADS=$threads
python=/usr/bin/python3 # Debian's, which has numpy and pandas

build="${FLOW_BENCH_BUILD:-$root/build-bench}"
out="${FLOW_BENCH_OUT:-$root/bench/out}"
data="${FLOW_BENCH_DIR:-${TMPDIR:-/tmp}/libflow-bench}"
mkdir -p "$out/logs" "$data"
results="$out/results.tsv"
: >"$results"
meta() { printf 'META\t%s\t%s\n' "$1" "$2" >>"$results"; }

if [ ! -x /usr/bin/time ]; then
    echo "bench/run.sh needs GNU time (/usr/bin/time) for peak memory: bench/install-deps.sh" >&2
    exit 1
fi

echo "== build ($build)"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DFLOW_BUILD_BENCH=ON \
    -DFLOW_BUILD_TESTS=OFF -DFLOW_BUILD_EXAMPLES=OFF >"$out/logs/cmake.log"
cmake --build "$build" -j2 >>"$out/logs/cmake.log"
bin="$build/bench"

csv="$data/BACI_HS17_Y2022_V202401.csv"
codes="$data/country_codes_V202401.csv"
file_bytes=0
file_rows=0
make_data() {
    echo "== data ($data)"
    stamp="$data/stamp" # what made the files: size, seed and the generator itself
    want="$rows $seed $(cksum <"$bin/gen_baci" | cut -d' ' -f1)"
    if [ ! -f "$csv" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        "$bin/gen_baci" --rows "$rows" --seed "$seed" "$data"
        echo "$want" >"$stamp"
    fi
    file_bytes=$(stat -c %s "$csv")
    file_rows=$(($(wc -l <"$csv") - 1))
}
[ "$only20000" = 0 ] && make_data

meta command "bench/run.sh $*"
meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta nproc "$(nproc)"
meta cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
meta mem "$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)"
meta load_start "$(cut -d' ' -f1-3 /proc/loadavg)"
meta git "$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"
meta blas_threads "$threads"
meta rows "$file_rows"
meta file_bytes "$file_bytes"
meta seed "$seed"
meta reps "$reps"
meta io_sizes "$sizes"

# measure NAME COMMAND...: runs COMMAND under /usr/bin/time, records every
# "RESULT key seconds" line it prints with the process's peak RSS.
measure() {
    local name=$1 log="$out/logs/$1.log" rss="$out/logs/$1.rss"
    shift
    printf '  %-28s' "$name"
    if /usr/bin/time -f '%M' -o "$rss" "$@" >"$log" 2>&1; then
        local kb
        kb=$(tail -n 1 "$rss")
        grep '^RESULT ' "$log" | while read -r _ key secs; do
            printf '%s\t%s\t%s\n' "$key" "$secs" "$kb" >>"$results"
            printf ' %s %ss' "$key" "$secs"
        done || true
        printf ' (%s MB)\n' "$((kb / 1024))"
    else
        echo " failed, see $log"
    fi
}
have() { [ -x "$bin/$1" ]; }

ingest() {
    echo "== ingest ($file_rows rows, $((file_bytes / 1000000)) MB)"
    measure cat "$root/bench/timed.sh" ingest.cat "$reps" sh -c "cat '$csv' >/dev/null"
    have bare_libcsv && measure libcsv "$bin/bare_libcsv" "$csv" --reps "$reps"
    if have bench_ingest; then
        measure flow_pairs_t2 "$bin/bench_ingest" "$csv" "$codes" --by pairs --threads 2 --reps "$reps"
        measure flow_pairs_t1 "$bin/bench_ingest" "$csv" "$codes" --by pairs --threads 1 --reps "$reps"
        measure flow_groups_t2 "$bin/bench_ingest" "$csv" "$codes" --by groups --threads 2 --reps "$reps"
    fi
    if Rscript -e 'library(data.table)' >/dev/null 2>&1; then
        measure fread_pairs Rscript "$root/bench/baseline_fread.R" "$csv" pairs "$reps"
        measure fread_groups Rscript "$root/bench/baseline_fread.R" "$csv" groups "$reps"
    else
        echo "  R data.table not installed: fread baseline skipped"
    fi
    if "$python" -c 'import pandas' >/dev/null 2>&1; then
        measure pandas_pairs "$python" "$root/bench/baseline_pandas.py" "$csv" --by pairs --reps 2
        measure pandas_groups "$python" "$root/bench/baseline_pandas.py" "$csv" --by groups --reps 2
    else
        echo "  pandas not installed: pandas baseline skipped"
    fi
}
if [ "$only20000" = 1 ]; then
    echo "== ingest skipped (--only-20000)"
else
    ingest
fi

has_numpy=0
"$python" -c 'import numpy' >/dev/null 2>&1 && has_numpy=1
for n in $sizes; do
    r=$reps
    [ "$n" -ge 8000 ] && r=2
    [ "$n" -ge 20000 ] && r=1
    echo "== IO, n = $n"
    measure "dgetrf_$n" "$bin/bare_dgetrf" --n "$n" --reps "$r"
    if have bench_io; then
        for what in lu solve L sweep sweep_total shocks footprints solve_in_place L_in_place; do
            measure "flow_${what}_$n" "$bin/bench_io" --n "$n" --what "$what" --reps "$r"
        done
        # 10,000 Monte-Carlo draws with p5/p50/p95 bands (issue 18: n = 4000)
        if [ "$n" -ge 4000 ]; then
            measure "flow_shocks10k_$n" "$bin/bench_io" --n "$n" --what shocks \
                --scenarios 10000 --reps 1
        fi
    fi
    if [ "$has_numpy" = 1 ]; then
        measure "numpy_inv_matmul_$n" "$python" "$root/bench/baseline_numpy.py" --n "$n" \
            --what inv_matmul --reps "$r"
        measure "numpy_inv_$n" "$python" "$root/bench/baseline_numpy.py" --n "$n" \
            --what inv --reps "$r"
    else
        echo "  numpy not installed: numpy baselines skipped"
    fi
done

meta load_end "$(cut -d' ' -f1-3 /proc/loadavg)"
"$python" "$root/bench/report.py" "$results" >"$out/results.md"
echo
cat "$out/results.md"
echo
echo "written to $out/results.md"
