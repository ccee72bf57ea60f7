#!/bin/sh
# The shared library exports exactly the functions the public headers declare:
# every FLOW_API declaration of include/libflow/*.h is a defined dynamic symbol
# (nm -D), and nothing else is exported (no symbol outside flow_*, no flow_*
# function without a declaration). libflow.so: every header but libflow/mpi.h;
# libflow_mpi.so: the header named (libflow/mpi.h).
#   check_exports.sh LIBRARY INCLUDE_DIR [HEADER]
set -eu
lib="$1"
include="$2"
only="${3:-}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -n "$only" ]; then
    headers="$include/$only"
else
    # mpi.h declares the functions of libflow_mpi, a library of its own.
    headers=$(ls "$include"/libflow/*.h | grep -v '/mpi\.h$')
fi
# shellcheck disable=SC2086
sed -n 's/.*FLOW_API[^(]*[^A-Za-z0-9_]\(flow_[A-Za-z0-9_]*\)[[:space:]]*(.*/\1/p' \
    $headers | sort -u >"$tmp/declared"
nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVWi]$/ {print $3}' | sed 's/@.*//' |
    sort -u >"$tmp/exported"
status=0
bad=$(grep -v '^flow_' "$tmp/exported" || true)
if [ -n "$bad" ]; then
    echo "symbols exported outside the flow_ namespace:" >&2
    echo "$bad" >&2
    status=1
fi
missing=$(comm -23 "$tmp/declared" "$tmp/exported")
if [ -n "$missing" ]; then
    echo "declared FLOW_API in the headers but not exported by $lib:" >&2
    echo "$missing" >&2
    status=1
fi
extra=$(comm -13 "$tmp/declared" "$tmp/exported" | grep '^flow_' || true)
if [ -n "$extra" ]; then
    echo "exported by $lib but declared in no public header:" >&2
    echo "$extra" >&2
    status=1
fi
if [ "$(wc -l <"$tmp/declared")" -lt 5 ]; then
    echo "only $(wc -l <"$tmp/declared") FLOW_API declarations found under $include" >&2
    status=1
fi
[ "$status" -eq 0 ] && echo "exports ok: $(wc -l <"$tmp/exported") flow_* functions, as declared"
exit "$status"
