#!/bin/sh
# libflow_mpi against the single-process IO model: for each N, bench_mpi_io
# under mpirun with 1, 2 and 4 ranks (one OpenBLAS thread per rank), each run
# timing its own single-process baseline on rank 0. Prints the RESULT, INFO
# and MEM lines and a Markdown table of the times and their ratios.
#
#   bench/run_mpi.sh [N ...]          (default: 8000)
#
# Builds into build-bench-mpi/ (Release, -DFLOW_WITH_MPI=ON).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
sizes=${*:-8000}
cmake -S . -B build-bench-mpi -DCMAKE_BUILD_TYPE=Release -DFLOW_WITH_MPI=ON -DFLOW_BUILD_BENCH=ON \
    -DFLOW_BUILD_TESTS=OFF -DFLOW_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build-bench-mpi -j2 --target bench_mpi_io >/dev/null
export OPENBLAS_NUM_THREADS=1 OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for n in $sizes; do
    for p in 1 2 4; do
        mpirun --oversubscribe -np "$p" build-bench-mpi/libflow/mpi/bench_mpi_io --n "$n" \
            --scenarios 100 | tee -a "$out"
    done
done
echo
echo "| n | ranks | grid | scatter s | pdgetrf s | dgetrf s (same run) | pdgetrf / dgetrf | 100 scenarios s | single s | sweep s | rank 0 MiB | other rank MiB |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
awk '
/^RESULT/ { split($2, k, "."); v[$2] = $3; if (k[2] == "single") last_single[k[1]] = $3
            if (k[1] == "sweep") {
                n = k[3]; p = k[4]
                lu[n, p] = v["lu.mpi." n "." p]; single[n, p] = last_single["lu"]
                sc[n, p] = v["scatter.mpi." n "." p]; b[n, p] = v["batch.mpi." n "." p]
                bs[n, p] = last_single["batch"]; sw[n, p] = $3 } }
/^INFO/   { split($4, g, "="); grid = g[2] }
/^MEM/    { split($2, a, "="); split($3, r, "="); split($4, m0, "="); split($5, m1, "=")
            n = a[2]; p = r[2]
            printf "| %s | %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %s | %s |\n",
                   n, p, grid, sc[n, p], lu[n, p], single[n, p], lu[n, p] / single[n, p],
                   b[n, p], bs[n, p], sw[n, p], m0[2], (p > 1 ? m1[2] : "-") }
' "$out"
