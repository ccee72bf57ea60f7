"""The bundled demo data (data/): format contract, consistency with the sources
it cites, and the stylised facts the demo is meant to show.

These tests read the CSV files directly (csv module, numpy), never through
libflow, so that they check the data and not the library.
"""
import collections
import csv
import filecmp
import pathlib
import subprocess
import sys

import numpy as np
import pytest

DATA = pathlib.Path(__file__).resolve().parents[2] / "data"
LONG_COLUMNS = ["origin", "destination", "value", "year", "layer", "product", "unit"]
ECONOMY_COLUMNS = ["code", "name", "gdp_usd_bn_2022", "gdp_usd_bn_2023", "population_m_2023",
                   "bank_capital_usd_bn_2022", "group"]
LAYERS = {
    "trade.csv": ("trade", {"27", "84", "85", "87", "99"}),
    "energy.csv": ("energy", {"crude_oil", "oil_products", "pipeline_gas", "lng"}),
    "finance.csv": ("finance", {"bank_claims", "portfolio", "fdi"}),
}
UNITS = {"trade": {"USD_m"}, "finance": {"USD_bn"},
         "energy": {"crude_oil": "Mt", "oil_products": "Mt", "pipeline_gas": "bcm", "lng": "bcm"}}

# Energy Institute, Statistical Review of World Energy 2023 ("Oil - Inter-area
# movements", "Gas - Trade movts - pipeline", "Gas - Trade movts LNG"), 2022.
EI_2022 = {
    ("RUS", "CHN", "crude_oil"): 86.24, ("RUS", "IND", "crude_oil"): 37.02,
    ("RUS", "CHN", "pipeline_gas"): 14.67, ("RUS", "BLR", "pipeline_gas"): 18.48,
    ("RUS", "JPN", "lng"): 9.24, ("RUS", "FRA", "lng"): 7.43,
}
# EI regional totals that the demo splits across member economies: the split
# may not exceed them.
EI_REGIONS_2022 = [
    ("RUS", {"DEU", "NLD", "POL", "ITA", "FRA", "TUR"}, "crude_oil", 116.86),  # -> Europe
    ("RUS", {"NLD", "TUR", "DEU", "FRA", "GBR"}, "oil_products", 76.37),  # -> Europe
    ("RUS", {"DEU", "ITA", "FRA", "NLD", "POL"}, "pipeline_gas", 61.48),  # -> EU
]
EI_NAMES = {"RUS": "Russia", "CHN": "China", "IND": "India"}


def read_csv(name):
    with open(DATA / name, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header, list(reader)


def long_rows(name):
    header, rows = read_csv(name)
    assert header == LONG_COLUMNS
    return [dict(zip(header, r)) for r in rows]


def economies():
    header, rows = read_csv("economies.csv")
    assert header == ECONOMY_COLUMNS
    return {r[0]: dict(zip(header, r)) for r in rows}


def trade_totals():
    """(origin, destination, year) -> value summed over products, USD million."""
    totals = collections.defaultdict(float)
    for r in long_rows("trade.csv"):
        totals[(r["origin"], r["destination"], int(r["year"]))] += float(r["value"])
    return totals


def energy_value(origin, destination, product, year):
    for r in long_rows("energy.csv"):
        if (r["origin"], r["destination"], r["product"], r["year"]) == \
                (origin, destination, product, str(year)):
            return float(r["value"])
    raise KeyError((origin, destination, product, year))


@pytest.mark.parametrize("name", sorted(LAYERS))
def test_long_files_follow_the_contract(name):
    codes = set(economies())
    layer, products = LAYERS[name]
    keys = set()
    for line, r in enumerate(long_rows(name), start=2):
        where = f"{name}:{line}"
        assert r["origin"] in codes and r["destination"] in codes, where
        assert r["origin"] != r["destination"], where
        assert r["layer"] == layer and r["product"] in products, where
        expected_unit = UNITS[layer]
        if isinstance(expected_unit, dict):
            assert r["unit"] == expected_unit[r["product"]], where
        else:
            assert r["unit"] in expected_unit, where
        value = float(r["value"])
        assert np.isfinite(value) and value >= 0, where
        assert "e" not in r["value"].lower() and "," not in r["value"], where
        key = (r["origin"], r["destination"], r["year"], r["layer"], r["product"])
        assert key not in keys, f"duplicate key at {where}"
        keys.add(key)


def test_economies_table():
    table = economies()
    assert len(table) >= 24
    for code, e in table.items():
        assert len(code) == 3 and code.isupper() and code.isalpha()
        for column in ECONOMY_COLUMNS[2:6]:
            assert float(e[column]) > 0, (code, column)
        assert e["group"] and all(g for g in e["group"].split(";")), code
    mission = {"CHN", "RUS", "IRN", "PRK", "HKG", "USA", "JPN", "KOR", "IND", "TUR", "ARE", "KAZ"}
    assert mission <= set(table)
    assert {c for c, e in table.items() if "CRINK" in e["group"].split(";")} == \
        {"CHN", "RUS", "IRN", "PRK"}


def test_eu_mapping_matches_economies():
    header, rows = read_csv("mapping_eu.csv")
    assert header == ["code", "group"]
    table = economies()
    eu_members = {c for c, e in table.items() if "EU" in e["group"].split(";")}
    assert {r[0] for r in rows} == eu_members
    assert {r[1] for r in rows} == {"EU"}


def test_trade_has_both_years_and_every_economy():
    rows = long_rows("trade.csv")
    assert {r["year"] for r in rows} == {"2021", "2023"}
    for year in ("2021", "2023"):
        active = {r["origin"] for r in rows if r["year"] == year} | \
                 {r["destination"] for r in rows if r["year"] == year}
        assert active == set(economies()), year


def test_china_russia_trade_grew_and_matches_customs_orders_of_magnitude():
    t = trade_totals()
    for pair in (("RUS", "CHN"), ("CHN", "RUS")):
        assert t[pair + (2023,)] > 1.4 * t[pair + (2021,)], pair
    # China customs: about 147 bn USD in 2021 and 240 bn USD in 2023.
    assert t[("CHN", "RUS", 2021)] + t[("RUS", "CHN", 2021)] == pytest.approx(147_000, rel=0.03)
    assert t[("CHN", "RUS", 2023)] + t[("RUS", "CHN", 2023)] == pytest.approx(240_000, rel=0.03)


def test_russia_depends_on_china_far_more_than_the_reverse():
    t = trade_totals()
    for year in (2021, 2023):
        def total(c):
            return sum(v for (o, d, y), v in t.items() if y == year and c in (o, d))
        bilateral = t[("CHN", "RUS", year)] + t[("RUS", "CHN", year)]
        share_of_russia, share_of_china = bilateral / total("RUS"), bilateral / total("CHN")
        assert share_of_russia > 4 * share_of_china, year
    # After 2022 China is Russia's largest partner by a wide margin.
    partners = collections.Counter()
    for (o, d, y), v in t.items():
        if y == 2023 and "RUS" in (o, d) and "ROW" not in (o, d):
            partners[d if o == "RUS" else o] += v
    (first, v1), (_, v2) = partners.most_common(2)
    assert first == "CHN" and v1 > 2 * v2


def test_china_is_the_largest_trader_in_the_set():
    t = trade_totals()
    for year in (2021, 2023):
        strength = collections.Counter()
        for (o, d, y), v in t.items():
            if y == year and "ROW" not in (o, d):
                strength[o] += v
                strength[d] += v
        assert strength.most_common(1)[0][0] == "CHN", year


@pytest.mark.parametrize("hub", ["TUR", "ARE", "KAZ", "KGZ", "ARM", "HKG"])
def test_intermediaries_exports_to_russia_grew(hub):
    t = trade_totals()
    assert t[(hub, "RUS", 2023)] > 1.3 * t[(hub, "RUS", 2021)]


def test_eu_russia_trade_collapsed():
    t = trade_totals()
    eu = {r[0] for r in read_csv("mapping_eu.csv")[1]}
    def eu_russia(year):
        return sum(t[(c, "RUS", year)] + t[("RUS", c, year)] for c in eu)
    assert eu_russia(2023) < 0.3 * eu_russia(2021)


def test_russian_crude_to_china_and_india_match_energy_institute():
    for (origin, destination, product), value in EI_2022.items():
        assert energy_value(origin, destination, product, 2022) == pytest.approx(value, abs=0.005)
    # The pivot to Asia continued in 2023.
    for destination in ("CHN", "IND"):
        assert energy_value("RUS", destination, "crude_oil", 2023) > \
            energy_value("RUS", destination, "crude_oil", 2022)


def test_regional_splits_stay_within_energy_institute_totals():
    rows = long_rows("energy.csv")
    for origin, members, product, total in EI_REGIONS_2022:
        split = sum(float(r["value"]) for r in rows
                    if r["origin"] == origin and r["destination"] in members
                    and r["product"] == product and r["year"] == "2022")
        assert 0 < split <= total, (origin, product)


def test_energy_figures_against_the_energy_institute_file(shared_data):
    path = shared_data / "ei-energy-trade-2022" / "ei_bilateral_energy_flows_2022.csv"
    if not path.is_file():
        pytest.skip("Energy Institute extract absent")
    commodity = {"crude_oil": "crude oil"}
    with open(path, newline="", encoding="utf-8") as f:
        source = {(r["exporter"], r["importer"], r["commodity"]): float(r["value"])
                  for r in csv.DictReader(f)}
    for origin, destination in (("RUS", "CHN"), ("RUS", "IND")):
        published = source[(EI_NAMES[origin], EI_NAMES[destination], commodity["crude_oil"])]
        assert energy_value(origin, destination, "crude_oil", 2022) == \
            pytest.approx(published, abs=0.005)
    assert source[("Russia", "Europe", "crude oil")] == pytest.approx(116.86, abs=0.005)


def test_every_economy_lends_and_borrows():
    rows = long_rows("finance.csv")
    lenders = {r["origin"] for r in rows}
    borrowers = {r["destination"] for r in rows}
    assert lenders == borrowers == set(economies())
    claims = {(r["origin"], r["destination"]): float(r["value"]) for r in rows}
    # BIS CBS Q4 2022: Japanese banks' claims on the US, 1,825,317 USD million.
    assert claims[("JPN", "USA")] == pytest.approx(1825.3, abs=0.05)


def io_demo():
    header, rows = read_csv("io_demo.csv")
    n = sum(1 for r in rows if r[0] not in ("VA", "X"))
    assert header[:2] == ["region", "sector"]
    assert header[2:2 + n] == [f"{r[0]}_{r[1]}" for r in rows[:n]]
    assert all(h.startswith("FD_") for h in header[2 + n:])
    assert [r[0] for r in rows[n:]] == ["VA", "X"]
    values = np.array([[float(c) for c in r[2:]] for r in rows])
    return values[:n, :n], values[:n, n:], values[n, :n], values[n + 1, :n], values


def test_io_demo_is_balanced_both_ways():
    z, y, v, x, whole = io_demo()
    np.testing.assert_allclose(z.sum(axis=1) + y.sum(axis=1), x, rtol=1e-9, atol=0)
    np.testing.assert_allclose(z.sum(axis=0) + v, x, rtol=1e-9, atol=0)
    # The X row is the column total of everything above it, final demand included.
    np.testing.assert_allclose(whole[:-1].sum(axis=0), whole[-1], rtol=1e-9, atol=0)
    assert (z >= 0).all() and (y >= 0).all() and (v > 0).all()


def test_io_demo_is_productive():
    z, _, _, x, _ = io_demo()
    a = z / x
    rho = max(abs(np.linalg.eigvals(a)))
    assert rho < 1
    leontief = np.linalg.inv(np.eye(len(x)) - a)
    assert (leontief >= 0).all()


def test_compiler_reproduces_the_committed_files(tmp_path):
    subprocess.run([sys.executable, str(DATA / "compile_demo_data.py"), str(tmp_path)], check=True)
    names = sorted(p.name for p in DATA.glob("*.csv"))
    assert names == sorted(p.name for p in tmp_path.glob("*.csv"))
    match, mismatch, errors = filecmp.cmpfiles(DATA, tmp_path, names, shallow=False)
    assert not mismatch and not errors


def import_share(rows, importer, supplier, **key):
    """Share of importer's imports (all suppliers, the rest of the world too)."""
    def match(r):
        return r["destination"] == importer and all(r[k] == str(v) for k, v in key.items())
    total = sum(float(r["value"]) for r in rows if match(r))
    return sum(float(r["value"]) for r in rows if match(r) and r["origin"] == supplier) / total


@pytest.mark.parametrize("name", ["trade.csv", "finance.csv"])
def test_every_economy_trades_with_the_rest_of_the_world(name):
    """Trade and finance close with ROW, so that shares are shares of the world
    (energy: test_energy_2022_is_the_energy_institute_matrix_aggregated)."""
    rows = long_rows(name)
    for year in {r["year"] for r in rows}:
        for code in set(economies()) - {"ROW"}:
            active = [r for r in rows if r["year"] == year and code in (r["origin"], r["destination"])]
            if not active:
                continue
            partners = {r["origin"] for r in active} | {r["destination"] for r in active}
            assert "ROW" in partners, (name, year, code)


def test_shares_match_published_figures():
    """The shares the walkthrough cites, against the figures they should match."""
    trade = long_rows("trade.csv")
    # US Census Bureau 2023: imports from China 427 of 3,083 bn USD (13.9 %).
    assert import_share(trade, "USA", "CHN", year=2023) == pytest.approx(427 / 3083, rel=0.10)
    # Russia's imports 2023 (Federal Customs Service: 285 bn USD), of which China's
    # recorded exports to Russia, 111 bn USD (GACC): about 37-40 %.
    assert 0.37 <= import_share(trade, "RUS", "CHN", year=2023) <= 0.40
    # Energy Institute 2023, China's imports from Russia in 2022.
    energy = long_rows("energy.csv")
    for product, share in (("crude_oil", 0.170), ("oil_products", 0.102),
                           ("pipeline_gas", 0.251), ("lng", 0.066)):
        assert import_share(energy, "CHN", "RUS", year=2022, product=product) == \
            pytest.approx(share, abs=0.0015), product


def test_energy_2022_is_the_energy_institute_matrix_aggregated(shared_data):
    """compile_demo_data's EI_2022 is what its ei_aggregate() makes of the EI extract."""
    path = shared_data / "ei-energy-trade-2022" / "ei_bilateral_energy_flows_2022.csv"
    if not path.is_file():
        pytest.skip("Energy Institute extract absent")
    sys.path.insert(0, str(DATA))
    try:
        import compile_demo_data
    finally:
        sys.path.pop(0)
    assert compile_demo_data.ei_aggregate(path) == compile_demo_data.EI_2022
    # The files keep EI's totals: China's crude imports, Russia's pipeline exports.
    totals = shared_data / "ei-energy-trade-2022" / "ei_published_totals_2022.csv"
    with open(totals, newline="", encoding="utf-8") as f:
        published = {(r["commodity"], r["kind"], r["entity"]): float(r["value"])
                     for r in csv.DictReader(f)}
    energy = long_rows("energy.csv")
    china = sum(float(r["value"]) for r in energy if r["destination"] == "CHN"
                and r["product"] == "crude_oil" and r["year"] == "2022")
    assert china == pytest.approx(published[("crude oil", "imports_of", "China")], abs=0.05)
    russia = sum(float(r["value"]) for r in energy if r["origin"] == "RUS"
                 and r["product"] == "pipeline_gas" and r["year"] == "2022")
    assert russia == pytest.approx(
        published[("natural gas (pipeline)", "exports_of", "Russian Federation")], abs=0.05)
