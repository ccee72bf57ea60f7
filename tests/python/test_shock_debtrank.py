"""DebtRank through ctypes against a plain numpy implementation of Battiston
et al. (2012) and of the increment variant (Bardoscia et al. 2015) on random
exposure networks."""
import ctypes

import numpy as np
import pytest

dp = ctypes.POINTER(ctypes.c_double)
vp = ctypes.c_void_p
i64 = ctypes.c_int64


@pytest.fixture(scope="module")
def api(lib):
    lib.flow_debtrank_run.argtypes = [ctypes.POINTER(vp), i64, dp, i64, dp, dp, dp, vp]
    lib.flow_table_copy_to.argtypes = [vp, dp, i64, i64]
    lib.flow_table_scalar.argtypes = [vp, ctypes.c_char_p, dp]
    lib.flow_table_free.argtypes = [vp]
    lib.flow_shock_options_new.argtypes = [ctypes.POINTER(vp)]
    lib.flow_shock_options_set.argtypes = [vp, ctypes.c_char_p, ctypes.c_char_p]
    lib.flow_shock_options_free.argtypes = [vp]
    return lib


def ptr(a):
    return a.ctypes.data_as(dp)


def reference(E, capital, h0, value, single=True, self_loops=False):
    W = np.minimum(1.0, E / capital[:, None]).T  # W[j, i]: impact of j's distress on i
    if not self_loops:
        np.fill_diagonal(W, 0.0)
    h = h0.copy()
    if single:
        state = np.where(h > 0, 1, 0)
        while (state == 1).any():
            active = state == 1
            new = np.minimum(1.0, h + W[active].T @ h[active])
            state = np.where(active, 2, np.where((state == 0) & (new > 0), 1, state))
            h = new
    else:
        passed = np.zeros_like(h)
        for _ in range(1000):
            push = h - passed
            push[push <= 1e-12] = 0.0
            if not push.any():
                break
            passed = np.where(push > 0, h, passed)
            h = np.minimum(1.0, h + W.T @ push)
    return h, value @ h - value @ h0


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("single,self_loops", [(1, 0), (0, 0), (1, 1)])
def test_debtrank_matches_reference(api, seed, single, self_loops):
    rng = np.random.default_rng(seed)
    n = 12
    E = rng.uniform(0, 10, (n, n)) * (rng.uniform(size=(n, n)) < 0.4)
    capital = rng.uniform(5, 40, n)
    h0 = np.zeros(n)
    h0[rng.choice(n, 3, replace=False)] = rng.uniform(0.1, 1.0, 3)
    value = rng.uniform(0, 1, n)
    value /= value.sum()
    opts, res = vp(), vp()
    assert api.flow_shock_options_new(ctypes.byref(opts)) == 0
    assert api.flow_shock_options_set(opts, b"keep_self_loops", b"%d" % self_loops) == 0
    assert api.flow_shock_options_set(opts, b"single_propagation", b"%d" % single) == 0
    assert api.flow_debtrank_run(ctypes.byref(res), n, ptr(E), n, ptr(capital), ptr(h0),
                                 ptr(value), opts) == 0
    table = np.empty((n, 2))  # columns distress_initial, distress_final
    assert api.flow_table_copy_to(res, ptr(table), table.size, 2) == 0
    h = table[:, 1].copy()
    np.testing.assert_array_equal(table[:, 0], h0)
    rank = ctypes.c_double()
    assert api.flow_table_scalar(res, b"rank", ctypes.byref(rank)) == 0
    h_ref, r_ref = reference(E, capital, h0, value, bool(single), bool(self_loops))
    np.testing.assert_allclose(h, h_ref, rtol=1e-12, atol=1e-14)
    assert rank.value == pytest.approx(r_ref, rel=1e-12, abs=1e-14)
    assert (h >= h0).all() and (h <= 1).all()
    api.flow_table_free(res)
    api.flow_shock_options_free(opts)
