"""flowtool io --mrio on the MRIO fixtures of tests/data/mrio: the regional
footprints it prints (CSV output) against numpy on the same file read with
the csv module, aggregation through concordance files, and error messages."""
import csv
import subprocess

import numpy as np
import pytest

from flowtool_csv import ROOT, find, flowtool_or_skip, run, sections

MRIO = ROOT / "tests" / "data" / "mrio"


@pytest.fixture(scope="module")
def flowtool():
    return flowtool_or_skip()


def icio_by_csv(path):
    rows = list(csv.reader(open(path)))
    cols = rows[0][1:]
    body = {r[0]: np.array([float(v) for v in r[1:]]) for r in rows[1:]}
    industries = [c for c in cols if c in body and c != "OUT"]
    n = len(industries)
    fd = [c for c in cols[n:] if c != "OUT"]
    z = np.array([body[i][:n] for i in industries])
    y = np.array([body[i][n:n + len(fd)] for i in industries])
    inputs = np.array([body["TLS"][:n], body["VA"][:n]])
    inputs_fd = np.array([body["TLS"][n:n + len(fd)], body["VA"][n:n + len(fd)]])
    return industries, fd, z, y, inputs, inputs_fd


def test_footprints_match_numpy(flowtool):
    path = MRIO / "icio2023_small.csv"
    industries, fd, z, y, f, f_y = icio_by_csv(path)
    regions = list(dict.fromkeys(i.split("_", 1)[0] for i in industries))
    n, nreg = len(industries), len(regions)
    x = z.sum(1) + y.sum(1)
    L = np.linalg.inv(np.eye(n) - z / x)
    owner = [regions.index(c.split("_", 1)[0]) for c in fd]
    y_reg = np.stack([y[:, [c for c in range(len(fd)) if owner[c] == r]].sum(1)
                      for r in range(nreg)], axis=1)
    fy_reg = np.stack([f_y[:, [c for c in range(len(fd)) if owner[c] == r]].sum(1)
                       for r in range(nreg)], axis=1)
    m = (f / x) @ L
    d_cba = m @ y_reg + fy_reg
    out = run(flowtool, "io", "--mrio", "icio", path, "--footprints", "factor_inputs",
              "--format", "json")
    table = find(sections(out), "factor_inputs: D_cba_reg")
    got = np.array([[float(row[r]) for r in regions] for row in table])
    np.testing.assert_allclose(got, d_cba, rtol=1e-12)
    pba = find(sections(out), "factor_inputs: D_pba_reg")
    region_of = np.array([regions.index(i.split("_", 1)[0]) for i in industries])
    d_pba = np.stack([f[:, region_of == r].sum(1) for r in range(nreg)], axis=1) + fy_reg
    np.testing.assert_allclose([[float(row[r]) for r in regions] for row in pba], d_pba, rtol=1e-12)


def test_aggregated_and_compressed(flowtool, tmp_path):
    regions = tmp_path / "regions.csv"
    regions.write_text("region,group\nDEU,EU\nUSA,G7\n*,OTHER\n")
    out = run(flowtool, "io", "--mrio", "icio", MRIO / "icio2023_small.csv.gz", "--regions",
              regions, "--sectors", MRIO / "icio2023_sector_groups.csv", "--format", "json")
    trade = find(sections(out), "Bilateral gross trade")
    assert [row[""] if "" in row else list(row.values())[0] for row in trade] == ["OTHER", "EU", "G7"]
    exio = run(flowtool, "io", "--mrio", "exiobase", MRIO / "IOT_2022_ixi.zip", "--footprints",
               "satellite", "--format", "json")
    assert find(sections(exio), "satellite: D_imp_reg")


def test_errors_name_the_file(flowtool, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(",AUS_A01,AUS_C19,AUS_HFCE\nAUS_A01,1,2,3\nAUS_C19,1,x,3\n")
    done = subprocess.run([str(flowtool), "io", "--mrio", "icio", str(bad)], capture_output=True,
                          text=True)
    assert done.returncode == 1
    assert "bad.csv: line 3, column \"AUS_C19\": 'x'" in done.stderr
    done = subprocess.run([str(flowtool), "io", "--mrio", "wiod", str(bad)], capture_output=True,
                          text=True)
    assert done.returncode == 1 and "unknown MRIO format" in done.stderr


def test_sector_cut_example(flowtool):
    path = MRIO / "icio2023_small.csv"
    industries, fd, z, y, _, _ = icio_by_csv(path)
    x = z.sum(1) + y.sum(1)
    rows = [i for i, code in enumerate(industries) if code in ("RUS_B05_06", "RUS_C19")]
    buyers = [j for j, code in enumerate(industries) if code.split("_")[0] in ("DEU", "USA")]
    fd_buyers = [c for c, code in enumerate(fd) if code.split("_")[0] in ("DEU", "USA")]
    direct = sum(z[i, buyers].sum() + y[i, fd_buyers].sum() for i in rows)
    out = run(flowtool, "io", "--mrio", "icio", path, "--sector-cut",
              ROOT / "data" / "scenarios" / "eu_g7_russian_energy.txt", "--format", "json")
    table = {row["region"]: row for row in find(sections(out), "Sector cut eu_g7_russian_energy")}
    assert float(table["RUS"]["direct cut"]) == pytest.approx(direct, rel=1e-12)
    assert all(float(table[r]["direct cut"]) == 0 for r in ("CHN", "DEU", "USA", "ROW"))
    top = find(sections(out), "Sector cut: most inoperable")
    assert {top[0]["sector"], top[1]["sector"]} == {"RUS/B05_06", "RUS/C19"}


def test_shock_runs_the_embargo_on_an_mrio(flowtool):
    """flowtool shock --mrio: the shipped embargo through the ordinary scenario path."""
    path = MRIO / "icio2023_small.csv"
    industries, fd, z, y, _, _ = icio_by_csv(path)
    rows = [i for i, code in enumerate(industries) if code in ("RUS_B05_06", "RUS_C19")]
    buyers = [j for j, code in enumerate(industries) if code.split("_")[0] in ("DEU", "USA")]
    fd_buyers = [c for c, code in enumerate(fd) if code.split("_")[0] in ("DEU", "USA")]
    direct = sum(z[i, buyers].sum() + y[i, fd_buyers].sum() for i in rows)
    scenario = ROOT / "data" / "scenarios" / "eu_g7_russian_energy.txt"
    out = run(flowtool, "shock", "--mrio", "icio", "--scenario", scenario, path,
              "--format", "json")
    table = {row["region"]: row for row in find(sections(out), "Sector cut eu_g7_russian_energy")}
    assert float(table["RUS"]["direct cut"]) == pytest.approx(direct, rel=1e-12)
    assert all(float(table[r]["direct cut"]) == 0 for r in ("CHN", "DEU", "USA", "ROW"))
    same = run(flowtool, "io", "--mrio", "icio", path, "--sector-cut", scenario,
               "--format", "json")
    assert find(sections(out), "Sector cut eu_g7_russian_energy") == \
        find(sections(same), "Sector cut eu_g7_russian_energy")
    # Flags: a region-pair cut of C19 only on layer '*'.
    out = run(flowtool, "shock", "--mrio", "icio", "--sanctioning", "DEU", "--target", "RUS",
              "--direction", "imports", "--cut", "*:C19=1", path, "--format", "json")
    table = {row["region"]: row for row in find(sections(out), "Sector cut")}
    c19 = industries.index("RUS_C19")
    deu = [j for j, code in enumerate(industries) if code.startswith("DEU_")]
    deu_fd = [c for c, code in enumerate(fd) if code.startswith("DEU_")]
    assert float(table["RUS"]["direct cut"]) == pytest.approx(
        z[c19, deu].sum() + y[c19, deu_fd].sum(), rel=1e-12)
    done = subprocess.run([str(flowtool), "shock", "--mrio", "icio", "--sanctioning", "DEU",
                           "--target", "RUS", "--cut", "energy=1", str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 1 and "names a layer" in done.stderr


def test_icio_45_sectors_into_a10(flowtool):
    """flowtool io --mrio icio --sectors: the shipped 45 -> 10 concordance."""
    path = MRIO / "icio2023_45sectors.csv.gz"
    done = subprocess.run([str(flowtool), "io", "--mrio", "icio", str(path), "--sectors",
                           str(ROOT / "data" / "concordances" / "icio2023_a10.csv")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "aggregated from 2 regions x 45 sectors to 2 x 10" in done.stderr
