"""Centrality and transit through the binding, against networkx and numpy."""
import numpy as np
import pytest

import libflow

nx = pytest.importorskip("networkx")


def _graph(weights):
    graph = nx.DiGraph()
    n = len(weights)
    graph.add_nodes_from(range(n))
    for i in range(n):
        for j in range(n):
            if i != j and weights[i, j] > 0:
                graph.add_edge(i, j, weight=weights[i, j])
    return graph


def _as_array(mapping, n):
    return np.array([mapping[k] for k in range(n)])


def test_centrality_matches_networkx(rng):
    n = 12
    weights = rng.random((n, n)) * (rng.random((n, n)) < 0.6) * 100
    np.fill_diagonal(weights, 50.0)  # self-loops are ignored
    graph = _graph(weights)
    loopless = weights.copy()
    np.fill_diagonal(loopless, 0.0)
    with libflow.Centrality(weights) as c:
        np.testing.assert_allclose(c["in_strength"], loopless.sum(axis=0), rtol=1e-12)
        np.testing.assert_allclose(c["out_strength"], loopless.sum(axis=1), rtol=1e-12)
        np.testing.assert_allclose(
            c["pagerank"], _as_array(nx.pagerank(graph, alpha=0.85, tol=1e-12), n), atol=1e-8)
        np.testing.assert_allclose(
            c["eigenvector"],
            _as_array(nx.eigenvector_centrality(graph, weight="weight", tol=1e-12,
                                                max_iter=10000), n), atol=1e-7)
        hubs, authorities = nx.hits(graph, tol=1e-12, max_iter=10000)
        np.testing.assert_allclose(c["hub"], _as_array(hubs, n), atol=1e-7)
        np.testing.assert_allclose(c["authority"], _as_array(authorities, n), atol=1e-7)
        assert c.converged("pagerank") and c.iterations("pagerank") > 0
        assert c.iterations("in_strength") == 0


def test_damping_option_reaches_the_library(rng):
    weights = rng.random((6, 6))
    graph = _graph(weights)
    c = libflow.Centrality(weights, damping=0.5, tolerance=1e-13)
    np.testing.assert_allclose(c["pagerank"], _as_array(nx.pagerank(graph, alpha=0.5,
                                                                    tol=1e-13), 6), atol=1e-9)
    with pytest.raises(libflow.InvalidArgumentError):
        libflow.Centrality(weights, damping=1.5)


def test_unconverged_iteration_is_nan_not_an_error():
    chain = np.diag(np.ones(7), k=1)  # a chain: eigenvector iteration converges like 1/k
    c = libflow.Centrality(chain, max_iterations=5)
    assert not c.converged("eigenvector")
    assert np.isnan(c["eigenvector"]).all()
    assert c.converged("in_strength")


def test_series_and_frame_carry_labels(rng):
    pytest.importorskip("pandas")
    codes = ["CHN", "RUS", "IRN", "PRK", "HKG"]
    c = libflow.Centrality(rng.random((5, 5)), labels=codes)
    series = c.series("pagerank")
    assert list(series.index) == codes and series.name == "pagerank"
    assert series.sum() == pytest.approx(1.0)
    assert list(c.frame().columns) == libflow.network.CENTRALITY_MEASURES


def test_transit_matches_numpy(rng):
    flows = rng.random((7, 7)) * 10
    want = flows[2, :] * flows[:, 5]
    want[[2, 5]] = 0.0
    frame = libflow.transit(flows, 2, 5)
    assert list(frame.columns) == ["product", "bottleneck", "first_leg", "second_leg", "handled"]
    np.testing.assert_allclose(frame["product"], want, rtol=1e-12)
    bottleneck = np.minimum(flows[2, :], flows[:, 5])
    bottleneck[[2, 5]] = 0.0
    np.testing.assert_allclose(libflow.transit(flows, 2, 5, rule="bottleneck"), bottleneck)
    off = flows - np.diag(np.diag(flows))
    handled = np.minimum(off[2, :], off[:, 5] * off[2, :] / off.sum(axis=0))
    handled[[2, 5]] = 0.0
    np.testing.assert_allclose(libflow.transit(flows, 2, 5, rule="handled"), handled)
    codes = list("abcdefg")
    labelled = libflow.transit(flows, "c", "f", rule="product", labels=codes)
    assert list(labelled.index) == codes
    np.testing.assert_allclose(labelled, want)
    with pytest.raises(libflow.InvalidArgumentError):
        libflow.transit(flows, 3, 3)


def test_centrality_aligns_labelled_weights(rng):
    pd = pytest.importorskip("pandas")
    codes = ["USA", "RUS", "CHN", "DEU", "IND"]
    w = rng.random((5, 5))
    np.fill_diagonal(w, 0.0)
    ordered = libflow.Centrality(pd.DataFrame(w, index=codes, columns=codes)).frame()
    # The same network with rows and columns in other orders: the same answer per economy.
    shuffled = pd.DataFrame(w, index=codes, columns=codes).iloc[[3, 1, 4, 0, 2], [2, 0, 4, 1, 3]]
    again = libflow.Centrality(shuffled).frame()
    pd.testing.assert_frame_equal(again.loc[codes], ordered, rtol=1e-12)
    assert list(ordered.columns) == list(libflow.Centrality.MEASURES)
    with pytest.raises(ValueError, match="missing"):
        libflow.Centrality(pd.DataFrame(w, index=codes, columns=codes[:4] + ["JPN"]))
