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
