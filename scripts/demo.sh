#!/bin/sh
# Fresh machine to first results: installs the dependencies, builds libflow and
# runs the example CLI on the bundled demo data in data/. Pictures go to the
# folder given as the first argument (default: build/).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$root/build" -DFLOW_BUILD_TESTS=OFF >/dev/null
cmake --build "$root/build" -j2
sh "$root/examples/demo.sh" "$root/build/examples/flowtool" "$root/data" "${1:-$root/build}"
