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

section "Russia and China: dependence layer by layer (Russia depends more when asym_norm > 0)"
"$flowtool" asymmetry "$data/trade.csv" "$data/energy.csv" "$data/finance.csv" \
    --attributes "$data/economies.csv" --size gdp_usd_bn_2023 \
    --economy RUS --partner CHN --top 5

section "Who depends on one supplier: most concentrated importers, trade 2023"
"$flowtool" concentration "$data/trade.csv" --top 5

section "EU/CEPII strategic-dependency flags, pipeline gas 2022 (among the 24 demo economies only)"
"$flowtool" concentration "$data/energy.csv" --layer energy --year 2022 --product pipeline_gas \
    --top 5

section "China as the central supplier: centrality of the import-dependence network, 2023"
"$flowtool" centrality "$data/trade.csv" --economy RUS --top 8 --transit RUS,DEU
