#!/bin/bash
# Fresh machine to full test run: installs the dependencies, then builds and
# runs every suite: C (cmocka, ctest), the same under AddressSanitizer and
# UndefinedBehaviorSanitizer (with the misuse test generated from the public
# headers), concurrent calls on one model under ThreadSanitizer, short libFuzzer
# runs of the CSV, scenario and table readers, Python (pytest, Debian's python3)
# and R (testthat). Stops at the first failing
# suite and ends with a one-line count of the suites that passed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
./scripts/install-deps.sh --test

jobs=2
export OPENBLAS_NUM_THREADS=1

echo "== C suite"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DFLOW_WERROR=ON -DFLOW_BUILD_STATIC=ON >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== C suite under AddressSanitizer + UndefinedBehaviorSanitizer"
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DFLOW_WERROR=ON \
    -DFLOW_SANITIZE=address,undefined >/dev/null
cmake --build build-sanitize -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-sanitize --output-on-failure -j"$jobs" -E '^abi_install'

echo "== Concurrent calls on one model and the shared-cell parallel read under ThreadSanitizer"
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DFLOW_WERROR=ON -DFLOW_SANITIZE=thread \
    -DFLOW_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build-tsan -j"$jobs" --target test_concurrent_calls test_parallel_ingest \
    test_product_tag_overflow
TSAN_OPTIONS=halt_on_error=1 ctest --test-dir build-tsan --output-on-failure \
    -R '^(test_concurrent_calls|test_parallel_ingest|test_product_tag_overflow)$'

echo "== Fuzz smoke runs (libFuzzer, clang): CSV readers, scenario + shock, table readers, MRIO readers, splitter vs libcsv"
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DFLOW_BUILD_FUZZ=ON \
    -DFLOW_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build-fuzz -j"$jobs" --target fuzz_reader fuzz_scenario fuzz_tables fuzz_mrio fuzz_splitter
ctest --test-dir build-fuzz --output-on-failure -R '^fuzz_'
suites=4

echo "== Distributed IO engine (libflow_mpi on ScaLAPACK, mpirun -np 1, 2, 4)"
if command -v mpirun >/dev/null && pkg-config --exists scalapack-openmpi; then
    cmake -S . -B build-mpi -DCMAKE_BUILD_TYPE=Release -DFLOW_WERROR=ON -DFLOW_WITH_MPI=ON >/dev/null
    cmake --build build-mpi -j"$jobs" --target flow_mpi_suite
    ctest --test-dir build-mpi --output-on-failure -L mpi
    suites=$((suites + 1))
fi

echo "== Python suite"
export LIBFLOW_LIBRARY="$root/build/libflow.so"
export FLOW_SHARED_DATA="${FLOW_SHARED_DATA:-$root/../shared/data}"
python_dirs=$(ls -d tests/python bindings/python/tests 2>/dev/null || true)
# Names the binding uses but never defines fail here, before any test runs them.
/usr/bin/python3 -m pyflakes bindings/python/libflow
/usr/bin/python3 -m pytest -q $python_dirs
sh tests/abi/check_pip_install.sh "$root" "$root/build"
suites=$((suites + 1))

if [ -f bindings/R/DESCRIPTION ]; then
    echo "== R suite"
    sh bindings/R/run-tests.sh "$root/build"
    suites=$((suites + 1))
fi
echo "suites: $suites passed, 0 failed"
