"""RCA, economic complexity, proximity, density and betweenness against the
output of the Stata ecomplexity command published with py-ecomplexity
(transcribed in tests/data/published, see its README.md), numpy statements of
the definitions, and networkx for betweenness."""
import numpy as np
import pandas as pd
import pytest

import libflow
from libflow import complexity


def _numpy_complexity(x, threshold=1.0):
    rca = (x / x.sum(1, keepdims=True)) / (x.sum(0) / x.sum())
    m = (rca >= threshold).astype(float)
    kc, kp = m.sum(1), m.sum(0)
    m1, m2 = m / kc[:, None], m / kp[None, :]
    values, vectors = np.linalg.eig(m1 @ m2.T)  # M~C, non-symmetric
    kcv = np.real(vectors[:, np.argsort(np.real(values))[-2]])
    kpv = m2.T @ kcv
    k = m1 @ kpv
    sign = np.sign(np.corrcoef(kc, k)[0, 1])
    eci = sign * (k - k.mean()) / k.std()
    pci = sign * (kpv - k.mean()) / k.std()
    phi = (m.T @ m) / np.maximum(kp[:, None], kp[None, :])
    np.fill_diagonal(phi, 0.0)
    density = (m @ phi) / phi.sum(axis=0)[None, :]
    return rca, kc, kp, eci, pci, phi, density


@pytest.fixture
def exports(rng):
    x = rng.gamma(0.6, 100.0, size=(12, 20))
    return pd.DataFrame(x, index=["c%d" % i for i in range(12)],
                        columns=["p%02d" % j for j in range(20)])


def test_against_numpy(exports):
    rca, kc, kp, eci, pci, phi, dens = _numpy_complexity(exports.to_numpy())
    got = complexity.rca(exports)
    assert list(got.index) == list(exports.index) and list(got.columns) == list(exports.columns)
    np.testing.assert_allclose(got.to_numpy(), rca, rtol=1e-12)
    np.testing.assert_allclose(complexity.rca(exports, "symmetric").to_numpy(),
                               (rca - 1) / (rca + 1), rtol=1e-12)
    economies, products = complexity.complexity(exports)
    np.testing.assert_array_equal(economies["diversity"], kc)
    np.testing.assert_array_equal(products["ubiquity"], kp)
    np.testing.assert_allclose(economies["eci"], eci, atol=1e-10)
    np.testing.assert_allclose(products["pci"], pci, atol=1e-10)
    np.testing.assert_allclose(complexity.proximity(exports).to_numpy(), phi, atol=1e-14)
    np.testing.assert_allclose(complexity.density(exports).to_numpy(), dens, atol=1e-14)


def test_stata_ground_truth(root):
    """10 economies x 30 HS92 products in 1995: diversity, ubiquity, ECI, PCI,
    RCA and density as the Stata ecomplexity command printed them."""
    folder = root / "tests" / "data" / "published"
    x = pd.read_csv(folder / "ecomplexity_1995_exports.csv", index_col=0)
    country = pd.read_csv(folder / "ecomplexity_1995_country.csv", index_col=0)
    product = pd.read_csv(folder / "ecomplexity_1995_product.csv", index_col=0)
    cells = pd.read_csv(folder / "ecomplexity_1995_cells.csv", index_col=[0, 1])
    assert x.shape == (10, 30) and list(product.index.astype(str)) == list(x.columns)
    economies, products = complexity.complexity(x)
    np.testing.assert_array_equal(economies["diversity"], country["diversity"])
    np.testing.assert_array_equal(products["ubiquity"], product["ubiquity"])
    # Stata divides by the sample sd over its C x P rows (see complexity.h)
    cp = x.size
    stata = np.sqrt((cp - 1) / cp)
    np.testing.assert_allclose(economies["eci"] * stata, country["eci"], atol=1e-12)
    np.testing.assert_allclose(products["pci"].to_numpy() * stata, product["pci"].to_numpy(),
                               atol=1e-12)
    # three rows of the product space (Stata genproximity, discrete, symmetric)
    phi = pd.read_csv(folder / "ecomplexity_1995_proximity.csv", index_col=0)
    got = complexity.proximity(x)
    for product in phi.index:
        np.testing.assert_allclose(got.loc[str(product)], phi.loc[product], atol=1e-15)
    rca, density = complexity.rca(x), complexity.density(x)
    # Stata printed the export values to about 8 significant digits (97911.18),
    # so an RCA computed from the printed values may differ by a few 1e-8
    for origin in ("aut", "pol"):
        np.testing.assert_allclose(rca.loc[origin], cells.loc[(origin, "rca")], rtol=1e-7)
        np.testing.assert_allclose(density.loc[origin], cells.loc[(origin, "density")],
                                   atol=1e-13)


def test_zero_rows_and_bad_values(exports):
    x = exports.copy()
    x.iloc[3] = 0.0
    economies, _ = complexity.complexity(x)
    assert np.isnan(economies["eci"].iloc[3]) and economies["diversity"].iloc[3] == 0
    assert np.isnan(complexity.rca(x).iloc[3]).all()
    x.iloc[0, 0] = -1.0
    with pytest.raises(libflow.FlowValueError, match="c0"):
        complexity.rca(x)
    with pytest.raises(libflow.InvalidArgumentError):
        complexity.complexity(exports, threshold=float("nan"))
    with pytest.raises(libflow.DimensionError):
        complexity.complexity(np.eye(1))


def test_betweenness_matches_networkx(rng):
    nx = pytest.importorskip("networkx")
    n = 9
    flows = rng.random((n, n)) * (rng.random((n, n)) < 0.45)
    np.fill_diagonal(flows, 0.0)
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    for i, j in zip(*np.nonzero(flows)):
        graph.add_edge(int(i), int(j), length=1.0 / flows[i, j])
    want = nx.betweenness_centrality(graph, weight="length", normalized=True)
    got = complexity.betweenness(pd.DataFrame(flows, index=list("abcdefghi"),
                                              columns=list("abcdefghi")))
    assert list(got.index) == list("abcdefghi")
    np.testing.assert_allclose(got["betweenness"], [want[i] for i in range(n)], atol=1e-12)
    raw = complexity.betweenness(flows, normalised=False)["betweenness"]
    np.testing.assert_allclose(raw, got["betweenness"] * (n - 1) * (n - 2), rtol=1e-12)
    # a hub: every path between the spokes runs through node 0
    star = np.zeros((4, 4))
    star[0, 1:] = star[1:, 0] = 5.0
    np.testing.assert_allclose(complexity.betweenness(star)["betweenness"], [1, 0, 0, 0])
