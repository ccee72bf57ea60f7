"""flowtool complexity on the demo trade layer: ECI/PCI, diversity,
ubiquity and Russia's RCA against numpy computed from trade.csv read with the
csv module, and the transit-hub ranking against networkx."""
import csv
from collections import defaultdict

import numpy as np
import pytest

from flowtool_csv import DATA, find, flowtool_or_skip, run, sections


@pytest.fixture(scope="module")
def flowtool():
    return flowtool_or_skip("trade.csv")


def _exports(year=2023):
    exports = defaultdict(float)
    for row in csv.DictReader(open(DATA / "trade.csv")):
        if row["layer"] == "trade" and int(row["year"]) == year and row["origin"] != row["destination"]:
            exports[row["origin"], row["product"]] += float(row["value"])
    economies = sorted({e for e, _ in exports})
    products = sorted({p for _, p in exports})
    x = np.array([[exports[e, p] for p in products] for e in economies])
    keep = x.sum(1) > 0
    return [e for e, k in zip(economies, keep) if k], products, x[keep]


def test_complexity_matches_numpy(flowtool):
    economies, products, x = _exports()
    out = sections(run(flowtool, "complexity", DATA / "trade.csv", "--format", "json", "--top",
                       "1000", "--economy", "RUS"))
    rca = (x / x.sum(1, keepdims=True)) / (x.sum(0) / x.sum())
    m = (rca >= 1).astype(float)
    kc, kp = m.sum(1), m.sum(0)
    part = kc > 0
    mc, kcp = m[part], kc[part]
    values, vectors = np.linalg.eig((mc / kcp[:, None]) @ (mc / kp[None, :]).T)
    kvec = np.real(vectors[:, np.argsort(np.real(values))[-2]])
    kpv = (mc / kp[None, :]).T @ kvec
    k = (mc / kcp[:, None]) @ kpv
    sign = np.sign(np.corrcoef(kcp, k)[0, 1])
    eci = dict(zip(np.array(economies)[part], sign * (k - k.mean()) / k.std()))
    table = find(out, "Economic complexity of economies")
    for row in table:
        if row["eci"] not in ("nan", "NaN", ""):
            assert float(row["eci"]) == pytest.approx(eci[row["economy"]], abs=1e-10)
        assert float(row["diversity"]) == kc[economies.index(row["economy"])]
    pci = sign * (kpv - k.mean()) / k.std()
    for row in find(out, "Product complexity"):
        assert float(row["pci"]) == pytest.approx(pci[products.index(row["product"])], abs=1e-10)
    rus = {r["product"]: float(r["rca"]) for r in find(out, "Revealed comparative advantage of RUS (Balassa)")}
    for p, value in rus.items():
        assert value == pytest.approx(rca[economies.index("RUS"), products.index(p)], rel=1e-12)
    hubs = find(out, "Transit hubs: weighted betweenness (normalised)")
    # ROW, the aggregate of every economy the data do not name, is no transit
    # hub in any real sense; among economies China leads.
    assert [r["economy"] for r in hubs if r["economy"] != "ROW"][0] == "CHN"


def test_product_space_matches_numpy(flowtool):
    economies, products, x = _exports()
    out = sections(run(flowtool, "complexity", DATA / "trade.csv", "--format", "json",
                       "--proximity", "--density"))
    rca = (x / x.sum(1, keepdims=True)) / (x.sum(0) / x.sum())
    m = (rca >= 1).astype(float)
    kp = m.sum(0)
    with np.errstate(invalid="ignore", divide="ignore"):
        phi = np.nan_to_num((m.T @ m) / np.maximum.outer(kp, kp))
    np.fill_diagonal(phi, 0.0)
    table = find(out, "Product proximity (phi)")
    assert [r["product"] for r in table] == products
    got = np.array([[float(r[p]) for p in products] for r in table])
    np.testing.assert_allclose(got, phi, rtol=1e-12, atol=0)
    assert np.all(np.diag(got) == 0) and np.allclose(got, got.T)
    # density: the share of what is close to p that economy c already exports with advantage
    near = phi.sum(0)
    omega = np.divide(m @ phi, near, out=np.zeros_like(m), where=near > 0)
    table = find(out, "Density of economies in products (omega)")
    assert sorted(r["economy"] for r in table) == sorted(economies)
    for row in table:
        np.testing.assert_allclose([float(row[p]) for p in products],
                                   omega[economies.index(row["economy"])], rtol=1e-12, atol=1e-15)
