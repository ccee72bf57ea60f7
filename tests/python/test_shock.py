"""Shock lenses 1-3 through ctypes against numpy on random multi-regional
systems: the demand lens re-solves the cut system, the supply lens evaluates
v'(I - B~)^-1, the inoperability lens builds A* and c* explicitly; batches
are checked against the same references and numpy.percentile."""
import ctypes

import numpy as np
import pytest

c_double_p = ctypes.POINTER(ctypes.c_double)
c_i64 = ctypes.c_int64
vp = ctypes.c_void_p

DEMAND_TOTAL, DEMAND_DIRECT, SUPPLY_TOTAL = 1, 2, 4
INOPERABILITY, INOPERABILITY_UNCLIPPED = 7, 8
REROUTED_VIA = 12
SOLVER_WOODBURY, SOLVER_REFACTOR = b"woodbury", b"refactor"


@pytest.fixture(scope="module")
def api(lib):
    sigs = {
        "flow_io_model_new": (ctypes.c_int, [ctypes.POINTER(vp), c_i64, c_double_p, c_i64,
                                             c_double_p, c_double_p, c_double_p]),
        "flow_io_model_set_regions": (ctypes.c_int, [vp, c_i64, ctypes.POINTER(ctypes.c_char_p),
                                                     ctypes.POINTER(ctypes.c_char_p)]),
        "flow_io_model_free": (None, [vp]),
        "flow_scenario_parse": (ctypes.c_int, [ctypes.POINTER(vp), ctypes.c_char_p,
                                               ctypes.c_char_p]),
        "flow_scenario_free": (None, [vp]),
        "flow_shock_options_new": (ctypes.c_int, [ctypes.POINTER(vp)]),
        "flow_shock_options_set": (ctypes.c_int, [vp, ctypes.c_char_p, ctypes.c_char_p]),
        "flow_shock_options_free": (None, [vp]),
        "flow_shock_run": (ctypes.c_int, [ctypes.POINTER(vp), ctypes.POINTER(vp), vp, vp, vp]),
        "flow_table_free": (None, [vp]),
        "flow_table_rows": (c_i64, [vp]),
        "flow_table_cols": (c_i64, [vp]),
        "flow_table_copy_to": (ctypes.c_int, [vp, c_double_p, c_i64, c_i64]),
        "flow_table_scalar": (ctypes.c_int, [vp, ctypes.c_char_p, c_double_p]),
        "flow_shock_batch_montecarlo": (ctypes.c_int, [ctypes.POINTER(vp), vp, vp, c_i64, c_i64,
                                                       vp]),
        "flow_shock_batch_table": (ctypes.c_int, [ctypes.POINTER(vp), vp, ctypes.c_int]),
        "flow_shock_batch_percentiles": (ctypes.c_int, [ctypes.POINTER(vp), vp, ctypes.c_int,
                                                        c_double_p, c_i64]),
        "flow_shock_batch_free": (None, [vp]),
        "flow_shock_batch_run": (ctypes.c_int, [ctypes.POINTER(vp), vp, ctypes.POINTER(vp), c_i64,
                                                vp]),
        "flow_last_error": (ctypes.c_char_p, []),
    }
    for name, (res, args) in sigs.items():
        fn = getattr(lib, name)
        fn.restype = res
        fn.argtypes = args
    return lib


def ptr(a):
    return a.ctypes.data_as(c_double_p)


REGIONS = ["USA", "DEU", "JPN", "RUS", "CHN", "IND"]


class System:
    """A random productive MRIO: R regions x S sectors, one final-demand column per region."""

    def __init__(self, api, seed, sectors=4):
        rng = np.random.default_rng(seed)
        self.R, self.S = len(REGIONS), sectors
        n = self.n = self.R * sectors
        self.Z = rng.uniform(0, 5, (n, n))
        self.Y = rng.uniform(5, 40, (n, self.R))
        self.x = self.Z.sum(1) + self.Y.sum(1)
        self.A = self.Z / self.x
        self.v = self.x - self.Z.sum(0)
        self.region = np.repeat(np.arange(self.R), sectors)
        self.api = api
        m = vp()
        assert api.flow_io_model_new(ctypes.byref(m), n, ptr(self.Z), self.R, ptr(self.Y),
                                     None, None) == 0
        codes = (ctypes.c_char_p * self.R)(*[c.encode() for c in REGIONS])
        assert api.flow_io_model_set_regions(m, self.R, codes, None) == 0
        self.model = m

    def close(self):
        self.api.flow_io_model_free(self.model)

    def cut_matrices(self, S, T, severity, direction="both", channels="all"):
        """A~ and Y~ by the definition of the cut, and the lost shares phi."""
        s = np.isin(np.array(REGIONS), S)
        t = np.isin(np.array(REGIONS), T)
        pair = np.zeros((self.R, self.R), bool)
        if direction in ("exports", "both"):
            pair |= np.outer(s, t)
        if direction in ("imports", "both"):
            pair |= np.outer(t, s)
        np.fill_diagonal(pair, False)
        phi = severity * pair
        node_phi = phi[np.ix_(self.region, self.region)]
        At = self.A * (1 - node_phi) if channels in ("all", "intermediate") else self.A.copy()
        Yt = self.Y * (1 - phi[self.region, :]) if channels in ("all", "final") else self.Y.copy()
        return At, Yt


def run(api, system, text, solver=None):
    scen, opts, res = vp(), vp(), vp()
    assert api.flow_scenario_parse(ctypes.byref(scen), text.encode(), b"test") == 0
    assert api.flow_shock_options_new(ctypes.byref(opts)) == 0
    if solver is not None:
        assert api.flow_shock_options_set(opts, b"solver", solver) == 0
    nodes = vp()
    rc = api.flow_shock_run(ctypes.byref(res), ctypes.byref(nodes), system.model, scen, opts)
    assert rc == 0, api.flow_last_error()
    api.flow_scenario_free(scen)
    api.flow_shock_options_free(opts)
    return res, nodes


def table_column(api, table, quantity):
    """Column `quantity` of a result table: columns follow flow_shock_quantity."""
    rows, cols = api.flow_table_rows(table), api.flow_table_cols(table)
    out = np.empty((rows, cols))
    assert api.flow_table_copy_to(table, ptr(out), out.size, cols) == 0
    return out[:, quantity].copy()


def node_values(api, res, quantity, n):
    out = table_column(api, res[1], quantity)
    assert out.size == n
    return out


def region_values(api, res, quantity):
    return table_column(api, res[0], quantity)


def free_result(api, res):
    for table in res:
        api.flow_table_free(table)


SCENARIO = """group G3 USA DEU JPN
sanctioning G3
target RUS
direction {direction}
channels {channels}
cut * * {severity}
"""


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("direction", ["exports", "imports", "both"])
@pytest.mark.parametrize("channels", ["all", "intermediate", "final"])
def test_lenses_match_numpy(api, seed, direction, channels):
    sysm = System(api, seed)
    severity = 0.4 + 0.2 * seed
    text = SCENARIO.format(direction=direction, channels=channels, severity=severity)
    solver = SOLVER_WOODBURY if seed % 2 else SOLVER_REFACTOR
    res = run(api, sysm, text, None if channels == "final" else solver)
    n, I = sysm.n, np.eye(sysm.n)
    At, Yt = sysm.cut_matrices(["USA", "DEU", "JPN"], ["RUS"], severity, direction, channels)

    # Lens 1: brute-force re-solve of the cut system.
    x_cut = np.linalg.solve(I - At, Yt.sum(1))
    np.testing.assert_allclose(node_values(api, res, DEMAND_TOTAL, n), sysm.x - x_cut,
                               rtol=1e-12, atol=1e-9)
    direct = (sysm.A - At) @ sysm.x + (sysm.Y - Yt).sum(1)
    np.testing.assert_allclose(node_values(api, res, DEMAND_DIRECT, n), direct, atol=1e-9)

    # Lens 2: Ghosh with B~ = x^-1 Z~ and the model's value added.
    Bt = (At * sysm.x) / sysm.x[:, None]
    x_supply = np.linalg.solve((I - Bt).T, sysm.v)
    np.testing.assert_allclose(node_values(api, res, SUPPLY_TOTAL, n), sysm.x - x_supply,
                               rtol=1e-12, atol=1e-8)

    # Lens 3: A* = x^-1 A~ x, c* = lost demand / x, q = (I - A*)^-1 c*.
    Astar = At * sysm.x / sysm.x[:, None]
    q = np.linalg.solve(I - Astar, direct / sysm.x)
    np.testing.assert_allclose(node_values(api, res, INOPERABILITY_UNCLIPPED, n), q,
                               rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(node_values(api, res, INOPERABILITY, n), np.clip(q, 0, 1),
                               rtol=1e-12, atol=1e-12)
    # Region values are sums (inoperability: loss over output).
    reg = region_values(api, res, DEMAND_TOTAL)
    np.testing.assert_allclose(reg, np.bincount(sysm.region, sysm.x - x_cut), atol=1e-9)
    free_result(api, res)
    sysm.close()


def test_rerouting_conserves_volume(api):
    sysm = System(api, 11)
    text = SCENARIO.format(direction="both", channels="all", severity=1.0) + (
        "reroute * * 0.8\nvia CHN IND\ncapacity IND 20\nmarkup 0.1\nthroughput none\n")
    res = run(api, sysm, text)
    cut, rerouted, lost = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    for name, value in ((b"cut", cut), (b"rerouted", rerouted), (b"lost", lost)):
        assert api.flow_table_scalar(res[0], name, ctypes.byref(value)) == 0
    # The cut volume by definition: intermediate and final flows between G3 and RUS.
    s = np.isin(np.array(REGIONS)[sysm.region], ["USA", "DEU", "JPN"])
    t = np.array(REGIONS)[sysm.region] == "RUS"
    block = np.outer(s, t) | np.outer(t, s)
    ys = np.isin(np.array(REGIONS), ["USA", "DEU", "JPN"])
    yt = np.array(REGIONS) == "RUS"
    yblock = np.outer(s, yt) | np.outer(t, ys)
    expected_cut = sysm.Z[block].sum() + sysm.Y[yblock].sum()
    assert cut.value == pytest.approx(expected_cut, rel=1e-12)
    assert cut.value == pytest.approx(rerouted.value + lost.value, rel=1e-13)
    via = region_values(api, res, REROUTED_VIA)
    assert via[REGIONS.index("IND")] == pytest.approx(20.0, rel=1e-12)
    assert via.sum() == pytest.approx(rerouted.value, rel=1e-13)
    assert rerouted.value <= 0.8 * expected_cut + 1e-9
    # The direct demand loss: the cut pairs lose all, each leg s -> h and
    # h -> t of a route gains what it carries.
    assert node_values(api, res, DEMAND_DIRECT, sysm.n).sum() == pytest.approx(
        cut.value - 2 * rerouted.value, rel=1e-12)
    free_result(api, res)
    sysm.close()


def copy_table(api, table):
    out = np.empty((api.flow_table_rows(table), api.flow_table_cols(table)))
    assert api.flow_table_copy_to(table, ptr(out), out.size, out.shape[1]) == 0
    return out


def table_values(api, batch, part, shape):
    table = vp()
    assert api.flow_shock_batch_table(ctypes.byref(table), batch, part) == 0
    out = copy_table(api, table)
    api.flow_table_free(table)
    assert out.shape[0] == shape[0] and shape[1] in (-1, out.shape[1])
    return out


def test_montecarlo_percentiles_match_numpy(api):
    sysm = System(api, 5)
    scen, batch = vp(), vp()
    text = SCENARIO.format(direction="both", channels="final", severity=1.0)
    assert api.flow_scenario_parse(ctypes.byref(scen), text.encode(), None) == 0
    draws = 200
    opts = vp()
    assert api.flow_shock_options_new(ctypes.byref(opts)) == 0
    for key, value in ((b"severity_lo", b"0.2"), (b"severity_hi", b"0.9")):
        assert api.flow_shock_options_set(opts, key, value) == 0
    assert api.flow_shock_batch_montecarlo(ctypes.byref(batch), sysm.model, scen, draws, 7,
                                           opts) == 0
    api.flow_shock_options_free(opts)
    # The scenarios table: member, severity, rho; the regions table: scenario x region rows.
    severities = table_values(api, batch, 0, (draws, 3))[:, 1]
    regions = table_values(api, batch, 1, (draws * sysm.R, -1))
    losses = regions[:, DEMAND_TOTAL].reshape(draws, sysm.R)
    assert severities.min() >= 0.2 and severities.max() <= 0.9
    assert len(np.unique(severities)) == draws
    # A final-demand cut is linear in severity: each draw is severity x the full-cut loss.
    I = np.eye(sysm.n)
    At, Yt = sysm.cut_matrices(["USA", "DEU", "JPN"], ["RUS"], 1.0, "both", "final")
    full = np.bincount(sysm.region, sysm.x - np.linalg.solve(I - At, Yt.sum(1)))
    np.testing.assert_allclose(losses, np.outer(severities, full), rtol=1e-12, atol=1e-9)
    pct = np.array([5.0, 25.0, 50.0, 95.0, 99.0])
    table = vp()
    assert api.flow_shock_batch_percentiles(ctypes.byref(table), batch, DEMAND_TOTAL, ptr(pct),
                                            len(pct)) == 0
    bands = copy_table(api, table)
    api.flow_table_free(table)
    # Selection and numpy's interpolation: numpy.percentile's numbers to the bit.
    np.testing.assert_array_equal(bands, np.percentile(losses, pct, axis=0).T)
    api.flow_shock_batch_free(batch)
    api.flow_scenario_free(scen)
    sysm.close()


REGION_QUANTITIES = 15  # FLOW_SHOCK_OUTPUT .. FLOW_SHOCK_MARKUP_COST


def expect_bands_equal_numpy(api, batch, count, regions):
    """Every region quantity's bands against numpy.percentile over the batch's own table."""
    table = table_values(api, batch, 1, (count * regions, -1))
    pct = np.array([0.0, 2.5, 5.0, 37.5, 50.0, 95.0, 99.0, 100.0])
    for q in range(REGION_QUANTITIES):
        out = vp()
        assert api.flow_shock_batch_percentiles(ctypes.byref(out), batch, q, ptr(pct),
                                                len(pct)) == 0
        bands = copy_table(api, out)
        api.flow_table_free(out)
        want = np.percentile(table[:, q].reshape(count, regions), pct, axis=0).T
        np.testing.assert_array_equal(bands, want, err_msg=f"quantity {q}")


def test_montecarlo_with_rerouting_bands_equal_numpy(api):
    """Draws of severity and rho with rerouting through intermediaries span more than one
    direction; the batch keeps only the cut accounts and the draws' coefficients and rebuilds
    every draw when asked. The rebuilt draws equal single runs, and every band equals
    numpy.percentile over them (NaN mark-up costs included: NaN bands, as numpy gives)."""
    sysm = System(api, 11)
    scen, batch = vp(), vp()
    text = ("sanctioning USA DEU\ntarget RUS\nchannels final\ncut * * 1\n"
            "reroute * * 0.5\nvia CHN IND\n")
    assert api.flow_scenario_parse(ctypes.byref(scen), text.encode(), None) == 0
    draws = 120
    opts = vp()
    assert api.flow_shock_options_new(ctypes.byref(opts)) == 0
    for key, value in ((b"severity_lo", b"0.3"), (b"severity_hi", b"1"),
                       (b"rho_lo", b"0"), (b"rho_hi", b"0.9")):
        assert api.flow_shock_options_set(opts, key, value) == 0
    assert api.flow_shock_batch_montecarlo(ctypes.byref(batch), sysm.model, scen, draws, 5,
                                           opts) == 0
    api.flow_shock_options_free(opts)
    labels = table_values(api, batch, 0, (draws, 3))
    regions = table_values(api, batch, 1, (draws * sysm.R, -1))
    for i in (0, 57, draws - 1):  # a rebuilt draw against a single run of its severity and rho
        one = text.replace("cut * * 1", f"cut * * {labels[i, 1]!r}")
        res = run(api, sysm, one.replace("reroute * * 0.5", f"reroute * * {labels[i, 2]!r}"))
        for q in (DEMAND_TOTAL, DEMAND_DIRECT, INOPERABILITY, REROUTED_VIA):
            np.testing.assert_allclose(regions[i * sysm.R:(i + 1) * sysm.R, q],
                                       region_values(api, res, q), rtol=1e-11, atol=1e-9)
        free_result(api, res)
    expect_bands_equal_numpy(api, batch, draws, sysm.R)
    api.flow_shock_batch_free(batch)
    api.flow_scenario_free(scen)
    sysm.close()


def test_batch_with_cuts_of_a_and_a_wide_span_bands_equal_numpy(api):
    """Unrelated cuts (too wide for a basis: their outputs are kept as rows) and cuts of A
    (their own solves) in one batch: the bands still equal numpy.percentile."""
    sysm = System(api, 12)
    texts = []
    for k, (s, t) in enumerate([(a, b) for a in REGIONS for b in REGIONS if a != b][:24]):
        channels = "all" if k % 6 == 0 else "final"
        texts.append(f"sanctioning {s}\ntarget {t}\nchannels {channels}\ncut * * {0.2 + k / 40}\n")
    handles = []
    for text in texts:
        h = vp()
        assert api.flow_scenario_parse(ctypes.byref(h), text.encode(), None) == 0
        handles.append(h)
    array = ctypes.cast((vp * len(handles))(*[h.value for h in handles]), ctypes.POINTER(vp))
    batch = vp()
    assert api.flow_shock_batch_run(ctypes.byref(batch), sysm.model, array, len(handles),
                                    None) == 0
    expect_bands_equal_numpy(api, batch, len(handles), sysm.R)
    api.flow_shock_batch_free(batch)
    for h in handles:
        api.flow_scenario_free(h)
    sysm.close()
