"""flowtool io on the demo table and the demo trade layer, its CSV output
checked against numpy computed from the same CSV files read with the csv
module (never through libflow)."""
import csv

import numpy as np
import pytest

from flowtool_csv import DATA, find, flowtool_or_skip, run, sections


@pytest.fixture(scope="module")
def flowtool():
    return flowtool_or_skip("io_demo.csv")


def demo_table():
    rows = list(csv.reader(open(DATA / "io_demo.csv")))
    header = rows[0][2:]
    body = {(r[0], r[1]): [float(v) for v in r[2:]] for r in rows[1:]}
    sectors = [k for k in body if k[0] not in ("VA", "X")]
    n = len(sectors)
    z = np.array([body[k][:n] for k in sectors])
    y = np.array([body[k][n:] for k in sectors])
    v = np.array(body[("VA", "")][:n])
    return sectors, header[n:], z, y, v


def test_table_report_matches_numpy(flowtool):
    sectors, fd_cols, z, y, v = demo_table()
    n = len(sectors)
    out = run(flowtool, "io", str(DATA / "io_demo.csv"), "--format", "json", "--top", str(n))
    secs = sections(out)
    x = z.sum(1) + y.sum(1)
    a = z / x
    L = np.linalg.inv(np.eye(n) - a)
    G = np.linalg.inv(np.eye(n) - z / x[:, None])
    table = find(secs, "Multipliers")
    assert [r["sector"] for r in table] == [f"{r}/{s}" for r, s in sectors]
    np.testing.assert_allclose([float(r["output multiplier"]) for r in table], L.sum(0), rtol=1e-12)
    np.testing.assert_allclose([float(r["backward (norm)"]) for r in table], n * L.sum(0) / L.sum(), rtol=1e-12)
    np.testing.assert_allclose([float(r["forward (norm)"]) for r in table], n * G.sum(1) / G.sum(), rtol=1e-12)
    # domestic VA share: (v/x)' L over the sector's own region's rows; the
    # all-region sum is 1 for every sector (an identity, not printed)
    regions_of = np.array([r for r, _ in sectors])
    vl = (v / x)[:, None] * L
    np.testing.assert_allclose(vl.sum(0), np.ones(n), rtol=1e-12)
    dva = [vl[regions_of == regions_of[j], j].sum() for j in range(n)]
    np.testing.assert_allclose([float(r["domestic VA share"]) for r in table], dva, rtol=1e-12)
    assert "VA multiplier" not in table[0]
    # extraction ranking: total extraction by brute force
    loss = []
    for j in range(n):
        at = a.copy()
        at[j, :] = 0
        at[:, j] = 0
        at[j, j] = a[j, j]
        loss.append(x.sum() - np.linalg.solve(np.eye(n) - at, y.sum(1)).sum())
    ranking = find(secs, "Hypothetical extraction")
    expected = sorted(range(n), key=lambda j: -loss[j])
    assert [r["sector"] for r in ranking] == [f"{sectors[j][0]}/{sectors[j][1]}" for j in expected]
    np.testing.assert_allclose([float(r["total loss"]) for r in ranking], [loss[j] for j in expected], rtol=1e-10)
    # value-added origin shares: regions in order of appearance, FD_<region> columns
    regions = list(dict.fromkeys(r for r, _ in sectors))
    region = np.array([regions.index(r) for r, _ in sectors])
    owner = np.array([regions.index(c.split("_")[1]) for c in fd_cols])
    emb = np.diag(v / x) @ L @ y
    va = np.array([[emb[region == r][:, owner == s].sum() for s in range(len(regions))]
                   for r in range(len(regions))])
    shares = find(secs, "Share of the value added")
    got = np.array([[float(row[c]) for c in regions] for row in shares])
    np.testing.assert_allclose(got, va / va.sum(0), rtol=1e-12)


def test_country_report_matches_numpy(flowtool):
    gdp = {r["code"]: float(r["gdp_usd_bn_2022"]) * 1000.0
           for r in csv.DictReader(open(DATA / "economies.csv")) if r["gdp_usd_bn_2022"]}
    rows = [r for r in csv.DictReader(open(DATA / "trade.csv"))
            if r["year"] == "2021" and r["origin"] != r["destination"] and float(r["value"]) > 0]
    # The system: economies with flows in the dataset's (ISO alpha-3) order,
    # size = GDP (USD_m, the flows' unit) + imports.
    codes = sorted({c for r in rows for c in (r["origin"], r["destination"])})
    idx = {c: i for i, c in enumerate(codes)}
    n = len(codes)
    flows = np.zeros((n, n))
    for r in rows:
        flows[idx[r["origin"]], idx[r["destination"]]] += float(r["value"])
    received, sent = flows.sum(0), flows.sum(1)
    size = np.array([gdp[c] + received[k] if gdp.get(c, 0) > 0 else sent[k] + received[k]
                     for k, c in enumerate(codes)])
    a = flows / size[None, :]
    L = np.linalg.inv(np.eye(n) - a)
    out = run(flowtool, "io", "--country", "--attributes", str(DATA / "economies.csv"),
              str(DATA / "trade.csv"), "--year", "2021", "--format", "json", "--top", "15")
    pairs = find(sections(out), "Who depends on whom")
    off = L - np.diag(np.diag(L))
    top = np.argsort(-off, axis=None, kind="stable")[:15]
    assert [(r["economy"], r["depends on"]) for r in pairs] == [(codes[p % n], codes[p // n]) for p in top]
    np.testing.assert_allclose([float(r["total l_ij"]) for r in pairs], off.flat[top], rtol=1e-12)
    np.testing.assert_allclose([float(r["direct a_ij"]) for r in pairs], a.flat[top], rtol=1e-12)
