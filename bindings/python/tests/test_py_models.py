"""Contagion, inoperability, mixed and price models through Python, each
against an independent numpy computation (a different algorithm where there
is one: Picard iteration for clearing, a full linear system for the mixed
model, matrix powers for the dynamic path)."""
import numpy as np
import pandas as pd
import pytest

import libflow

BANKS = ["AT", "BE", "DE", "FR", "IT", "NL"]


def network(seed):
    rng = np.random.default_rng(seed)
    liabilities = rng.uniform(0, 10, (6, 6)) * (rng.uniform(size=(6, 6)) < 0.6)
    np.fill_diagonal(liabilities, 0)
    external = rng.uniform(0, 8, 6)
    return liabilities, external


def picard_clearing(liabilities, external, alpha, beta, rounds=20000):
    """Greatest fixed point of the Rogers–Veraart map, by iteration from pbar."""
    pbar = liabilities.sum(axis=1)
    pi = np.divide(liabilities, pbar[:, None], out=np.zeros_like(liabilities),
                   where=pbar[:, None] > 0)
    p = pbar.copy()
    for _ in range(rounds):
        inflow = pi.T @ p
        solvent = external + inflow >= pbar
        p_next = np.where(solvent, pbar, alpha * external + beta * inflow)
        if np.max(np.abs(p_next - p)) < 1e-14:
            break
        p = p_next
    return p


@pytest.mark.parametrize("alpha,beta", [(1.0, 1.0), (0.6, 0.9), (0.3, 0.5)])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_clearing_vector_matches_picard_iteration(alpha, beta, seed):
    liabilities, external = network(seed)
    frame = pd.DataFrame(liabilities, index=BANKS, columns=BANKS)
    # external assets given in another order: aligned by bank
    assets = pd.Series(external, index=BANKS)[::-1]
    result = libflow.clearing_vector(frame, assets, alpha, beta)
    assert list(result.index) == BANKS
    expected = picard_clearing(liabilities, external, alpha, beta)
    np.testing.assert_allclose(result["payment"].to_numpy(), expected, rtol=1e-10, atol=1e-10)
    assert ((result["default"] == 1) == (result["payment"] < result["liabilities"] - 1e-12)).all()
    assert ((result["default"] == 1) == (result["round"] > 0)).all()


def numpy_ras(prior, rows, cols, rounds=5000):
    x = prior.copy()
    for _ in range(rounds):
        x *= (rows / x.sum(axis=1))[:, None]
        x *= cols / x.sum(axis=0)
    return x


def test_ras_matches_numpy():
    rng = np.random.default_rng(7)
    prior = rng.uniform(0.1, 5, (5, 4))
    prior[1, 2] = 0
    target = rng.uniform(0.5, 2, (5, 4)) * prior
    rows, cols = target.sum(axis=1), target.sum(axis=0)
    frame = pd.DataFrame(prior, index=list("abcde"), columns=list("wxyz"))
    result = libflow.ras(frame, rows, cols, tolerance=1e-13)
    np.testing.assert_allclose(result.to_numpy(), numpy_ras(prior, rows, cols), rtol=1e-9)
    assert result.iloc[1, 2] == 0
    assert list(result.columns) == list("wxyz")
    with pytest.raises(libflow.FlowValueError):
        libflow.ras(frame, rows, cols * 1.1)


def test_max_entropy_matches_numpy():
    assets = pd.Series([30.0, 10, 25, 5], index=["b1", "b2", "b3", "b4"])
    liabilities = np.array([20.0, 25, 10, 15])
    prior = np.outer(assets, liabilities) / assets.sum()
    np.fill_diagonal(prior, 0)
    expected = numpy_ras(prior, assets.to_numpy(), liabilities)
    result = libflow.max_entropy_exposures(assets, liabilities, tolerance=1e-13)
    np.testing.assert_allclose(result.to_numpy(), expected, rtol=1e-9)
    assert list(result.index) == list(assets.index) == list(result.columns)
    assert np.all(np.diag(result.to_numpy()) == 0)


SECTORS = ["agri", "energy", "manuf", "services"]


def io_table(seed=11):
    rng = np.random.default_rng(seed)
    z = rng.uniform(5, 60, (4, 4))
    x = z.sum(axis=1) + rng.uniform(50, 150, 4)  # sales = intermediate + final demand
    return z, x


def test_iim_demand_and_supply_match_numpy():
    z, x = io_table()
    zf = pd.DataFrame(z, index=SECTORS, columns=SECTORS)
    a = z / x[None, :]
    lost_demand = np.array([0, 12.0, 0, 3.0])
    m = libflow.iim_matrix(zf, x, "demand")
    np.testing.assert_allclose(m.to_numpy(), z / x[:, None], rtol=1e-15)
    result = libflow.iim_static(m, lost_demand / x, x)
    leontief = np.linalg.solve(np.eye(4) - a, lost_demand)
    np.testing.assert_allclose(result["output_loss"].to_numpy(), leontief, rtol=1e-12)
    np.testing.assert_allclose(result["inoperability"].to_numpy(), leontief / x, rtol=1e-12)
    # supply side = Ghosh in fractions of output
    lost_inputs = np.array([0, 20.0, 0, 0])
    ghosh = np.linalg.solve((np.eye(4) - z / x[:, None]).T, lost_inputs)
    supply = libflow.iim_static(libflow.iim_matrix(zf, x, "supply"), lost_inputs / x)
    np.testing.assert_allclose(supply["inoperability"].to_numpy(), ghosh / x, rtol=1e-12)


def test_iim_dynamic_matches_matrix_powers():
    z, x = io_table()
    m = libflow.iim_matrix(pd.DataFrame(z, index=SECTORS, columns=SECTORS), x)
    k = libflow.iim_resilience(m, [0.5, 0.4, 0.3, 0.2], [0.01] * 4, [20, 30, 40, 50])
    kvec = k["resilience"].to_numpy()
    mstar = m.to_numpy()
    np.testing.assert_allclose(
        kvec, np.log(np.array([50, 40, 30, 20])) / (np.array([20, 30, 40, 50])
                                                    * (1 - np.diag(mstar))), rtol=1e-14)
    q0 = np.array([0.5, 0.4, 0.3, 0.2])
    path = libflow.iim_dynamic(m, kvec, q0, 25)
    step = np.eye(4) + np.diag(kvec) @ (mstar - np.eye(4))
    for t in (0, 1, 7, 25):
        np.testing.assert_allclose(path.loc[t].to_numpy(),
                                   np.linalg.matrix_power(step, t) @ q0, rtol=1e-12, atol=1e-15)
    assert list(path.columns) == SECTORS and path.index.name == "period"


def test_mixed_model_matches_full_system():
    z, x = io_table()
    a = pd.DataFrame(z / x[None, :], index=SECTORS, columns=SECTORS)
    f = x - z.sum(axis=1)
    fixed = {"energy": 0.7 * x[1]}  # energy output cut by 30 %
    result = libflow.io_mixed(a, f, fixed)
    # unknowns: outputs of the free sectors and final demand of energy
    i_a = np.eye(4) - a.to_numpy()
    system = i_a.copy()
    system[:, 1] = 0
    system[1, 1] = -1  # -f_energy on the left
    rhs = f.copy()
    rhs[1] = 0
    rhs -= i_a[:, 1] * fixed["energy"]
    u = np.linalg.solve(system, rhs)
    expected_x = u.copy()
    expected_x[1] = fixed["energy"]
    np.testing.assert_allclose(result["output"].to_numpy(), expected_x, rtol=1e-12)
    np.testing.assert_allclose(result.loc["energy", "final_demand"], u[1], rtol=1e-12)
    assert result["constrained"].tolist() == [0, 1, 0, 0]


def test_price_model_matches_numpy():
    z, x = io_table()
    a = z / x[None, :]
    imports = pd.DataFrame([[0.02, 0.30, 0.05, 0.01]], index=["crude"],
                           columns=SECTORS[::-1])  # columns aligned by sector
    dv = np.array([0.0, 0.0, 0.01, 0.0])
    result = libflow.io_price(pd.DataFrame(a, index=SECTORS, columns=SECTORS), dv, imports,
                              [-0.25])
    m = imports.loc[:, SECTORS].to_numpy()
    expected = np.linalg.solve((np.eye(4) - a).T, dv + m.T @ np.array([-0.25]))
    np.testing.assert_allclose(result["price_change"].to_numpy(), expected, rtol=1e-12)
    np.testing.assert_allclose(result["cost_push"].to_numpy(), dv + m.T @ [-0.25], rtol=1e-14)


def test_unlabelled_inputs_give_numbered_rows():
    result = libflow.clearing_vector([[0, 10, 10], [0, 0, 10], [5, 0, 0]], [5, 2, 10], 0.5, 0.5)
    assert list(result.index) == [0, 1, 2]
    # the three-bank example of tests/c/test_contagion.c, solved by hand there
    np.testing.assert_allclose(result["payment"].to_numpy(), [5, 2.25, 5], rtol=1e-14)
    exposures = libflow.max_entropy_exposures([1.0, 1, 1], [1.0, 1, 1])
    assert list(exposures.columns) == [0, 1, 2]
