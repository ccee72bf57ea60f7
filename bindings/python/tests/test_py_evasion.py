"""Evasion diagnostics and calibration through the binding: a planted
rerouting in a synthetic panel, the calibration checked against
scipy.optimize.nnls on the design stated in evasion.h (built here in numpy),
the Eurostat Comext panel against pandas sums of its CSV, and the flowtool
subcommand against the same pandas sums."""
import json
import os
import pathlib
import subprocess

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import nnls

import libflow
from libflow import evasion

SOURCES, TARGET, HUBS = ["DEU", "FRA", "ITA"], "RUS", ["ARM", "KGZ", "KAZ", "TUR"]
THETA = np.array([0.15, 0.10, 0.05, 0.0])
PRODUCTS = ["%02d" % (k + 1) for k in range(8)]


def planted(seed=3, noise=1.0):
    """Flows (dict) of a panel 2021-2023: sources cut their sales to RUS and
    the intermediaries carry THETA of the cut, on top of 3 % growth."""
    rng = np.random.default_rng(seed)
    flows = {}
    for year in (2021, 2022, 2023):
        for k, p in enumerate(PRODUCTS):
            total_cut = 0.0
            for s, src in enumerate(SOURCES):
                cut = 0.0 if year == 2021 else (20 + 5 * k + 7 * s) * (1 if year == 2022 else 2)
                total_cut += cut
                flows[(year, p, src, TARGET)] = 150 + 10 * s + 3 * k - cut
                for h, hub in enumerate(HUBS):
                    base = 10 + (7 * k) % 5 + 2 * h
                    x = base if year == 2021 else base * 1.03 + THETA[h] * cut
                    flows[(year, p, src, hub)] = x + (noise * rng.uniform(-0.5, 0.5) if year > 2021 else 0)
            for h, hub in enumerate(HUBS):
                flows[(year, p, hub, TARGET)] = 5 + THETA[h] * total_cut
    return flows


def dataset(flows):
    ds = libflow.Dataset()
    ds.set_product_digits(100)  # every product apart
    for (year, p, o, d), v in flows.items():
        ds.add_flow("trade", o, d, v, year=year, product=p)
    return ds


def design(flows):
    """The stacked NNLS design of evasion.h, from the flows (y0 2021, y1 2022):
    the panel has intermediary -> target flows, so the out-leg rows."""
    rows, y = [], []
    nh = len(HUBS)
    f = lambda year, p, o, d: flows.get((year, p, o, d), 0.0)  # noqa: E731
    for p in PRODUCTS:
        total = sum(max(0.0, f(2021, p, s, TARGET) - f(2022, p, s, TARGET)) for s in SOURCES)
        for b, h in enumerate(HUBS):
            base = f(2021, p, h, TARGET)
            row = np.zeros(nh + 4)
            row[b], row[nh + 2], row[nh + 3] = total, base, -base
            rows.append(row)
            y.append(f(2022, p, h, TARGET) - base)
    return np.array(rows), np.array(y)


def test_calibration_equals_scipy_nnls_and_recovers_the_plant():
    flows = planted()
    ds = dataset(flows)
    cal = evasion.calibrate(ds, SOURCES, TARGET, (2021, 2022, 2023), HUBS, bootstrap=50)
    a, y = design(flows)
    want, _ = nnls(a, y)
    np.testing.assert_allclose(cal.loc[HUBS, "theta"].to_numpy(), want[:len(HUBS)], atol=1e-9)
    np.testing.assert_allclose(cal.loc[HUBS, "theta"].to_numpy(), THETA, atol=0.01)
    assert cal.loc["rho", "theta"] == pytest.approx(want[:len(HUBS)].sum(), abs=1e-9)
    assert cal.loc["backtest", "predicted"] < cal.loc["backtest", "uncalibrated"]
    scenario = evasion.scenario_from(libflow.Scenario(), cal)
    assert scenario.substitution("trade") == pytest.approx(cal.loc["rho", "theta"])
    assert scenario.weight("ARM") == pytest.approx(cal.loc["ARM", "weight"])


def test_substitution_and_suspects_equal_pandas():
    flows = planted(noise=0.0)
    ds = dataset(flows)
    df = pd.DataFrame([(y, p, o, d, v) for (y, p, o, d), v in flows.items()],
                      columns=["year", "product", "origin", "destination", "value"])
    sub = evasion.diagnose(ds, SOURCES, TARGET, (2021, 2022), "substitution", HUBS)
    src = df[df.origin.isin(SOURCES)]
    to_t = src[src.destination == TARGET].pivot_table("value", "product", "year", aggfunc="sum")
    to_h = src[src.destination.isin(HUBS)].pivot_table("value", "product", "year", aggfunc="sum")
    ratio = (to_h[2022] - to_h[2021]) / (to_t[2021] - to_t[2022])
    np.testing.assert_allclose(sub.loc[PRODUCTS, "ratio"].to_numpy(), ratio.loc[PRODUCTS], rtol=1e-12)
    sus = evasion.diagnose(ds, SOURCES, TARGET, (2021, 2022), "suspects", HUBS)
    assert list(sus.index) == ["ARM", "KGZ", "KAZ", "TUR"]
    drop = (to_t[2021] - to_t[2022]).sum()
    rise_arm = (src[src.destination == "ARM"].groupby("year").value.sum().diff()[2022])
    assert sus.loc["ARM", "share_of_drop"] == pytest.approx(rise_arm / drop, rel=1e-12)


def _eu_labels(root):
    labels = libflow.Labels.iso3166()
    labels.read_mapping_csv(root / "data" / "codes" / "iso3166_alpha2.csv", "country_code",
                            "country_iso3", "country_name")
    return labels


EU27 = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
NEIGHBOURS = ["AM", "GE", "KZ", "KG", "UZ"]


def test_comext_panel_equals_pandas(root, shared_data):
    path = shared_data / "eurostat-comext-eu-trade-ru-neighbours-2019-2024" / \
        "eu_trade_ru_neighbours_monthly.csv"
    if not path.exists():
        pytest.skip("Comext panel absent")
    ds = libflow.Dataset(_eu_labels(root))
    ds.read_csv(path, columns={"origin": "reporter", "destination": "partner",
                               "value": "value_eur", "year": "period", "flow": "flow"}, unit="EUR")
    sub = evasion.diagnose(ds, EU27, "RU", (2021, 2022), "substitution", NEIGHBOURS)
    raw = pd.read_csv(path)
    raw = raw[(raw.flow == "EXPORT") & raw.reporter.isin(EU27)]
    raw["year"] = raw.period.str[:4].astype(int)
    by = raw.groupby(["partner", "year"]).value_eur.sum()
    drop = by["RU", 2021] - by["RU", 2022]
    rise = sum(by[h, 2022] - by[h, 2021] for h in NEIGHBOURS)
    assert sub.loc["total", "ratio"] == pytest.approx(rise / drop, rel=1e-12)
    cal = evasion.calibrate(ds, EU27, "RU", (2021, 2022, 2023), NEIGHBOURS, bootstrap=20)
    assert cal.loc["backtest", "predicted"] < cal.loc["backtest", "uncalibrated"]


def test_sanctioned_goods_in_concordance_groups_equal_pandas(root, shared_data, tmp_path):
    path = shared_data / "eurostat-comext-eu-sanctioned-exports-2020-2022" / \
        "eu_exports_sanctioned_cn8_annual.csv"
    if not path.exists():
        pytest.skip("Comext sanctioned-goods panel absent")
    groups = {"8542": "chips", "8471": "computers", "8703": "cars"}
    concordance = tmp_path / "groups.csv"
    concordance.write_text("hs,item\n" + "".join(f"{k},{v}\n" for k, v in groups.items()))
    # An axis of the file's alpha-2 codes keeps the matrices small.
    ds = libflow.Dataset(libflow.Labels(EU27 + NEIGHBOURS + ["RU", "BY"]))
    ds.read_product_groups(concordance, "hs", "item")
    ds.read_csv(path, columns={"origin": "reporter", "destination": "partner",
                               "value": "value_eur", "year": "year", "product": "cn8"}, unit="EUR",
                product_prefixes=list(groups))
    sub = evasion.diagnose(ds, EU27, "RU", (2021, 2022), "substitution", NEIGHBOURS)
    raw = pd.read_csv(path, dtype={"cn8": str})
    raw = raw[raw.reporter.isin(EU27)]
    raw["group"] = raw.cn8.str[:4].map(groups)
    by = raw.groupby(["group", "partner", "year"]).value_eur.sum()
    for g in ("chips", "computers", "cars"):
        drop = by[g, "RU", 2021] - by[g, "RU", 2022]
        rise = sum(by.get((g, h, 2022), 0) - by.get((g, h, 2021), 0) for h in NEIGHBOURS)
        assert sub.loc[g, "ratio"] == pytest.approx(rise / drop, rel=1e-12)
    sus = evasion.diagnose(ds, EU27, "RU", (2021, 2022), "suspects", NEIGHBOURS)
    assert len(set(sus.index[:3]) & {"KZ", "AM", "KG"}) >= 2


def test_flowtool_evasion_on_the_demo_panel(root):
    exe = pathlib.Path(os.environ["LIBFLOW_LIBRARY"]).parent / "examples" / "flowtool"
    if not exe.exists():
        pytest.skip("flowtool is not built")
    g7 = ["USA", "JPN", "DEU", "FRA", "GBR", "ITA"]  # the demo data hold no Canadian flows
    via = ["TUR", "ARE", "KAZ", "KGZ", "ARM", "HKG"]
    out = subprocess.run([str(exe), "evasion", str(root / "data" / "trade.csv"), "--from",
                          ",".join(g7), "--to", "RUS", "--via", ",".join(via), "--years",
                          "2021,2023", "--format", "json", "--bootstrap", "20"],
                         capture_output=True, text=True, check=True).stdout
    sections = {t["title"]: t["rows"] for t in json.loads(out)["tables"]}
    sub = sections["Evasion: substitution"]
    total = next(r for r in sub if r["economy"] == "total")
    df = pd.read_csv(root / "data" / "trade.csv")
    df = df[df.origin.isin(g7)]
    t = df[df.destination == "RUS"].groupby("year").value.sum()
    h = df[df.destination.isin(via)].groupby("year").value.sum()
    assert float(total["ratio"]) == pytest.approx((h[2023] - h[2021]) / (t[2021] - t[2023]),
                                                  rel=1e-9)
    cal = {r["economy"]: r for r in
           next(v for k, v in sections.items() if k.startswith("Evasion: calibration"))}
    assert float(cal["backtest"]["predicted"]) < float(cal["backtest"]["uncalibrated"])
