#!/bin/sh
# The walkthrough of the example CLI on the bundled demo data:
#   sh examples/demo.sh FLOWTOOL DATA_DIR
# Each subcommand appends its own section below.
set -eu
flowtool=$1
data=$2

section() {
    printf '\n==== %s\n\n' "$*"
}

section "What the demo data holds: row accounting, totals per layer, Russia's top partners"
"$flowtool" summary "$data/trade.csv" "$data/energy.csv" "$data/finance.csv" \
    --economy RUS --top 3 --year 2022

section "China's top partners in electrical machinery (HS 85), 2023"
"$flowtool" summary "$data/trade.csv" --economy CHN --top 5 --year 2023 --layer trade \
    --product 85
