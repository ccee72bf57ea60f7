#!/bin/sh
# Builds a C example outside the tree against the installed library, once
# through pkg-config and once through find_package(libflow), and runs both:
#   sh check_install_examples.sh BUILD_DIR EXAMPLES_C_DIR NAME
# (e.g. NAME = 02_leontief). The programs must print the Miller & Blair
# (2009, Table 2.3) Leontief inverse, as DESIGN section 7 quotes it.
set -eu
build="$1"
examples="$2"
name="$3"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
pcdir=$(dirname "$(find "$prefix" -name libflow.pc | head -n 1)")
libdir=$(dirname "$pcdir")

expect_leontief() {
    grep -q '^L row 1: 1.2541254125 0.3300330033$' "$1" &&
        grep -q '^L row 2: 0.2640264026 1.1221122112$' "$1" || {
        echo "FAIL: $2 build of $name does not print the Miller-Blair L" >&2
        cat "$1" >&2
        exit 1
    }
}

# pkg-config: the flags the .pc file gives, nothing from the source tree but the example.
PKG_CONFIG_PATH="$pcdir"
export PKG_CONFIG_PATH
# shellcheck disable=SC2046 # pkg-config prints several words
cc -std=c11 -I"$examples" -o "$tmp/${name}_pc" "$examples/$name.c" \
    $(pkg-config --cflags --libs libflow) -lm
LD_LIBRARY_PATH="$libdir" "$tmp/${name}_pc" >"$tmp/pc.out"
expect_leontief "$tmp/pc.out" pkg-config

# find_package: a throwaway project around the same source file.
mkdir "$tmp/project"
cat >"$tmp/project/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.20)
project(flow_example LANGUAGES C)
find_package(libflow CONFIG REQUIRED)
add_executable($name "$examples/$name.c")
target_include_directories($name PRIVATE "$examples")
target_link_libraries($name PRIVATE libflow::flow m)
CMAKE
cmake -S "$tmp/project" -B "$tmp/project-build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$tmp/project-build" >/dev/null
LD_LIBRARY_PATH="$libdir" "$tmp/project-build/$name" >"$tmp/cmake.out"
expect_leontief "$tmp/cmake.out" find_package
echo "$name built against the installed libflow through pkg-config and find_package"
