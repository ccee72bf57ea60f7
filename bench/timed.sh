#!/bin/sh
# timed.sh KEY REPS COMMAND... - runs COMMAND REPS times and prints
# "RESULT KEY <best wall seconds>", for baselines that have no timer of their
# own (cat). Process start-up is included, which is negligible for them.
set -eu
key=$1
reps=$2
shift 2
best=""
i=0
while [ "$i" -lt "$reps" ]; do
    t0=$(date +%s.%N)
    "$@"
    t1=$(date +%s.%N)
    best=$(echo "$t0 $t1 ${best:-1e30}" | awk '{ d = $2 - $1; print (d < $3 ? d : $3) }')
    i=$((i + 1))
done
echo "RESULT $key $best"
