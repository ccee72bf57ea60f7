"""flowtool vatrade on the demo table: value-added exports, the look-through
dependence of Russia on China and the structural-path accounting, checked
against numpy computed from the CSV file read with the csv module."""
import numpy as np
import pytest

from flowtool_csv import DATA, find, flowtool_or_skip, run, sections
from test_io_cli import demo_table


@pytest.fixture(scope="module")
def flowtool():
    return flowtool_or_skip("io_demo.csv")


def _model():
    sectors, fd_cols, z, y, v = demo_table()
    x = z.sum(1) + y.sum(1)
    regions = list(dict.fromkeys(r for r, _ in sectors))
    region = np.array([regions.index(r) for r, _ in sectors])
    owner = np.array([regions.index(c.split("_")[1]) for c in fd_cols])
    y_dest = np.stack([y[:, owner == s].sum(1) for s in range(len(regions))], axis=1)
    lmat = np.linalg.inv(np.eye(len(x)) - z / x)
    return regions, region, z, y_dest, v / x, lmat


def test_vax_and_gross_exports(flowtool):
    regions, region, z, y, vc, lmat = _model()
    out = sections(run(flowtool, "vatrade", str(DATA / "io_demo.csv"), "--format", "json"))
    table = find(out, "Gross exports in value added (vax, by pair)")
    absorbed = vc[:, None] * (lmat @ y)
    for row in table:
        s, r = regions.index(row["from"]), regions.index(row["to"])
        gross = z[region == s][:, region == r].sum() + y[region == s, r].sum()
        np.testing.assert_allclose(float(row["vax"]), absorbed[region == s, r].sum(), rtol=1e-12)
        np.testing.assert_allclose(float(row["exports"]), gross, rtol=1e-12)
    assert len(table) == len(regions) * (len(regions) - 1)


def test_look_through_and_paths(flowtool):
    regions, region, z, y, vc, lmat = _model()
    out = sections(run(flowtool, "vatrade", str(DATA / "io_demo.csv"), "--format", "json",
                       "--origin", "CHN", "--paths", "5", "--threshold", "1e-5"))
    final = find(out, "Look-through dependence of final demand on CHN (shares)")
    rus = [r for r in final if r["region"] == "RUS"][0]
    w = (vc * (region == regions.index("CHN"))) @ lmat
    r = regions.index("RUS")
    np.testing.assert_allclose(float(rus["fd_look_through"]), w @ y[:, r] / y[:, r].sum(),
                               rtol=1e-12)
    summary = find(out, "Structural path search")[0]
    np.testing.assert_allclose(float(summary["paths_value"]) + float(summary["pruned"]),
                               float(summary["total"]), rtol=1e-12)
    np.testing.assert_allclose(float(summary["total"]), (vc @ lmat @ y.sum(1)), rtol=1e-12)
    assert len(find(out, "Largest structural paths of value added (source > product)")) == 5


def test_coefficient_change_matches_reinversion(flowtool):
    regions, region, z, y, vc, lmat = _model()
    out = sections(run(flowtool, "vatrade", str(DATA / "io_demo.csv"), "--format", "json",
                       "--coefficient", "CHN/MAN,RUS/MAN", "--delta", "0.05"))
    table = find(out, "Gross output when a(CHN/MAN,RUS/MAN) rises by 0.05")
    n = len(vc)
    a = np.eye(n) - np.linalg.inv(lmat)
    a[1, 4] += 0.05  # CHN/MAN is row 1, RUS/MAN column 4
    x_new = np.linalg.solve(np.eye(n) - a, y.sum(1))
    np.testing.assert_allclose([float(r["output_new"]) for r in table], x_new, rtol=1e-10)
