"""IO models through the binding, against numpy computations of the Miller &
Blair formulas (L by numpy.linalg.inv, brute-force extraction), and the
published Miller & Blair Table 2.3 numbers."""
import gc
import threading

import numpy as np
import pytest

import libflow

REGIONS, SECTORS, CATEGORIES = ["CHN", "RUS", "USA"], ["agr", "man", "srv", "ene"], 2


def _system(rng, regions=3, sectors=4, categories=2):
    n = regions * sectors
    z = rng.random((n, n)) * 20
    y = rng.random((n, regions * categories)) * 60 + 1
    x = z.sum(axis=1) + y.sum(axis=1)
    return z, y, x


@pytest.fixture
def mrio(rng):
    z, y, x = _system(rng)
    model = libflow.IOModel(z, y, regions=REGIONS, sectors=SECTORS)
    return model, z, y, x


def _owner(c):
    return c // CATEGORIES  # region-major final-demand columns


def test_miller_blair_table_2_3():
    model = libflow.IOModel([[150, 500], [200, 100]], [350, 1700])
    np.testing.assert_allclose(model.output, [1000, 2000])
    np.testing.assert_allclose(model.technical, [[0.15, 0.25], [0.20, 0.05]], rtol=1e-12)
    np.testing.assert_allclose(model.leontief_inverse(),
                               [[1.2541254125, 0.3300330033], [0.2640264026, 1.1221122112]],
                               atol=1e-10)


def test_coefficients_and_inverses_match_numpy(mrio):
    model, z, y, x = mrio
    n = len(x)
    a, b = z / x[None, :], z / x[:, None]
    lmat = np.linalg.inv(np.eye(n) - a)
    gmat = np.linalg.inv(np.eye(n) - b)
    np.testing.assert_allclose(model.output, x, rtol=1e-12)
    np.testing.assert_allclose(model.technical, a, rtol=1e-12)
    np.testing.assert_allclose(model.technical_copy(), a, rtol=1e-12)
    np.testing.assert_allclose(model.allocation(), b, rtol=1e-12)
    np.testing.assert_allclose(model.intermediate, z)
    np.testing.assert_allclose(model.final_demand, y)
    np.testing.assert_allclose(model.final_demand_total, y.sum(axis=1), rtol=1e-12)
    np.testing.assert_allclose(model.value_added, x - z.sum(axis=0), rtol=1e-12)
    np.testing.assert_allclose(model.leontief_inverse(), lmat, rtol=1e-10)
    np.testing.assert_allclose(model.ghosh_inverse(), gmat, rtol=1e-10)


def test_solves_match_numpy_for_vectors_and_batches(mrio, rng):
    model, z, y, x = mrio
    n = len(x)
    lmat = np.linalg.inv(np.eye(n) - z / x)
    gmat = np.linalg.inv(np.eye(n) - z / x[:, None])
    np.testing.assert_allclose(model.leontief_solve(y.sum(axis=1)), x, rtol=1e-10)
    demands = rng.random((n, 5))
    np.testing.assert_allclose(model.leontief_solve(demands), lmat @ demands, rtol=1e-10)
    v = model.value_added.copy()
    np.testing.assert_allclose(model.ghosh_solve(v), v @ gmat, rtol=1e-10)
    np.testing.assert_allclose(model.ghosh_solve(np.asfortranarray(demands)), (demands.T @ gmat).T,
                               rtol=1e-10)


def test_multipliers_and_footprints(mrio, rng):
    model, z, y, x = mrio
    n = len(x)
    lmat = np.linalg.inv(np.eye(n) - z / x)
    v = x - z.sum(axis=0)
    np.testing.assert_allclose(model.output_multipliers()["output"], lmat.sum(axis=0), rtol=1e-10)
    np.testing.assert_allclose(model.value_added_multipliers()["value_added"], (v / x) @ lmat,
                               rtol=1e-10)
    f = rng.random((2, n)) * 100
    got = model.satellite_multipliers(f)
    assert list(got.columns) == ["satellite_0", "satellite_1"]
    np.testing.assert_allclose(got.to_numpy().T, (f / x) @ lmat, rtol=1e-10)
    np.testing.assert_allclose(model.satellite_multipliers(f[0])["satellite_0"], (f[0] / x) @ lmat,
                               rtol=1e-10)
    pandas = pytest.importorskip("pandas")
    # accounts as a labelled DataFrame, its columns (the nodes) in reverse order: aligned by label
    accounts = pandas.DataFrame(f, index=["jobs", "co2"], columns=model.node_index)
    named = model.multipliers(accounts.iloc[:, ::-1])
    assert list(named.columns) == ["output", "value_added", "jobs", "co2"]
    np.testing.assert_allclose(named["co2"], (f[1] / x) @ lmat, rtol=1e-10)
    footprint = model.footprints(f[0])
    reordered = model.footprints(pandas.Series(f[0], index=model.node_index).iloc[::-1])
    pandas.testing.assert_frame_equal(reordered, footprint)
    with pytest.raises(ValueError, match="missing"):
        model.footprints(pandas.Series(f[0], index=model.node_index).iloc[1:])
    by_column = (f[0] / x) @ lmat @ y
    consumption = [by_column[[c for c in range(y.shape[1]) if _owner(c) == r]].sum()
                   for r in range(3)]
    np.testing.assert_allclose(footprint["consumption"], consumption, rtol=1e-10)
    np.testing.assert_allclose(footprint["production"], f[0].reshape(3, 4).sum(axis=1), rtol=1e-12)
    assert footprint["consumption"].sum() == pytest.approx(f[0].sum(), rel=1e-10)


def test_linkages_and_key_sectors(mrio):
    model, z, y, x = mrio
    n = len(x)
    a, b = z / x, z / x[:, None]
    lmat, gmat = np.linalg.inv(np.eye(n) - a), np.linalg.inv(np.eye(n) - b)
    raw = {(True, "backward"): a.sum(axis=0), (True, "forward"): b.sum(axis=1),
           (False, "backward"): lmat.sum(axis=0), (False, "forward"): gmat.sum(axis=1)}
    for (direct, side), want in raw.items():
        got = model.linkages(direct)
        np.testing.assert_allclose(got[side], want, rtol=1e-10, err_msg=side)
        np.testing.assert_allclose(got[side + "_normalised"], n * want / want.sum(),
                                   rtol=1e-10, err_msg=side)
    region = np.arange(n) // 4
    same = region[:, None] == region[None, :]
    total = model.linkages()
    np.testing.assert_allclose(total["backward_local"], (lmat * same).sum(axis=0), rtol=1e-10)
    np.testing.assert_allclose(total["backward_foreign"], (lmat * ~same).sum(axis=0), rtol=1e-10)
    np.testing.assert_allclose(model.linkages(direct=True)["forward_local"],
                               (b * same).sum(axis=1), rtol=1e-10)
    bl = n * raw[False, "backward"] / raw[False, "backward"].sum()
    fl = n * raw[False, "forward"] / raw[False, "forward"].sum()
    want = [("key" if f >= 1 else "backward") if bk >= 1 else ("forward" if f >= 1 else "weak")
            for bk, f in zip(bl, fl)]
    assert list(model.key_sectors()) == want


def test_spillovers(mrio):
    model, z, y, x = mrio
    n = len(x)
    lmat = np.linalg.inv(np.eye(n) - z / x)
    blocks = lmat.reshape(3, 4, 3, 4)
    spill = blocks.sum(axis=(1, 3)) / 4
    np.fill_diagonal(spill, 0.0)
    result = model.spillovers()
    np.testing.assert_allclose(result.spill, spill, rtol=1e-10, atol=1e-15)
    np.testing.assert_allclose(result.net, spill - spill.T, rtol=1e-10, atol=1e-14)
    masked = lmat.copy()
    for r in range(3):
        masked[4 * r:4 * r + 4, 4 * r:4 * r + 4] = 0.0
    np.testing.assert_allclose(model.spillover_matrix(), masked, rtol=1e-10, atol=1e-15)


def test_extraction_sweep_equals_brute_force(rng):
    z, y, x = _system(rng, regions=1, sectors=7, categories=1)
    model = libflow.IOModel(z, y)
    n = len(x)
    a, b = z / x, z / x[:, None]
    yv, v = y.sum(axis=1), x - z.sum(axis=0)
    backward, forward, total = [], [], []
    for j in range(n):
        ab = a.copy()
        ab[:, j] = 0.0
        ab[j, j] = a[j, j]  # a_jj is kept (DESIGN §4)
        backward.append((x - np.linalg.solve(np.eye(n) - ab, yv)).sum())
        bb = b.copy()
        bb[j, :] = 0.0
        bb[j, j] = b[j, j]
        forward.append((x - np.linalg.solve((np.eye(n) - bb).T, v)).sum())
        at = a.copy()
        at[:, j] = 0.0
        at[j, :] = 0.0
        at[j, j] = a[j, j]
        total.append((x - np.linalg.solve(np.eye(n) - at, yv)).sum())
    sweep = model.extraction_sweep()
    np.testing.assert_allclose(sweep["backward"], backward, rtol=1e-9)
    np.testing.assert_allclose(sweep["forward"], forward, rtol=1e-9)
    np.testing.assert_allclose(sweep["total"], total, rtol=1e-9)


def test_extract_links_equals_brute_force(mrio):
    model, z, y, x = mrio
    n = len(x)
    a = z / x
    region = np.arange(n) // 4
    first, second = region == 0, (region == 1) | (region == 2)
    cut = np.outer(first, second) | np.outer(second, first)
    abar = np.where(cut, a * 0.25, a)
    owner = np.array([_owner(c) for c in range(y.shape[1])])
    ycut = (np.outer(first, owner != 0) & np.outer(np.ones(n, bool), owner >= 0)) & \
        np.outer(first, (owner == 1) | (owner == 2)) | np.outer(second, owner == 0)
    ybar = np.where(ycut, y * 0.25, y)
    want = np.linalg.solve(np.eye(n) - abar, ybar.sum(axis=1))
    got = model.extract_links(["CHN"], ["RUS", 2], severity=0.75, final_demand=True)
    np.testing.assert_allclose(got["output"], want, rtol=1e-10)
    np.testing.assert_allclose(got["loss"], x - want, rtol=1e-9)
    assert got.attrs["loss_total"] == pytest.approx((x - want).sum(), rel=1e-9)
    want_a_only = np.linalg.solve(np.eye(n) - np.where(cut, 0.0, a), y.sum(axis=1))
    np.testing.assert_allclose(model.extract_links([0], [1, 2])["output"], want_a_only,
                               rtol=1e-10)
    with pytest.raises(ValueError, match="unknown region"):
        model.extract_links(["XXX"], [1])


def test_value_added_origin_and_bilateral_trade(mrio):
    model, z, y, x = mrio
    n = len(x)
    lmat = np.linalg.inv(np.eye(n) - z / x)
    v = x - z.sum(axis=0)
    absorbed = np.diag(v / x) @ lmat @ y  # n x columns
    owner = np.array([_owner(c) for c in range(y.shape[1])])
    va = np.array([[absorbed[4 * r:4 * r + 4][:, owner == s].sum() for s in range(3)]
                   for r in range(3)])
    np.testing.assert_allclose(model.value_added_origin(), va, rtol=1e-10)
    np.testing.assert_allclose(model.value_added_origin(shares=True), va / va.sum(axis=0),
                               rtol=1e-10)
    assert model.value_added_origin().to_numpy().sum() == pytest.approx(v.sum(), rel=1e-10)
    trade = np.array([[0.0 if r == s else z[4 * r:4 * r + 4, 4 * s:4 * s + 4].sum()
                       + y[4 * r:4 * r + 4][:, owner == s].sum() for s in range(3)]
                      for r in range(3)])
    np.testing.assert_allclose(model.bilateral_trade(), trade, rtol=1e-12)
    pandas = pytest.importorskip("pandas")
    frame = model.bilateral_trade()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.index) == list(frame.columns) == model.region_codes
    assert frame.loc["CHN", "RUS"] == pytest.approx(trade[0, 1])


def test_labels_and_aggregation(mrio):
    model, z, y, x = mrio
    assert model.region_codes == REGIONS and model.sector_codes == SECTORS
    assert model.region_count == 3 and model.sector_count == 4
    assert model.final_demand_regions == [0, 0, 1, 1, 2, 2]
    assert model.node_labels[5] == "RUS/man"
    model.set_final_demand(labels=["hh", "gov"] * 3, regions=["CHN", "RUS", "RUS", 0, -1, 2])
    assert model.final_demand_labels[:2] == ["hh", "gov"]
    assert model.final_demand_regions == [0, 1, 1, 0, -1, 2]
    merged = model.aggregate(region_map=[0, 0, 1], region_codes=["EAST", "WEST"])
    zz = z.reshape(3, 4, 3, 4)
    zm = np.zeros((2, 4, 2, 4))
    for r in range(3):
        for s in range(3):
            zm[[0, 0, 1][r], :, [0, 0, 1][s], :] += zz[r, :, s, :]
    zm = zm.reshape(8, 8)
    assert merged.region_codes == ["EAST", "WEST"]
    np.testing.assert_allclose(merged.intermediate, zm, rtol=1e-12)
    np.testing.assert_allclose(merged.output, x.reshape(3, 4)[[0, 1]].sum(axis=0).tolist()
                               + x.reshape(3, 4)[2].tolist(), rtol=1e-12)


def test_from_tables_matches_arrays(rng):
    z, y, x = _system(rng, regions=2, sectors=2, categories=1)
    regions = ["CHN", "CHN", "RUS", "RUS"]
    sectors = ["a", "b", "a", "b"]
    zt = libflow.Table(z, row_labels=sectors, row_groups=regions, col_labels=sectors,
                       col_groups=regions)
    yt = libflow.Table(y, row_labels=sectors, row_groups=regions, col_labels=["fd", "fd"],
                       col_groups=["CHN", "RUS"])
    model = libflow.IOModel.from_tables(zt, yt)
    assert model.region_codes == ["CHN", "RUS"] and model.sector_codes == ["a", "b"]
    assert model.final_demand_regions == [0, 1]
    np.testing.assert_allclose(model.technical, z / x, rtol=1e-12)


def test_country_system(rng):
    flows = rng.random((4, 4)) * 10
    np.fill_diagonal(flows, 0.0)
    size = flows.sum(axis=1) * 3 + 50
    model = libflow.IOModel.country(flows, size, codes=["CHN", "RUS", "IRN", "PRK"])
    assert model.region_codes == ["CHN", "RUS", "IRN", "PRK"]
    np.testing.assert_allclose(model.technical, flows / size[None, :], rtol=1e-12)
    np.testing.assert_allclose(model.leontief_solve(size - flows.sum(axis=1)), size, rtol=1e-10)


def test_country_system_aligns_a_labelled_size_by_label(rng):
    import pandas as pd
    codes = ["CHN", "RUS", "IRN", "PRK"]
    flows = pd.DataFrame(rng.random((4, 4)) * 10, index=codes, columns=codes)
    size = pd.Series(flows.to_numpy().sum(axis=1) * 3 + 50, index=codes)
    ordered = libflow.IOModel.country(flows, size)
    reordered = libflow.IOModel.country(flows, size[::-1])
    np.testing.assert_array_equal(reordered.leontief_inverse(), ordered.leontief_inverse())
    with pytest.raises(ValueError, match="missing"):
        libflow.IOModel.country(flows, size.drop("RUS"))
    with pytest.raises(ValueError, match="unknown"):
        libflow.IOModel.country(flows, size.rename({"PRK": "KOR"}))
    # Plain arrays are still taken by position.
    plain = libflow.IOModel.country(flows.to_numpy(), size.to_numpy()[::-1], codes=codes)
    assert not np.allclose(plain.leontief_inverse(), ordered.leontief_inverse())


def test_country_system_from_a_dataset_has_gdp_as_value_added(root):
    demo = root / "data"
    dataset = libflow.Dataset()
    dataset.read_csv(demo / "trade.csv")
    dataset.read_attributes(demo / "economies.csv", "code")
    model = libflow.IOModel.from_dataset(dataset, "trade", 2023, gdp="gdp_usd_bn_2023")
    gdp = dict(zip(dataset.economy_codes, dataset.attribute("gdp_usd_bn_2023")))
    for code, va in zip(model.region_codes, model.value_added):
        if gdp[code] > 0:
            assert va == pytest.approx(1000 * gdp[code], rel=1e-12)
    with pytest.raises(libflow.InvalidArgumentError):
        libflow.IOModel.from_dataset(dataset, "trade", 2023, size="gdp")  # no GDP attribute
    traded = libflow.IOModel.from_dataset(dataset, "trade", 2023, size="traded")
    z = traded.intermediate
    np.testing.assert_allclose(traded.output, z.sum(0) + z.sum(1), rtol=1e-12)


def test_failures_name_the_sector():
    model = libflow.IOModel([[0.0, 3.0], [2.0, 0.0]], x=[1.0, 1.0])  # rho(A) = sqrt(6) > 1
    with pytest.raises(libflow.NotProductiveError) as info:
        model.factor()
    assert info.value.status_name == "FLOW_ERR_NOT_PRODUCTIVE"
    assert info.value.message
    with pytest.raises(libflow.NotProductiveError):
        model.output_multipliers()
    diagnostics = model.diagnostics()
    assert diagnostics.attrs["status_name"] == "FLOW_ERR_NOT_PRODUCTIVE"
    assert diagnostics.attrs["spectral_radius"] == pytest.approx(np.sqrt(6.0), rel=1e-6)
    with pytest.raises(libflow.FlowValueError) as info:
        libflow.IOModel([[1.0, np.nan], [0.0, 1.0]], [1.0, 1.0])
    assert info.value.message


def test_diagnostics_report_zero_output_and_mismatch():
    z = np.array([[10.0, 0.0, 5.0], [0.0, 0.0, 0.0], [4.0, 0.0, 8.0]])
    model = libflow.IOModel(z, [20.0, 0.0, 30.0], x=[35.0, 0.0, 40.0])
    report = model.diagnostics(tolerance=1e-6)
    assert report.attrs["status"] == 0
    assert list(np.flatnonzero(report["zero_output"])) == [1]
    assert report.attrs["output_mismatch_count"] == 1  # sector 2: 40 given, 4 + 8 + 30 summed
    assert report.attrs["output_mismatch_index"] == 2
    assert report.attrs["rcond"] > 0
    np.testing.assert_array_equal(report["output"], [35.0, 0.0, 40.0])


def test_output_mismatch_is_relative_to_the_larger_of_given_and_summed_output():
    z = np.array([[10.0, 0.0, 5.0], [0.0, 0.0, 0.0], [4.0, 0.0, 8.0]])
    model = libflow.IOModel(z, [20.0, 0.0, 30.0], x=[35.0, 0.0, 40.0])
    report = model.diagnostics(tolerance=1e-6)
    # io.h: |x_i - s_i| / max(|x_i|, |s_i|); sector 2 has x = 40 given, s = 4 + 8 + 30 = 42
    assert report.attrs["output_mismatch"] == pytest.approx(2.0 / 42.0, rel=1e-12)
    assert report["output_gap"].iloc[2] == pytest.approx(2.0 / 42.0, rel=1e-12)
    a = z / np.array([35.0, 1.0, 40.0])
    a[:, 1] = 0.0
    assert report.attrs["max_column_sum"] == pytest.approx(a.sum(axis=0).max())
    np.testing.assert_allclose(report["column_sum"], a.sum(axis=0), rtol=1e-14)


def test_views_outlive_the_model_object(rng):
    z, y, x = _system(rng, regions=1, sectors=5, categories=1)
    gc.collect()
    before = libflow.live_handles("flow_io_model")
    model = libflow.IOModel(z, y)
    z_view = model.intermediate  # borrowed (flow_io_model_view): keeps the model alive
    a = model.technical  # a copy: does not
    del model
    gc.collect()
    assert libflow.live_handles("flow_io_model") == before + 1
    np.testing.assert_array_equal(z_view, z)
    np.testing.assert_allclose(a, z / x, rtol=1e-12)
    del z_view
    gc.collect()
    assert libflow.live_handles("flow_io_model") == before


def test_separate_models_solve_in_threads(rng):
    systems = [_system(rng, regions=2, sectors=20, categories=1) for _ in range(4)]
    results, failures = {}, []

    def work(k):
        try:
            z, y, x = systems[k]
            with libflow.IOModel(z, y) as model:
                for _ in range(5):
                    results[k] = model.leontief_solve(y.sum(axis=1))
        except Exception as exc:
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    for k, (z, y, x) in enumerate(systems):
        np.testing.assert_allclose(results[k], x, rtol=1e-10)


def test_one_model_shared_by_threads(rng):
    """Every method factors the model first (once, under a lock), after which
    the C library allows concurrent calls on it."""
    z, y, x = _system(rng, regions=3, sectors=10, categories=1)
    model = libflow.IOModel(z, y, regions=["A", "B", "C"])
    lmat = np.linalg.inv(np.eye(len(x)) - z / x)
    demands = rng.random((8, len(x)))
    results, failures = {}, []
    barrier = threading.Barrier(8)

    def work(k):
        try:
            barrier.wait()
            results[k] = (model.leontief_solve(demands[k]), model.output_multipliers())
        except Exception as exc:
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    for k in range(8):
        np.testing.assert_allclose(results[k][0], lmat @ demands[k], rtol=1e-10)
        np.testing.assert_allclose(results[k][1]["output"], lmat.sum(axis=0), rtol=1e-10)


def test_direct_linkages_need_no_factorisation():
    model = libflow.IOModel([[0.0, 3.0], [2.0, 0.0]], x=[1.0, 1.0])  # not productive
    np.testing.assert_allclose(model.linkages(direct=True)["backward"], [2.0, 3.0])
    # normalised direct backward [0.8, 1.2] (A's column sums), forward [1.2, 0.8] (B's rows)
    assert list(model.key_sectors(direct=True)) == ["forward", "backward"]
    with pytest.raises(libflow.NotProductiveError):
        model.linkages()


def test_io_table_from_the_demo_csv(root):
    """Wide reader -> tables -> model, against numpy on the same file read by pandas."""
    pandas = pytest.importorskip("pandas")
    path = root / "data" / "io_demo.csv"
    if not path.is_file():
        pytest.skip("the demo data is not in this tree")
    # label row 0 gives column labels; label fields: 0 = region (row group), 1 = sector
    table, report = libflow.read_table(path, wide_layout=(1, 2, 0, -1, 1, 0))
    frame = pandas.read_csv(path)
    n = 12
    z, y = table.slice(0, n, 0, n), table.slice(0, n, n, 4)
    v, x = table.slice(n, 1, 0, n), table.slice(n + 1, 1, 0, n)
    model = libflow.IOModel.from_tables(z, y, v, x)
    assert model.region_codes == ["CHN", "RUS", "USA", "ROW"]
    assert model.sector_codes == ["PRI", "MAN", "SRV"]
    model.set_final_demand(regions=["CHN", "RUS", "USA", "ROW"])
    zn = frame.iloc[:n, 2:2 + n].to_numpy(float)
    yn = frame.iloc[:n, 2 + n:].to_numpy(float)
    xn = frame.iloc[n + 1, 2:2 + n].to_numpy(float)
    vn = frame.iloc[n, 2:2 + n].to_numpy(float)
    np.testing.assert_allclose(model.output, xn)
    np.testing.assert_allclose(model.technical, zn / xn, rtol=1e-12)
    lmat = np.linalg.inv(np.eye(n) - zn / xn)
    absorbed = np.diag(vn / xn) @ lmat @ yn
    va = np.array([[absorbed[3 * r:3 * r + 3, s].sum() for s in range(4)] for r in range(4)])
    np.testing.assert_allclose(model.value_added_origin(), va, rtol=1e-9)
    assert model.value_added_origin(shares=True).loc["CHN", "RUS"] == \
        pytest.approx(va[0, 1] / va[:, 1].sum(), rel=1e-9)


def test_solves_are_labelled_and_align_a_reordered_labelled_input(mrio):
    """leontief_solve / ghosh_solve return node-labelled results against
    numpy's inverses; a shuffled labelled right-hand side gives the same
    answer as the ordered one; a wrong label is refused."""
    pandas = pytest.importorskip("pandas")
    model, z, y, x = mrio
    n = z.shape[0]
    a = z / x[None, :]
    b = z / x[:, None]
    lmat = np.linalg.inv(np.eye(n) - a)
    gmat = np.linalg.inv(np.eye(n) - b)
    index = model.node_index
    demand = pandas.DataFrame(y[:, :2], index=index, columns=["households", "government"])
    ordered = model.leontief_solve(demand)
    assert list(ordered.columns) == ["households", "government"]
    assert ordered.index.equals(index)
    np.testing.assert_allclose(ordered.to_numpy(), lmat @ y[:, :2], rtol=1e-10)
    shuffled = demand.iloc[::-1][["government", "households"]]
    got = model.leontief_solve(shuffled)
    pandas.testing.assert_frame_equal(got[["households", "government"]], ordered, rtol=1e-12)
    v = x - z.sum(axis=0)
    supply = pandas.Series(v, index=index, name="value_added")
    forward = model.ghosh_solve(supply.sample(frac=1.0, random_state=3))
    assert forward.name == "value_added" and forward.index.equals(index)
    np.testing.assert_allclose(forward.to_numpy(), v @ gmat, rtol=1e-10)
    # A plain array is taken by position and labelled by node, columns 0..m-1.
    plain = model.leontief_solve(y[:, :2])
    assert list(plain.columns) == [0, 1] and plain.index.equals(index)
    np.testing.assert_allclose(plain.to_numpy(), ordered.to_numpy(), rtol=1e-12)
    renamed = demand.rename(index={REGIONS[0]: "XXX"}, level=0)
    with pytest.raises(ValueError):
        model.leontief_solve(renamed)
