"""The IO engine on real published tables from ../shared/data (BEA 2021
71-industry, ABS 2020-21 114-industry, WIOD 2016 national tables, the pymrio
6-region test MRIO), parsed here with csv/numpy and compared quantity by
quantity with an independent numpy computation (explicit inverses and
brute-force re-solving). Skipped when ../shared/data is absent."""
import csv
import ctypes

import numpy as np
import pytest

from test_io import (BACKWARD_DIRECT, BACKWARD_TOTAL, FORWARD_DIRECT, FORWARD_TOTAL, Model, brute_extraction,
                     declare, diag, diag_rows, ptr, reference)


@pytest.fixture(scope="module")
def io(lib):
    return declare(lib)


def number(text):
    text = text.strip().replace(" ", "")
    return 0.0 if text in ("", "---") else float(text)


def compare_everything(io, z, y, x=None, sweep_sample=None):
    """Every national-table quantity of the library against numpy."""
    ref = reference(z, y, x)
    n = len(ref["x"])
    m = Model(io, z, y, x=x)
    np.testing.assert_allclose(m.square("technical"), ref["a"], rtol=1e-13, atol=1e-300)
    L = m.square("leontief")
    np.testing.assert_allclose(L, ref["L"], rtol=1e-12, atol=1e-12)
    active = ref["x"] > 0
    G = m.square("ghosh")
    np.testing.assert_allclose(G[np.ix_(active, active)], ref["G"][np.ix_(active, active)], rtol=1e-12, atol=1e-12)
    # identities on the library's own L: L (I - A) = I, G = x^-1 L x, L y = x from the solve
    np.testing.assert_allclose(L @ (np.eye(n) - ref["a"]), np.eye(n), atol=1e-10)
    xs = m.solve("flow_io_model_leontief_solve", ref["y"])
    np.testing.assert_allclose(xs, np.linalg.solve(np.eye(n) - ref["a"], ref["y"]), rtol=1e-12, atol=1e-6)
    if x is None:
        np.testing.assert_allclose(xs, ref["x"], rtol=1e-12)
    np.testing.assert_allclose(m.solve("flow_io_model_ghosh_solve", ref["v"])[active], ref["x"][active], rtol=1e-12)
    np.testing.assert_allclose(m.multipliers()[:, 0], ref["L"].sum(0), rtol=1e-12)
    np.testing.assert_allclose(m.multipliers()[:, 1],
                               np.divide(ref["v"], ref["x"], out=np.zeros(n), where=active) @ ref["L"],
                               rtol=1e-12, atol=1e-12)
    for kind, raw in {BACKWARD_DIRECT: ref["a"].sum(0), FORWARD_DIRECT: ref["b"].sum(1),
                      BACKWARD_TOTAL: ref["L"].sum(0)}.items():
        np.testing.assert_allclose(m.linkages(kind), raw, rtol=1e-12)
        np.testing.assert_allclose(m.linkages(kind, 1), n * raw / raw.sum(), rtol=1e-12)
    fwd = m.linkages(FORWARD_TOTAL)
    np.testing.assert_allclose(fwd[active], ref["G"].sum(1)[active], rtol=1e-12)
    b, f, t = m.sweep()
    for j in sweep_sample if sweep_sample is not None else range(n):
        bb, ff, tt = brute_extraction(ref, j)
        scale = ref["x"].sum()
        assert abs(b[j] - bb) <= 1e-8 * scale
        assert abs(f[j] - ff) <= 1e-8 * scale
        assert abs(t[j] - tt) <= 1e-8 * scale
    return m, ref


def test_bea_71_industries(io, shared_data):
    use = list(csv.reader(open(shared_data / "bea-us-io-2021" / "use_71.csv", encoding="utf-8-sig")))
    make = list(csv.reader(open(shared_data / "bea-us-io-2021" / "make_71.csv", encoding="utf-8-sig")))
    header = use[0]
    n = 71
    fd_cols = [i for i, c in enumerate(header) if c.startswith("F")]
    z = np.array([[number(v) for v in row[1:n + 1]] for row in use[1:n + 1]])
    y = np.array([[number(row[i]) for i in fd_cols] for row in use[1:n + 1]])
    supply = next(row for row in make if row[0] == "Total industry supply")
    x = np.array([number(v) for v in supply[1:n + 1]])
    # x from the make table also appears as the use table's output row
    out_row = next(row for row in use if row[0].startswith("Total industry output"))
    np.testing.assert_allclose(x, [number(v) for v in out_row[1:n + 1]])
    compare_everything(io, z, y, x=x)


def test_abs_114_industries(io, shared_data):
    folder = shared_data / "abs-aus-io-2020-21"
    rows = list(csv.reader(open(folder / "use_114_aus.csv", encoding="utf-8-sig")))
    z = np.array([[number(v) for v in row[:114]] for row in rows[1:115]])
    make = list(csv.reader(open(folder / "make_114_aus.csv", encoding="utf-8-sig")))
    total = make[0].index("total")
    x = np.array([number(row[total]) for row in make[1:115]])
    assert z.shape == (114, 114) and (x > 0).all()
    # no final-demand block in these files: the net final demand x - Z 1 makes the table balance
    m, ref = compare_everything(io, z, (x - z.sum(1))[:, None], sweep_sample=range(0, 114, 7))
    np.testing.assert_allclose(m.vector("output"), x, rtol=1e-12)


WIOD = ["CHN", "RUS", "USA", "DEU", "IND", "JPN", "KOR", "TWN"]


@pytest.mark.parametrize("country", WIOD)
def test_wiod_national_tables_2014(io, shared_data, country):
    path = shared_data / "wiod-niot-2016" / f"{country}_NIOT_nov16.csv"
    if not path.exists():
        pytest.skip(f"{path.name} absent")
    rows = list(csv.reader(open(path, encoding="utf-8-sig"), delimiter=";"))
    header = rows[0]
    first, last = header.index("A01"), header.index("U")
    fd = [header.index(c) for c in ("CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN", "EXP")]
    go = header.index("GO")
    dom = [r for r in rows[2:] if r and r[0] == "2014" and r[3] == "Domestic"]
    assert len(dom) == 56
    z = np.array([[number(v) for v in r[first:last + 1]] for r in dom])
    y = np.array([[number(r[i]) for i in fd] for r in dom])
    x = np.array([number(r[go]) for r in dom])
    m, ref = compare_everything(io, z, y, x=x, sweep_sample=range(0, 56, 5))
    d = ctypes.c_void_p()
    m.check(io.flow_io_diagnostics(ctypes.byref(d), m.h, 1e-3))
    zero = list(np.flatnonzero(diag_rows(io, d)[1][:, 3]))
    assert zero == list(np.flatnonzero(x == 0))
    rows = z.sum(1) + y.sum(1)
    scale = np.maximum(np.abs(x), np.abs(rows))
    gap = np.divide(np.abs(x - rows), scale, out=np.zeros(56), where=scale > 0)
    assert diag(io, d, "output_mismatch") == pytest.approx(gap.max(), rel=1e-9, abs=1e-15)
    assert diag(io, d, "output_mismatch_count") == (gap > 1e-3).sum()
    assert diag(io, d, "max_column_sum") == pytest.approx(ref["a"].sum(0).max(), rel=1e-12)
    io.flow_table_free(d)


def read_pymrio(folder):
    def table(name, skip_rows, skip_cols):
        lines = [ln.rstrip("\n").split("\t") for ln in open(folder / name, encoding="utf-8")]
        return np.array([[float(v) for v in ln[skip_cols:]] for ln in lines[skip_rows:] if ln and ln[0]])
    z = table("trade_flows_Z.txt", 2, 3)
    y = table("finald_demand_Y.txt", 2, 3)
    v = table("factor_input.txt", 2, 2)[0]
    emissions = table("emissions.txt", 2, 3)
    return z, y, v, emissions


def test_pymrio_multi_regional(io, shared_data):
    folder = shared_data / "pymrio-test-mrio" / "original"
    z, y, v, emissions = read_pymrio(folder)
    assert z.shape == (48, 48) and y.shape == (48, 42) and emissions.shape == (2, 48)
    R, S = 6, 8
    compare_everything(io, z, y, sweep_sample=range(0, 48, 3))
    # the made-up test system does not balance: its value-added row is given, not derived
    ref = reference(z, y)
    m = Model(io, z, y, v=v)
    m.set_regions(R)
    np.testing.assert_allclose(m.vector("value_added"), v, rtol=1e-15)
    region = np.arange(48) // S
    owner = np.arange(42) // 7
    same = region[:, None] == region[None, :]
    # value added absorbed: region x region, sums to total value added
    x = ref["x"]
    va_coef = v / x
    embodied = np.diag(va_coef) @ ref["L"] @ y
    expected = np.array([[embodied[region == r][:, owner == s].sum() for s in range(R)] for r in range(R)])
    va = m.origin(0)
    np.testing.assert_allclose(va, expected, rtol=1e-12)
    assert va.sum() == pytest.approx(v.sum(), rel=1e-10)  # all value added is absorbed somewhere
    shares = m.origin(1)
    np.testing.assert_allclose(shares, expected / expected.sum(0), rtol=1e-12)
    # emissions: consumption-based vs production-based footprints
    f = np.ascontiguousarray(emissions[0])
    feet = m.table("flow_io_footprints", ptr(f))
    cons, prod = feet[:, 0], feet[:, 1]
    per_col = (f / x) @ ref["L"] @ y
    np.testing.assert_allclose(cons, [per_col[owner == r].sum() for r in range(R)], rtol=1e-12)
    np.testing.assert_allclose(prod, [f[region == r].sum() for r in range(R)], rtol=1e-12)
    # bilateral trade and the local/foreign split of total backward linkages
    trade = m.trade()
    t_ref = np.array([[z[region == r][:, region == s].sum() + y[region == r][:, owner == s].sum()
                       for s in range(R)] for r in range(R)])
    np.fill_diagonal(t_ref, 0)
    np.testing.assert_allclose(trade, t_ref, rtol=1e-12)
    local, foreign = m.split(BACKWARD_TOTAL)
    np.testing.assert_allclose(local, (ref["L"] * same).sum(0), rtol=1e-12)
    # the library's foreign part is total - local: cancellation, hence looser
    np.testing.assert_allclose(foreign, (ref["L"] * ~same).sum(0), rtol=1e-10)
    # extraction of region 0 from all others (intermediate and final demand links)
    cut = same | ((region[:, None] != 0) & (region[None, :] != 0))
    a_cut = ref["a"] * cut
    y_cut = (y * ((region[:, None] == owner[None, :]) | ((region[:, None] != 0) & (owner[None, :] != 0)))).sum(1)
    np.testing.assert_allclose(m.extract_links([0], [1, 2, 3, 4, 5], 1.0, 4),
                               np.linalg.solve(np.eye(48) - a_cut, y_cut), rtol=1e-12)
