#!/bin/sh
# The flowtool command line as a user meets it:
#   sh tests/cli/test_cli.sh FLOWTOOL DATA_DIR
#
# 1. Every subcommand (listed by "flowtool --help") answers --help with exit
#    status 0, an unknown flag with 2, a missing file and a file with a bad
#    row (--strict) with 1 and a message naming the file (and the line).
# 2. Key outputs on the demo data against values computed here, from the CSV
#    files, in Python's standard library: layer totals (summary), supplier
#    HHI and main supplier (concentration), in-strength of the dependence
#    network (centrality), and the numbers drawn by "plot heatmap" and
#    "plot network", whose SVG must also be well-formed XML with the expected
#    number of cells, nodes and edges.
set -u
flowtool=$1
data=$2
python=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# expect STATUS PATTERN CMD...: runs CMD, checks its exit status and that
# stderr (stdout for status 0) matches the grep pattern PATTERN ("" = any).
expect() {
    want=$1
    pattern=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        fail "exit status $got, expected $want: $*"
        sed 's/^/  stderr: /' "$tmp/err" >&2
        return
    fi
    stream="$tmp/err"
    [ "$want" -eq 0 ] && stream="$tmp/out"
    if [ -n "$pattern" ] && ! grep -q -- "$pattern" "$stream"; then
        fail "no '$pattern' in the output of: $*"
        sed 's/^/  /' "$stream" >&2
    fi
}

# ------------------------------------------------------------ exit statuses

printf 'origin,destination,value,year\nCHN,RUS,10,2023\nRUS,CHN,abc,2023\n' >"$tmp/bad.csv"
printf 'region,sector,A,B,FD_X\nX,A,1,2,3\nX,B,x,1,2\n' >"$tmp/bad_io.csv"
printf 'bank,A,B,external_assets\nA,0,1,2\nB,x,0,1\n' >"$tmp/bad_clearing.csv"
printf 'bank,assets,liabilities\nA,1,1\nB,x,1\n' >"$tmp/bad_estimate.csv"

expect 0 "usage: flowtool" "$flowtool" --help
expect 0 "libflow" "$flowtool" --version
expect 2 "usage: flowtool" "$flowtool"
expect 2 "unknown command 'frobnicate'" "$flowtool" frobnicate

commands=$("$flowtool" --help | sed -n 's/^  \([a-z][a-z_]*\) .*/\1/p')
for required in summary io asymmetry concentration centrality shock plot; do
    echo "$commands" | grep -qx "$required" || fail "flowtool --help does not list '$required'"
done

for command in $commands; do
    # The arguments that make each subcommand reach its input files.
    case $command in
        asymmetry) args="--economy RUS" ;;
        shock) args="--scenario $data/scenarios/g7_eu_russia.txt" ;;
        plot) args="heatmap" ;;
        unitvalue) args="--economy RUS --value-layer oil_value --quantity-layer oil_quantity" ;;
        estimate) args="--max-entropy" ;;
        *) args="" ;;
    esac
    bad="$tmp/bad.csv"
    [ "$command" = io ] && bad="$tmp/bad_io.csv"
    [ "$command" = clearing ] || [ "$command" = ioshock ] && bad="$tmp/bad_clearing.csv"
    [ "$command" = estimate ] && bad="$tmp/bad_estimate.csv"
    expect 0 "usage: flowtool $command" "$flowtool" "$command" --help
    expect 0 "exit status: 0 ok, 1 analysis failed" "$flowtool" "$command" --help
    # shellcheck disable=SC2086 # args is a list of words
    expect 2 "unknown option '--no-such-flag'" "$flowtool" "$command" --no-such-flag $args \
        "$data/trade.csv"
    # shellcheck disable=SC2086
    expect 1 "$tmp/missing.csv" "$flowtool" "$command" $args "$tmp/missing.csv"
    # shellcheck disable=SC2086
    expect 1 "$bad: line 3, column" "$flowtool" "$command" --strict $args "$bad"
done
expect 2 "XXX" "$flowtool" concentration --extra-bloc RUS,XXX "$data/trade.csv"
expect 1 "extra-share" "$flowtool" concentration --extra-bloc RUS --extra-share 1.5 "$data/trade.csv"
expect 2 "heatmap or network" "$flowtool" plot pie "$data/trade.csv"
expect 2 "unknown --measure" "$flowtool" plot heatmap --measure colour "$data/trade.csv"
expect 2 "unknown economy\|XXX" "$flowtool" plot heatmap --economies CHN,XXX "$data/trade.csv"
# a stock layer's rows in --compare rank by DebtRank distress, largest first
"$flowtool" shock --scenario "$data/scenarios/g7_eu_russia.txt" \
    --compare "$data/scenarios/g7_eu_russia_rerouted.txt" --year 2022 --top 3 \
    --attributes "$data/economies.csv" "$data/finance.csv" |
    awk '/^Differences/ { d = 1 } d && $2 == "finance" { if (n++ && $8 > last) bad = 1; last = $8 }
         END { exit !(n == 3 && !bad && last > 0.08) }' ||
    fail "shock --compare: finance rows not the three most distressed, in order"
expect 2 "mixes units.*--product" "$flowtool" shock --scenario "$data/scenarios/g7_eu_russia.txt" \
    --year 2022 --attributes "$data/economies.csv" "$data/energy.csv" --layer energy --each-member

# ------------------------------------------------- outputs against Python

"$flowtool" summary "$data/trade.csv" "$data/energy.csv" "$data/finance.csv" --format json \
    >"$tmp/summary.csv" || fail "summary on the demo data"
"$flowtool" concentration "$data/trade.csv" --year 2023 --top 3 --format json \
    >"$tmp/concentration.csv" || fail "concentration on the demo data"
"$flowtool" concentration "$data/trade.csv" --year 2023 --top 3 --export-hhi 0 \
    --extra-bloc RUS,BLR,KAZ,ARM,KGZ --extra-share 0.5 --format json \
    >"$tmp/extra.csv" || fail "concentration --extra-bloc on the demo data"
"$flowtool" asymmetry "$data/trade.csv" --year 2023 --economy RUS --top 5 --format json \
    >"$tmp/asymmetry.csv" || fail "asymmetry on the demo data"
"$flowtool" centrality "$data/trade.csv" --year 2023 --top 24 --format json \
    >"$tmp/centrality.csv" || fail "centrality on the demo data"
"$flowtool" plot heatmap "$data/trade.csv" --year 2023 --economies CHN,RUS,IRN,PRK,USA,DEU,IND,TUR,KAZ \
    -o "$tmp/heatmap.svg" || fail "plot heatmap on the demo data"
"$flowtool" plot heatmap "$data/energy.csv" --layer energy --year 2022 --product pipeline_gas \
    --measure value --output "$tmp/gas.svg" || fail "plot heatmap --measure value"
"$flowtool" plot network "$data/trade.csv" --year 2023 --top 20 -o "$tmp/network.svg" ||
    fail "plot network on the demo data"

"$python" - "$data" "$tmp" <<'EOF' || fail "outputs differ from the values computed in Python"
import csv, math, re, sys
from collections import defaultdict
from xml.dom import minidom

data, tmp = sys.argv[1], sys.argv[2]
errors = []

def check(ok, what):
    if not ok:
        errors.append(what)

def rows(name):
    with open(f"{data}/{name}", newline="") as f:
        return list(csv.DictReader(f))

def tables(path):
    """The tables of a flowtool --format json output (one JSON document), by
    title, with every cell as the text CSV would hold."""
    import json
    with open(path) as f:
        document = json.load(f)
    return {t["title"]: [{k: "NaN" if v is None else str(v) for k, v in row.items()}
                         for row in t["rows"]] for t in document["tables"]}

def close(a, b, rel=1e-9):
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-300)

# Layer totals: sums of the value column by (layer, year, unit).
totals = defaultdict(float)
for name in ("trade.csv", "energy.csv", "finance.csv"):
    for r in rows(name):
        totals[(r["layer"], int(r["year"]), r["unit"])] += float(r["value"])
got = {(r["layer"], int(r["year"]), r["unit"]): float(r["total"])
       for r in tables(f"{tmp}/summary.csv")["Layer totals"]}
check(set(got) == set(totals), f"layer totals keys {sorted(got)} != {sorted(totals)}")
for key, value in totals.items():
    check(key in got and close(got[key], value), f"layer total {key}: {got.get(key)} != {value}")

# Trade 2023 summed over products, without self-flows.
flows = defaultdict(float)
for r in rows("trade.csv"):
    if r["year"] == "2023" and r["origin"] != r["destination"]:
        flows[(r["origin"], r["destination"])] += float(r["value"])
economies = sorted({e for pair in flows for e in pair})
imports = {j: sum(v for (o, d), v in flows.items() if d == j) for j in economies}

def import_share(importer, supplier):
    return flows.get((supplier, importer), 0.0) / imports[importer] if imports[importer] else math.nan

# Supplier HHI: sum of squared import shares, ROW (the rest of the world, many
# suppliers) counting in the totals but adding no square; the three highest.
hhi = {j: sum(import_share(j, s) ** 2 for s in economies if s not in (j, "ROW"))
       for j in economies if imports[j] > 0 and j != "ROW"}
top = sorted(hhi, key=lambda j: -hhi[j])[:3]
got = tables(f"{tmp}/concentration.csv")["Most concentrated importers, trade 2023, all products"]
check([r["importer"] for r in got] == top, f"concentrated importers {got} != {top}")
for r in got:
    j = r["importer"]
    main = max((s for s in economies if s != j), key=lambda s: import_share(j, s))
    check(close(float(r["supplier_hhi"]), hhi[j]), f"HHI of {j}: {r['supplier_hhi']} != {hhi[j]}")
    check(r["main_supplier"] == main, f"main supplier of {j}: {r['main_supplier']} != {main}")
    check(close(float(r["main_share_%"]), 100 * import_share(j, main)), f"main share of {j}")

# Flags with the EU extra-bloc criterion (world-export threshold 0 so that the
# demo's diversified products can be flagged): import HHI without ROW's square
# > 0.4, imports > exports, and more than half of the imports from outside the
# bloc, per product of 2023.
bloc = {"RUS", "BLR", "KAZ", "ARM", "KGZ"}
by_product = defaultdict(lambda: defaultdict(float))
for r in rows("trade.csv"):
    if r["year"] == "2023" and r["origin"] != r["destination"]:
        by_product[r["product"]][(r["origin"], r["destination"])] += float(r["value"])
want_flags = set()
for product, f in by_product.items():
    for j in economies:
        m = sum(v for (o, d), v in f.items() if d == j)
        x = sum(v for (o, d), v in f.items() if o == j)
        if m == 0 or j == "ROW":
            continue
        h = sum((v / m) ** 2 for (o, d), v in f.items() if d == j and o != "ROW")
        extra = sum(v for (o, d), v in f.items() if d == j and o not in bloc) / m
        if h > 0.4 and m > x and extra > 0.5:
            want_flags.add((product, j))
flagged = next(v for k, v in tables(f"{tmp}/extra.csv").items() if k.startswith("Strategic"))
got_flags = {(r["product"], r["importer"]) for r in flagged if float(r["flag"]) == 1}
check(got_flags == want_flags, f"extra-bloc flags {sorted(got_flags)} != {sorted(want_flags)}")
check(("27", "BLR") not in got_flags, "Belarus's Russian fuel is inside the bloc")

# Vulnerability: import share x HHI of the suppliers the importer keeps.
def vulnerability(importer, supplier):
    rest = {s: flows.get((s, importer), 0.0) for s in economies if s not in (importer, supplier)}
    total = sum(rest.values())
    h = sum((v / total) ** 2 for v in rest.values()) if total > 0 else 1.0
    return import_share(importer, supplier) * h, 1 / h
deps = next(v for k, v in tables(f"{tmp}/asymmetry.csv").items() if k.startswith("Strongest"))
check(len(deps) == 5, f"{len(deps)} suppliers of RUS, expected 5")
for r in deps:
    v, alt = vulnerability("RUS", r["supplier"])
    check(close(float(r["vulnerability_%"]), 100 * v), f"vulnerability RUS<-{r['supplier']}")
    check(close(float(r["alt_suppliers"]), alt), f"alt_suppliers RUS<-{r['supplier']}")

# In-strength on the dependence network: the import shares others draw from j.
cen = next(v for k, v in tables(f"{tmp}/centrality.csv").items() if k.startswith("Centrality"))
for r in cen:
    j = r["economy"]
    want = sum(import_share(i, j) for i in economies if i != j and imports[i] > 0)
    check(close(float(r["in_strength"]), want), f"in-strength of {j}: {r['in_strength']} != {want}")

# The heatmap: well-formed, 9 x 9 cells, 9 hatched diagonal cells, and every
# off-diagonal cell's printed percentage is the import share to its precision.
doc = minidom.parse(f"{tmp}/heatmap.svg")
cells = [e for e in doc.getElementsByTagName("rect") if "cell" in e.getAttribute("class").split()]
check(len(cells) == 81, f"{len(cells)} heatmap cells, expected 81")
diagonal = [e for e in cells if "diagonal" in e.getAttribute("class").split()]
check(len(diagonal) == 9, f"{len(diagonal)} diagonal cells, expected 9")
seen = 0
for e in cells:
    text = e.getElementsByTagName("title")[0].firstChild.data
    m = re.fullmatch(r"importer (\w+), supplier (\w+): (<?)([0-9.]+)%?", text)
    if m is None:
        continue
    seen += 1
    want = 100 * import_share(m[1], m[2])
    shown = float(m[4])
    tolerance = 0.05 if (m[3] or shown < 10) else 0.5
    if m[3]:
        check(want < 0.1, f"cell {m[1]}<-{m[2]}: '<0.1%' but the share is {want}%")
    else:
        check(abs(shown - want) <= tolerance + 1e-9, f"cell {m[1]}<-{m[2]}: {shown}% != {want}%")
check(seen == 72, f"{seen} valued heatmap cells, expected 72")

# The gas heatmap shows the flows themselves: RUS -> TUR is 21.5 bcm.
gas = {}
for r in rows("energy.csv"):
    if r["year"] == "2022" and r["product"] == "pipeline_gas":
        gas[(r["origin"], r["destination"])] = gas.get((r["origin"], r["destination"]), 0) + float(r["value"])
doc = minidom.parse(f"{tmp}/gas.svg")
for e in doc.getElementsByTagName("rect"):
    if e.getAttribute("class") != "cell":
        continue
    m = re.fullmatch(r"origin (\w+), destination (\w+): ([0-9.,]+)",
                     e.getElementsByTagName("title")[0].firstChild.data)
    check(m is not None, "gas heatmap cell without a value")
    if m:
        want = gas.get((m[1], m[2]), 0.0)
        got = float(m[3].replace(",", ""))
        check(abs(got - want) <= 0.005 * want + 1e-12, f"gas {m[1]}->{m[2]}: {m[3]} != {want}")

# The network: the 20 largest flows between economies (ROW, the rest of the
# world, is not drawn) as edges, their endpoints as nodes.
largest = sorted((p for p in flows if "ROW" not in p), key=lambda p: -flows[p])[:20]
doc = minidom.parse(f"{tmp}/network.svg")
edges = [e for e in doc.getElementsByTagName("path") if e.getAttribute("class") == "edge"]
nodes = [e for e in doc.getElementsByTagName("circle") if e.getAttribute("class") == "node"]
heads = [e for e in doc.getElementsByTagName("polygon") if e.getAttribute("class") == "arrowhead"]
check(len(edges) == 20 and len(heads) == 20, f"{len(edges)} edges, {len(heads)} arrowheads")
endpoints = {e for pair in largest for e in pair}
names = {n.getElementsByTagName("title")[0].firstChild.data.split(":")[0] for n in nodes}
check(names == endpoints and len(nodes) == len(endpoints), f"nodes {sorted(names)} != {sorted(endpoints)}")
drawn = set()
for e in edges:
    m = re.fullmatch(r"(\w+) \u2192 (\w+): ([0-9.,]+) USD_m",
                     e.getElementsByTagName("title")[0].firstChild.data)
    check(m is not None, "edge without a flow")
    if m:
        drawn.add((m[1], m[2]))
        value = float(m[3].replace(",", ""))
        want = flows[(m[1], m[2])]
        check(abs(value - want) <= 0.005 * want, f"edge {m[1]}->{m[2]}: {value} != {want}")
check(drawn == set(largest), f"edges {sorted(drawn)} != {sorted(largest)}")

for e in errors:
    print("  " + e, file=sys.stderr)
sys.exit(1 if errors else 0)
EOF

# ------------------------------------------------------------ --groups: names of any length

# Group memberships come through the library's attributes reader: a group
# name of 35 characters cuts what a short name for the same members cuts.
long=WESTERN_SANCTIONING_COALITION_35CHR
printf 'code,name,group\nUSA,"United States, the",%s\nDEU,Germany,%s\nJPN,Japan,%s;X\n' \
    "$long" "$long" "$long" >"$tmp/groups_long.csv"
sed "s/$long/G3/" "$tmp/groups_long.csv" >"$tmp/groups_short.csv"
for name in long short; do
    group=$long
    [ "$name" = short ] && group=G3
    "$flowtool" shock --groups "$tmp/groups_$name.csv" --sanctioning "$group" --target RUS \
        --cut trade=1 --attributes "$data/economies.csv" "$data/trade.csv" >"$tmp/cut_$name" 2>&1 ||
        fail "shock with --groups ($name group name) failed: $(cat "$tmp/cut_$name")"
done
cut_long=$(awk '$1 == "trade" && $2 == "*" {print $8; exit}' "$tmp/cut_long")
cut_short=$(awk '$1 == "trade" && $2 == "*" {print $8; exit}' "$tmp/cut_short")
[ -n "$cut_short" ] && [ "$cut_short" != 0 ] || fail "no trade cut with a short group name"
[ "$cut_long" = "$cut_short" ] ||
    fail "a 35-character group name cuts $cut_long, the same members under a short name $cut_short"

# ------------------------------------------------- clearing, solved by hand
# tests/data/interbank_three.csv is the three-bank example of
# tests/c/test_contagion.c: Eisenberg-Noe payments 10, 7, 5 (A defaults in
# round 1, B in round 2); with alpha = beta = 0.5, 5, 2.25, 5.
interbank="$(dirname "$0")/../data/interbank_three.csv"
expect 0 "^B,10,7,0\.[67][0-9]*,1,-3,2$" "$flowtool" clearing --format csv "$interbank"
expect 0 "^B,10,2.25,0.225[0-9]*,1,-5.5,2$" "$flowtool" clearing --alpha 0.5 --beta 0.5 --format csv \
    "$interbank"
expect 1 "alpha = 0 and beta = 1 must lie in" "$flowtool" clearing --alpha 0 "$interbank"
printf 'bank,A,B\nA,0,1\nB,1,0\n' >"$tmp/no_assets.csv"
expect 1 "last column external_assets" "$flowtool" clearing "$tmp/no_assets.csv"

# ------------------------------------------ ioshock on Miller & Blair's table
# tests/data/io_miller_blair.csv is the two-sector table of Miller & Blair
# (2009, section 2.3.1); det(I - A) = .7575. Demand side, agriculture losing
# 10 % of its final demand: q_agr = .95 * 35 / .7575 / 1000 = .0438944.
# Supply side, manufacturing losing 10 % of its primary inputs (140):
# q_man = .85 * .07 / .7575 = .0785479. Mixed, manufacturing held at 1800:
# x_agr = 800 / .85 = 941.176. Price, dv_agr = .065: dp_agr = .95 * .065 / .7575.
io_mb="$(dirname "$0")/../data/io_miller_blair.csv"
expect 0 "^agr,0.035[0-9]*,0.04389438[0-9]*," "$flowtool" ioshock --iim agr=0.1 --format csv "$io_mb"
expect 0 "^man,0.07[0-9]*,0.07854785[0-9]*," "$flowtool" ioshock --iim man=0.1 --side supply \
    --format csv "$io_mb"
expect 0 "^agr,941.17647[0-9]*,350,0$" "$flowtool" ioshock --mixed man=1800 --format csv "$io_mb"
expect 0 "^agr,0.065[0-9]*,0.08151815[0-9]*$" "$flowtool" ioshock --price agr=0.065 --format csv \
    "$io_mb"
expect 2 "not SECTOR=NUMBER" "$flowtool" ioshock --iim oil=0.1 "$io_mb"

# ------------------------------- estimate: RAS and maximum entropy by hand
# The examples of tests/c/test_contagion.c, solved by hand there.
# tests/data/ras_two_sectors.csv: RAS of P = [[1, 2], [3, 1]] to row totals
# (3, 3) and column totals (4, 2) keeps the cross ratio x11 x22 / (x12 x21)
# = 1/6, so x11 = a with 5a^2 + a - 12 = 0: a = (sqrt(241) - 1) / 10 =
# 1.45241746962600, x12 = 3 - a, x21 = 4 - a, x22 = a - 1 (to 1e-9 below).
# Maximum entropy, three banks each lending and borrowing 1: every claim on
# another bank is 1/2. tests/data/interbank_totals.csv (assets 2, 1, 1;
# liabilities 1, 1, 2): the margins, the zero diagonal and, since the
# estimate is r_i s_j off the diagonal, x_AB x_BC x_CA = x_AC x_CB x_BA.
ras_two="$(dirname "$0")/../data/ras_two_sectors.csv"
totals="$(dirname "$0")/../data/interbank_totals.csv"
"$flowtool" estimate --ras --tolerance 1e-13 --format csv "$ras_two" >"$tmp/ras.csv" ||
    fail "estimate --ras on $ras_two"
printf 'bank,assets,liabilities\nA,1,1\nB,1,1\nC,1,1\n' >"$tmp/ones.csv"
"$flowtool" estimate --max-entropy --format csv "$tmp/ones.csv" >"$tmp/me_ones.csv" ||
    fail "estimate --max-entropy on equal totals"
"$flowtool" estimate --max-entropy --tolerance 1e-13 --format csv "$totals" >"$tmp/me.csv" ||
    fail "estimate --max-entropy on $totals"
"$python" - "$tmp" <<'EOF' || fail "estimate differs from the examples solved by hand"
import csv, math, sys
tmp = sys.argv[1]
def read(name):
    with open(f"{tmp}/{name}", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0][1:], {r[0]: [float(v) for v in r[1:]] for r in rows[1:]}
errors = []
cols, x = read("ras.csv")
a = (math.sqrt(241) - 1) / 10
want = {"agr": [a, 3 - a], "mining": [4 - a, a - 1]}
if cols != ["agr", "mining"] or list(x) != ["agr", "mining"]:
    errors.append(f"RAS labels {cols} {list(x)}")
for r, values in want.items():
    for got, w in zip(x.get(r, []), values):
        if abs(got - w) > 1e-9:
            errors.append(f"RAS {r}: {got} != {w}")
cols, x = read("me_ones.csv")
if cols != ["A", "B", "C"] or list(x) != ["A", "B", "C"]:
    errors.append(f"max entropy labels {cols} {list(x)}")
for i, r in enumerate("ABC"):
    for j, got in enumerate(x.get(r, [])):
        if abs(got - (0 if i == j else 0.5)) > 1e-9:
            errors.append(f"max entropy, equal totals, {r},{cols[j]}: {got}")
cols, x = read("me.csv")
m = [x.get(b, [math.nan] * 3) for b in "ABC"]
for i, (assets, liabilities) in enumerate(zip([2, 1, 1], [1, 1, 2])):
    if (m[i][i] != 0 or not abs(sum(m[i]) - assets) <= 1e-9
            or not abs(sum(r[i] for r in m) - liabilities) <= 1e-9):
        errors.append(f"max entropy bank {'ABC'[i]}: row {m[i]}, margins not met")
if not abs(m[0][1] * m[1][2] * m[2][0] - m[0][2] * m[2][1] * m[1][0]) <= 1e-9:
    errors.append(f"max entropy not biproportional: {m}")
for e in errors:
    print(e, file=sys.stderr)
sys.exit(1 if errors else 0)
EOF
printf 'sector,agr,mining,row_total\nagr,1,2,3\nmining,3,1,3\ncol_total,4,3,\n' >"$tmp/ras_unequal.csv"
expect 1 "row totals sum to 6, column totals to 7" "$flowtool" estimate --ras "$tmp/ras_unequal.csv"
expect 1 "last column row_total and a last row col_total" "$flowtool" estimate --ras "$totals"
expect 1 "expected columns assets and liabilities" "$flowtool" estimate --max-entropy "$ras_two"
expect 2 "one of --ras and --max-entropy" "$flowtool" estimate "$totals"
expect 2 "one of --ras and --max-entropy" "$flowtool" estimate --ras --max-entropy "$totals"

# The structure of the inverse and the product space, named in each command's help.
expect 0 "--field-of-influence FROM,TO" "$flowtool" help vatrade
expect 0 "--multiplier-product" "$flowtool" help vatrade
expect 0 "--proximity" "$flowtool" help complexity
expect 0 "--density" "$flowtool" help complexity
expect 2 "--field-of-influence takes FROM,TO" "$flowtool" vatrade --field-of-influence CHN/MAN \
    "$data/io_demo.csv"
expect 2 "no sector 'XXX/MAN'" "$flowtool" vatrade --field-of-influence CHN/MAN,XXX/MAN \
    "$data/io_demo.csv"

# The published "leather" example (tests/data/published/README.md): KWW by
# exporter and Borin-Mancini by exporting sector, every published number to
# half a unit of its last printed digit.
published="$data/../tests/data/published"
for spec in "kww exporter leather_kww.csv 1" "bm_source sector leather_bm_sector.csv 2"; do
    set -- $spec
    if ! "$flowtool" vatrade --method "$1" --level "$2" --format csv \
        "$published/leather_mrio.csv" >"$tmp/va.csv" 2>"$tmp/err"; then
        fail "vatrade --method $1 on the leather table"
        continue
    fi
    "$python" - "$tmp/va.csv" "$published/$3" "$4" <<'EOF' || fail "vatrade --method $1 differs from $3"
import csv, sys
keys = int(sys.argv[3])
got = {tuple(list(r.values())[:keys]): r for r in csv.DictReader(open(sys.argv[1]))}
checked = 0
for row in csv.DictReader(open(sys.argv[2])):
    names = list(row)
    key = tuple(row[k] for k in names[:keys])
    for name in names[keys:]:
        tol = 0.5 * 10 ** -len(row[name].partition(".")[2]) + 1e-12
        if abs(float(got[key][name]) - float(row[name])) > tol:
            sys.exit("%s %s: %s, published %s" % (key, name, got[key][name], row[name]))
        checked += 1
sys.exit(0 if checked >= 27 else "only %d values checked" % checked)
EOF
done

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "flowtool command line: all checks passed"
