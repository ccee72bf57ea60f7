"""MRIO databases through libflow.read_mrio, checked against pandas/numpy.

The files are parsed here independently with pandas.read_csv, and the
footprints recomputed with numpy the way pymrio defines them (explicit
inverses, n x n Ydiag and x_diag), then compared entry by entry with what
the library returns.
"""
import numpy as np
import pandas as pd
import pytest

import libflow

DATA = None


@pytest.fixture(scope="module")
def fixtures(root):
    return root / "tests" / "data" / "mrio"


def pymrio_reference(z, y, f, f_y, regions, sectors):
    """pymrio's calc_x, calc_A, calc_L, calc_S, calc_M, calc_M_down and calc_accounts in numpy."""
    n = z.shape[0]
    nreg, nsec = len(regions), len(sectors)
    x = z.sum(1) + y.sum(1)
    recix = np.where(x != 0, 1 / np.where(x != 0, x, 1), 0)
    a = z * recix[None, :]
    b = z * recix[:, None]
    eye = np.eye(n)
    L = np.linalg.inv(eye - a)
    G = np.linalg.inv(eye - b)
    s = f * recix[None, :]
    out = {"S": s, "M": s @ L, "M_down": s @ (G - eye)}
    k_per = y.shape[1] // nreg
    y_agg = np.stack([y[:, r * k_per:(r + 1) * k_per].sum(1) for r in range(nreg)], axis=1)
    y_diag = np.zeros((n, n))
    for r in range(nreg):
        for i in range(n):
            y_diag[i, r * nsec + i % nsec] = y_agg[i, r]
    x_diag = L @ y_diag
    x_tot = x_diag.sum(1)
    out["D_cba"] = s @ x_diag
    out["D_pba"] = s * x_tot[None, :]
    x_trade = x_diag.copy()
    for r in range(nreg):
        x_trade[r * nsec:(r + 1) * nsec, r * nsec:(r + 1) * nsec] = 0
    out["D_imp"] = s @ x_trade
    out["D_exp"] = s * x_trade.sum(1)[None, :]
    fy_reg = np.zeros((f.shape[0], nreg))
    if f_y is not None:
        for r in range(nreg):
            fy_reg[:, r] = f_y[:, r * k_per:(r + 1) * k_per].sum(1)
    for name in ("D_cba", "D_pba", "D_imp", "D_exp"):
        summed = out[name].reshape(f.shape[0], nreg, nsec).sum(2)
        out[name + "_reg"] = summed + (fy_reg if name in ("D_cba", "D_pba") else 0)
    return out, L


@pytest.fixture(scope="module")
def test_mrio(shared_data):
    folder = shared_data / "pymrio-test-mrio" / "original"
    if not folder.is_dir():
        pytest.skip("pymrio test MRIO absent")
    read = lambda name, index: pd.read_csv(folder / name, sep="\t", index_col=index, header=[0, 1])
    return folder, {
        "Z": read("trade_flows_Z.txt", [0, 1, 2]),
        "Y": read("finald_demand_Y.txt", [0, 1, 2]),
        "F": read("emissions.txt", [0, 1, 2]),
        "F_Y": read("FDemissions.txt", [0, 1, 2]),
    }


def test_pymrio_test_mrio_blocks(test_mrio):
    folder, ref = test_mrio
    mrio = libflow.read_mrio(folder, format="pymrio")
    assert mrio.extensions == sorted(mrio.extensions, key=["emissions", "factor_input"].index)
    np.testing.assert_array_equal(mrio.Z.to_numpy(), ref["Z"].to_numpy())
    np.testing.assert_array_equal(mrio.Y.to_numpy(), ref["Y"].to_numpy())
    assert list(mrio.Z.index.get_level_values(0)[:9]) == ["reg1"] * 8 + ["reg2"]
    f, f_y = mrio.extension("emissions")
    np.testing.assert_array_equal(f.to_numpy(), ref["F"].to_numpy())
    np.testing.assert_array_equal(f_y.to_numpy(), ref["F_Y"].to_numpy())
    assert mrio.rows_read == mrio.rows_accepted == 48 * 2 + 2 + 2 + 1


def test_pymrio_accounts_match_numpy(test_mrio):
    folder, ref = test_mrio
    mrio = libflow.read_mrio(folder, format="pymrio")
    regions = list(dict.fromkeys(ref["Z"].index.get_level_values(0)))
    sectors = list(dict.fromkeys(ref["Z"].index.get_level_values(1)))
    expected, _ = pymrio_reference(ref["Z"].to_numpy(), ref["Y"].to_numpy(),
                                   ref["F"].to_numpy(), ref["F_Y"].to_numpy(), regions, sectors)
    got = mrio.accounts("emissions")
    for name, want in expected.items():
        frame = got[name]
        assert frame.shape == want.shape, name
        assert list(frame.index.get_level_values(-1)) == ["emission_type1", "emission_type2"]
        scale = np.abs(want).max()
        np.testing.assert_allclose(frame.to_numpy(), want, rtol=1e-9, atol=1e-12 * scale,
                                   err_msg=name)
    assert list(got["D_cba_reg"].columns) == regions
    # Identities pymrio's accounts satisfy: total footprint = total production (+ F_Y both).
    cba, pba = got["D_cba_reg"].to_numpy().sum(1), got["D_pba_reg"].to_numpy().sum(1)
    np.testing.assert_allclose(cba, pba, rtol=1e-10)


def test_type_ii_multipliers_match_closed_inverse(test_mrio):
    folder, ref = test_mrio
    mrio = libflow.read_mrio(folder, format="pymrio")
    z, y = ref["Z"].to_numpy(), ref["Y"].to_numpy()
    n, nreg = z.shape[0], 6
    x = z.sum(1) + y.sum(1)
    w = x - z.sum(0)  # no factor_inputs extension in this folder: value added as income
    hh = "Final consumption expenditure by households"
    cats = list(ref["Y"].columns.get_level_values(1))
    closed = np.zeros((n + nreg, n + nreg))
    closed[:n, :n] = z / x[None, :]
    for r in range(nreg):
        members = slice(r * 8, (r + 1) * 8)
        col = [c for c in range(y.shape[1]) if cats[c] == hh and c // 7 == r][0]
        closed[:n, n + r] = y[:, col] / w[members].sum()
        closed[n + r, members] = w[members] / x[members]
    inverse = np.linalg.inv(np.eye(n + nreg) - closed)
    table = mrio.type_ii_multipliers(hh)
    np.testing.assert_allclose(table["type_ii"].to_numpy(), inverse[:n, :n].sum(0), rtol=1e-10)
    L = np.linalg.inv(np.eye(n) - closed[:n, :n])
    np.testing.assert_allclose(table["type_i"].to_numpy(), L.sum(0), rtol=1e-10)
    assert (table["ratio"] > 1).all()


def merged_icio(path, keep=()):
    """ICIO CSV by pandas: splits summed into CHN/MEX, blocks by label kind."""
    frame = pd.read_csv(path, index_col=0)
    alias = lambda code: {"CN1": "CHN", "CN2": "CHN", "MX1": "MEX", "MX2": "MEX"}.get(code, code)
    industries = [c for c in frame.columns if c in frame.index and c != "OUT"]
    region = lambda label: alias(label.split("_", 1)[0])
    key = lambda label: region(label) + "_" + label.split("_", 1)[1]
    z = frame.loc[industries, industries].T.groupby(key, sort=False).sum().T.groupby(key, sort=False).sum()
    fd = [c for c in frame.columns if c not in industries and c != "OUT"]
    y = frame.loc[industries, fd].groupby(key, sort=False).sum()
    inputs = frame.loc[["TLS", "VA"], industries].T.groupby(key, sort=False).sum().T
    return z, y, inputs, frame


@pytest.mark.parametrize("name", ["icio2021_extended.csv", "icio2023_small.csv",
                                  "icio2023_small.csv.gz"])
def test_icio_against_pandas(fixtures, name):
    z, y, inputs, frame = merged_icio(fixtures / name)
    mrio = libflow.read_mrio(fixtures / name, format="icio")
    got_z = mrio.Z
    labels = [r + "_" + s for r, s in got_z.index]
    np.testing.assert_allclose(got_z.to_numpy(), z.loc[labels, labels].to_numpy(), rtol=1e-14)
    np.testing.assert_allclose(mrio.Y.to_numpy(), y.loc[labels].to_numpy(), rtol=1e-14)
    f, f_y = mrio.extension("factor_inputs")
    np.testing.assert_allclose(f.to_numpy(), inputs[labels].to_numpy(), rtol=1e-14)
    assert list(f.index) == ["TLS", "VA"]
    out = mrio.output
    np.testing.assert_allclose(out["given"], out["row_sums"], rtol=1e-12)
    np.testing.assert_allclose(out["given_inputs"], out["col_sums"], rtol=1e-12)
    assert mrio.rows_read == len(frame)
    # Every category of every region, owned by its region.
    assert set(mrio.Y.columns.get_level_values(1)) == {"HFCE", "NPISH", "GGFC", "GFCF", "INVNT",
                                                      "DPABR"}


def test_icio_keeps_splits_on_request(fixtures):
    mrio = libflow.read_mrio(fixtures / "icio2021_extended.csv", format="icio", keep_splits=True)
    regions = list(dict.fromkeys(mrio.Z.index.get_level_values(0)))
    assert regions == ["AUS", "CHN", "MEX", "RUS", "ROW", "CN1", "CN2", "MX1", "MX2"]
    frame = pd.read_csv(fixtures / "icio2021_extended.csv", index_col=0)
    assert mrio.Z.loc[("CN1", "19"), ("RUS", "05T06")] == frame.loc["CN1_19", "RUS_05T06"]


def test_figaro_and_exiobase_against_pandas(fixtures):
    frame = pd.read_csv(fixtures / "figaro_ind_by_ind.csv", index_col=0)
    mrio = libflow.read_mrio(fixtures / "figaro_ind_by_ind.csv", format="figaro")
    labels = [r + "_" + s for r, s in mrio.Z.index]
    np.testing.assert_array_equal(mrio.Z.to_numpy(), frame.loc[labels, labels].to_numpy())
    fd = [r + "_" + c for r, c in mrio.Y.columns]
    np.testing.assert_array_equal(mrio.Y.to_numpy(), frame.loc[labels, fd].to_numpy())
    f, _ = mrio.extension("factor_inputs")
    assert list(f.index)[0] == "W2_D21X31"
    folder = fixtures / "IOT_2022_ixi"
    z = pd.read_csv(folder / "Z.txt", sep="\t", index_col=[0, 1], header=[0, 1], skiprows=[2])
    y = pd.read_csv(folder / "Y.txt", sep="\t", index_col=[0, 1], header=[0, 1], skiprows=[2])
    fs = pd.read_csv(folder / "satellite" / "F.txt", sep="\t", index_col=0, header=[0, 1],
                     skiprows=[2])
    for path in (folder, fixtures / "IOT_2022_ixi.zip"):
        exio = libflow.read_mrio(path, format="exiobase")
        np.testing.assert_array_equal(exio.Z.to_numpy(), z.to_numpy())
        np.testing.assert_array_equal(exio.Y.to_numpy(), y.to_numpy())
        np.testing.assert_array_equal(exio.extension("satellite")[0].to_numpy(), fs.to_numpy())
        m = exio.account("satellite", "M")
        L = np.linalg.inv(np.eye(16) - exio.A.to_numpy())
        x = exio.output["x"].to_numpy()
        np.testing.assert_allclose(m.to_numpy(), (fs.to_numpy() / x) @ L, rtol=1e-10)


def test_errors_name_the_file(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(",AUS_A01,AUS_C19,AUS_HFCE\nAUS_A01,1,2,3\nAUS_C19,1,x,3\n")
    with pytest.raises(libflow.FlowValueError, match=r"bad.csv: line 3, column \"AUS_C19\": 'x'"):
        libflow.read_mrio(bad, format="icio")
    with pytest.raises(libflow.InvalidArgumentError, match="unknown MRIO format"):
        libflow.read_mrio(bad, format="wiod")
    with pytest.raises(libflow.NotFoundError, match="no Z.txt"):
        libflow.read_mrio(tmp_path, format="exiobase")


def test_aggregation_matches_pandas_groupby(fixtures):
    path = fixtures / "icio2023_small.csv"
    mrio = libflow.read_mrio(path, format="icio")
    regions = {"DEU": "EU", "USA": "G7", "*": "OTHER"}
    agg = mrio.aggregate(regions=regions, sectors=fixtures / "icio2023_sector_groups.csv")
    from_csv = mrio.aggregate(sectors=fixtures / "icio2023_sector_groups.csv")
    assert list(dict.fromkeys(from_csv.Z.index.get_level_values(1))) == ["agriculture", "energy"]
    sector_group = dict(pd.read_csv(fixtures / "icio2023_sector_groups.csv").values)
    region_group = lambda r: regions.get(r, regions["*"])
    key = lambda pair: region_group(pair[0]) + "|" + sector_group[pair[1]]
    ykey = lambda pair: region_group(pair[0]) + "|" + pair[1]
    joined = lambda index: ["|".join(p) for p in index]

    def grouped(frame, rows, cols):
        out = frame.groupby(np.array([rows(p) for p in frame.index])).sum()
        return out.T.groupby(np.array([cols(p) for p in frame.columns])).sum().T

    got = agg.Z
    assert list(dict.fromkeys(got.index.get_level_values(0))) == ["OTHER", "EU", "G7"]
    want = grouped(mrio.Z, key, key)
    np.testing.assert_allclose(got.to_numpy(),
                               want.loc[joined(got.index), joined(got.columns)].to_numpy(),
                               rtol=1e-13)
    want_y = grouped(mrio.Y, key, ykey)
    np.testing.assert_allclose(agg.Y.to_numpy(),
                               want_y.loc[joined(agg.Y.index), joined(agg.Y.columns)].to_numpy(),
                               rtol=1e-13)
    f, f_y = mrio.extension("factor_inputs")
    af, af_y = agg.extension("factor_inputs")
    want_f = f.T.groupby(np.array([key(p) for p in f.columns])).sum().T
    np.testing.assert_allclose(af.to_numpy(), want_f[joined(af.columns)].to_numpy(), rtol=1e-13)
    assert af_y.shape == (2, 3 * 6)
    np.testing.assert_allclose(af_y.to_numpy().sum(), f_y.to_numpy().sum(), rtol=1e-13)
    out = agg.output
    np.testing.assert_allclose(out["given"], out["row_sums"], rtol=1e-12)
    with pytest.raises(libflow.UnknownLabelError, match="region 'FRA' is not in the table"):
        mrio.aggregate(regions={"FRA": "EU"})


def test_sector_cut_example_matches_numpy(root, fixtures):
    """The shipped embargo (EU and G7 stop buying Russian B05_06 and C19) on
    the ICIO 2023 fixture, against the lenses computed with numpy."""
    mrio = libflow.read_mrio(fixtures / "icio2023_small.csv", format="icio")
    cut = libflow.Scenario.read(root / "data" / "scenarios" / "eu_g7_russian_energy.txt")
    assert cut.name == "eu_g7_russian_energy" and cut.sector_cuts == 1
    got = cut.run_io(mrio)
    assert got.attrs["skipped"] == 26 + 5  # EU and G7 members the fixture lacks
    z, y = mrio.Z.to_numpy(), mrio.Y.to_numpy()
    rows, fd = list(mrio.Z.index), list(mrio.Y.columns)
    n = len(rows)
    x = z.sum(1) + y.sum(1)
    a = z / x
    cut_rows = [i for i, (r, s) in enumerate(rows) if r == "RUS" and s in ("B05_06", "C19")]
    buyers = {"DEU", "USA"}
    phi = np.zeros((n, n))
    for i in cut_rows:
        phi[i, [j for j, (r, _) in enumerate(rows) if r in buyers]] = 1.0
    da = a * phi
    lost_y = np.zeros(n)
    for i in cut_rows:
        lost_y[i] = y[i, [c for c, (r, _) in enumerate(fd) if r in buyers]].sum()
    d = da @ x + lost_y
    a_cut = a - da
    dx = np.linalg.solve(np.eye(n) - a_cut, d)
    dxs = x * np.linalg.solve((np.eye(n) - a_cut).T, da.sum(0))
    np.testing.assert_allclose(got["cut"], d, rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(got["demand_loss"], dx, rtol=1e-10, atol=1e-9)
    np.testing.assert_allclose(got["supply_loss"], dxs, rtol=1e-10, atol=1e-9)
    np.testing.assert_allclose(got["inoperability"], np.clip(dx / x, 0, 1), rtol=1e-10, atol=1e-15)
    # Only Russia's energy rows lose sales directly; its other products do not.
    direct = got["cut"]
    assert (direct[[("RUS", "B05_06"), ("RUS", "C19")]] > 0).all()
    assert (direct.drop([("RUS", "B05_06"), ("RUS", "C19")]) == 0).all()
    # The same cut built with setters, final demand left alone.
    setters = libflow.Scenario("intermediate only", groups={"buyers": ["DEU", "USA"]})
    setters.add_sector_group("energy", ["B05_06", "C19"])
    setters.add_sector_cut("RUS", "energy", "buyers", 1.0, channels="intermediate")
    only_a = setters.run_io(mrio.model)
    np.testing.assert_allclose(only_a["cut"], da @ x, rtol=1e-12, atol=1e-9)
    with pytest.raises(libflow.UnknownLabelError, match="'XXX' is neither a region"):
        libflow.Scenario().add_sector_cut("XXX", "C19", "DEU").run_io(mrio)
    with pytest.raises(libflow.ParseError, match="line 2: 1.5 is outside"):
        libflow.Scenario.parse("name x\ncut RUS C19 DEU 1.5\n", "bad.txt")


PARALLEL_CHECK = r"""
import gzip, sys
sys.path.insert(0, sys.argv[1])
import numpy as np
import libflow
plain, gz, bad, z_out = sys.argv[2:6]
a = libflow.read_mrio(plain, format="icio")
np.save(z_out, a.Z.to_numpy())
b = libflow.read_mrio(gz, format="icio")  # gzip: always one thread
assert a.rows_read == b.rows_read == a.rows_accepted, (a.rows_read, b.rows_read)
np.testing.assert_array_equal(a.Z.to_numpy(), b.Z.to_numpy())
np.testing.assert_array_equal(a.Y.to_numpy(), b.Y.to_numpy())
np.testing.assert_array_equal(a.extension("factor_inputs")[0].to_numpy(),
                              b.extension("factor_inputs")[0].to_numpy())
assert list(a.Z.index) == list(b.Z.index)
try:
    libflow.read_mrio(bad, format="icio")
except libflow.FlowValueError as e:
    print(str(e))
"""


def test_parallel_read_equals_serial(tmp_path, root):
    """A file big enough to be parsed in two byte ranges (two BLAS threads)
    gives the same blocks and row counts as its gzip copy (read serially), Z
    equals the file's numbers with China's two halves summed (pandas groupby;
    the rows are scattered into Z on two threads), and a bad cell in the
    second range is reported with its true line."""
    import gzip
    import subprocess
    import sys

    rng = np.random.default_rng(5)
    regions = [f"R{r:02d}" for r in range(22)] + ["CN1", "CN2"]
    sectors = [f"S{s:02d}" for s in range(45)]
    labels = [f"{r}_{s}" for r in regions for s in sectors]
    fd = [f"{r}_HFCE" for r in regions]
    n = len(labels)
    body = np.round(rng.random((n + 1, n + len(fd))) * 1000, 3)
    lines = ["," + ",".join(labels + fd)]
    lines += [lab + "," + ",".join(map(repr, row)) for lab, row in zip(labels + ["VA"], body)]
    text = "\n".join(lines) + "\n"
    assert len(text) > 8 << 20
    plain, gz, bad = tmp_path / "icio.csv", tmp_path / "icio.csv.gz", tmp_path / "bad.csv"
    plain.write_text(text)
    with gzip.open(gz, "wt") as f:
        f.write(text)
    broken = lines[:]
    fields = broken[n - 3].split(",")
    fields[5] = "oops"
    broken[n - 3] = ",".join(fields)
    bad.write_text("\n".join(broken) + "\n")
    env = dict(__import__("os").environ, OPENBLAS_NUM_THREADS="2")
    z_out = tmp_path / "z.npy"
    done = subprocess.run([sys.executable, "-c", PARALLEL_CHECK, str(root / "bindings" / "python"),
                           str(plain), str(gz), str(bad), str(z_out)], capture_output=True,
                          text=True, env=env)
    assert done.returncode == 0, done.stderr
    merged = [lab.replace("CN1_", "CHN_").replace("CN2_", "CHN_") for lab in labels]
    z = pd.DataFrame(body[:n, :n], index=merged, columns=merged)
    z = z.T.groupby(level=0, sort=False).sum().T.groupby(level=0, sort=False).sum()
    np.testing.assert_allclose(np.load(z_out), z.to_numpy(), rtol=1e-15, atol=0)
    assert f"bad.csv: line {n - 2}, column" in done.stdout and "'oops'" in done.stdout, done.stdout


def test_exiobase_mock_gives_the_test_mrio(shared_data, test_mrio):
    """pymrio's EXIOBASE 3 mock ships A and Y only: Z = A diag(x), x from
    (I - A) x = Y 1. Its A is the test MRIO's (pymrio's own assertion), and
    the sums are those listed in the data's PROVENANCE."""
    folder = shared_data / "pymrio-mock-layouts" / "exio3_mock"
    if not folder.is_dir():
        pytest.skip("pymrio mock layouts absent")
    _, ref = test_mrio
    mock = libflow.read_mrio(folder, format="exiobase")
    a = mock.A.to_numpy()
    assert a.sum() == pytest.approx(6.245417284842771, rel=1e-12)
    assert mock.Y.to_numpy().sum() == pytest.approx(3285132732.4211073, rel=1e-12)
    z, y = ref["Z"].to_numpy(), ref["Y"].to_numpy()
    x = z.sum(1) + y.sum(1)
    np.testing.assert_allclose(a, z / x[None, :], rtol=1e-9, atol=1e-15)
    assert list(dict.fromkeys(mock.Z.index.get_level_values(0))) == ["AUS", "BRA", "FIN", "FRA",
                                                                     "KOR", "WWF"]
    f, f_y = mock.extension("satellite")
    assert f.shape == (2, 48) and f_y.shape == (2, 42)
