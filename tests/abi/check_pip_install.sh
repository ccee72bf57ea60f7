#!/bin/sh
# `pip install ./bindings/python` on its own, as the README says, into a fresh
# virtual environment of Debian's python3 (with --system-site-packages, so
# Debian's numpy, setuptools and wheel serve; --no-build-isolation --no-index:
# nothing comes from PyPI), then `import libflow` from outside the tree with
# LIBFLOW_LIBRARY unset. Twice:
#  1. pkg-config finds no libflow: the build compiles libflow with CMake and
#     ships it in the package;
#  2. after `cmake --install BUILD --prefix P` with PKG_CONFIG_PATH set: the
#     package uses the installed library.
#   sh check_pip_install.sh SOURCE_DIR BUILD_DIR
set -eu
source_dir=$(cd "$1" && pwd)
build=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset LIBFLOW_LIBRARY PKG_CONFIG_PATH LD_LIBRARY_PATH PYTHONPATH
python=/usr/bin/python3

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# pip builds in the tree it is given: give it a copy, so the checkout stays clean.
mkdir "$tmp/src"
(cd "$source_dir" && cp -R CMakeLists.txt cmake include libflow pkgconfig LICENSE "$tmp/src/")
mkdir "$tmp/src/bindings"
cp -R "$source_dir/bindings/python" "$tmp/src/bindings/python"
rm -rf "$tmp/src/bindings/python/build" "$tmp/src/bindings/python/"*.egg-info

check_import() { # VENV EXPECTED-LIBRARY-PATTERN
    (cd "$tmp" && "$1/bin/python" -c '
import sys, libflow, libflow._lib as l
print("import libflow:", libflow.version(), "from", l.lib.path)
sys.exit(0 if sys.argv[1] in l.lib.path else 1)' "$2") || fail "import libflow in $1 (want $2)"
}

"$python" -m venv --system-site-packages "$tmp/venv-cmake"
PKG_CONFIG_PATH="$tmp/nowhere" "$tmp/venv-cmake/bin/pip" install -q --no-build-isolation \
    --no-index "$tmp/src/bindings/python" || fail "pip install building libflow with CMake"
check_import "$tmp/venv-cmake" "site-packages/libflow/libflow.so"

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
pcdir=$(dirname "$(find "$tmp/prefix" -name libflow.pc | head -n 1)")
rm -rf "$tmp/src/bindings/python/build"
"$python" -m venv --system-site-packages "$tmp/venv-pc"
PKG_CONFIG_PATH="$pcdir" "$tmp/venv-pc/bin/pip" install -q --no-build-isolation --no-index \
    "$tmp/src/bindings/python" || fail "pip install with an installed libflow"
check_import "$tmp/venv-pc" "$tmp/prefix/"
echo "pip install ./bindings/python: with libflow built by CMake, and with an installed libflow"
