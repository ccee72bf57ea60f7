"""Centrality and transit scores of libflow checked against networkx (PageRank,
eigenvector centrality, HITS) and numpy (SVD, two-step flows), on random
networks and on the BIS claims and BACI crude-oil data when present."""
import ctypes

import networkx as nx
import numpy as np
import pytest

from indices_ctypes import (centrality, check, declare, demo_matrix, flowtool, ptr, read_baci,
                            read_bis)


@pytest.fixture(scope="module")
def flow(lib):
    return declare(lib)


def graph(w):
    """networkx DiGraph of a weight matrix, self-loops dropped as libflow does."""
    w = np.array(w, dtype=float)
    np.fill_diagonal(w, 0.0)
    return nx.from_numpy_array(w, create_using=nx.DiGraph)


def as_vector(d, n):
    return np.array([d[k] for k in range(n)])


def random_network(rng, n, density=0.4):
    w = rng.lognormal(size=(n, n)) * (rng.random((n, n)) < density)
    np.fill_diagonal(w, 3.0)  # ignored
    return w


def test_pagerank_matches_networkx_with_dangling_nodes(flow):
    rng = np.random.default_rng(2)
    w = random_network(rng, 25)
    w[[4, 9], :] = 0.0  # dangling: no out-weight
    for damping in (0.85, 0.5):
        got = centrality(flow, w, damping=damping)["pagerank"]
        want = as_vector(nx.pagerank(graph(w), alpha=damping, tol=1e-14, max_iter=10000), 25)
        np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12)
        assert got.sum() == pytest.approx(1.0, abs=1e-12)


def test_eigenvector_and_strength_match_networkx(flow):
    rng = np.random.default_rng(4)
    w = random_network(rng, 20, density=0.6)
    got = centrality(flow, w)
    g = graph(w)
    want = as_vector(nx.eigenvector_centrality(g, weight="weight", tol=1e-14, max_iter=10000), 20)
    # both are power iterations stopped by an L1 step rule (libflow: n * 1e-10),
    # so the agreement is bounded by the stopping rule, not by rounding
    np.testing.assert_allclose(got["eigenvector"], want, rtol=1e-8)
    np.testing.assert_allclose(got["in_strength"],
                               as_vector(dict(g.in_degree(weight="weight")), 20), rtol=1e-13)
    np.testing.assert_allclose(got["out_strength"],
                               as_vector(dict(g.out_degree(weight="weight")), 20), rtol=1e-13)


def test_hubs_and_authorities_match_svd_and_networkx(flow):
    rng = np.random.default_rng(6)
    w = random_network(rng, 15, density=0.5)
    got = centrality(flow, w)
    np.fill_diagonal(w, 0.0)
    u, _, vt = np.linalg.svd(w)
    hub, auth = np.abs(u[:, 0]), np.abs(vt[0])
    np.testing.assert_allclose(got["hub"], hub / hub.sum(), rtol=1e-9, atol=1e-14)
    np.testing.assert_allclose(got["authority"], auth / auth.sum(), rtol=1e-9, atol=1e-14)
    hubs, auths = nx.hits(graph(w), tol=1e-14, max_iter=100000)
    # networkx takes the same singular pair from ARPACK (tol 1e-14)
    np.testing.assert_allclose(got["hub"], as_vector(hubs, 15), rtol=1e-9, atol=1e-14)
    np.testing.assert_allclose(got["authority"], as_vector(auths, 15), rtol=1e-9, atol=1e-14)


@pytest.mark.parametrize("rule", [0, 1, 2, 3])
def test_transit_matches_two_step_flows(flow, rule):
    rng = np.random.default_rng(8)
    t = random_network(rng, 10)
    s, d = 2, 7
    table = ctypes.c_void_p()
    check(flow, flow.flow_transit(ctypes.byref(table), ptr(np.ascontiguousarray(t)), 10, 10, s, d))
    got = np.ctypeslib.as_array(flow.flow_table_values(table), shape=(10, 5))[:, rule].copy()
    flow.flow_table_free(table)
    first, second = t[s, :], t[:, d]
    want = [first * second, np.minimum(first, second), first.copy(), second.copy()][rule]
    want[[s, d]] = 0.0
    np.testing.assert_allclose(got, want, rtol=1e-15)


def test_bis_claims_centrality(flow, shared_data):
    path = shared_data / "bis-cbs-claims-2022q4" / "bis_cbs_foreign_claims_2022q4.csv"
    if not path.exists():
        pytest.skip("BIS claims file absent")
    labels, claims = read_bis(path)
    n = len(labels)
    got = centrality(flow, claims)
    g = graph(claims)
    np.testing.assert_allclose(got["pagerank"], as_vector(nx.pagerank(g, tol=1e-14), n),
                               rtol=1e-9)
    want = nx.eigenvector_centrality(g, weight="weight", tol=1e-14, max_iter=100000)
    np.testing.assert_allclose(got["eigenvector"], as_vector(want, n), rtol=1e-8)
    # The US is the largest borrower from the other banking systems.
    assert labels[int(np.argmax(got["in_strength"]))] == "US"


def test_baci_crude_oil_centrality(flow, shared_data):
    path = shared_data / "baci-crude-oil-2021" / "crude_oil_hs270900_2021.csv"
    if not path.exists():
        pytest.skip("BACI crude-oil file absent")
    labels, t = read_baci(path)
    n = len(labels)
    got = centrality(flow, t)
    # PROVENANCE.md: RUS exports 112.7e9, CHN imports 207.9e9
    assert got["out_strength"][labels.index("RUS")] == pytest.approx(112.7e9, rel=5e-3)
    assert got["in_strength"][labels.index("CHN")] == pytest.approx(207.9e9, rel=5e-3)
    # many importers export no crude: dangling nodes
    want = as_vector(nx.pagerank(graph(t), tol=1e-14, max_iter=10000), n)
    np.testing.assert_allclose(got["pagerank"], want, rtol=1e-8, atol=1e-14)
    u, _, vt = np.linalg.svd(t)
    np.testing.assert_allclose(got["authority"], np.abs(vt[0]) / np.abs(vt[0]).sum(),
                               rtol=1e-8, atol=1e-14)


def test_flowtool_centrality_puts_china_first(flow):
    """The CLI's ranking on the demo trade data against networkx on the
    import-dependence network computed here, and its transit legs."""
    tables = flowtool("centrality", "data/trade.csv", "--year", "2023", "--top", "5",
                      "--transit", "RUS,DEU")
    codes, t = demo_matrix("trade.csv", 2023)
    np.fill_diagonal(t, 0.0)
    with np.errstate(invalid="ignore"):
        dependence = np.nan_to_num(t.T / t.sum(axis=0)[:, None])  # row importer, col supplier
    ranking = tables[0]["rows"]
    # the rest of the world (ROW, many economies) aside, China comes first
    economies = [row["economy"] for row in ranking if row["economy"] != "ROW"]
    assert economies[0] == "CHN"
    # eigenvector centrality: economies outside the demo set are isolated and
    # decay to 0, so the demo economies carry networkx's values
    want = nx.eigenvector_centrality(graph(dependence), weight="weight", tol=1e-13,
                                     max_iter=100000)
    for row in ranking:
        assert row["eigenvector"] == pytest.approx(want[codes.index(row["economy"])], rel=1e-6)
        assert row["in_strength"] == pytest.approx(
            dependence[:, codes.index(row["economy"])].sum())
    legs = {r["intermediary"]: r for r in tables[1]["rows"]}
    rus, deu = codes.index("RUS"), codes.index("DEU")
    for code, row in legs.items():
        h = codes.index(code)
        assert row["first_leg"] == pytest.approx(t[rus, h])
        assert row["second_leg"] == pytest.approx(t[h, deu])
    # handled: product by product, Russia's share of h's imports of the product
    # times h's sales of it to Germany, at most h's imports of it from Russia
    handled = np.zeros(len(codes))
    for product in ("27", "84", "85", "87", "99"):
        _, p = demo_matrix("trade.csv", 2023, products={product})
        np.fill_diagonal(p, 0.0)
        imports = p.sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            part = np.where(imports > 0, np.minimum(p[rus, :], p[:, deu] * p[rus, :] / imports), 0)
        handled += part
    handled[[rus, deu]] = 0.0
    top = codes[int(np.argmax(handled))]
    assert tables[1]["rows"][0]["intermediary"] == top
    for code, row in legs.items():
        assert row["handled"] == pytest.approx(handled[codes.index(code)], rel=1e-9)
    assert legs[top]["handled_%"] == pytest.approx(100 * handled.max() / handled.sum())
    # a transit path carries less than either leg: China's sales to Germany are
    # not Russian goods passing through China
    china = legs.get("CHN")
    assert china is None or china["handled"] < 0.05 * china["second_leg"]
