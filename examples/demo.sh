#!/bin/sh
# The walkthrough of the example CLI on the bundled demo data:
#   sh examples/demo.sh FLOWTOOL DATA_DIR [PICTURE_DIR]
# The SVG pictures go to PICTURE_DIR (default: the folder holding FLOWTOOL,
# i.e. the build folder), never to the current directory.
# Each subcommand appends its own section below.
set -eu
flowtool=$1
data=$2
plots=${3:-$(dirname "$flowtool")}
mkdir -p "$plots"

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

section "EU/CEPII strategic-dependency flags, pipeline gas 2022 (ROW, the rest of the world, in the totals)"
"$flowtool" concentration "$data/energy.csv" --layer energy --year 2022 --product pipeline_gas \
    --top 5

section "China as the central supplier: centrality of the import-dependence network, 2023"
"$flowtool" centrality "$data/trade.csv" --economy RUS --top 8 --transit RUS,DEU

section "Russian crude by value: unit values against Brent, and Russian against Iraqi and Saudi crude at India's and China's borders"
for who in "--economy RUS" "--economy IND --imports" "--economy CHN --imports"; do
    # shellcheck disable=SC2086 # two words on purpose
    "$flowtool" unitvalue "$data/oil_value.csv" --value-layer oil_value \
        --quantity-layer oil_quantity $who --product crude_oil --per 7.33 \
        --price-unit usd_per_bbl --benchmark 2021=70.86,2022=100.94,2023=82.49 --top 4
done

section "Finance through Hong Kong: its banks' claims and the claims on it (stocks, end-2022)"
"$flowtool" summary "$data/finance.csv" --layer finance --economy HKG --top 4
"$flowtool" centrality "$data/finance.csv" --layer finance --network flows --transit GBR,CHN --top 3

section "Sanctions shock: G7 and EU cut energy and finance with Russia, without (a) and with (b) rerouting via CHN, IND, TUR, ARE, KAZ, HKG"
"$flowtool" shock --scenario "$data/scenarios/g7_eu_russia.txt" \
    --compare "$data/scenarios/g7_eu_russia_rerouted.txt" --year 2022 \
    --attributes "$data/economies.csv" "$data/energy.csv" "$data/finance.csv" --top 6

section "Secondary sanctions: G7 and EU halve their banks' links with China and Hong Kong (withdrawn funding, DebtRank)"
"$flowtool" shock --scenario "$data/scenarios/china_secondary_finance.txt" --year 2022 \
    --attributes "$data/economies.csv" "$data/finance.csv" --top 8

section "Russia crude oil cut (Mt): each sanctioner alone, a sweep of rho, Monte-Carlo bands"
"$flowtool" shock --scenario "$data/scenarios/g7_eu_russia_rerouted.txt" --year 2022 \
    --attributes "$data/economies.csv" "$data/energy.csv" --layer energy --product crude_oil \
    --each-member --sweep 5 --montecarlo 500 --seed 7 --top 6

section "Export controls on Russia rerouted through the Eurasian roundabout, trade 2023"
"$flowtool" shock --scenario "$data/scenarios/g7_russia_trade_exports.txt" --year 2023 \
    --attributes "$data/economies.csv" "$data/trade.csv" --top 6

section "Pictures (SVG): import dependence among the mission's economies, the largest flows"
"$flowtool" plot heatmap "$data/trade.csv" --year 2023 \
    --economies CHN,RUS,IRN,PRK,KAZ,TUR,IND,USA,DEU,JPN -o "$plots/import_shares_2023.svg"
"$flowtool" plot network "$data/trade.csv" --year 2023 --top 20 -o "$plots/trade_flows_2023.svg"
"$flowtool" plot network "$data/energy.csv" --layer energy --year 2022 --product crude_oil \
    --top 15 -o "$plots/crude_oil_2022.svg"
echo "wrote import_shares_2023.svg, trade_flows_2023.svg and crude_oil_2022.svg in $plots"
