#!/bin/sh
# The umbrella header must compile on its own as strict C99, C11 and C++.
set -eu
inc="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#include <libflow.h>\nint main(void) { return flow_version_number() > 0 ? 0 : 1; }\n' >"$tmp/c.c"
cp "$tmp/c.c" "$tmp/cpp.cpp"
cc -std=c99 -Wall -Wextra -Wpedantic -Werror -I"$inc" -c "$tmp/c.c" -o "$tmp/c99.o"
cc -std=c11 -Wall -Wextra -Wpedantic -Werror -I"$inc" -c "$tmp/c.c" -o "$tmp/c11.o"
c++ -std=c++11 -Wall -Wextra -Wpedantic -Werror -I"$inc" -c "$tmp/cpp.cpp" -o "$tmp/cpp.o"
echo "libflow.h compiles as C99, C11 and C++11"
