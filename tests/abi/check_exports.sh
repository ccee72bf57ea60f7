#!/bin/sh
# Fails when the shared library exports any dynamic symbol outside flow_*.
set -eu
lib="$1"
bad=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | grep -v '^flow_' || true)
if [ -n "$bad" ]; then
    echo "symbols exported outside the flow_ namespace:" >&2
    echo "$bad" >&2
    exit 1
fi
count=$(nm -D --defined-only "$lib" | awk '$2 == "T"' | wc -l)
if [ "$count" -lt 5 ]; then
    echo "only $count exported functions: is visibility broken?" >&2
    exit 1
fi
echo "exports ok: $count flow_* functions"
