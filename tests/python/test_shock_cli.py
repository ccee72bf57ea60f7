"""flowtool shock on the demo finance layer, checked end to end against numpy
and a plain-Python DebtRank, both computed from the CSV files read with the
csv module (never through libflow)."""
import csv
import math

import numpy as np
import pytest

from flowtool_csv import DATA, find, flowtool_or_skip, run, sections

SCENARIOS = DATA / "scenarios"
G7_EU_IN_DATA = {"USA", "JPN", "DEU", "FRA", "GBR", "ITA", "NLD", "POL", "AUT"}


@pytest.fixture(scope="module")
def flowtool():
    return flowtool_or_skip("finance.csv")


def finance_system():
    """Claims matrix over the economies with claims, GDP and bank capital."""
    flows = {}
    for r in csv.DictReader(open(DATA / "finance.csv", encoding="utf-8")):
        if r["year"] == "2022" and r["origin"] != r["destination"]:
            key = (r["origin"], r["destination"])
            flows[key] = flows.get(key, 0.0) + float(r["value"])
    codes = sorted({c for k in flows for c in k})
    econ = {r["code"]: r for r in csv.DictReader(open(DATA / "economies.csv", encoding="utf-8"))}
    n = len(codes)
    E = np.zeros((n, n))
    for (o, d), v in flows.items():
        E[codes.index(o), codes.index(d)] = v
    gdp = np.array([float(econ[c]["gdp_usd_bn_2022"]) for c in codes])
    capital = np.array([float(econ[c]["bank_capital_usd_bn_2022"]) for c in codes])
    return codes, E, gdp, capital


def debtrank(E, capital, h0):
    """Battiston et al. (2012), single propagation, self-loops removed."""
    n = len(h0)
    W = np.minimum(1.0, E / capital[:, None]).T  # W[j, i]: impact of j on i
    np.fill_diagonal(W, 0.0)
    h = h0.copy()
    state = np.where(h > 0, 1, 0)  # 0 undistressed, 1 distressed, 2 inactive
    while (state == 1).any():
        active = state == 1
        h_new = np.minimum(1.0, h + W[active].T @ h[active])
        state = np.where(active, 2, np.where((state == 0) & (h_new > 0), 1, state))
        h = h_new
    return h


def test_finance_cut_matches_numpy(flowtool):
    out = run(flowtool, "shock", "--scenario", str(SCENARIOS / "g7_eu_russia.txt"),
              "--year", "2022", "--attributes", str(DATA / "economies.csv"),
              "--format", "json", "--top", "30", str(DATA / "finance.csv"))
    secs = sections(out)
    codes, E, gdp, capital = finance_system()
    n = len(codes)
    s = np.array([c in G7_EU_IN_DATA for c in codes])
    t = np.array([c == "RUS" for c in codes])
    cut = np.outer(s, t) | np.outer(t, s)

    (row,) = find(secs, "Scenario g7_eu_russia")
    assert int(row["economies"]) == n
    assert float(row["cut"]) == pytest.approx(E[cut].sum(), rel=1e-12)

    assert row["kind"] == "stock"
    # Claims are a stock: no Leontief, Ghosh or inoperability row for them.
    assert not [r for r in find(secs, "Loss by economy") if r["layer"] == "finance"]

    # DebtRank: a full cut freezes the claims; lenders write off what they
    # held on the other side, then distress travels on the claims left.
    h0 = np.minimum(1.0, (E * cut).sum(1) / capital)
    h = debtrank(np.where(cut, 0.0, E), capital, h0)
    distress = {r["economy"]: r for r in find(secs, "DebtRank on the stock layers")}
    assert distress
    for code, r in distress.items():
        i = codes.index(code)
        assert float(r["distress_initial"]) == pytest.approx(h0[i], rel=1e-12, abs=1e-15)
        assert float(r["distress_final"]) == pytest.approx(h[i], rel=1e-12, abs=1e-15)
    value = E.sum(1) / E.sum()
    (total,) = find(secs, "DebtRank: value-weighted")
    assert float(total["debtrank_R"]) == pytest.approx(value @ h - value @ h0, rel=1e-12)


def test_rerouting_lowers_losses_and_conserves(flowtool):
    out = run(flowtool, "shock", "--scenario", str(SCENARIOS / "g7_eu_russia.txt"),
              "--compare", str(SCENARIOS / "g7_eu_russia_rerouted.txt"),
              "--year", "2022", "--attributes", str(DATA / "economies.csv"),
              "--format", "json", str(DATA / "energy.csv"), str(DATA / "finance.csv"))
    secs = sections(out)
    for row in find(secs, "Scenario g7_eu_russia_rerouted"):
        assert float(row["cut"]) == pytest.approx(float(row["rerouted"]) + float(row["lost"]),
                                                  rel=1e-12)
    for row in find(secs, "Differences"):
        if row["layer"] == "finance":  # a stock: no demand lens; rerouting lowers distress
            assert math.isnan(float(row["demand_a"])) and math.isnan(float(row["demand_b"]))
            assert float(row["distress_b"]) <= float(row["distress_a"]) + 1e-12
        else:
            assert float(row["demand_b"]) <= float(row["demand_a"]) + 1e-9
    vias = {(r["intermediary"], r["layer"], r["unit"]): float(r["rerouted"])
            for r in find(secs, "Rerouted volume")}
    assert vias[("IND", "energy", "Mt")] > 0
    assert vias.get(("KAZ", "finance", "USD_bn"), 0.0) <= 5.0 + 1e-9
    rerouted = {(r["layer"], r["unit"]): float(r["rerouted"])
                for r in find(secs, "Scenario g7_eu_russia_rerouted")}
    for (layer, unit), total in rerouted.items():
        carried = sum(v for (h, l, u), v in vias.items() if l == layer and u == unit)
        assert carried == pytest.approx(total, rel=1e-9, abs=1e-9)


def test_price_values_physical_energy(flowtool, tmp_path):
    """--price: the priced oil system (crude and products in Mt) is the same
    report as a copy of energy.csv where those rows were multiplied by their
    price and declared USD_m (written here with the csv module); its cut is
    price x the volumes cut by product; gas (bcm) stays in volumes."""
    prices = {"crude_oil": 520.0, "oil_products": 700.0}
    money = tmp_path / "energy_usd.csv"
    with open(DATA / "energy.csv", encoding="utf-8") as src, \
            open(money, "w", encoding="utf-8", newline="") as dst:
        reader = csv.DictReader(src)
        writer = csv.DictWriter(dst, fieldnames=reader.fieldnames)
        writer.writeheader()
        for r in reader:
            if r["product"] in prices:
                r["value"] = repr(float(r["value"]) * prices[r["product"]])
                r["unit"] = "USD_m"
            writer.writerow(r)
    common = ["--scenario", str(SCENARIOS / "g7_eu_russia.txt"), "--year", "2022",
              "--attributes", str(DATA / "economies.csv"), "--format", "json", "--top", "40"]
    priced = sections(run(flowtool, "shock", *common, "--price",
                          "crude_oil=520,oil_products=700", str(DATA / "energy.csv")))
    stated = sections(run(flowtool, "shock", *common, str(money)))
    volumes = sections(run(flowtool, "shock", *common, "--by-product", str(DATA / "energy.csv")))
    systems = {row["unit"]: row for row in find(priced, "Scenario")}
    assert sorted(systems) == ["USD_m", "bcm"]
    by_product = {row["product"]: float(row["cut"]) for row in find(volumes, "Scenario")}
    assert float(systems["USD_m"]["cut"]) == pytest.approx(
        sum(p * by_product[k] for k, p in prices.items()), rel=1e-9)
    assert float(systems["bcm"]["cut"]) == pytest.approx(
        by_product["lng"] + by_product["pipeline_gas"], rel=1e-9)
    losses, reference = find(priced, "Loss by economy"), find(stated, "Loss by economy")
    assert len(losses) == len(reference) > 0
    for got, want in zip(losses, reference):
        assert (got["economy"], got["unit"]) == (want["economy"], want["unit"])
        for column in ("demand_loss", "supply_exposure", "demand_%_of_size"):
            assert float(got[column]) == pytest.approx(float(want[column]), rel=1e-6, abs=1e-9)
