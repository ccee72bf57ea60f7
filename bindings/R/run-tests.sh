#!/bin/sh
# Runs the R package's tests against a CMake build of libflow:
#   sh bindings/R/run-tests.sh BUILD_DIR [--document]
# Installs the build into a temporary prefix, builds and installs the package
# from a copy of this folder (so the source tree stays clean) into a temporary
# library with configure finding libflow through pkg-config, checks that the
# committed man/ pages and NAMESPACE match the roxygen comments when roxygen2
# is installed, then runs tests/testthat. Exits non-zero on any failure.
# With --document it instead writes the regenerated man/ and NAMESPACE back
# into this folder (roxygen2 needs the package installed to document it).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: run-tests.sh BUILD_DIR [--document]}" && pwd)
document="${2:-}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

prefix="$tmp/prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
pcdir=$(dirname "$(find "$prefix" -name libflow.pc | head -n 1)")
# As a user would after `cmake --install build --prefix P`: only
# PKG_CONFIG_PATH (libflow.pc is relocatable), no LD_LIBRARY_PATH (configure
# adds an rpath for the -L directory).
PKG_CONFIG_PATH="$pcdir"
export PKG_CONFIG_PATH
unset LIBFLOW_CFLAGS LIBFLOW_LIBS PKG_CONFIG LD_LIBRARY_PATH

mkdir "$tmp/src" "$tmp/lib"
cp -R "$here" "$tmp/src/libflow"
(cd "$tmp/src/libflow" && ./cleanup)
R CMD INSTALL --no-multiarch --library="$tmp/lib" "$tmp/src/libflow"

R_LIBS="$tmp/lib${R_LIBS:+:$R_LIBS}"
export R_LIBS
if Rscript -e 'quit(status = !requireNamespace("roxygen2", quietly = TRUE))' 2>/dev/null; then
    echo "== checking man/ and NAMESPACE against the roxygen comments"
    (cd "$tmp/src/libflow" &&
        Rscript -e 'roxygen2::roxygenise(load_code = roxygen2::load_installed)' >/dev/null)
    if [ "$document" = "--document" ]; then
        rm -rf "$here/man"
        cp -R "$tmp/src/libflow/man" "$tmp/src/libflow/NAMESPACE" "$here/"
        echo "man/ and NAMESPACE regenerated"
        exit 0
    fi
    for f in NAMESPACE man; do
        diff -r "$here/$f" "$tmp/src/libflow/$f" ||
            { echo "$f is out of date: run sh bindings/R/run-tests.sh BUILD_DIR --document" >&2
              exit 1; }
    done
elif [ "$document" = "--document" ]; then
    echo "--document needs roxygen2 (Debian r-cran-roxygen2)" >&2
    exit 1
fi

# The tests read the bundled demo data and, when present, ../shared/data.
export FLOW_SOURCE_DIR="${FLOW_SOURCE_DIR:-$(cd "$here/../.." && pwd)}"
export FLOW_BUILD_DIR="$build"
export FLOW_SHARED_DATA="${FLOW_SHARED_DATA:-$FLOW_SOURCE_DIR/../shared/data}"
cd "$here/tests/testthat"
Rscript -e 'testthat::test_dir(".", package = "libflow", load_package = "installed",
                               stop_on_failure = TRUE)'

# The walkthrough's R block, run with the package just installed, must print
# what docs/walkthrough.md shows (the page's doc-drift test for R).
if [ -x "$build/examples/flowtool" ] && command -v python3 >/dev/null; then
    echo "== the walkthrough's R block against the page"
    /usr/bin/python3 "$FLOW_SOURCE_DIR/scripts/walkthrough.py" "$build/examples/flowtool" --r-only
fi
