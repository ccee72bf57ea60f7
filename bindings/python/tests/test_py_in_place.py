"""The in-place Leontief functions against IOModel on the same Z and x and
against numpy's solve; their refusals."""
import numpy as np
import pytest

import libflow


def _system(n=30, seed=5):
    rng = np.random.default_rng(seed)
    a = rng.random((n, n))
    a *= rng.uniform(0.3, 0.7, n) / a.sum(axis=0)
    x = rng.uniform(100, 1000, n)
    return a * x, x


def test_inverse_in_place_matches_model_and_numpy():
    z, x = _system()
    a = z / x
    expected = np.linalg.inv(np.eye(len(x)) - a)
    model = libflow.IOModel(z, np.zeros((len(x), 1)), x=x)
    work = z.copy()
    out = libflow.leontief_inverse_in_place(work, x)
    assert out is work
    np.testing.assert_allclose(work, expected, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(work, model.leontief_inverse(), rtol=1e-13, atol=1e-15)


def test_solve_in_place_matches_numpy():
    z, x = _system()
    y = np.random.default_rng(1).random((len(x), 3))
    expected = np.linalg.solve(np.eye(len(x)) - z / x, y)
    got = libflow.leontief_solve_in_place(z.copy(), x, y)
    np.testing.assert_allclose(got, expected, rtol=1e-12)
    one = libflow.leontief_solve_in_place(z.copy(), x, y[:, 0])
    np.testing.assert_allclose(one, expected[:, 0], rtol=1e-12)


def test_in_place_refusals():
    z, x = _system()
    with pytest.raises(TypeError):
        libflow.leontief_inverse_in_place(z.tolist(), x)
    with pytest.raises(ValueError):
        libflow.leontief_inverse_in_place(np.asfortranarray(z), x)
    bad = x.copy()
    bad[2] = -1.0
    with pytest.raises(libflow.FlowError, match="sector 2"):
        libflow.leontief_inverse_in_place(z.copy(), bad)
    n = len(x)
    not_productive = np.full((n, n), 1.5) * x / n
    with pytest.raises(libflow.NotProductiveError):
        libflow.leontief_solve_in_place(not_productive, x, np.ones(n))
