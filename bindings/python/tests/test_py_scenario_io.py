"""Sanctions scenarios on an MRIO through the ordinary scenario path
(Scenario.read / Scenario(...) -> Scenario.run_io), against the lenses
computed with numpy on the arrays pandas sees."""
import numpy as np
import pytest

import libflow


@pytest.fixture(scope="module")
def mrio(root):
    return libflow.read_mrio(root / "tests" / "data" / "mrio" / "icio2023_small.csv",
                             format="icio")


def numpy_lenses(mrio, blocks):
    """blocks: (sellers, sectors, buyers, severity, channels) with sets of codes."""
    z, y = mrio.Z.to_numpy(), mrio.Y.to_numpy()
    rows, fd = list(mrio.Z.index), list(mrio.Y.columns)
    n = len(rows)
    x = z.sum(1) + y.sum(1)
    a = z / x
    phi_a, phi_y = np.zeros((n, n)), np.zeros(y.shape)
    for sellers, sectors, buyers, severity, channels in blocks:
        for i, (r, s) in enumerate(rows):
            if r not in sellers or s not in sectors:
                continue
            for j, (rj, _) in enumerate(rows):
                if rj in buyers and rj != r and channels in ("all", "intermediate"):
                    phi_a[i, j] = max(phi_a[i, j], severity)
            for c, (rc, _) in enumerate(fd):
                if rc in buyers and rc != r and channels in ("all", "final"):
                    phi_y[i, c] = max(phi_y[i, c], severity)
    da = a * phi_a
    d = da @ x + (y * phi_y).sum(1)
    a_cut = a - da
    dx = np.linalg.solve(np.eye(n) - a_cut, d)
    dxs = x * np.linalg.solve((np.eye(n) - a_cut).T, da.sum(0))
    return d, dx, dxs, np.clip(dx / x, 0, 1)


def check(got, want):
    d, dx, dxs, q = want
    np.testing.assert_allclose(got["cut"], d, rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(got["demand_loss"], dx, rtol=1e-10, atol=1e-9)
    np.testing.assert_allclose(got["supply_loss"], dxs, rtol=1e-10, atol=1e-9)
    np.testing.assert_allclose(got["inoperability"], q, rtol=1e-10, atol=1e-15)


def test_shipped_embargo_read_as_a_scenario(root, mrio):
    scenario = libflow.Scenario.read(root / "data" / "scenarios" / "eu_g7_russian_energy.txt")
    assert scenario.name == "eu_g7_russian_energy" and scenario.sector_cuts == 1
    got = scenario.run_io(mrio)
    assert got.attrs["skipped"] == 31 and got.attrs["blocks"] == 1
    check(got, numpy_lenses(mrio, [({"RUS"}, {"B05_06", "C19"}, {"DEU", "USA"}, 1.0, "all")]))
    with pytest.raises(libflow.FlowError, match="has sector-specific cuts"):
        libflow.run_shock(mrio.model, scenario)


def test_region_pairs_and_setters_as_blocks(mrio):
    # Both directions of a partial cut of every product, intermediate use only.
    pairs = libflow.Scenario(name="pairs", sanctioning=["CHN"], target=["RUS"],
                             channels="intermediate", severity={("*", "*"): 0.4})
    want = numpy_lenses(mrio, [({"CHN"}, set(mrio.Z.index.get_level_values(1)), {"RUS"}, 0.4,
                                "intermediate"),
                               ({"RUS"}, set(mrio.Z.index.get_level_values(1)), {"CHN"}, 0.4,
                                "intermediate")])
    check(pairs.run_io(mrio), want)
    # Sector groups and blocks with setters; overlapping blocks take the largest severity.
    built = libflow.Scenario(name="built").add_sector_group("oil", ["C19"])
    built.add_sector_cut("RUS", "oil", ["DEU", "USA"], 0.5)
    built.add_sector_cut("RUS", ["C19", "B05_06"], "DEU", 0.8, channels="final")
    assert built.sector_cuts == 2
    check(built.run_io(mrio),
          numpy_lenses(mrio, [({"RUS"}, {"C19"}, {"DEU", "USA"}, 0.5, "all"),
                              ({"RUS"}, {"C19", "B05_06"}, {"DEU"}, 0.8, "final")]))
    with pytest.raises(libflow.FlowError, match="names a layer"):
        libflow.Scenario(sanctioning=["DEU"], target=["RUS"],
                         severity={("energy", "*"): 1.0}).run_io(mrio)
    with pytest.raises(libflow.UnknownLabelError, match="line 1: 'C99' is neither a sector"):
        libflow.Scenario.parse("cut RUS C99 DEU 1\n", "bad.txt").run_io(mrio)
