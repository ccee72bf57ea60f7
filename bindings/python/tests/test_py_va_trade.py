"""Gross-export decompositions against the block-by-block numpy statements of
va_reference.py on random systems and the identities the papers state (the
published worked example is checked in test_py_va_published.py)."""
import numpy as np
import pytest

import libflow
from libflow import va_trade
import va_reference as ref

REGIONS, SECTORS = ["CHN", "RUS", "USA", "DEU"], ["agr", "man", "srv"]


def _system(rng, regions=4, sectors=3, categories=2):
    n = regions * sectors
    z = rng.random((n, n)) * 10 * (rng.random((n, n)) < 0.8)
    y = rng.random((n, regions * categories)) * 30 + 1
    x = z.sum(axis=1) + y.sum(axis=1)
    model = libflow.IOModel(z, y, regions=REGIONS[:regions], sectors=SECTORS[:sectors])
    y_region = y.reshape(n, regions, categories).sum(axis=2)
    return model, ref.System(z, y_region, x, regions)


@pytest.fixture
def pair(rng):
    return _system(rng)


def _by_sector(terms):
    """(G, N, G, T) -> rows exporter/sector summed over importers."""
    return terms.sum(axis=2).reshape(-1, terms.shape[3])


def _by_pair(terms):
    g = terms.shape[0]
    sums = terms.sum(axis=1)
    return np.array([sums[s, r] for s in range(g) for r in range(g) if r != s])


def test_wwz_matches_numpy_at_every_level(pair):
    model, sy = pair
    terms = ref.wwz(sy)
    full = np.concatenate([terms, sy.e.reshape(sy.G, sy.N, sy.G)[..., None]], axis=3)
    frame = va_trade.decompose(model, "wwz", "sector")
    assert list(frame.columns)[:2] == ["dva_fin", "dva_int"] and frame.columns[-1] == "exports"
    np.testing.assert_allclose(frame.to_numpy(), _by_sector(full), rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(va_trade.decompose(model, "wwz", "pair").to_numpy(), _by_pair(full),
                               rtol=1e-10, atol=1e-10)
    exporter = va_trade.decompose(model, "wwz", "exporter")
    np.testing.assert_allclose(exporter.to_numpy(), full.sum(axis=(1, 2)), rtol=1e-10, atol=1e-10)
    assert list(exporter.index) == REGIONS
    rus = va_trade.decompose(model, "wwz", "sector", importer="RUS")
    np.testing.assert_allclose(rus.to_numpy(), full[:, :, 1].reshape(-1, 17), rtol=1e-10,
                               atol=1e-10)


def test_wwz_terms_sum_to_exports_and_vax(pair):
    model, sy = pair
    table = va_trade.decompose(model, "wwz", "pair").to_numpy()
    np.testing.assert_allclose(table[:, :16].sum(axis=1), table[:, 16], rtol=1e-10)
    # the five DVA terms over all importers = value added absorbed abroad (VAX)
    exporter = va_trade.decompose(model, "wwz", "exporter").to_numpy()
    vax = va_trade.decompose(model, "vax", "exporter").to_numpy()
    np.testing.assert_allclose(exporter[:, :5].sum(axis=1), vax[:, 0], rtol=1e-10)


def test_kww_matches_numpy_and_aggregates_wwz(pair):
    model, sy = pair
    kww = va_trade.decompose(model, "kww").to_numpy()
    np.testing.assert_allclose(kww[:, :9], ref.kww(sy), rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(kww[:, :9].sum(axis=1), kww[:, 9], rtol=1e-10)
    w = va_trade.decompose(model, "wwz", "exporter").to_numpy()
    groups = [[0, 1, 2, 3, 4], [5, 6, 7], [12, 13], [8, 9], [10, 11], [14, 15]]
    kgroups = [[0, 1, 2], [3, 4], [5], [6], [7], [8]]
    for wg, kg in zip(groups, kgroups):
        np.testing.assert_allclose(w[:, wg].sum(axis=1), kww[:, kg].sum(axis=1), rtol=1e-10)
    with pytest.raises(libflow.InvalidArgumentError):
        va_trade.decompose(model, "kww", "pair")


@pytest.mark.parametrize("sink", [False, True])
def test_borin_mancini_matches_numpy(pair, sink):
    model, sy = pair
    terms = ref.borin_mancini(sy, sink)
    full = np.concatenate([terms, sy.e.reshape(sy.G, sy.N, sy.G)[..., None]], axis=3)
    method = "bm_sink" if sink else "bm_source"
    got = va_trade.decompose(model, method, "sector").to_numpy()
    np.testing.assert_allclose(got, _by_sector(full), rtol=1e-10, atol=1e-10)
    pairs = va_trade.decompose(model, method, "pair").to_numpy()
    np.testing.assert_allclose(pairs[:, :4].sum(axis=1), pairs[:, 4], rtol=1e-10)


def test_borin_mancini_source_and_sink_agree_by_country(pair):
    model, _ = pair
    source = va_trade.decompose(model, "bm_source", "exporter").to_numpy()
    sink = va_trade.decompose(model, "bm_sink", "exporter").to_numpy()
    np.testing.assert_allclose(source, sink, rtol=1e-10)
    # source and sink DVA differ bilaterally: the check is not trivially equal
    assert not np.allclose(va_trade.decompose(model, "bm_source", "pair").to_numpy(),
                           va_trade.decompose(model, "bm_sink", "pair").to_numpy())


def test_vax_is_value_added_origin_off_the_diagonal(pair):
    model, sy = pair
    pairs = va_trade.decompose(model, "vax", "pair")
    origin = ref.vax(sy)
    want = np.array([origin[s, r] for s in range(sy.G) for r in range(sy.G) if r != s])
    np.testing.assert_allclose(pairs["vax"].to_numpy(), want, rtol=1e-10)
    np.testing.assert_allclose(pairs["vax_ratio"], pairs["vax"] / pairs["exports"], rtol=1e-12)
    assert pairs.index[0] == ("CHN", "RUS")
    sector = va_trade.decompose(model, "vax", "sector").to_numpy()
    np.testing.assert_allclose(sector[:, 0].reshape(sy.G, sy.N).sum(axis=1),
                               origin.sum(axis=1) - np.diag(origin), rtol=1e-10)


def test_unowned_final_demand_is_refused(rng):
    n = 6
    z = rng.random((n, n))
    model = libflow.IOModel(z, rng.random((n, 3)) + 1, regions=["A", "B"])
    with pytest.raises(libflow.InvalidArgumentError, match="belongs to no region"):
        va_trade.decompose(model, "wwz")
    national = libflow.IOModel(z, rng.random((n, 1)) + 1)
    with pytest.raises(libflow.InvalidArgumentError, match="multi-regional"):
        va_trade.decompose(national, "vax")
