"""Indices through the binding, checked against numpy computations of the
formulas in DESIGN §5 (never against the library itself)."""
import threading

import numpy as np
import pytest

import libflow


def _flows(rng, n=6, zero_dyad=None):
    flows = rng.random((n, n)) * 100
    np.fill_diagonal(flows, rng.random(n) * 1000)  # domestic flows must be ignored
    if zero_dyad is not None:
        i, j = zero_dyad
        flows[i, j] = flows[j, i] = 0.0
    return flows


def _reference(flows, sizes=None):
    """Every dyad measure from the formulas, with numpy."""
    t = flows.copy()
    np.fill_diagonal(t, 0.0)
    n = len(t)
    exports, imports = t.sum(axis=1), t.sum(axis=0)
    tt = t + t.T
    with np.errstate(invalid="ignore", divide="ignore"):
        ts = tt / tt.sum(axis=1, keepdims=True)
        salience = np.sqrt(ts * ts.T)
        symmetry = 1 - np.abs(ts - ts.T)
        dependence = ts if sizes is None else tt / np.asarray(sizes)[:, None]
        asym = dependence - dependence.T
        norm = asym / (dependence + dependence.T)
        import_share = t.T / imports[:, None]
        alt = np.empty((n, n))
        for i in range(n):
            for j in range(n):
                kept = np.delete(t[:, i], j)  # what i's other suppliers deliver
                alt[i, j] = ((kept / kept.sum()) ** 2).sum() if kept.sum() > 0 else 1.0
        zero = tt == 0
        symmetry[zero] = asym[zero] = norm[zero] = np.nan
        salience[zero] = 0.0
        return {
            "export_share": t / exports[:, None],
            "import_share": import_share,
            "trade_share": ts,
            "salience": salience,
            "symmetry": symmetry,
            "interdependence": np.where(zero, 0.0, salience * symmetry),
            "dependence": dependence,
            "asymmetry": asym,
            "normalized_asymmetry": norm,
            "alternative_hhi": alt,
            "vulnerability": import_share * alt,
        }


def _offdiag(m):
    return m[~np.eye(len(m), dtype=bool)]


@pytest.mark.parametrize("with_sizes", [False, True])
def test_dyad_measures_match_numpy(rng, with_sizes):
    flows = _flows(rng, zero_dyad=(1, 4))
    sizes = rng.random(6) * 5000 + 1000 if with_sizes else None
    expected = _reference(flows, sizes)
    with libflow.Dyads(flows, sizes=sizes) as dyads:
        assert dyads.order == 6
        assert sorted(libflow.indices.DYAD_MEASURES) == sorted(expected)
        for measure, want in expected.items():
            got = dyads[measure]
            assert not got.flags.writeable
            np.testing.assert_allclose(_offdiag(got), _offdiag(want), rtol=1e-12, atol=1e-15,
                                       err_msg=measure)
            np.testing.assert_allclose(_offdiag(dyads.copy(measure)), _offdiag(want),
                                       rtol=1e-12, atol=1e-15, err_msg=measure)


def test_dyads_frame_is_labelled_by_the_dataframe_index(rng):
    pandas = pytest.importorskip("pandas")
    codes = ["CHN", "RUS", "IRN", "PRK"]
    flows = pandas.DataFrame(_flows(rng, 4), index=codes, columns=codes)
    dyads = libflow.Dyads(flows)
    frame = dyads.frame("trade_share")
    assert list(frame.index) == codes and list(frame.columns) == codes
    want = _reference(flows.to_numpy())["trade_share"]
    assert frame.loc["RUS", "CHN"] == pytest.approx(want[1, 0])


def test_dyad_profile_across_layers(rng):
    layers = np.stack([_flows(rng, 5) for _ in range(3)])
    profile = libflow.dyad_profile(layers, 2, 0)
    assert profile.shape == (3, len(libflow.indices.DYAD_MEASURES))
    for layer in range(3):
        expected = _reference(layers[layer])
        for column, measure in enumerate(libflow.indices.DYAD_MEASURES):
            assert profile.iloc[layer, column] == pytest.approx(expected[measure][2, 0],
                                                                rel=1e-12)
    assert list(profile.columns) == list(libflow.indices.DYAD_MEASURES)


def test_concentration_matches_numpy(rng):
    stack = np.stack([_flows(rng, 5) for _ in range(4)])
    stack[2][:, 3] = 0.0  # economy 3 imports nothing of product 2
    t = stack.copy()
    for m in t:
        np.fill_diagonal(m, 0.0)
    with np.errstate(invalid="ignore"):
        imports = t.sum(axis=1)  # (products, importers)
        want_supplier = ((t / imports[:, None, :]) ** 2).sum(axis=1)
        want_supplier[imports == 0] = np.nan
    got = libflow.supplier_hhi(stack)
    assert list(got.columns) == ["supplier_hhi"]
    assert list(got.index.names) == ["matrix", "importer"]
    np.testing.assert_allclose(got["supplier_hhi"].unstack().to_numpy(), want_supplier,
                               rtol=1e-12)
    assert got.loc[(2, 3), "supplier_hhi"] != got.loc[(2, 3), "supplier_hhi"]  # NaN
    one = libflow.supplier_hhi(stack[0])
    np.testing.assert_allclose(one["supplier_hhi"].to_numpy(), want_supplier[0], rtol=1e-12)
    exports = t.sum(axis=2)
    want_export = ((exports / exports.sum(axis=1, keepdims=True)) ** 2).sum(axis=1)
    world = libflow.export_hhi(stack)
    assert list(world.columns) == ["export_hhi"] and list(world.index) == [0, 1, 2, 3]
    np.testing.assert_allclose(world["export_hhi"].to_numpy(), want_export, rtol=1e-12)
    one = libflow.export_hhi(stack[1])  # one matrix: the same one-row table shape
    assert list(one.columns) == ["export_hhi"] and list(one.index) == [0]
    assert one.index.name == "matrix"
    assert one["export_hhi"].iloc[0] == pytest.approx(want_export[1], rel=1e-12)
    assert np.isnan(libflow.export_hhi(np.zeros((3, 3)))["export_hhi"].iloc[0])


def test_concentration_aligns_a_labelled_matrix_by_label(rng):
    pandas = pytest.importorskip("pandas")
    codes = ["CHN", "DEU", "RUS", "USA", "ZAF"]
    flows = pandas.DataFrame(_flows(rng, 5), index=codes, columns=codes)
    shuffled = flows.loc[codes[::-1], ["USA", "CHN", "ZAF", "RUS", "DEU"]]
    want = libflow.supplier_hhi(flows)
    got = libflow.supplier_hhi(shuffled)
    assert list(got.index) == codes[::-1]
    pandas.testing.assert_frame_equal(got.loc[codes], want, rtol=1e-12)
    pandas.testing.assert_frame_equal(libflow.export_hhi(shuffled), libflow.export_hhi(flows),
                                      rtol=1e-12)
    with pytest.raises(ValueError):
        libflow.supplier_hhi(flows.rename(columns={"USA": "GBR"}))


def test_dependency_flags_match_the_criteria(rng):
    years, products, n = 3, 4, 5
    flows = rng.random((years, products, n, n)) ** 6 * 100  # skewed: some flags fire
    flags = libflow.DependencyFlags(flows, import_hhi=0.3, export_hhi=0.3,
                                    import_export_ratio=1.0, persistence=(2, 3))
    t = flows.copy()
    for y in range(years):
        for p in range(products):
            np.fill_diagonal(t[y, p], 0.0)
    yearly = []
    for y in range(years):
        imports = t[y].sum(axis=1)  # (products, importer)
        exports = t[y].sum(axis=2)  # (products, exporter)
        imp_hhi = ((t[y] / imports[:, None, :]) ** 2).sum(axis=1)
        exp_hhi = ((exports / exports.sum(axis=1, keepdims=True)) ** 2).sum(axis=1)
        ratio = imports / exports
        flag = (imp_hhi > 0.3) & (exp_hhi[:, None] > 0.3) & (ratio > 1.0)
        np.testing.assert_allclose(flags.part("import_hhi", y), imp_hhi, rtol=1e-12)
        np.testing.assert_allclose(flags.part("export_hhi", y),
                                   np.repeat(exp_hhi[:, None], n, axis=1), rtol=1e-12)
        np.testing.assert_allclose(flags.part("import_export_ratio", y), ratio, rtol=1e-12)
        np.testing.assert_array_equal(flags.part("flag", y), flag.astype(float))
        yearly.append(flag)
    assert np.sum(yearly) > 0, "the test data should raise some flags"
    np.testing.assert_array_equal(flags.persistent, (np.sum(yearly, axis=0) >= 2).astype(float))


def test_exposure_direct_and_look_through_match_numpy(rng):
    n, groups = 6, np.array([0, 0, 1, 1, 2, 2])
    z = rng.random((n, n)) * 10
    x = z.sum(axis=1) + rng.random(n) * 50 + 10
    a = z / x
    lmat = np.linalg.inv(np.eye(n) - a)
    onehot = np.eye(3)[groups]  # sector -> group
    direct = (onehot.T @ z @ onehot).T
    total = (onehot.T @ ((lmat - np.eye(n)) * x) @ onehot).T
    np.testing.assert_allclose(libflow.exposure(z, x, groups),
                               direct / direct.sum(axis=1, keepdims=True), rtol=1e-12)
    np.testing.assert_allclose(libflow.exposure(z, x, groups, kind="look_through"),
                               total / total.sum(axis=1, keepdims=True), rtol=1e-10)


def test_rankings_match_a_stable_numpy_sort():
    values = np.array([3.0, np.nan, 7.0, 3.0, -1.0, 7.0])
    assert libflow.rank(values).tolist() == [2, 5, 0, 3, 4]
    assert libflow.rank(values, k=2, descending=False).tolist() == [4, 0]
    matrix = np.array([[1.0, 9.0], [np.nan, 9.0], [4.0, 0.5]])
    rows, cols = libflow.rank_matrix(matrix, k=3)
    assert list(zip(rows.tolist(), cols.tolist())) == [(0, 1), (1, 1), (2, 0)]


def test_bad_flows_raise_with_the_entry_named():
    flows = np.ones((3, 3))
    flows[1, 2] = -4.0
    with pytest.raises(libflow.FlowValueError) as info:
        libflow.Dyads(flows)
    assert info.value.status_name == "FLOW_ERR_VALUE"
    assert "1" in info.value.message and "2" in info.value.message
    with pytest.raises(ValueError, match="square"):
        libflow.Dyads(np.ones((2, 3)))
    with pytest.raises(ValueError, match="unknown dyad"):
        libflow.Dyads(np.ones((2, 2)))["no_such_measure"]


def test_dyads_from_threads(rng):
    inputs = [_flows(rng, 30) for _ in range(6)]
    results, failures = {}, []

    def work(k):
        try:
            for _ in range(10):
                with libflow.Dyads(inputs[k]) as dyads:
                    results[k] = dyads.copy("interdependence")
        except Exception as exc:
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(len(inputs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    for k, flows in enumerate(inputs):
        np.testing.assert_allclose(_offdiag(results[k]),
                                   _offdiag(_reference(flows)["interdependence"]), rtol=1e-12)


def test_indices_on_an_io_model(rng):
    n, groups = 6, np.arange(6) // 2
    z = rng.random((n, n)) * 10
    y = rng.random((n, 3)) * 40 + 5
    model = libflow.IOModel(z, y, regions=["CHN", "RUS", "IRN"])
    x = z.sum(axis=1) + y.sum(axis=1)
    onehot = np.eye(3)[groups]
    lmat = np.linalg.inv(np.eye(n) - z / x)
    total = (onehot.T @ ((lmat - np.eye(n)) * x) @ onehot).T
    np.testing.assert_allclose(libflow.exposure_from_model(model, "look_through"),
                               total / total.sum(axis=1, keepdims=True), rtol=1e-10)
    want = onehot.T @ z @ onehot + onehot.T @ y  # column c of Y is owned by region c
    np.fill_diagonal(want, 0.0)  # domestic deliveries are not trade
    trade = libflow.trade_from_model(model)
    np.testing.assert_allclose(trade, want, rtol=1e-12)
    assert list(trade.index) == ["CHN", "RUS", "IRN"]


def test_persistence_counts_calendar_years():
    # C's imports come from A alone, the only exporter: flagged in 2020 and
    # 2022; 2023 holds no trade of C. At 2022 (2020-2022: two years with data,
    # both flagged) the flag persists; at 2023 (2021-2023: 2022 flagged, 2023
    # not) it does not, although 2 of the last 3 loaded years are flagged.
    dataset = libflow.Dataset(["AAA", "BBB", "CCC"])
    dataset.add_flow("trade", "AAA", "CCC", 5.0, year=2020)
    dataset.add_flow("trade", "AAA", "CCC", 5.0, year=2022)
    dataset.add_flow("trade", "BBB", "AAA", 5.0, year=2023)
    flags = dataset.dependency_flags("trade")
    assert flags.years == [2020, 2022, 2023]
    at_2022, seen_2022 = flags.persistent_at(1)
    at_2023, seen_2023 = flags.persistent_at(2)
    assert (at_2022[0, 2], seen_2022) == (1.0, 2)
    assert (at_2023[0, 2], seen_2023) == (0.0, 2)
    assert flags.persistent[0, 2] == 0.0
    with pytest.raises(IndexError):
        flags.persistent_at(3)


def test_extra_bloc_share_criterion():
    # C buys from A alone, the only exporter: flagged by the GeoDep criteria;
    # with A and C in one bloc none of C's imports are extra-bloc: no flag.
    flows = np.zeros((1, 1, 3, 3))
    flows[0, 0, 0, 2] = 5.0
    plain = libflow.DependencyFlags(flows)
    assert plain.part("flag", 0)[0, 2] == 1.0
    inside = libflow.DependencyFlags(
        flows, options=libflow.DependencyFlagOptions(extra_share=([0, 2], 0.5)))
    assert inside.part("flag", 0)[0, 2] == 0.0
    outside = libflow.DependencyFlags(
        flows, options=libflow.DependencyFlagOptions(extra_share=([1, 2], 0.5)))
    assert outside.part("flag", 0)[0, 2] == 1.0


def test_dyad_profile_aligns_labelled_sizes(rng):
    pd = pytest.importorskip("pandas")
    codes = ["USA", "RUS", "CHN", "DEU", "IND"]
    layers = np.stack([_flows(rng, 5) for _ in range(2)])
    sizes = pd.Series(rng.random(5) * 100 + 50, index=codes)
    ordered = libflow.dyad_profile(layers, "RUS", "CHN", sizes=sizes, labels=codes)
    reordered = libflow.dyad_profile(layers, "RUS", "CHN", sizes=sizes[::-1], labels=codes)
    pd.testing.assert_frame_equal(ordered, reordered)
    by_position = libflow.dyad_profile(layers, 1, 2, sizes=sizes.to_numpy())
    np.testing.assert_allclose(ordered.to_numpy(), by_position.to_numpy(), rtol=0, atol=0,
                               equal_nan=True)
    with pytest.raises(ValueError, match="missing"):
        libflow.dyad_profile(layers, 1, 2, sizes=sizes.drop("DEU"), labels=codes)


def test_dyads_align_labelled_inputs(rng):
    pd = pytest.importorskip("pandas")
    codes = ["USA", "RUS", "CHN", "DEU", "IND"]
    flows = pd.DataFrame(_flows(rng, 5), index=codes, columns=codes)
    sizes = pd.Series(rng.random(5) * 100 + 50, index=codes)
    ordered = libflow.Dyads(flows, sizes=sizes).frame("asymmetry")
    shuffled = flows.iloc[:, [4, 2, 0, 3, 1]]  # columns in another order
    again = libflow.Dyads(shuffled, sizes=sizes[::-1]).frame("asymmetry")
    pd.testing.assert_frame_equal(again, ordered)
    assert list(ordered.index) == codes and list(ordered.columns) == codes
    with pytest.raises(ValueError, match="missing"):
        libflow.Dyads(flows, sizes=sizes.drop("IND"))
