"""The IO engine through ctypes, checked against independent numpy
computations (explicit inverses, brute-force re-solving) on random productive
systems: every quantity the C API returns has a numpy twin here."""
import ctypes

import numpy as np
import pytest

c_double_p = ctypes.POINTER(ctypes.c_double)
c_int64_p = ctypes.POINTER(ctypes.c_int64)
i64 = ctypes.c_int64

FLOW_ERR_INVALID_ARG = -1
FLOW_ERR_DIMENSION = -7
FLOW_ERR_SINGULAR = -10
FLOW_ERR_NOT_PRODUCTIVE = -11

BACKWARD_DIRECT, FORWARD_DIRECT, BACKWARD_TOTAL, FORWARD_TOTAL = range(4)
DROP_DIAGONAL, ONE_WAY, FINAL_DEMAND = 1, 2, 4


def ptr(a):
    return a.ctypes.data_as(c_double_p)


def declare(lib):
    """Argument types of the io functions (ctypes defaults would truncate int64)."""
    p, d = ctypes.c_void_p, c_double_p
    sig = {
        "flow_io_model_new": [ctypes.POINTER(p), i64, d, i64, d, d, d],
        "flow_io_model_new_country": [ctypes.POINTER(p), i64, d, i64, d, ctypes.POINTER(ctypes.c_char_p)],
        "flow_io_model_free": [p],
        "flow_io_model_set_regions": [p, i64, ctypes.POINTER(ctypes.c_char_p), ctypes.POINTER(ctypes.c_char_p)],
        "flow_io_model_set_final_demand": [p, ctypes.POINTER(ctypes.c_char_p), c_int64_p],
        "flow_io_model_factor": [p],
        "flow_io_model_leontief_solve": [p, i64, d, i64, d, i64, i64],
        "flow_io_model_ghosh_solve": [p, i64, d, i64, d, i64, i64],
        "flow_io_model_matrix": [ctypes.POINTER(p), p, ctypes.c_int],
        "flow_io_model_labels": [ctypes.POINTER(p), p, ctypes.c_int],
        "flow_io_model_view": [p, ctypes.c_int, c_int64_p, c_int64_p],
        "flow_io_multipliers": [ctypes.POINTER(p), p, p],
        "flow_io_footprints": [ctypes.POINTER(p), p, d],
        "flow_io_linkages": [ctypes.POINTER(p), p, ctypes.c_int],
        "flow_io_spillovers": [ctypes.POINTER(p), ctypes.POINTER(p), ctypes.POINTER(p), p],
        "flow_io_extraction_sweep": [ctypes.POINTER(p), p, ctypes.c_int],
        "flow_io_extract_links": [ctypes.POINTER(p), p, i64, c_int64_p, i64, c_int64_p, ctypes.c_double,
                                  ctypes.c_int],
        "flow_io_origin_matrix": [ctypes.POINTER(p), p, d, ctypes.c_int],
        "flow_io_bilateral_trade": [ctypes.POINTER(p), p],
        "flow_table_new": [ctypes.POINTER(p), i64, i64, d, i64],
        "flow_io_model_aggregate": [ctypes.POINTER(p), p, i64, c_int64_p, ctypes.POINTER(ctypes.c_char_p),
                                    i64, c_int64_p, ctypes.POINTER(ctypes.c_char_p)],
        "flow_io_diagnostics": [ctypes.POINTER(p), p, ctypes.c_double],
        "flow_table_free": [p],
        "flow_table_scalar": [p, ctypes.c_char_p, d],
        "flow_table_rows": [p],
        "flow_table_cols": [p],
        "flow_table_values": [p],
        "flow_table_row_label": [p, i64],
        "flow_table_row_group": [p, i64],
        "flow_table_col_label": [p, i64],
        "flow_table_col_group": [p, i64],
    }
    for name, args in sig.items():
        getattr(lib, name).argtypes = args
    lib.flow_io_model_free.restype = None
    lib.flow_table_free.restype = None
    lib.flow_table_rows.restype = lib.flow_table_cols.restype = i64
    lib.flow_table_values.restype = d
    lib.flow_table_row_label.restype = lib.flow_table_row_group.restype = ctypes.c_char_p
    lib.flow_table_col_label.restype = lib.flow_table_col_group.restype = ctypes.c_char_p
    lib.flow_last_error.restype = ctypes.c_char_p
    lib.flow_io_model_view.restype = d
    return lib


# flow_io_part, flow_io_label_part and flow_io_matrix of io.h
PARTS = {"intermediate": 0, "final_demand": 1, "output": 2, "value_added": 3, "final_demand_total": 4}
LABEL_NODES, LABEL_FINAL_DEMAND = 0, 1
MATRICES = {"technical": 0, "allocation": 1, "leontief": 2, "ghosh": 3}


def diag(io, d, name):
    """A named scalar of a diagnostics table (flow_table_scalar)."""
    value = ctypes.c_double()
    assert io.flow_table_scalar(d, name.encode(), ctypes.byref(value)) == 0, name
    return value.value


def diag_rows(io, d):
    """The per-sector rows of a diagnostics table: labels and the n x 4 values
    (output, column_sum, output_gap, zero_output)."""
    n, cols = io.flow_table_rows(d), io.flow_table_cols(d)
    values = np.ctypeslib.as_array(io.flow_table_values(d), shape=(n, cols)).copy()
    return [io.flow_table_row_label(d, i).decode() for i in range(n)], values


def cstrings(items):
    if items is None:
        return None
    arr = (ctypes.c_char_p * len(items))()
    arr[:] = [s.encode() for s in items]
    return arr


class Model:
    """A flow_io_model handle with numpy-returning methods."""

    def __init__(self, lib, z, y, v=None, x=None, handle=None):
        self.lib = lib
        if handle is not None:
            self.h = handle
        else:
            z = np.ascontiguousarray(z, dtype=float)
            y = np.ascontiguousarray(y, dtype=float).reshape(z.shape[0], -1)
            n, k = z.shape[0], y.shape[1]
            h = ctypes.c_void_p()
            v = None if v is None else np.ascontiguousarray(v, dtype=float)
            x = None if x is None else np.ascontiguousarray(x, dtype=float)
            rc = lib.flow_io_model_new(ctypes.byref(h), n, ptr(z), k, ptr(y),
                                       None if v is None else ptr(v), None if x is None else ptr(x))
            self.check(rc)
            self.h = h
        self.n = self.shape("order")

    @classmethod
    def country(cls, lib, flows, size, codes=None):
        flows = np.ascontiguousarray(flows, dtype=float)
        size = np.ascontiguousarray(size, dtype=float)
        h = ctypes.c_void_p()
        rc = lib.flow_io_model_new_country(ctypes.byref(h), len(size), ptr(flows), len(size), ptr(size),
                                           cstrings(codes))
        if rc != 0:
            raise LibError(rc, lib.flow_last_error().decode())
        return cls(lib, None, None, handle=h)

    def check(self, rc):
        if rc != 0:
            raise LibError(rc, self.lib.flow_last_error().decode())

    def close(self):
        if self.h:
            self.lib.flow_io_model_free(self.h)
            self.h = None

    def __del__(self):
        self.close()

    def set_regions(self, regions, region_codes=None, sector_codes=None):
        self.check(self.lib.flow_io_model_set_regions(self.h, regions, cstrings(region_codes),
                                                      cstrings(sector_codes)))

    def set_final_demand_regions(self, owners):
        owners = np.ascontiguousarray(owners, dtype=np.int64)
        self.check(self.lib.flow_io_model_set_final_demand(self.h, None, owners.ctypes.data_as(c_int64_p)))

    def shape(self, name):
        """A shape scalar (order, regions, sectors, final_demand_columns) of the labels."""
        t = ctypes.c_void_p()
        self.check(self.lib.flow_io_model_labels(ctypes.byref(t), self.h, LABEL_NODES))
        try:
            return int(diag(self.lib, t, name))
        finally:
            self.lib.flow_table_free(t)

    def vector(self, name):
        rows, cols = ctypes.c_int64(), ctypes.c_int64()
        p = self.lib.flow_io_model_view(self.h, PARTS[name], ctypes.byref(rows), ctypes.byref(cols))
        assert (rows.value, cols.value) == (self.n, 1)
        return np.ctypeslib.as_array(p, shape=(self.n,)).copy()

    def square(self, which):
        """A, B, L or G (flow_io_model_matrix) as an n x n array."""
        return self.table("flow_io_model_matrix", MATRICES[which])

    def table(self, fn, *args):
        """The values of the flow_table that fn(&out, model, *args) makes."""
        return table_values(self.lib, lambda out: getattr(self.lib, fn)(out, self.h, *args), self.check)

    def multipliers(self, satellites=None):
        """n x (2 + nsat): output, value added, then the satellite rows."""
        if satellites is None:
            return self.table("flow_io_multipliers", None)
        f = np.ascontiguousarray(satellites, dtype=float)
        t = ctypes.c_void_p()
        self.check(self.lib.flow_table_new(ctypes.byref(t), f.shape[0], f.shape[1], ptr(f), f.shape[1]))
        try:
            return self.table("flow_io_multipliers", t)
        finally:
            self.lib.flow_table_free(t)

    def solve(self, fn, rhs):
        rhs = np.ascontiguousarray(rhs, dtype=float)
        rhs2 = rhs.reshape(self.n, -1)
        out = np.zeros_like(rhs2)
        k = rhs2.shape[1]
        self.check(getattr(self.lib, fn)(self.h, k, ptr(rhs2), k, ptr(out), out.size, k))
        return out.reshape(rhs.shape)

    def regions(self):
        return self.shape("regions")

    def origin(self, shares, f=None):
        return self.table("flow_io_origin_matrix", None if f is None else ptr(f), shares)

    def trade(self):
        return self.table("flow_io_bilateral_trade")

    # columns of flow_io_linkages: raw, normalised, then local / foreign per direction
    def linkages(self, kind, normalised=0):
        t = self.table("flow_io_linkages", 1 if kind in (BACKWARD_DIRECT, FORWARD_DIRECT) else 0)
        forward = kind in (FORWARD_DIRECT, FORWARD_TOTAL)
        return t[:, (2 if normalised else 0) + forward]

    def split(self, kind):
        t = self.table("flow_io_linkages", 1 if kind in (BACKWARD_DIRECT, FORWARD_DIRECT) else 0)
        first = 6 if kind in (FORWARD_DIRECT, FORWARD_TOTAL) else 4
        return t[:, first], t[:, first + 1]

    def sweep(self, flags=0):
        t = self.table("flow_io_extraction_sweep", flags)
        return t[:, 0], t[:, 1], t[:, 2]

    def extract_links(self, first, second, severity=1.0, flags=0):
        first = np.asarray(first, dtype=np.int64)
        second = np.asarray(second, dtype=np.int64)
        t = self.table("flow_io_extract_links", len(first), first.ctypes.data_as(c_int64_p), len(second),
                       second.ctypes.data_as(c_int64_p), severity, flags)
        return t[:, 0]


def table_values(lib, make, check):
    """Calls make(&out) for a new flow_table, returns a copy of its values and frees it."""
    t = ctypes.c_void_p()
    check(make(ctypes.byref(t)))
    try:
        rows, cols = lib.flow_table_rows(t), lib.flow_table_cols(t)
        if rows * cols == 0:
            return np.zeros((rows, cols))
        return np.ctypeslib.as_array(lib.flow_table_values(t), shape=(rows, cols)).copy()
    finally:
        lib.flow_table_free(t)


class LibError(Exception):
    def __init__(self, code, message):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@pytest.fixture(scope="module")
def io(lib):
    return declare(lib)


def random_system(rng, n, k=3, density=1.0):
    """A productive table: random Z scaled so that every column of A sums below 1."""
    z = rng.uniform(0, 10, (n, n)) * (rng.uniform(size=(n, n)) < density)
    y = rng.uniform(1, 20, (n, k))
    x = z.sum(1) + y.sum(1)
    return z, y, x


# ------------------------------------------------------------------ numpy references

def reference(z, y, x=None):
    z = np.asarray(z, float)
    y = np.asarray(y, float).reshape(z.shape[0], -1)
    if x is None:
        x = z.sum(1) + y.sum(1)
    inv = np.divide(1.0, x, out=np.zeros_like(x), where=x != 0)
    a = z * inv[None, :]
    b = z * inv[:, None]
    n = len(x)
    L = np.linalg.inv(np.eye(n) - a)
    G = np.linalg.inv(np.eye(n) - b)
    v = x - z.sum(0)
    return dict(a=a, b=b, L=L, G=G, x=x, v=v, y=y.sum(1), Y=y)


def brute_extraction(ref, j, keep_diagonal=True):
    """Re-solves the system with sector j extracted (numpy inverses)."""
    a, b, y, v = ref["a"].copy(), ref["b"].copy(), ref["y"], ref["v"]
    n = len(y)
    x_d = np.linalg.solve(np.eye(n) - a, y)
    x_s = np.linalg.solve((np.eye(n) - b).T, v)
    ab = a.copy()
    ab[:, j] = 0
    bb = b.copy()
    bb[j, :] = 0
    at = a.copy()
    at[:, j] = 0
    at[j, :] = 0
    if keep_diagonal:
        ab[j, j] = at[j, j] = a[j, j]
        bb[j, j] = b[j, j]
    back = x_d.sum() - np.linalg.solve(np.eye(n) - ab, y).sum()
    fwd = x_s.sum() - np.linalg.solve((np.eye(n) - bb).T, v).sum()
    tot = x_d.sum() - np.linalg.solve(np.eye(n) - at, y).sum()
    return back, fwd, tot


# ------------------------------------------------------------------ tests

def test_model_matrix_view_and_labels_against_numpy(io):
    """flow_io_model_matrix for every flow_io_matrix value against numpy's
    A, B, inv(I - A), inv(I - B); flow_io_model_view for every flow_io_part;
    flow_io_model_labels for both parts; out-of-range values refused."""
    rng = np.random.default_rng(7)
    z, y, _ = random_system(rng, 6, k=1)
    y = np.column_stack([y, 0.5 * y, 0.25 * y, y])  # four final-demand columns
    ref = reference(z, y)
    m = Model(io, z, y)
    m.set_regions(2, ["DEU", "FRA"], ["agri", "manu", "serv"])
    m.check(io.flow_io_model_set_final_demand(m.h, cstrings(["hh", "gov", "hh", "inv"]),
                                              np.array([0, 0, 1, -1], dtype=np.int64)
                                              .ctypes.data_as(c_int64_p)))
    expected = {"technical": ref["a"], "allocation": ref["b"], "leontief": ref["L"],
                "ghosh": ref["G"]}
    for which, value in MATRICES.items():
        t = ctypes.c_void_p()
        m.check(io.flow_io_model_matrix(ctypes.byref(t), m.h, value))
        try:
            got = np.ctypeslib.as_array(io.flow_table_values(t), shape=(6, 6)).copy()
            np.testing.assert_allclose(got, expected[which], rtol=1e-12, atol=1e-15, err_msg=which)
            for i, (region, sector) in enumerate((r, s) for r in ("DEU", "FRA")
                                                 for s in ("agri", "manu", "serv")):
                assert io.flow_table_row_label(t, i).decode() == sector
                assert io.flow_table_row_group(t, i).decode() == region
                assert io.flow_table_col_label(t, i).decode() == sector
                assert io.flow_table_col_group(t, i).decode() == region
        finally:
            io.flow_table_free(t)
    for bad in (-1, len(MATRICES)):
        t = ctypes.c_void_p(1)
        assert io.flow_io_model_matrix(ctypes.byref(t), m.h, bad) == -1  # FLOW_ERR_INVALID_ARG
        assert t.value is None
    views = {"intermediate": z, "final_demand": y, "output": ref["x"], "value_added": ref["v"],
             "final_demand_total": ref["y"]}
    for part, value in PARTS.items():
        rows, cols = ctypes.c_int64(), ctypes.c_int64()
        p = io.flow_io_model_view(m.h, value, ctypes.byref(rows), ctypes.byref(cols))
        want = np.asarray(views[part], float).reshape(6, -1)
        assert (rows.value, cols.value) == want.shape, part
        np.testing.assert_allclose(np.ctypeslib.as_array(p, shape=want.shape), want,
                                   rtol=1e-12, err_msg=part)
    rows = ctypes.c_int64(9)
    assert not io.flow_io_model_view(m.h, len(PARTS), ctypes.byref(rows), None)
    assert rows.value == 0
    t = ctypes.c_void_p()
    m.check(io.flow_io_model_labels(ctypes.byref(t), m.h, LABEL_NODES))
    try:
        cells = np.ctypeslib.as_array(io.flow_table_values(t), shape=(6, 2))
        np.testing.assert_array_equal(cells, [[r, s] for r in range(2) for s in range(3)])
        assert [diag(io, t, k) for k in ("order", "regions", "sectors", "final_demand_columns")] \
            == [6, 2, 3, 4]
    finally:
        io.flow_table_free(t)
    m.check(io.flow_io_model_labels(ctypes.byref(t), m.h, LABEL_FINAL_DEMAND))
    try:
        assert [io.flow_table_row_label(t, c).decode() for c in range(4)] == ["hh", "gov", "hh", "inv"]
        assert [io.flow_table_row_group(t, c).decode() for c in range(4)] == ["DEU", "DEU", "FRA", ""]
        np.testing.assert_array_equal(np.ctypeslib.as_array(io.flow_table_values(t), shape=(4,)),
                                      [0, 0, 1, -1])
    finally:
        io.flow_table_free(t)
    t = ctypes.c_void_p(1)
    assert io.flow_io_model_labels(ctypes.byref(t), m.h, 2) == -1
    assert t.value is None


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_core_matrices_and_solves(io, seed):
    rng = np.random.default_rng(seed)
    z, y, _ = random_system(rng, 12)
    ref = reference(z, y)
    m = Model(io, z, y)
    np.testing.assert_allclose(m.vector("output"), ref["x"], rtol=1e-14)
    np.testing.assert_allclose(m.vector("value_added"), ref["v"], rtol=1e-12)
    np.testing.assert_allclose(m.square("technical"), ref["a"], rtol=1e-14)
    np.testing.assert_allclose(m.square("allocation"), ref["b"], rtol=1e-14)
    np.testing.assert_allclose(m.square("leontief"), ref["L"], rtol=1e-11)
    np.testing.assert_allclose(m.square("ghosh"), ref["G"], rtol=1e-11)
    # many right-hand sides at once
    scen = rng.uniform(0, 5, (12, 4))
    np.testing.assert_allclose(m.solve("flow_io_model_leontief_solve", scen), ref["L"] @ scen, rtol=1e-11)
    vs = rng.uniform(0, 5, (12, 3))
    np.testing.assert_allclose(m.solve("flow_io_model_ghosh_solve", vs), (vs.T @ ref["G"]).T, rtol=1e-11)
    # identities: L y = x, v'G = x'
    np.testing.assert_allclose(m.solve("flow_io_model_leontief_solve", ref["y"]), ref["x"], rtol=1e-11)
    np.testing.assert_allclose(m.solve("flow_io_model_ghosh_solve", ref["v"]), ref["x"], rtol=1e-11)


def test_multipliers_and_footprints(io):
    rng = np.random.default_rng(7)
    z, y, _ = random_system(rng, 9, k=6)
    ref = reference(z, y)
    m = Model(io, z, y)
    m.set_regions(3)
    np.testing.assert_allclose(m.multipliers()[:, 0], ref["L"].sum(0), rtol=1e-12)
    np.testing.assert_allclose(m.multipliers()[:, 1],
                               (ref["v"] / ref["x"]) @ ref["L"], rtol=1e-12)
    f = rng.uniform(0, 3, (2, 9))
    np.testing.assert_allclose(m.multipliers(f)[:, 2:].T, (f / ref["x"]) @ ref["L"], rtol=1e-12)
    feet = m.table("flow_io_footprints", ptr(np.ascontiguousarray(f[0])))
    cons, prod = feet[:, 0], feet[:, 1]
    embodied = (f[0] / ref["x"]) @ ref["L"] @ y  # per final-demand column
    np.testing.assert_allclose(cons, embodied.reshape(3, 2).sum(1), rtol=1e-12)
    np.testing.assert_allclose(prod, f[0].reshape(3, 3).sum(1), rtol=1e-12)
    # all final demand is owned, so both footprints add up to the same total
    assert cons.sum() == pytest.approx(prod.sum(), rel=1e-12)


def test_linkages_key_sectors_and_split(io):
    rng = np.random.default_rng(11)
    z, y, _ = random_system(rng, 8, k=2)
    ref = reference(z, y)
    m = Model(io, z, y)
    m.set_regions(2)
    expected = {BACKWARD_DIRECT: ref["a"].sum(0), FORWARD_DIRECT: ref["b"].sum(1),
                BACKWARD_TOTAL: ref["L"].sum(0), FORWARD_TOTAL: ref["G"].sum(1)}
    for kind, raw in expected.items():
        np.testing.assert_allclose(m.linkages(kind), raw, rtol=1e-11)
        np.testing.assert_allclose(m.linkages(kind, 1), 8 * raw / raw.sum(), rtol=1e-11)
    region = np.arange(8) // 4
    same = region[:, None] == region[None, :]
    local_ref = {BACKWARD_DIRECT: (ref["a"] * same).sum(0), FORWARD_DIRECT: (ref["b"] * same).sum(1),
                 BACKWARD_TOTAL: (ref["L"] * same).sum(0), FORWARD_TOTAL: (ref["G"] * same).sum(1)}
    for kind, loc in local_ref.items():
        local, foreign = m.split(kind)
        np.testing.assert_allclose(local, loc, rtol=1e-11)
        np.testing.assert_allclose(foreign, expected[kind] - loc, rtol=1e-12, atol=1e-12)
    classes = m.table("flow_io_linkages", 0)[:, 8]
    bl = 8 * ref["L"].sum(0) / ref["L"].sum()
    fl = 8 * ref["G"].sum(1) / ref["G"].sum()
    np.testing.assert_array_equal(classes, (bl >= 1) * 1 + (fl >= 1) * 2)


def test_spillovers(io):
    rng = np.random.default_rng(5)
    z, y, _ = random_system(rng, 9, k=3)
    ref = reference(z, y)
    m = Model(io, z, y)
    m.set_regions(3)
    spill_n = table_values(io, lambda out: io.flow_io_spillovers(None, None, out, m.h), m.check)
    expected = ref["L"].copy()
    for r in range(3):
        expected[3 * r:3 * r + 3, 3 * r:3 * r + 3] = 0
    np.testing.assert_allclose(spill_n, expected, rtol=1e-11, atol=1e-15)
    spill = table_values(io, lambda out: io.flow_io_spillovers(out, None, None, m.h), m.check)
    net = table_values(io, lambda out: io.flow_io_spillovers(None, out, None, m.h), m.check)
    blocks = ref["L"].reshape(3, 3, 3, 3).sum(axis=(1, 3)) / 3  # [r, s] = sum block / sectors
    np.fill_diagonal(blocks, 0)
    np.testing.assert_allclose(spill, blocks, rtol=1e-11)
    np.testing.assert_allclose(net, blocks - blocks.T, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("keep", [True, False])
def test_extraction_sweep_equals_brute_force(io, keep):
    rng = np.random.default_rng(21)
    z, y, _ = random_system(rng, 10, k=2, density=0.6)
    ref = reference(z, y)
    m = Model(io, z, y)
    b, f, t = m.sweep(0 if keep else DROP_DIAGONAL)
    for j in range(10):
        bb, ff, tt = brute_extraction(ref, j, keep)
        assert b[j] == pytest.approx(bb, rel=1e-9)
        assert f[j] == pytest.approx(ff, rel=1e-9)
        assert t[j] == pytest.approx(tt, rel=1e-9)


def test_large_system_both_ways_to_l(io):
    """n = 640: I - A is formed by several threads; L is formed without a
    cached factorisation first, then from the cached factors."""
    rng = np.random.default_rng(640)
    z, y, _ = random_system(rng, 640, k=2)
    ref = reference(z, y)
    m = Model(io, z, y)
    np.testing.assert_allclose(m.square("leontief"), ref["L"], rtol=1e-11)
    m.check(io.flow_io_model_factor(m.h))
    np.testing.assert_allclose(m.square("leontief"), ref["L"], rtol=1e-11)
    np.testing.assert_allclose(m.solve("flow_io_model_leontief_solve", ref["y"]), ref["x"], rtol=1e-11)
    b, f, t = m.sweep(0)
    # Sherman-Morrison closed form of the backward sweep from numpy's L (DESIGN 5).
    L, x, a = ref["L"], ref["x"], ref["a"]
    c = 1.0 / (1.0 - np.diag(a))
    np.testing.assert_allclose(b, (L.sum(0) - c) * (L @ ref["y"]) / np.diag(L), rtol=1e-9)


def test_extract_links_between_region_sets(io):
    rng = np.random.default_rng(8)
    z, y, _ = random_system(rng, 12, k=4)
    ref = reference(z, y)
    m = Model(io, z, y)
    m.set_regions(4)
    region = np.arange(12) // 3
    owner = np.arange(4)
    S, T = {0}, {2, 3}
    cut = np.array([[(r in S and s in T) or (r in T and s in S) for s in range(4)] for r in range(4)])
    a = ref["a"] * np.where(cut[region][:, region], 0.25, 1.0)
    Y = y * np.where(cut[region][:, owner], 0.25, 1.0)
    expected = np.linalg.solve(np.eye(12) - a, Y.sum(1))
    got = m.extract_links(sorted(S), sorted(T), 0.75, FINAL_DEMAND)
    np.testing.assert_allclose(got, expected, rtol=1e-11)
    # one way, intermediate only, full severity
    cut1 = np.array([[r in S and s in T for s in range(4)] for r in range(4)])
    a1 = ref["a"] * np.where(cut1[region][:, region], 0.0, 1.0)
    np.testing.assert_allclose(m.extract_links([0], [2, 3], 1.0, ONE_WAY),
                               np.linalg.solve(np.eye(12) - a1, ref["y"]), rtol=1e-11)
    with pytest.raises(LibError) as err:
        m.extract_links([0], [7])
    assert err.value.code == FLOW_ERR_INVALID_ARG and "region 7" in err.value.message


def test_value_added_origin_and_bilateral_trade(io):
    rng = np.random.default_rng(3)
    z, y, _ = random_system(rng, 8, k=4)
    ref = reference(z, y)
    m = Model(io, z, y)
    m.set_regions(4)  # 2 sectors, one final-demand column per region
    va = m.origin(0)
    full = np.diag(ref["v"] / ref["x"]) @ ref["L"] @ y
    expected = full.reshape(4, 2, 4).sum(axis=1)
    np.testing.assert_allclose(va, expected, rtol=1e-11)
    assert va.sum() == pytest.approx(ref["v"].sum(), rel=1e-11)  # all VA is absorbed somewhere
    shares = m.origin(1)
    np.testing.assert_allclose(shares, expected / expected.sum(0), rtol=1e-11)
    trade = m.trade()
    t_ref = z.reshape(4, 2, 4, 2).sum(axis=(1, 3)) + y.reshape(4, 2, 4).sum(axis=1)
    np.fill_diagonal(t_ref, 0)
    np.testing.assert_allclose(trade, t_ref, rtol=1e-13)


def test_aggregation_sums_flows(io):
    rng = np.random.default_rng(4)
    z, y, _ = random_system(rng, 12, k=4)  # 4 regions x 3 sectors, one column per region
    m = Model(io, z, y)
    m.set_regions(4, ["A", "B", "C", "D"], ["s1", "s2", "s3"])
    rmap = np.array([0, 1, 1, 0], dtype=np.int64)
    smap = np.array([0, 0, 1], dtype=np.int64)
    h = ctypes.c_void_p()
    m.check(io.flow_io_model_aggregate(ctypes.byref(h), m.h, 2, rmap.ctypes.data_as(c_int64_p),
                                       cstrings(["AD", "BC"]), 2, smap.ctypes.data_as(c_int64_p), None))
    agg = Model(io, None, None, handle=h)
    region = np.repeat(np.arange(4), 3)
    sector = np.tile(np.arange(3), 4)
    new = rmap[region] * 2 + smap[sector]
    P = np.zeros((4, 12))
    P[new, np.arange(12)] = 1
    Q = np.zeros((4, 2))  # final-demand columns merge with their owners
    Q[np.arange(4), rmap] = 1
    ref = reference(P @ z @ P.T, P @ y @ Q)
    assert agg.shape("final_demand_columns") == 2
    np.testing.assert_allclose(agg.square("technical"), ref["a"], rtol=1e-13)
    np.testing.assert_allclose(agg.square("leontief"), ref["L"], rtol=1e-11)
    np.testing.assert_allclose(agg.origin(0),
                               (np.diag(ref["v"] / ref["x"]) @ ref["L"] @ ref["Y"]).reshape(2, 2, 2).sum(1),
                               rtol=1e-11)


def test_country_system(io):
    flows = np.array([[0, 30, 10], [20, 0, 40], [5, 15, 0]], float)
    size = np.array([200, 300, 100], float)
    m = Model.country(io, flows, size, ["CHN", "USA", "RUS"])
    a = flows / size[None, :]
    np.testing.assert_allclose(m.square("technical"), a, rtol=1e-15)
    np.testing.assert_allclose(m.vector("final_demand_total"), size - flows.sum(1), rtol=1e-15)
    L = np.linalg.inv(np.eye(3) - a)
    np.testing.assert_allclose(m.square("leontief"), L, rtol=1e-12)
    va = m.origin(0)
    v = size - flows.sum(0)
    np.testing.assert_allclose(va, np.diag(v / size) @ L @ np.diag(size - flows.sum(1)), rtol=1e-12)
    # a re-export hub that sends more than its size: negative y, reported, and
    # L y = x still holds because the system remains productive
    hub = Model.country(io, [[0, 90, 80], [10, 0, 10], [10, 10, 0]], [100, 100, 100], ["HK", "A", "B"])
    assert hub.vector("final_demand_total")[0] == -70
    np.testing.assert_allclose(hub.solve("flow_io_model_leontief_solve", hub.vector("final_demand_total")),
                               [100, 100, 100], rtol=1e-12)
    d = ctypes.c_void_p()
    hub.check(io.flow_io_diagnostics(ctypes.byref(d), hub.h, 1e-6))
    assert diag(io, d, "negative_y") == 1
    io.flow_table_free(d)
    # economies that each take more from the other than their size: rho(A) = 1.5
    with pytest.raises(LibError) as err:
        loop = Model.country(io, [[0, 150], [150, 0]], [100, 100], ["A", "B"])
        loop.check(io.flow_io_model_factor(loop.h))
    assert err.value.code == FLOW_ERR_NOT_PRODUCTIVE
    assert "not productive" in err.value.message


def test_diagnostics_on_random_and_defective_tables(io):
    rng = np.random.default_rng(9)
    z, y, x = random_system(rng, 15)
    ref = reference(z, y)
    m = Model(io, z, y)
    d = ctypes.c_void_p()
    m.check(io.flow_io_diagnostics(ctypes.byref(d), m.h, 1e-6))
    rho = max(abs(np.linalg.eigvals(ref["a"])))
    # the iteration stops when the bracket is 1e-10 wide and the estimate lies in it
    assert diag(io, d, "spectral_radius_lower") <= rho * (1 + 1e-12)
    assert diag(io, d, "spectral_radius_upper") >= rho * (1 - 1e-12)
    assert diag(io, d, "spectral_radius") == pytest.approx(rho, rel=1e-10)
    cs = ref["a"].sum(0)
    assert diag(io, d, "max_column_sum") == pytest.approx(cs.max(), rel=1e-14)
    assert diag(io, d, "min_column_sum") == pytest.approx(cs.min(), rel=1e-14)
    cond1 = np.linalg.cond(np.eye(15) - ref["a"], 1)
    assert 0.1 / cond1 <= diag(io, d, "rcond") <= 10 / cond1
    assert diag(io, d, "residual") < 1e-13
    assert diag(io, d, "status") == 0
    io.flow_table_free(d)
    # given x that disagrees by 1% in sector 4, a zero-output sector 2, a negative Y entry
    z2, y2 = z.copy(), y.copy()
    z2[2, :] = 0
    z2[:, 2] = 0
    y2[2, :] = 0
    y2[5, 0] = -1
    x2 = z2.sum(1) + y2.sum(1)
    x2[4] *= 1.01
    m2 = Model(io, z2, y2, x=x2)
    m2.set_regions(1, ["DE"], [f"s{i}" for i in range(15)])
    m2.check(io.flow_io_diagnostics(ctypes.byref(d), m2.h, 1e-6))
    assert diag(io, d, "zero_output_count") == 1
    labels, rows = diag_rows(io, d)
    assert list(np.flatnonzero(rows[:, 3])) == [2] and labels[2] == "s2"
    np.testing.assert_allclose(rows[:, 0], x2, rtol=0)
    np.testing.assert_allclose(rows[4, 2], 0.01 / 1.01, rtol=1e-9)
    assert diag(io, d, "negative_y") == 1
    assert diag(io, d, "output_mismatch_count") == 1
    assert diag(io, d, "output_mismatch_index") == 4
    assert diag(io, d, "output_mismatch") == pytest.approx(0.01 / 1.01, rel=1e-9)
    io.flow_table_free(d)


def diagnose(io, z, y, x=None, tolerance=1e-6):
    """(spectral radius, lower, upper, mismatch index, mismatch count) of a table."""
    m = Model(io, z, y, x=x)
    d = ctypes.c_void_p()
    m.check(io.flow_io_diagnostics(ctypes.byref(d), m.h, tolerance))
    out = tuple(diag(io, d, name)
                for name in ("spectral_radius", "spectral_radius_lower", "spectral_radius_upper",
                             "output_mismatch_index", "output_mismatch_count"))
    io.flow_table_free(d)
    return out


def test_spectral_radius_with_zero_output_and_reducible_blocks(io):
    """A zero-output sector leaves a zero row and column in A: A is reducible and
    the iterate decays there, which once pinned the lower Collatz-Wielandt ratio
    at 0 and reported the midpoint rho/2. numpy's eigenvalues are the reference."""
    rng = np.random.default_rng(31)
    z, y, _ = random_system(rng, 12)
    z[3, :] = z[:, 3] = y[3, :] = 0
    # a block that only sells to the rest (upper block triangular): reducible too
    z2, y2, _ = random_system(rng, 10)
    z2[6:, :6] = 0
    # a sector that only buys (zero row of Z) next to a zero-output one
    z3, y3, _ = random_system(rng, 8)
    z3[1, :] = 0
    z3[5, :] = z3[:, 5] = y3[5, :] = 0
    # rho small against the largest column sum: the zero-output component decays
    # by only s / (rho + s) = 0.9 per step and is still far from 0 when the
    # iteration stops (this case reported rho/2 = 0.048)
    a4 = np.array([[0, 0, 0], [0, 0.05, 0.9], [0, 0.004, 0.02]])
    x4 = np.array([0, 1.0, 1.0])
    z4 = a4 * x4[None, :]
    y4 = (x4 - z4.sum(1)).reshape(-1, 1)
    for zz, yy in ((z, y), (z2, y2), (z3, y3), (z4, y4)):
        rho = max(abs(np.linalg.eigvals(reference(zz, yy)["a"])))
        est, lower, upper, _, _ = diagnose(io, zz, yy)
        assert est == pytest.approx(rho, rel=1e-10)
        assert lower <= rho * (1 + 1e-12) and upper >= rho * (1 - 1e-12)
        assert upper - lower <= 1e-10 * upper


def test_spectral_radius_bracket_without_perron_theory(io):
    """A negative entry voids the Collatz-Wielandt bounds: the bracket is then
    [0, min(||A||_1, ||A||_inf)], which numpy's rho must lie in; A = 0 gives 0."""
    rng = np.random.default_rng(33)
    z, y, _ = random_system(rng, 6)
    z[1, 2] = -3.0
    a = reference(z, y)["a"]
    rho = max(abs(np.linalg.eigvals(a)))
    _, lower, upper, _, _ = diagnose(io, z, y)
    assert lower == 0.0 and lower <= rho <= upper
    assert upper == pytest.approx(min(abs(a).sum(0).max(), abs(a).sum(1).max()), rel=1e-14)
    assert diagnose(io, np.zeros((3, 3)), np.ones((3, 1)))[:3] == (0.0, 0.0, 0.0)


def test_output_mismatch_index_is_minus_one_when_nothing_mismatches(io):
    rng = np.random.default_rng(32)
    z, y, x = random_system(rng, 6)
    assert diagnose(io, z, y)[3:] == (-1, 0)
    assert diagnose(io, z, y, x=x)[3:] == (-1, 0)
    x[2] *= 1 + 1e-9  # a gap below the tolerance is not a mismatch
    assert diagnose(io, z, y, x=x)[3:] == (-1, 0)
    x[0] *= 1.001
    x[5] *= 1.01
    assert diagnose(io, z, y, x=x)[3:] == (5, 2)


def test_singular_and_non_productive_systems_are_errors(io):
    # column sums above 1 but I - A regular: not productive
    z = np.array([[5, 8], [8, 5]], float)
    m = Model(io, z, np.zeros(2), x=np.array([10.0, 10.0]))
    with pytest.raises(LibError) as err:
        m.check(io.flow_io_model_factor(m.h))
    assert err.value.code == FLOW_ERR_NOT_PRODUCTIVE
    # A with rho = 1 exactly: I - A singular
    m = Model(io, np.array([[5, 5], [5, 5]], float), np.zeros(2), x=np.array([10.0, 10.0]))
    with pytest.raises(LibError) as err:
        m.multipliers()[:, 0]
    assert err.value.code == FLOW_ERR_SINGULAR
    # diagnostics still work and record the failure
    d = ctypes.c_void_p()
    m.check(io.flow_io_diagnostics(ctypes.byref(d), m.h, 1e-6))
    assert diag(io, d, "status") == FLOW_ERR_SINGULAR
    assert diag(io, d, "rcond") == 0.0
    io.flow_table_free(d)
