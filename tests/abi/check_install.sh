#!/bin/sh
# Installs the build into a temporary, non-default prefix the way a user
# would (`cmake --install BUILD --prefix P`, nothing else) and checks that the
# installed tree works from there:
#  - a consumer builds with plain `pkg-config --cflags --libs libflow` (no
#    --define-prefix: libflow.pc finds its prefix from ${pcfiledir}) and with
#    find_package(libflow);
#  - the README's "Ten lines of C" program, cut out of README.md, builds the
#    way the README says and prints what the README says;
#  - the installed bin/flowtool runs without LD_LIBRARY_PATH (RUNPATH
#    $ORIGIN/../lib) on the bundled data.
#   sh check_install.sh BUILD_DIR CONSUMER_DIR SOURCE_DIR
set -eu
build="$1"
consumer="$2"
source_dir="$3"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
pcdir=$(dirname "$(find "$prefix" -name libflow.pc | head -n 1)")
libdir=$(dirname "$pcdir")
unset LD_LIBRARY_PATH

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

PKG_CONFIG_PATH="$pcdir"
export PKG_CONFIG_PATH
# Plain pkg-config must give the directories where the files really are.
for flag in $(pkg-config --cflags --libs-only-L libflow); do
    dir=${flag#-?}
    [ -d "$dir" ] || fail "libflow.pc names $flag, which does not exist"
done
[ -f "$(pkg-config --variable=includedir libflow)/libflow.h" ] ||
    fail "pkg-config's includedir holds no libflow.h"
# shellcheck disable=SC2046 # pkg-config prints several words
cc -std=c11 -o "$tmp/consumer_pc" "$consumer/consumer.c" $(pkg-config --cflags --libs libflow) \
    -Wl,-rpath,"$(pkg-config --variable=libdir libflow)"
"$tmp/consumer_pc"

cmake -S "$consumer" -B "$tmp/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$tmp/cmake-build" >/dev/null
LD_LIBRARY_PATH="$libdir" "$tmp/cmake-build/consumer"

# The README's C program, compiled with the README's command line.
awk '/^## Ten lines of C/ {s = 1} s && /^```c$/ {c = 1; next} c && /^```$/ {exit} c' \
    "$source_dir/README.md" >"$tmp/app.c"
[ -s "$tmp/app.c" ] || fail "no C program under 'Ten lines of C' in README.md"
expected=$(awk '/^## Ten lines of C/ {s = 1} s && /^# RUS->CHN/ {sub(/^# /, ""); print; exit}' \
    "$source_dir/README.md")
# shellcheck disable=SC2046
(cd "$tmp" && cc app.c $(pkg-config --cflags --libs libflow))
got=$(cd "$source_dir" && LD_LIBRARY_PATH="$libdir" "$tmp/a.out")
[ "$got" = "$expected" ] || fail "README program printed '$got', README says '$expected'"

# The installed flowtool, with no help from the environment.
readelf -d "$prefix/bin/flowtool" | grep -q 'RUNPATH.*\$ORIGIN/\.\./' ||
    fail "installed flowtool has no RUNPATH \$ORIGIN/../lib"
"$prefix/bin/flowtool" --version | grep -q '^flowtool (libflow ' || fail "installed flowtool --version"
"$prefix/bin/flowtool" centrality "$source_dir/data/trade.csv" >"$tmp/summary.out" ||
    fail "installed flowtool centrality"
grep -q 'CHN' "$tmp/summary.out" || fail "installed flowtool printed no CHN"
echo "installed tree at a non-default prefix: plain pkg-config, find_package, README program, flowtool"
