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


def _matrix(table, labels):
    """The REGION/SECTOR x REGION/SECTOR matrix of a table printed by region and sector."""
    assert [f'{r["region"]}/{r["sector"]}' for r in table] == labels
    return np.array([[float(r[c]) for c in labels] for r in table])


def test_field_of_influence_is_outer_product_of_inverse(flowtool):
    regions, region, z, y, vc, lmat = _model()
    sectors = demo_table()[0]
    labels = [f"{r}/{s}" for r, s in sectors]
    out = sections(run(flowtool, "vatrade", str(DATA / "io_demo.csv"), "--format", "json",
                       "--field-of-influence", "CHN/MAN,RUS/MAN"))
    field = _matrix(find(out, "Field of influence of a(CHN/MAN,RUS/MAN)"), labels)
    i, j = labels.index("CHN/MAN"), labels.index("RUS/MAN")
    np.testing.assert_allclose(field, np.outer(lmat[:, i], lmat[j, :]), rtol=1e-10)
    # and it is the derivative of L: a central difference in a_ij by re-inversion
    a, h = np.eye(len(vc)) - np.linalg.inv(lmat), 1e-5
    step = np.zeros_like(a)
    step[i, j] = h
    shifted = [np.linalg.inv(np.eye(len(vc)) - a - s) for s in (step, -step)]
    np.testing.assert_allclose((shifted[0] - shifted[1]) / (2 * h), field, rtol=1e-6, atol=1e-9)


def test_multiplier_product_matrix_and_key_coefficients(flowtool):
    regions, region, z, y, vc, lmat = _model()
    sectors = demo_table()[0]
    labels = [f"{r}/{s}" for r, s in sectors]
    out = sections(run(flowtool, "vatrade", str(DATA / "io_demo.csv"), "--format", "json",
                       "--multiplier-product", "--top", "7"))
    mpm = _matrix(find(out, "Multiplier product matrix"), labels)
    ones = np.ones(len(vc))
    expected = np.outer(lmat @ ones, ones @ lmat) / (ones @ lmat @ ones)
    np.testing.assert_allclose(mpm, expected, rtol=1e-12)
    # the field of influence of a_ij totals V MPM_ji: rank the coefficients by it
    totals = {(labels[i], labels[j]): lmat[:, i].sum() * lmat[j, :].sum() / lmat.sum()
              for i in range(len(labels)) for j in range(len(labels))}
    ranked = sorted(totals, key=totals.get, reverse=True)[:7]
    key = find(out, "Coefficients with the largest fields of influence")
    assert [(r["from"], r["to"]) for r in key] == ranked
    np.testing.assert_allclose([float(r["mpm"]) for r in key], [totals[k] for k in ranked],
                               rtol=1e-12)
