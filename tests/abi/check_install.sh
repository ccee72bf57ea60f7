#!/bin/sh
# Installs the build into a temporary prefix and builds a small consumer
# against it twice: through pkg-config and through find_package(libflow).
set -eu
build="$1"
consumer="$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(find "$prefix" -name 'libflow.pc' -exec dirname {} \; | head -n 1)
libdir=$(dirname "$libdir")

PKG_CONFIG_PATH="$libdir/pkgconfig" 
export PKG_CONFIG_PATH
cc -std=c11 -o "$tmp/consumer_pc" "$consumer/consumer.c" $(pkg-config --define-prefix --cflags --libs libflow)
LD_LIBRARY_PATH="$libdir" "$tmp/consumer_pc"

cmake -S "$consumer" -B "$tmp/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$tmp/cmake-build" >/dev/null
LD_LIBRARY_PATH="$libdir" "$tmp/cmake-build/consumer"
echo "installed tree consumed through pkg-config and find_package"
