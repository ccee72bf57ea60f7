"""The demo data's figures against their sources: the crude-oil values and
quantities (data/oil_value.csv) against BACI, `flowtool unitvalue` against
plain arithmetic on the file, and the table "Checked against the sources" of
data/README.md, every row of which is recomputed here from the data files and,
for bank claims, from the BIS extract in ../shared/data.

Run as a script (`/usr/bin/python3 tests/python/test_demo_sources.py`) it
prints that table, to paste into data/README.md when a figure changes.
"""
import collections
import csv
import json
import math
import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SHARED = pathlib.Path(os.environ.get("FLOW_SHARED_DATA", ROOT.parent / "shared" / "data"))
BIS = SHARED / "bis-cbs-claims-2022q4" / "bis_cbs_foreign_claims_2022q4.csv"
BACI = SHARED / "baci-crude-oil-2021" / "crude_oil_hs270900_2021.csv"
EI = SHARED / "ei-energy-trade-2022" / "ei_bilateral_energy_flows_2022.csv"
COMEXT = SHARED / "eurostat-comext-eu-trade-ru-neighbours-2019-2024" / \
    "eu_trade_ru_neighbours_monthly.csv"
EU27 = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
ALPHA2 = {"USA": "US", "DEU": "DE", "FRA": "FR", "GBR": "GB", "ITA": "IT", "JPN": "JP",
          "TUR": "TR", "AUT": "AT"}
# The BIS reporters of the extract that are not economies of the demo set:
# their claims are part of what ROW lends.
BIS_OTHERS = ("AU", "BE", "CH", "CL", "ES", "IE", "PT", "SE")
TABLE_HEADING = "## Checked against the sources"
# What a row of the table may differ by: a published figure 10 % (the demo's
# promise, data/README.md); a BIS link, copied and rounded to 0.1 bn, half of
# that rounding; a lower bound nothing below it.
TOLERANCE_PCT = 10.0
ROUNDING_BN = 0.05


def rows(name):
    with open(DATA / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def flows(name, year=None):
    out = collections.defaultdict(float)
    for r in rows(name):
        if year is None or r["year"] == str(year):
            out[(r["origin"], r["destination"])] += float(r["value"])
    return out


def bis_claims():
    """{(lender, borrower): USD bn} of the BIS extract (alpha-2 codes)."""
    with open(BIS, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)[1:]
        return {(r[0], c): float(v) / 1000 for r in reader for c, v in zip(header, r[1:])}


# ------------------------------------------------------------- the table
# Published figures without a file in ../shared/data: (figure, source, value).
PUBLISHED = [
    ("China's goods exports 2023, USD bn", "GACC / MOFCOM (People's Daily, 17 Apr 2024)", 3380),
    ("China's goods imports 2023, USD bn", "GACC / MOFCOM (People's Daily, 17 Apr 2024)", 2560),
    ("Russia's goods exports 2023, USD bn", "Federal Customs Service (Agenzia Nova, 17 Feb 2024)",
     425.1),
    ("Russia's goods imports 2023, USD bn", "Federal Customs Service (Agenzia Nova, 17 Feb 2024)",
     285.1),
    ("Russia's goods imports 2023, USD bn (BoP)",
     "Bank of Russia, balance of payments (Interfax, 19 Jan 2024)", 304.4),
    ("US goods imports 2023, USD bn", "BEA / Census, BoP basis, annual 2023 (as summarised by qery.no)", 3112),
    ("US goods exports 2023, USD bn", "BEA / Census, BoP basis, annual 2023 (as summarised by qery.no)", 2051),
    ("World GDP 2023, USD bn", "IMF WEO 2023 projection (Visual Capitalist, Aug 2023)", 105000),
]
# ROW's GDP is the world's less the 25 economies': the published world less
# the same 25 is its published counterpart.
ROW_GDP = ("ROW GDP 2023 (world less the 25), USD bn", "the world's above less the 25 economies")


def ours_published():
    trade = flows("trade.csv", 2023)
    exports = collections.defaultdict(float)
    imports = collections.defaultdict(float)
    for (o, d), v in trade.items():
        exports[o] += v / 1000
        imports[d] += v / 1000
    gdp = sum(float(r["gdp_usd_bn_2023"]) for r in rows("economies.csv"))
    return [exports["CHN"], imports["CHN"], exports["RUS"], imports["RUS"], imports["RUS"],
            imports["USA"], exports["USA"], gdp]


def claim_rows(bis):
    """(figure, source, published, ours, note) of the bank claims the BIS extract covers."""
    fin = flows("finance.csv")
    out = []
    austria = [("AUT", d) for d in ("DEU", "USA", "FRA", "GBR", "ITA", "JPN", "TUR")] + \
        [(o, "AUT") for o in ("DEU", "ITA", "FRA", "USA", "GBR", "JPN", "TUR")]
    for o, d in austria:
        out.append((f"claims {o} on {d}, end-2022, USD bn", "BIS CBS extract",
                    bis[(ALPHA2[o], ALPHA2[d])], fin.get((o, d), 0.0), ""))
    for d in ("USA", "GBR", "DEU", "FRA", "ITA", "JPN", "TUR", "AUT"):
        bound = sum(bis[(o, ALPHA2[d])] for o in BIS_OTHERS)
        out.append((f"claims ROW on {d}, end-2022, USD bn", "BIS CBS extract, other reporters",
                    bound, fin.get(("ROW", d), 0.0), "lower bound"))
    return out


def table_rows(bis):
    """Every row of the table: (figure, source, published, ours, difference %, note)."""
    out = []
    for (figure, source, value), ours in zip(PUBLISHED, ours_published()):
        out.append((figure, source, value, ours, 100 * (ours - value) / value, ""))
    economies = rows("economies.csv")
    named = sum(float(r["gdp_usd_bn_2023"]) for r in economies if r["code"] != "ROW")
    row_gdp = next(float(r["gdp_usd_bn_2023"]) for r in economies if r["code"] == "ROW")
    published_row = PUBLISHED[-1][2] - named
    out.append((*ROW_GDP, published_row, row_gdp, 100 * (row_gdp - published_row) / published_row,
                ""))
    for figure, source, value, ours, note in claim_rows(bis):
        diff = 100 * (ours - value) / value if value else math.nan
        out.append((figure, source, value, ours, diff, note))
    return out


def fmt(x):
    return f"{x:,.1f}"


def markdown(bis):
    lines = ["| figure | source | published | ours | difference |", "|---|---|---|---|---|"]
    for figure, source, value, ours, diff, note in table_rows(bis):
        if note == "lower bound":
            verdict = "ours at least the bound" if ours >= value else "below the bound"
            cell = f"{diff:+.0f} % ({verdict})"
        else:
            cell = f"{round(diff, 1) or 0.0:+.1f} %"  # no "-0.0"
            if source == "BIS CBS extract" and abs(diff) > TOLERANCE_PCT:
                cell += " (rounding to 0.1 bn)"
        lines.append(f"| {figure} | {source} | {fmt(value)} | {fmt(ours)} | {cell} |")
    return "\n".join(lines)


def readme_table():
    text = (DATA / "README.md").read_text(encoding="utf-8")
    start = text.index(TABLE_HEADING)
    block = text[start:].split("\n\n")
    return next(b for b in block if b.startswith("| figure |")).strip()


# ------------------------------------------------------------- the tests
def test_readme_table_is_what_the_files_give():
    import pytest
    if not BIS.is_file():
        pytest.skip("BIS extract absent")
    assert readme_table() == markdown(bis_claims())


def test_bis_links_of_the_finance_layer_are_the_bis_file():
    """The links finance.csv copies from the BIS (data/README.md) equal the extract."""
    import pytest
    if not BIS.is_file():
        pytest.skip("BIS extract absent")
    sys.path.insert(0, str(DATA))
    try:
        import compile_demo_data
    finally:
        sys.path.pop(0)
    bis, fin = bis_claims(), flows("finance.csv")
    assert len(compile_demo_data.BIS_CBS) >= 56  # 42 among the set's reporters, 14 of Austria
    for (o, d) in compile_demo_data.BIS_CBS:
        assert fin[(o, d)] == round(bis[(ALPHA2[o], ALPHA2[d])], 1), (o, d)
    for d, bound_m in compile_demo_data.BIS_OTHER_REPORTERS.items():
        assert bound_m / 1000 == pytest.approx(sum(bis[(o, ALPHA2[d])] for o in BIS_OTHERS),
                                               abs=1e-9), d


def test_every_row_of_the_table_is_within_its_tolerance():
    """Austria's links are the extract's, ROW lends at least what the extract's
    other reporters lend, and the published totals are within 10 %."""
    import pytest
    if not BIS.is_file():
        pytest.skip("BIS extract absent")
    off = []
    for figure, source, value, ours, diff, note in table_rows(bis_claims()):
        if note == "lower bound":
            ok = ours >= value
        elif source == "BIS CBS extract":
            ok = abs(ours - value) <= ROUNDING_BN + 1e-9
        else:
            ok = abs(diff) <= TOLERANCE_PCT
        if not ok:
            off.append((figure, value, ours))
    assert not off


def test_oil_value_file_holds_both_measures_of_every_flow():
    seen = collections.defaultdict(dict)
    for line, r in enumerate(rows("oil_value.csv"), start=2):
        assert r["product"] == "crude_oil", line
        assert (r["layer"], r["unit"]) in {("oil_value", "USD_m"), ("oil_quantity", "Mt")}, line
        assert float(r["value"]) > 0, line
        seen[(r["origin"], r["destination"], r["year"])][r["layer"]] = float(r["value"])
    assert all(set(v) == {"oil_value", "oil_quantity"} for v in seen.values())
    # China customs (as reported): 58.37 bn USD for 86.2 Mt in 2022; the
    # volume agrees with the Energy Institute's 86.24 Mt in energy.csv.
    china = seen[("RUS", "CHN", "2022")]
    energy = flows("energy.csv", 2022)
    assert china["oil_quantity"] == 86.2 and abs(china["oil_quantity"] - 86.24) < 0.05
    assert ("RUS", "CHN") in energy and ("RUS", "IND") in energy


def test_oil_values_of_2021_are_baci():
    import pytest
    if not BACI.is_file():
        pytest.skip("BACI extract absent")
    baci = {}
    with open(BACI, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            quantity = r["Quantity (in metric tons)"].strip()
            if quantity != "NA":  # BACI's missing quantities
                baci[(r["location_code"], r["partner_code"])] = (
                    float(r["export_value"]) / 1e6, float(quantity) / 1e6)
    got = [r for r in rows("oil_value.csv") if r["year"] == "2021"]
    assert got
    for r in got:
        value, quantity = baci[(r["origin"], r["destination"])]
        expected = value if r["layer"] == "oil_value" else quantity
        assert abs(float(r["value"]) - expected) <= (0.05 if r["layer"] == "oil_value" else 5e-4)


def test_flowtool_unitvalue_is_value_over_quantity():
    import pytest
    exe = pathlib.Path(os.environ.get("LIBFLOW_LIBRARY", ROOT / "build" / "libflow.so")).parent \
        / "examples" / "flowtool"
    if not exe.exists():
        pytest.skip("flowtool not built")
    out = subprocess.run([str(exe), "unitvalue", str(DATA / "oil_value.csv"),
                          "--value-layer", "oil_value", "--quantity-layer", "oil_quantity",
                          "--economy", "RUS", "--product", "crude_oil", "--per", "7.33",
                          "--price-unit", "usd_per_bbl", "--benchmark", "2022=100.94,2023=82.49",
                          "--top", "50", "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    table = json.loads(out)
    table = table["tables"][0] if "tables" in table else table
    value = collections.defaultdict(dict)
    for r in rows("oil_value.csv"):
        if r["origin"] == "RUS":
            value[(r["destination"], int(r["year"]))][r["layer"]] = float(r["value"])
    assert len(table["rows"]) == len(value)
    for row in table["rows"]:
        v = value[(row["partner"], int(row["year"]))]
        price = v["oil_value"] / v["oil_quantity"]
        assert row["unit_value"] == pytest.approx(price, rel=1e-12)
        assert row["usd_per_bbl"] == pytest.approx(price / 7.33, rel=1e-12)
        bench = {2022: 100.94, 2023: 82.49}.get(int(row["year"]))
        if bench is None:
            assert row["benchmark"] is None  # NaN in JSON
        else:
            assert row["discount"] == pytest.approx(bench - price / 7.33, rel=1e-12)


# ------------------------------------- headline figures of docs/walkthrough.md
# The walkthrough's table "Headline figures and their sources" states these
# figures; each is recomputed here from the published extract it cites and
# from the demo files, so that neither can drift from the page unnoticed.
def ei_flows():
    """{(commodity, exporter, importer): value} of the Energy Institute extract."""
    with open(EI, newline="", encoding="utf-8") as f:
        return {(r["commodity"], r["exporter"], r["importer"]): float(r["value"])
                for r in csv.DictReader(f)}


def test_walkthrough_energy_figures_are_the_energy_institute_s():
    import pytest
    if not EI.is_file():
        pytest.skip("Energy Institute extract absent")
    ei = ei_flows()

    def total(commodity, exporter=None, importer=None):
        return sum(v for (c, o, d), v in ei.items() if c == commodity and o != d
                   and exporter in (None, o) and importer in (None, d))

    # Russia's share of China's imports, 2022 (walkthrough section 2): EI, then the demo file.
    published = {"crude_oil": ("crude oil", "Russia", 17.0),
                 "oil_products": ("oil products", "Russia", 10.2),
                 "pipeline_gas": ("natural gas (pipeline)", "Russian Federation", 25.1),
                 "lng": ("natural gas (LNG)", "Russian Federation", 6.6)}
    energy = collections.defaultdict(float)
    for r in rows("energy.csv"):
        if r["year"] == "2022":
            energy[(r["product"], r["origin"], r["destination"])] += float(r["value"])
    for product, (commodity, russia, page) in published.items():
        share = 100 * total(commodity, russia, "China") / total(commodity, importer="China")
        assert round(share, 1) == page, product
        ours = 100 * energy[(product, "RUS", "CHN")] / sum(
            v for (p, o, d), v in energy.items() if p == product and d == "CHN")
        assert ours == pytest.approx(share, rel=0.01), product
    # Russia's crude exports, 2022: 265 Mt, 33 % of them to China, 47 % to China and India.
    crude = total("crude oil", "Russia")
    assert round(crude) == 265
    assert round(100 * ei[("crude oil", "Russia", "China")] / crude) == 33
    assert round(100 * (ei[("crude oil", "Russia", "China")]
                        + ei[("crude oil", "Russia", "India")]) / crude) == 47
    ours = sum(v for (p, o, d), v in energy.items() if p == "crude_oil" and o == "RUS")
    assert ours == pytest.approx(crude, rel=0.01)
    # World trade and Russia's sales to Europe and the EU, 2022 (walkthrough:
    # "What the data hold" and section 5).
    assert round(total("crude oil")) == 2129 and round(total("oil products")) == 1247
    assert round(ei[("crude oil", "Russia", "Europe")], 1) == 116.9
    assert round(ei[("oil products", "Russia", "Europe")], 1) == 76.4
    assert round(ei[("natural gas (pipeline)", "Russian Federation", "EU")], 1) == 61.5
    # World-export HHI with every EI exporter apart.
    for commodity, page in (("natural gas (pipeline)", 0.112), ("natural gas (LNG)", 0.140),
                            ("crude oil", 0.092)):
        exports = collections.defaultdict(float)
        for (c, o, d), v in ei.items():
            if c == commodity and o != d:
                exports[o] += v
        world = sum(exports.values())
        assert round(sum((v / world) ** 2 for v in exports.values()), 3) == page, commodity


def test_walkthrough_eu_export_figures_are_comext_s():
    import pytest
    if not COMEXT.is_file():
        pytest.skip("Eurostat Comext extract absent")
    neighbours = ("AM", "GE", "KZ", "KG", "UZ")
    year = collections.defaultdict(float)
    with open(COMEXT, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["flow"] == "EXPORT" and r["reporter"] in EU27:
                year[(r["partner"], r["period"][:4])] += float(r["value_eur"]) / 1e9
    russia = {y: year[("RU", y)] for y in ("2021", "2022")}
    around = {y: sum(year[(n, y)] for n in neighbours) for y in ("2021", "2022")}
    assert (round(russia["2021"], 1), round(russia["2022"], 1)) == (89.2, 55.0)
    assert round(russia["2021"] - russia["2022"], 1) == 34.2
    assert round(around["2022"] - around["2021"], 1) == 9.5
    drop = russia["2021"] - russia["2022"]
    assert round(100 * (year[("KZ", "2022")] - year[("KZ", "2021")]) / drop, 1) == 14.2
    assert round((around["2022"] - around["2021"]) / drop, 3) == 0.279


def test_walkthrough_trade_shares_match_the_published_totals():
    """Section 1 and 2 of the walkthrough: shares from the demo file against the
    same shares from the published totals (data/README.md), within 10 %."""
    import pytest
    trade = flows("trade.csv", 2023)
    exports = collections.defaultdict(float)
    imports = collections.defaultdict(float)
    for (o, d), v in trade.items():
        exports[o] += v / 1000
        imports[d] += v / 1000
    pair = lambda o, d: trade[(o, d)] / 1000  # noqa: E731
    # (ours, published): GACC China-Russia 240.1 bn, of which Russia's exports 129.1;
    # Russia's customs totals 425.1 / 285.1; China's 3,380 / 2,560; US Census 427 of 3,083.
    checks = [
        (pair("CHN", "RUS") + pair("RUS", "CHN"), 240.1),
        (pair("CHN", "RUS") / imports["RUS"], 111.0 / 285.1),
        (pair("CHN", "USA") / imports["USA"], 427.0 / 3083.0),
        ((pair("CHN", "RUS") + pair("RUS", "CHN")) / (exports["RUS"] + imports["RUS"]),
         240.1 / (425.1 + 285.1)),
        ((pair("CHN", "RUS") + pair("RUS", "CHN")) / (exports["CHN"] + imports["CHN"]),
         240.1 / (3380 + 2560)),
        (pair("RUS", "CHN") / exports["RUS"], 129.1 / 425.1),
        (pair("RUS", "CHN") / imports["CHN"], 129.1 / 2560),
        (pair("CHN", "KGZ"), 19.8),  # GACC China-Kyrgyzstan turnover, almost all China's exports
    ]
    # 2023 crude: Russia's share of China's imports (GACC: 107 of 564 Mt).
    crude = [r for r in rows("energy.csv") if r["year"] == "2023" and r["product"] == "crude_oil"]
    china = sum(float(r["value"]) for r in crude if r["destination"] == "CHN")
    russia = sum(float(r["value"]) for r in crude if r["destination"] == "CHN"
                 and r["origin"] == "RUS")
    checks.append((russia / china, 107 / 564))
    for ours, published in checks:
        assert ours == pytest.approx(published, rel=TOLERANCE_PCT / 100)


if __name__ == "__main__":
    print(markdown(bis_claims()))
