"""Look-through dependence, fields of influence, the multiplier product
matrix and the Sherman-Morrison coefficient change against numpy (explicit
inverses and a re-inversion of the changed system)."""
import numpy as np
import pytest

import libflow
from libflow import io_structure, va_trade

REGIONS, SECTORS = ["CHN", "RUS", "USA"], ["agr", "man"]


@pytest.fixture
def system(rng):
    n = 6
    z = rng.random((n, n)) * 10
    y = rng.random((n, 3)) * 30 + 1
    x = z.sum(1) + y.sum(1)
    model = libflow.IOModel(z, y, regions=REGIONS, sectors=SECTORS)
    a = z / x[None, :]
    return model, z, y, x, a, np.linalg.inv(np.eye(n) - a)


def test_look_through_against_numpy(system):
    model, z, y, x, a, lmat = system
    v = (x - z.sum(0)) / x
    s = REGIONS.index("CHN")
    in_s = np.arange(6) // 2 == s
    w = (v * in_s) @ lmat
    inputs, final = va_trade.look_through(model, "CHN")
    assert list(inputs.columns) == ["input_face", "input_look_through", "via_origin",
                                    "via_domestic", "via_third"]
    rus = inputs.loc["RUS"].to_numpy()
    cols = slice(2, 4)
    np.testing.assert_allclose(rus[:, 0], a[in_s][:, cols].sum(axis=0), rtol=1e-12)
    np.testing.assert_allclose(rus[:, 1], w[cols], rtol=1e-12)
    np.testing.assert_allclose(rus[:, 2], (w[in_s, None] * a[in_s][:, cols]).sum(axis=0),
                               rtol=1e-12)
    np.testing.assert_allclose(rus[:, 2:].sum(axis=1), rus[:, 1], rtol=1e-12)
    assert np.isnan(inputs.loc["CHN"].to_numpy()).all()
    # final demand of region r (column r): s's value added absorbed there
    usa = final.loc["USA"]
    np.testing.assert_allclose(usa["fd_look_through"], w @ y[:, 2] / y[:, 2].sum(), rtol=1e-12)
    np.testing.assert_allclose(usa["fd_face"], y[in_s, 2].sum() / y[:, 2].sum(), rtol=1e-12)
    np.testing.assert_allclose(usa[["fd_via_origin", "fd_via_domestic", "fd_via_third"]].sum(),
                               usa["fd_look_through"], rtol=1e-12)
    # look-through exceeds face value: Chinese value added also arrives via third countries
    assert (inputs.loc["RUS", "input_look_through"] > 0).all()
    with pytest.raises(libflow.InvalidArgumentError):
        va_trade.look_through(model, 3)


def test_field_of_influence_and_mpm(system):
    model, z, y, x, a, lmat = system
    f = io_structure.field_of_influence(model, ("RUS", "man"), 0)
    np.testing.assert_allclose(f.to_numpy(), np.outer(lmat[:, 3], lmat[0, :]), rtol=1e-12)
    # the derivative: a small change of a_30 moves L by about eps F
    eps = 1e-7
    bumped = a.copy()
    bumped[3, 0] += eps
    numeric = (np.linalg.inv(np.eye(6) - bumped) - lmat) / eps
    np.testing.assert_allclose(f.to_numpy(), numeric, rtol=1e-5)
    mpm = io_structure.multiplier_product(model).to_numpy()
    want = np.outer(lmat.sum(axis=1), lmat.sum(axis=0)) / lmat.sum()
    np.testing.assert_allclose(mpm, want, rtol=1e-12)
    assert f.index[3] == ("RUS", "man") and f.columns[0] == ("CHN", "agr")


@pytest.mark.parametrize("delta", [0.05, -0.01, 0.3])
def test_coefficient_change_matches_reinversion(system, delta):
    model, z, y, x, a, lmat = system
    changed = a.copy()
    changed[1, 4] += delta
    x_new = np.linalg.solve(np.eye(6) - changed, y.sum(axis=1))
    got = io_structure.coefficient_change(model, 1, 4, delta)
    np.testing.assert_allclose(got["output"], x, rtol=1e-12)
    np.testing.assert_allclose(got["output_new"], x_new, rtol=1e-11)
    np.testing.assert_allclose(got["change"], x_new - x, rtol=1e-9, atol=1e-9)


def test_coefficient_change_that_breaks_the_economy(system):
    model, z, y, x, a, lmat = system
    with pytest.raises(libflow.NotProductiveError):
        io_structure.coefficient_change(model, 0, 0, 2.0 / lmat[0, 0])
    with pytest.raises(libflow.InvalidArgumentError):
        io_structure.field_of_influence(model, 6, 0)


def _all_paths(a, f, y, depth):
    """Every path value up to depth steps, by brute force."""
    import itertools

    n = len(f)
    values = []
    for m in range(depth + 1):
        for chain in itertools.product(range(n), repeat=m + 1):  # chain[0] = source
            value = f[chain[0]] * y[chain[-1]]
            for up, down in zip(chain, chain[1:]):
                value *= a[up, down]
            values.append(value)
    return np.array(values)


def test_structural_paths_against_brute_force(system):
    model, z, y, x, a, lmat = system
    v = (x - z.sum(0)) / x
    yt = y.sum(axis=1)
    total = v @ lmat @ yt
    paths, summary = io_structure.structural_paths(model, top_k=25, threshold=0.0, max_depth=3)
    want = np.sort(_all_paths(a, v, yt, 3))[::-1]
    np.testing.assert_allclose(paths["value"], want[:25], rtol=1e-12)
    np.testing.assert_allclose(paths["share"], want[:25] / total, rtol=1e-12)
    s = summary.iloc[0]
    assert s["paths"] == want.size
    np.testing.assert_allclose(s["paths_value"], want.sum(), rtol=1e-12)
    np.testing.assert_allclose(s["paths_value"] + s["pruned"], total, rtol=1e-12)
    first = paths.iloc[0]
    assert paths.index[0].count(" > ") == first["depth"]


def test_unpruned_paths_sum_to_the_total(rng):
    n = 3
    z = rng.random((n, n)) * 4
    y = rng.random(n) * 60 + 20
    model = libflow.IOModel(z, y, regions=["A", "B", "C"])
    x = z.sum(1) + y
    a = z / x[None, :]
    assert a.sum(axis=0).max() < 0.2
    f = rng.random(n)
    total = f @ np.linalg.solve(np.eye(n) - a, y)
    _, summary = io_structure.structural_paths(model, f=f, top_k=5, threshold=0.0, max_depth=12)
    s = summary.iloc[0]
    assert s["paths"] == sum(3 ** (m + 1) for m in range(13))
    # what lies beyond 12 steps is below 0.2^13 of the total
    np.testing.assert_allclose(s["paths_value"], total, rtol=1e-8)
    np.testing.assert_allclose(s["total"], total, rtol=1e-12)


def test_pruned_search_keeps_the_big_paths(system):
    model, z, y, x, a, lmat = system
    full, _ = io_structure.structural_paths(model, top_k=10, threshold=0.0, max_depth=6)
    pruned, summary = io_structure.structural_paths(model, top_k=10, threshold=1e-3, max_depth=6)
    np.testing.assert_allclose(pruned["value"], full["value"], rtol=1e-12)
    s = summary.iloc[0]
    np.testing.assert_allclose(s["paths_value"] + s["pruned"], s["total"], rtol=1e-12)
    assert s["pruned"] > 0
    with pytest.raises(libflow.InvalidArgumentError):
        io_structure.structural_paths(model, threshold=1.5)
