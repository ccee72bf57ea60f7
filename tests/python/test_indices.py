"""Dyadic indices, concentration, exposure and rankings of libflow checked
against independent numpy computations, on random matrices with the edge
cases built in and on the BIS claims and BACI crude-oil data when present."""
import csv
import ctypes

import numpy as np
import pytest

from indices_ctypes import (DYAD, check, declare, exposure, demo_attribute, demo_matrix, depflags, dyads,
                            flowtool, ptr, read_baci, read_bis, table_values)


@pytest.fixture(scope="module")
def flow(lib):
    return declare(lib)


def reference_dyads(t, sizes=None):
    """The formulas of libflow/indices.h written directly in numpy."""
    t = np.array(t, dtype=float)
    np.fill_diagonal(t, 0.0)
    exports, imports = t.sum(axis=1), t.sum(axis=0)
    tt = t + t.T
    total = tt.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        ts = np.where(total[:, None] > 0, tt / total[:, None], np.nan)
        export_share = np.where(exports[:, None] > 0, t / exports[:, None], np.nan)
        import_share = np.where(imports[:, None] > 0, t.T / imports[:, None], np.nan)
        zero = tt == 0
        salience = np.where(zero, 0.0, np.sqrt(ts * ts.T))
        symmetry = np.where(zero, np.nan, 1.0 - np.abs(ts - ts.T))
        dep = ts if sizes is None else tt / np.asarray(sizes)[:, None]
        asym = np.where(zero, np.nan, dep - dep.T)
        norm = np.where(zero, np.nan, (dep - dep.T) / (dep + dep.T))
    n = len(t)
    alt = np.ones((n, n))
    for i in range(n):
        for j in range(n):
            keep = np.ones(n, bool)
            keep[j] = False
            w = t[keep, i]  # what i's other suppliers deliver to it
            if w.sum() > 0:
                alt[i, j] = np.sum((w / w.sum()) ** 2)
    return dict(export_share=export_share, import_share=import_share, trade_share=ts,
                salience=salience, symmetry=symmetry,
                interdependence=np.where(zero, 0.0, salience * symmetry), dependence=dep,
                asymmetry=asym, normalized_asymmetry=norm, alternative_hhi=alt,
                vulnerability=import_share * alt)


def random_flows(rng, n):
    """Log-normal flows, a third of them zero, plus the edge cases: economy 3
    imports nothing, economy 5 exports nothing, dyad 1-2 has no trade, and
    a non-zero diagonal that must be ignored."""
    t = rng.lognormal(mean=2.0, sigma=1.5, size=(n, n))
    t[rng.random((n, n)) < 0.33] = 0.0
    t[:, 3] = 0.0
    t[5, :] = 0.0
    t[1, 2] = t[2, 1] = 0.0
    np.fill_diagonal(t, 7.0)
    return t


def assert_measures(got, want):
    assert set(got) == set(DYAD)
    for name in DYAD:
        np.testing.assert_allclose(got[name], want[name], rtol=1e-12, atol=1e-14,
                                   equal_nan=True, err_msg=name)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_dyads_match_numpy_on_random_flows(flow, seed):
    rng = np.random.default_rng(seed)
    t = random_flows(rng, 12)
    got = dyads(flow, t)
    assert_measures(got, reference_dyads(t))
    # the built-in edge cases really are there
    assert np.isnan(got["import_share"][3]).all()
    assert got["salience"][1, 2] == 0.0 and np.isnan(got["asymmetry"][1, 2])
    # identities: shares sum to 1, asymmetry is antisymmetric
    np.testing.assert_allclose(np.nansum(got["export_share"], axis=1)[[0, 1, 2]], 1.0)
    np.testing.assert_allclose(got["asymmetry"], -got["asymmetry"].T, equal_nan=True)


def test_dyads_with_sizes_match_numpy(flow):
    rng = np.random.default_rng(7)
    t = random_flows(rng, 9)
    gdp = rng.uniform(100.0, 1000.0, size=9)
    assert_measures(dyads(flow, t, gdp), reference_dyads(t, gdp))


def test_supplier_and_export_hhi_match_numpy(flow):
    rng = np.random.default_rng(11)
    stack = np.stack([random_flows(rng, 10) for _ in range(4)])
    stack[2] = 0.0  # a product nobody trades
    k, n = stack.shape[:2]
    hhi = table_values(flow, flow.flow_supplier_hhi, (k, n), ptr(stack), k, n, n)
    world = table_values(flow, flow.flow_export_hhi, (k,), ptr(stack), k, n, n)
    t = stack.copy()
    for p in range(k):
        np.fill_diagonal(t[p], 0.0)
    with np.errstate(invalid="ignore"):
        want = ((t / t.sum(axis=1, keepdims=True)) ** 2).sum(axis=1)
        x = t.sum(axis=2)
        want_world = ((x / x.sum(axis=1, keepdims=True)) ** 2).sum(axis=1)
    np.testing.assert_allclose(hhi, want, rtol=1e-12, equal_nan=True)
    np.testing.assert_allclose(world, want_world, rtol=1e-12, equal_nan=True)
    assert np.isnan(hhi[:, 3]).all() and np.isnan(world[2])


def reference_flags(stack, import_hhi, export_hhi, ratio, min_years, window):
    """EU/CEPII criteria of libflow/indices.h in numpy: flags [year, product, importer]
    and persistence over the last `window` years."""
    t = np.array(stack, dtype=float)
    idx = np.arange(t.shape[-1])
    t[..., idx, idx] = 0.0
    imports, exports = t.sum(axis=-2), t.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        ihhi = ((t / imports[..., None, :]) ** 2).sum(axis=-2)
        world = ((exports / exports.sum(axis=-1, keepdims=True)) ** 2).sum(axis=-1)
        r = np.where(imports > 0, np.where(exports > 0, imports / exports, np.inf),
                     np.where(exports > 0, 0.0, np.nan))
    flags = (ihhi > import_hhi) & (world[..., None] > export_hhi) & (r > ratio)
    persistent = flags[-window:].sum(axis=0) >= min_years
    return flags, persistent, ihhi, world, r


def test_flags_match_numpy_on_random_stacks(flow):
    rng = np.random.default_rng(13)
    years, products, n = 5, 3, 9
    # sparse flows so that concentration and net imports vary
    stack = rng.lognormal(size=(years, products, n, n)) * (rng.random((years, products, n, n)) < 0.3)
    stack[:, :, :, 4] = 0.0  # economy 4 imports nothing
    for thresholds, persistence in [((0.4, 0.4, 1.0), (2, 3)), ((0.3, 0.2, 0.5), (3, 4))]:
        parts, persistent = depflags(flow, stack, thresholds, persistence)
        flags, want_persistent, ihhi, world, ratio = reference_flags(stack, *thresholds,
                                                                     *persistence)
        np.testing.assert_allclose(parts[:, 0], ihhi, rtol=1e-12, equal_nan=True)
        np.testing.assert_allclose(parts[:, 1], np.broadcast_to(world[..., None], ihhi.shape),
                                   rtol=1e-12, equal_nan=True)
        np.testing.assert_allclose(parts[:, 2], ratio, rtol=1e-12, equal_nan=True)
        np.testing.assert_array_equal(parts[:, 3], flags.astype(float))
        np.testing.assert_array_equal(persistent, want_persistent.astype(float))
        assert flags.any() and not flags.all()


@pytest.mark.parametrize("kind", [0, 1])
def test_exposure_matches_leontief_inverse(flow, kind):
    """Direct exposure from Z, look-through from numpy's (I - A)^-1."""
    rng = np.random.default_rng(5)
    n, g = 12, 4
    group = rng.integers(0, g, size=n).astype(np.int64)
    group[:g] = np.arange(g)  # every economy has a sector
    a = rng.random((n, n))
    a *= 0.7 / a.sum(axis=0)  # productive: column sums 0.7
    x = rng.uniform(10.0, 100.0, size=n)
    z = a * x
    out = exposure(flow, kind, z, x, group, g)
    req = z if kind == 0 else (np.linalg.inv(np.eye(n) - a) - np.eye(n)) * x
    onehot = np.eye(g)[group]  # sector -> economy
    agg = (onehot.T @ req @ onehot).T  # [exposed economy, origin]
    np.testing.assert_allclose(out, agg / agg.sum(axis=1, keepdims=True), rtol=1e-10)


def test_rank_matrix_matches_numpy_sort(flow):
    rng = np.random.default_rng(3)
    m = reference_dyads(random_flows(rng, 8))["normalized_asymmetry"]
    cap = m.size
    rows, cols = np.empty(cap, np.int64), np.empty(cap, np.int64)
    count = ctypes.c_int64()
    check(flow, flow.flow_rank_matrix(ptr(rows), ptr(cols), cap, ctypes.byref(count),
                                      ptr(np.ascontiguousarray(m)), 8, 8, 1))
    flat = np.flatnonzero(~np.isnan(m.ravel()))
    order = flat[np.lexsort((flat, -m.ravel()[flat]))]
    assert count.value == len(order)
    np.testing.assert_array_equal(rows[:count.value] * 8 + cols[:count.value], order)


def test_bis_claims_asymmetry(flow, shared_data):
    path = shared_data / "bis-cbs-claims-2022q4" / "bis_cbs_foreign_claims_2022q4.csv"
    if not path.exists():
        pytest.skip("BIS claims file absent")
    labels, claims = read_bis(path)
    got = dyads(flow, claims)
    assert_measures(got, reference_dyads(claims))
    jp, us = labels.index("JP"), labels.index("US")
    # PROVENANCE.md: JP -> US = 1,825,317 (USD millions)
    assert got["export_share"][jp, us] == pytest.approx(1825317 / claims[jp].sum(), rel=1e-14)


def test_baci_crude_oil_concentration(flow, shared_data):
    path = shared_data / "baci-crude-oil-2021" / "crude_oil_hs270900_2021.csv"
    if not path.exists():
        pytest.skip("BACI crude-oil file absent")
    labels, t = read_baci(path)
    n = len(labels)
    chn, rus = labels.index("CHN"), labels.index("RUS")
    got = dyads(flow, t)
    # PROVENANCE.md: RUS -> CHN 35.4e9 of CHN's 207.9e9 imports from 50 partners
    assert got["import_share"][chn, rus] == pytest.approx(35.4 / 207.9, rel=5e-3)
    assert np.count_nonzero(got["import_share"][chn] > 0) == 50
    assert_measures(got, reference_dyads(t))
    hhi = table_values(flow, flow.flow_supplier_hhi, (n,), ptr(t), 1, n, n)
    col = t[:, chn] / t[:, chn].sum()
    assert hhi[chn] == pytest.approx(np.sum(col ** 2), rel=1e-12)
    # flags on one year and product: the criteria evaluated here
    parts, _ = depflags(flow, t[None, None])
    flags, _, _, world, _ = reference_flags(t[None, None], 0.4, 0.4, 1.0, 2, 3)
    np.testing.assert_array_equal(parts[0, 3, 0], flags[0, 0].astype(float))
    assert parts[0, 1, 0, 0] == pytest.approx(world[0, 0], rel=1e-12)


def test_flowtool_asymmetry_shows_russia_depending_on_china(flow):
    """The CLI's RUS-CHN table against shares and GDP ratios computed here."""
    tables = flowtool("asymmetry", "data/trade.csv", "--attributes", "data/economies.csv",
                      "--economy", "RUS", "--partner", "CHN", "--size", "gdp_usd_bn_2023",
                      "--layer", "trade", "--top", "3")
    dyad = {(r["layer"], r["year"]): r for r in tables[0]["rows"]}
    codes, t = demo_matrix("trade.csv", 2023)
    rus, chn = codes.index("RUS"), codes.index("CHN")
    np.fill_diagonal(t, 0.0)
    gdp = demo_attribute("gdp_usd_bn_2023")
    row = dyad[("trade", 2023)]
    assert row["RUS_imp_from_CHN_%"] == pytest.approx(100 * t[chn, rus] / t[:, rus].sum())
    assert row["CHN_imp_from_RUS_%"] == pytest.approx(100 * t[rus, chn] / t[:, chn].sum())
    # imports from the partner in % of absorption (GDP + imports - exports)
    def absorption(k, code):
        return gdp[code] * 1000 + t[:, k].sum() - t[k, :].sum()
    assert row["RUS_imp_%abs"] == pytest.approx(100 * t[chn, rus] / absorption(rus, "RUS"))
    assert row["CHN_imp_%abs"] == pytest.approx(100 * t[rus, chn] / absorption(chn, "CHN"))
    # the finding, as published for 2023: China supplies 37-40 % of Russia's imports
    # (GACC exports to Russia 111 bn of Russia's 285 bn), Russia about 5 % of China's
    assert 37 < row["RUS_imp_from_CHN_%"] < 40 and 4 < row["CHN_imp_from_RUS_%"] < 6
    assert row["asym_norm"] > 0.6
    # the ranking of dyads uses the same absorption basis: re-exports are not
    # dependence (Kyrgyzstan's imports from China are 1.4 times its GDP)
    for r in tables[1]["rows"]:
        i, j = codes.index(r["dependent"]), codes.index(r["partner"])
        assert r["dep_basis"] == "%absorption"
        assert r["dependent_%"] == pytest.approx(100 * t[j, i] / absorption(i, r["dependent"]))
        assert r["dependent_%"] < 100
    strongest = tables[2]["rows"]
    assert strongest[0]["supplier"] == "CHN"


def test_flowtool_concentration_ranks_importers_by_hhi(flow):
    tables = flowtool("concentration", "data/trade.csv", "--year", "2023", "--top", "3")
    codes, t = demo_matrix("trade.csv", 2023)
    np.fill_diagonal(t, 0.0)
    # ROW, the rest of the world, counts in the totals but is not one supplier
    row = codes.index("ROW")
    with np.errstate(invalid="ignore"):
        shares = t / t.sum(axis=0)
        shares[row, :] = 0.0
        hhi = (shares ** 2).sum(axis=0)
    hhi[row] = np.nan
    want = [codes[k] for k in np.argsort(-np.nan_to_num(hhi, nan=-1), kind="stable")[:3]]
    rows = tables[0]["rows"]
    assert [r["importer"] for r in rows] == want
    for r in rows:
        assert r["supplier_hhi"] == pytest.approx(hhi[codes.index(r["importer"])])


def test_exposure_on_the_demo_io_table(flow):
    """Direct and look-through exposure of the four regions of data/io_demo.csv
    against numpy's Leontief inverse; look-through exposure to a region is at
    least the direct one wherever chains through third regions exist."""
    import pathlib

    path = pathlib.Path(__file__).resolve().parents[2] / "data" / "io_demo.csv"
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    sectors = [r for r in body if r[0] not in ("VA", "X")]
    n = len(sectors)
    z = np.array([[float(v) for v in r[2:2 + n]] for r in sectors])
    x = np.array([float(v) for v in next(r for r in body if r[0] == "X")[2:2 + n]])
    regions = sorted({r[0] for r in sectors}, key=[r[0] for r in sectors].index)
    group = np.array([regions.index(r[0]) for r in sectors], dtype=np.int64)
    g = len(regions)
    a = z / x
    onehot = np.eye(g)[group]
    got = {}
    for kind, req in ((0, z), (1, (np.linalg.inv(np.eye(n) - a) - np.eye(n)) * x)):
        out = exposure(flow, kind, z, x, group, g)
        agg = (onehot.T @ req @ onehot).T
        np.testing.assert_allclose(out, agg / agg.sum(axis=1, keepdims=True), rtol=1e-10)
        got[kind] = out
    rus, chn = regions.index("RUS"), regions.index("CHN")
    assert got[1][rus, chn] > got[0][rus, chn] > 0
