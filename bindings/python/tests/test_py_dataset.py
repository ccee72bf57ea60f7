"""Labels, readers and datasets through the binding. Matrices are checked
against pandas/csv re-summing of the same files, errors against the row and
column they must name."""
import csv
import gc
import threading

import numpy as np
import pytest

import libflow

pandas = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def data(root):
    return root / "data"


@pytest.fixture(scope="module")
def economies(data):
    with open(data / "economies.csv", newline="") as handle:
        return [row["code"] for row in csv.DictReader(handle)]


@pytest.fixture
def trade(data, economies):
    dataset = libflow.Dataset(economies)
    dataset.set_product_digits(2)
    report = dataset.read_csv(data / "trade.csv")
    dataset.read_attributes(data / "economies.csv")
    return dataset, report


def _pivot(frame, codes):
    table = frame.pivot_table(index="origin", columns="destination", values="value",
                              aggfunc="sum", fill_value=0.0)
    return table.reindex(index=codes, columns=codes, fill_value=0.0).to_numpy()


def test_iso3166_labels_and_aliases():
    labels = libflow.Labels.iso3166()
    assert len(labels) == 249
    assert labels.codes == sorted(labels.codes)
    china = labels.find("CHN")
    assert labels.find("156") == china and labels.code(china) == "CHN"
    assert labels.find("004") == labels.find("4") == labels.find("AFG")
    assert "China" in labels.name(china)
    labels.add_alias("Zhongguo", "CHN")
    assert labels.find("Zhongguo") == china
    assert labels.add("EU", "European Union") == 249 and labels.add("EU") == 249
    assert "EU" in labels and "XXX" not in labels
    with pytest.raises(libflow.NotFoundError) as info:
        labels.find("XXX")
    assert "XXX" in info.value.message
    with pytest.raises(libflow.StateError):
        labels.add_alias("Zhongguo", "RUS")


def test_labels_aggregate_with_index_map():
    labels = libflow.Labels(["DEU", "CHN", "FRA", ("RUS", "Russia")])
    assert labels.names[3] == "Russia"
    merged, index_map = labels.aggregate(libflow.Aggregation({"DEU": "EU", "FRA": "EU"}))
    assert merged.codes == ["EU", "CHN", "RUS"]
    assert index_map.tolist() == [0, 1, 0, 2]


def test_trade_matrices_match_pandas(trade, data, economies):
    dataset, report = trade
    frame = pandas.read_csv(data / "trade.csv", dtype={"product": str})
    assert report.rows == len(frame) and report.accepted == len(frame)
    assert report.rows == report.accepted + report.filtered + report.rejected
    assert report.unit == "USD_m"
    assert dataset.economy_codes == economies
    axis = dataset.economies()  # an independent copy of the axis
    assert axis.codes == economies and len(axis) == len(dataset)
    assert dataset.economy_names == economies  # labels added without names: name = code
    for year in (2021, 2023):
        for product in ("27", "84", "99"):
            part = frame[(frame.year == year) & (frame["product"] == product)]
            np.testing.assert_allclose(dataset.matrix("trade", year, product),
                                       _pivot(part, economies), rtol=1e-12)
    keys = dataset.keys
    assert ("trade", 2023, "85") in keys and len(keys) == 2 * 5
    assert dataset.matrix_unit("trade", 2023, "27") == "USD_m"


def test_totals_partners_and_frame(trade, data, economies):
    dataset, _ = trade
    frame = pandas.read_csv(data / "trade.csv", dtype={"product": str})
    part = frame[(frame.year == 2023) & (frame["product"] == "27")]
    matrix = _pivot(part, economies)
    totals = dataset.totals("trade", 2023, "27")
    np.testing.assert_allclose(totals.exports, matrix.sum(axis=1), rtol=1e-12)
    np.testing.assert_allclose(totals.imports, matrix.sum(axis=0), rtol=1e-12)
    np.testing.assert_allclose(totals.net, matrix.sum(axis=1) - matrix.sum(axis=0), rtol=1e-12)
    top = dataset.top_partners("RUS", "trade", 2023, "27", k=3)
    rus = part[part.origin == "RUS"].groupby("destination")["value"].sum()
    want = rus.sort_values(ascending=False, kind="stable")[:3]
    assert list(top.index) == list(want.index)
    np.testing.assert_allclose(top["value"], want.to_numpy())
    np.testing.assert_allclose(top["share"], want.to_numpy() / rus.sum())
    assert top.attrs["total"] == pytest.approx(rus.sum())
    assert top.attrs["nonzero"] == (rus > 0).sum()
    imports = dataset.top_partners("CHN", "trade", 2023, "27", k=2, direction="imports")
    col = part[part.destination == "CHN"].groupby("origin")["value"].sum()
    assert list(imports.index) == list(col.sort_values(ascending=False, kind="stable")[:2].index)
    labelled = dataset.frame("trade", 2023, "27")
    assert labelled.loc["RUS", "CHN"] == pytest.approx(matrix[economies.index("RUS"),
                                                              economies.index("CHN")])


def test_attributes(trade, data, economies):
    dataset, _ = trade
    frame = pandas.read_csv(data / "economies.csv")
    assert dataset.attribute_names == ["gdp_usd_bn_2022", "gdp_usd_bn_2023",
                                       "population_m_2023", "bank_capital_usd_bn_2022"]
    np.testing.assert_allclose(dataset.attribute("gdp_usd_bn_2023"),
                               frame.set_index("code").loc[economies, "gdp_usd_bn_2023"])
    with pytest.raises(libflow.NotFoundError):
        dataset.attribute("no_such_column")


def test_view_is_zero_copy_and_blocks_reads(trade, data):
    dataset, _ = trade
    view = dataset.matrix_view("trade", 2023, "84")
    assert not view.flags.writeable
    np.testing.assert_array_equal(view, dataset.matrix("trade", 2023, "84"))
    with pytest.raises(libflow.StateError, match="view"):
        dataset.read_csv(data / "trade.csv")
    with pytest.raises(libflow.StateError):
        dataset.add_flow("trade", "CHN", "RUS", 1.0, year=2023, product="84")
    del view
    dataset.add_flow("trade", "CHN", "RUS", 1.0, year=2023, product="8401")


def test_aggregate_sums_members(trade, data, economies):
    dataset, _ = trade
    eu = libflow.Aggregation.read_csv(data / "mapping_eu.csv")
    merged = dataset.aggregate(eu)
    members = ["DEU", "FRA", "ITA", "NLD", "POL", "AUT"]
    assert "EU" in merged.economy_codes
    assert not set(members) & set(merged.economy_codes)
    before = dataset.matrix("trade", 2023, "27")
    idx = [economies.index(m) for m in members]
    after = merged.matrix("trade", 2023, "27")
    e, r = merged.economy_index("EU"), merged.economy_index("RUS")
    assert after[r, e] == pytest.approx(before[economies.index("RUS"), idx].sum())
    assert after[e, e] == pytest.approx(before[np.ix_(idx, idx)].sum())
    assert merged.attribute("gdp_usd_bn_2023")[e] == pytest.approx(
        dataset.attribute("gdp_usd_bn_2023")[idx].sum())


def test_aggregation_csv_accounts_for_every_row(tmp_path):
    path = tmp_path / "groups.csv"
    path.write_text("code,group\nDEU,EU\n,EU\nDEU,NATO\nFRA,EU\n")
    with pytest.raises(libflow.FlowError) as error:
        libflow.Aggregation.read_csv(path)
    assert error.value.line == 4 and error.value.column == "group"
    agg = libflow.Aggregation()
    with pytest.warns(libflow.RowsDroppedWarning, match="1 rejected and 1 filtered out of 4"):
        report = agg.add_csv(path, strict=False)
    assert (report.accepted, report.rejected, report.filtered) == (2, 1, 1)
    merged, index_map = libflow.Labels(["DEU", "FRA", "CHN"]).aggregate(agg)
    assert list(merged.codes) == ["EU", "CHN"]
    assert list(index_map) == [0, 0, 1]


def test_write_matrix_csv_round_trips(trade, tmp_path, economies):
    dataset, _ = trade
    path = tmp_path / "m.csv"
    dataset.write_matrix_csv(path, "trade", 2023, "87")
    back = pandas.read_csv(path, index_col=0, float_precision="round_trip")
    assert list(back.index) == economies and list(back.columns) == economies
    np.testing.assert_array_equal(back.to_numpy(), dataset.matrix("trade", 2023, "87"))


def test_filters_count_rows(data):
    frame = pandas.read_csv(data / "trade.csv", dtype={"product": str})
    dataset = libflow.Dataset()
    dataset.add_economy("ROW", "Rest of the world")  # the demo data's residual partner
    report = dataset.read_csv(data / "trade.csv", years=[2023], product_prefixes=["8"])
    kept = frame[(frame.year == 2023) & frame["product"].str.startswith("8")]
    assert report.accepted == len(kept)
    assert report.filtered == len(frame) - len(kept)
    assert sum(r.count for r in report.reasons if r.kind == "filtered") == report.filtered
    assert dataset.matrix("trade", 2023).sum() == pytest.approx(kept.value.sum(), rel=1e-12)


BAD = ("origin,destination,value,year\n"
       "CHN,RUS,10,2023\n"
       "RUS,CHN,abc,2023\n"
       "XYZ,CHN,5,2023\n"
       "CHN,IRN,1,2023,extra\n"
       "IRN,CHN,-3,2023\n")


def test_bad_rows_are_accounted_with_their_position():
    dataset = libflow.Dataset()
    report = dataset.read_buffer(BAD, name="bad.csv")
    assert (report.rows, report.accepted, report.rejected) == (5, 1, 4)
    kept = {r.line: r for r in report.kept}
    assert kept[3].file == "bad.csv" and kept[3].column == "value" and kept[3].text == "abc"
    assert "bad.csv" in kept[3].message and "3" in kept[3].message
    assert [u.code for u in report.unknown] == ["XYZ"] and report.unknown[0].first_line == 4
    assert {r.reason for r in report.reasons if r.kind == "rejected"}
    assert dataset.matrix("trade", 2023)[dataset.economy_index("CHN"),
                                         dataset.economy_index("RUS")] == 10


def test_strict_mode_raises_with_file_line_and_column():
    with pytest.raises(libflow.FlowValueError) as info:
        libflow.Dataset().read_buffer(BAD, name="bad.csv", strict=True)
    error = info.value
    assert error.status_name == "FLOW_ERR_VALUE"
    assert "bad.csv" in error.message and "line 3" in error.message
    assert "value" in error.message and "abc" in error.message
    assert isinstance(error, ValueError)


def test_structural_errors(tmp_path):
    dataset = libflow.Dataset()
    with pytest.raises(libflow.FlowIOError) as info:
        dataset.read_csv(tmp_path / "absent.csv")
    assert "absent.csv" in info.value.message
    with pytest.raises(libflow.MissingColumnError) as info:
        dataset.read_buffer("origin,value\nCHN,1\n", name="short.csv")
    assert "destination" in info.value.message
    with pytest.raises(libflow.EmptyError):
        dataset.read_buffer("", name="empty.csv")
    with pytest.raises(libflow.ParseError):
        dataset.read_buffer('origin,destination,value\nCHN,"RUS,1\n', name="quote.csv")


def test_number_formats_and_delimiters():
    text = "origin;destination;value\nCHN;RUS;1 234,5\nRUS;CHN;7,25\n"
    dataset = libflow.Dataset()
    dataset.read_buffer(text, delimiter=";", thousands=" ", decimal=",")
    matrix = dataset.matrix("trade")
    assert matrix[dataset.economy_index("CHN"), dataset.economy_index("RUS")] == 1234.5
    assert matrix[dataset.economy_index("RUS"), dataset.economy_index("CHN")] == 7.25


def test_read_table_matches_pandas(data):
    table, report = libflow.read_table(data / "io_demo.csv", wide_layout=(1, 2, 0, -1, 1, 0))
    frame = pandas.read_csv(data / "io_demo.csv")
    assert report.rows == len(frame) and table.shape == (len(frame), frame.shape[1] - 2)
    np.testing.assert_allclose(table.to_numpy(), frame.iloc[:, 2:].to_numpy(dtype=float))
    assert table.col_labels == list(frame.columns[2:])
    assert table.row_labels[:2] == ["PRI", "MAN"] and table.row_groups[:2] == ["CHN", "CHN"]


def test_dataset_indices_match_numpy(trade, economies):
    dataset, _ = trade
    total = sum(dataset.matrix("trade", 2023, p) for p in ("27", "84", "85", "87", "99"))
    t = total.copy()
    np.fill_diagonal(t, 0.0)
    tt = t + t.T
    gdp = dataset.attribute("gdp_usd_bn_2023") * 1000.0  # USD bn -> USD m
    with np.errstate(invalid="ignore", divide="ignore"):
        dependence = tt / gdp[:, None]
    dyads = dataset.dyads("trade", 2023, all_products=True, size_attribute="gdp_usd_bn_2023",
                          size_scale=1000.0)
    assert dyads.labels == economies
    r, c = economies.index("RUS"), economies.index("CHN")
    assert dyads["dependence"][r, c] == pytest.approx(dependence[r, c], rel=1e-12)
    assert dyads["asymmetry"][r, c] == pytest.approx(dependence[r, c] - dependence[c, r])
    assert dyads["asymmetry"][r, c] > 0  # Russia depends on China more than the reverse
    profile = dataset.dyad_profile("RUS", "CHN", [("trade", 2021, None), ("trade", 2023, None)])
    with np.errstate(invalid="ignore", divide="ignore"):
        share = tt / tt.sum(axis=1, keepdims=True)
    assert profile.loc["trade 2023", "trade_share"] == pytest.approx(share[r, c], rel=1e-12)
    nx = pytest.importorskip("networkx")
    with np.errstate(invalid="ignore", divide="ignore"):
        import_share = np.nan_to_num(t.T / t.sum(axis=0)[:, None])
    graph = nx.DiGraph()
    graph.add_nodes_from(range(len(t)))
    graph.add_weighted_edges_from((i, j, import_share[i, j]) for i in range(len(t))
                                  for j in range(len(t)) if i != j and import_share[i, j] > 0)
    pagerank = nx.pagerank(graph, tol=1e-12)
    central = dataset.centrality("trade", 2023, all_products=True, network="dependence")
    np.testing.assert_allclose(central["pagerank"], [pagerank[i] for i in range(len(t))],
                               atol=1e-8)
    ranked = [central.labels[i] for i in np.argsort(-np.asarray(central["pagerank"]))]
    assert [code for code in ranked if code != "ROW"][0] == "CHN"  # ROW: many economies


def test_dataset_concentration_and_transit(trade, economies):
    dataset, _ = trade
    total = sum(dataset.matrix("trade", 2023, p) for p in ("27", "84", "85", "87", "99"))
    t = total.copy()
    np.fill_diagonal(t, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        hhi = ((t / t.sum(axis=0)) ** 2).sum(axis=0)
    hhi[t.sum(axis=0) == 0] = np.nan
    got = dataset.supplier_hhi("trade", 2023, all_products=True)
    assert list(got.index) == list(economies) and list(got.columns) == ["supplier_hhi"]
    np.testing.assert_allclose(got["supplier_hhi"].to_numpy(), hhi, rtol=1e-12)
    exports = t.sum(axis=1)
    assert got.attrs["export_hhi"] == pytest.approx(((exports / exports.sum()) ** 2).sum(),
                                                    rel=1e-12)
    s, d = economies.index("DEU"), economies.index("RUS")
    legs = {"product": t[s, :] * t[:, d], "bottleneck": np.minimum(t[s, :], t[:, d]),
            "first_leg": t[s, :], "second_leg": t[:, d]}
    for rule, want in legs.items():
        want = want.copy()
        want[[s, d]] = 0.0
        np.testing.assert_allclose(dataset.transit("DEU", "RUS", "trade", 2023, rule=rule,
                                                   all_products=True), want, rtol=1e-12,
                                   err_msg=rule)


def test_dataset_dependency_flags(trade, economies):
    dataset, _ = trade
    flags = dataset.dependency_flags("trade", import_hhi=0.3)
    years, products, n = flags.shape
    assert flags.years == [2021, 2023] and n == len(economies)
    assert sorted(flags.products) == ["27", "84", "85", "87", "99"]
    p = flags.products.index("27")
    m = dataset.matrix("trade", 2023, "27")
    np.fill_diagonal(m, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        hhi = ((m / m.sum(axis=0)) ** 2).sum(axis=0)
        hhi[m.sum(axis=0) == 0] = np.nan
    np.testing.assert_allclose(flags.part("import_hhi", 1)[p], hhi, rtol=1e-12)
    # the same numbers in the labelled table: rows (product, importer code)
    table = flags.table
    assert len(table) == years * products * n and list(table.columns)[:4] == list(flags.PARTS)
    at_2023 = table[table["year"] == 2023].loc["27"]
    assert list(at_2023.index) == list(economies)
    np.testing.assert_allclose(at_2023["import_hhi"].to_numpy(), hhi, rtol=1e-12)
    # ROW as a residual: in the totals, not one supplier or exporter
    row = economies.index("ROW")
    options = libflow.indices.DependencyFlagOptions(residual=row)
    flags = dataset.dependency_flags("trade", options=options)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = m / m.sum(axis=0)
        shares[row, :] = 0.0
        hhi = (shares ** 2).sum(axis=0)
        hhi[m.sum(axis=0) == 0] = np.nan
    np.testing.assert_allclose(flags.part("import_hhi", 1)[p], hhi, rtol=1e-12)
    exports = m.sum(axis=1)
    world = exports / exports.sum()
    world[row] = 0.0
    np.testing.assert_allclose(flags.part("export_hhi", 1)[p][0], (world ** 2).sum(), rtol=1e-12)


def test_datasets_read_in_parallel_threads(data):
    results, failures = [None] * 4, []

    def work(k):
        try:
            dataset = libflow.Dataset()
            dataset.read_csv(data / "trade.csv", buffer_size=4096 * (k + 1))
            results[k] = dataset.matrix("trade", 2023)
        except Exception as exc:
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    for k in range(1, 4):
        np.testing.assert_array_equal(results[k], results[0])


def test_datasets_are_freed(data):
    gc.collect()
    before = libflow.live_handles()
    for _ in range(5):
        dataset = libflow.Dataset()
        dataset.read_csv(data / "energy.csv")
    del dataset
    gc.collect()
    assert libflow.live_handles() == before


def test_shared_bis_claims_wide(shared_data):
    path = shared_data / "bis-cbs-claims-2022q4" / "bis_cbs_foreign_claims_2022q4.csv"
    if not path.is_file():
        pytest.skip("BIS claims file absent")
    table, report = libflow.read_table(path)
    frame = pandas.read_csv(path, index_col=0)
    assert table.shape == (16, 16) and report.rejected == 0
    assert table.row_labels == list(frame.index) and table.col_labels == list(frame.columns)
    np.testing.assert_allclose(table.to_numpy(), frame.to_numpy(dtype=float), rtol=1e-12)


def test_shared_baci_crude_oil_total(shared_data):
    path = shared_data / "baci-crude-oil-2021" / "crude_oil_hs270900_2021.csv"
    if not path.is_file():
        pytest.skip("BACI crude file absent")
    frame = pandas.read_csv(path)
    dataset = libflow.Dataset()
    report = dataset.read_csv(path, columns={"origin": "location_code",
                                             "destination": "partner_code",
                                             "value": "export_value", "year": "year",
                                             "product": "product_id"},
                              unknown_codes="add")
    coded = frame.dropna(subset=["location_code", "partner_code"])
    assert report.rows == len(frame)
    assert report.rows == report.accepted + report.filtered + report.rejected
    assert report.rejected == len(frame) - len(coded)  # rows without an economy code
    assert all(r.column in ("location_code", "partner_code") for r in report.kept)
    accepted = dataset.matrix("trade", 2021).sum()
    assert accepted == pytest.approx(coded.export_value.sum(), rel=1e-12)


def test_baci_and_comtrade_presets():
    baci = ("t,i,j,k,v,q\n"
            "2021,643,156,270900,1500.5,NA\n"   # RUS -> CHN, thousand USD
            "2021,643,156,271000,200,\n"
            "2021,4,156,270900,1,3\n"           # numeric code without zeros: AFG
            "2020,643,156,270900,9,9\n")
    dataset = libflow.Dataset()
    report = dataset.read_buffer(baci, name="baci.csv", preset="baci", years=[2021])
    assert (report.accepted, report.filtered) == (3, 1)
    matrix = dataset.matrix("trade", 2021)
    rus, chn, afg = (dataset.economy_index(c) for c in ("RUS", "CHN", "AFG"))
    assert matrix[rus, chn] == pytest.approx(1700.5 * 1000)
    assert matrix[afg, chn] == pytest.approx(1000.0)
    comtrade = ("refYear,reporterISO,partnerISO,flowCode,cmdCode,primaryValue\n"
                "2023,CHN,RUS,M,2709,100\n"    # China imports from Russia: RUS -> CHN
                "2023,CHN,RUS,X,8703,40\n"     # China exports to Russia: CHN -> RUS
                "2023,CHN,W00,M,2709,999\n")   # world partner: an aggregate, filtered
    dataset = libflow.Dataset()
    report = dataset.read_buffer(comtrade, name="comtrade.csv", preset="comtrade")
    assert (report.accepted, report.filtered) == (2, 1)
    matrix = dataset.matrix("trade", 2023)
    rus, chn = dataset.economy_index("RUS"), dataset.economy_index("CHN")
    assert matrix[rus, chn] == 100 and matrix[chn, rus] == 40


@pytest.mark.parametrize("policy,rus_chn,chn_rus,superseded,other", [
    ("importer_first", 58, 9, 1, 0), ("exporter_first", 50, 9, 1, 0),
    ("importer", 58, 0, 0, 2), ("exporter", 50, 9, 0, 1)])
def test_comtrade_mirror_policy(policy, rus_chn, chn_rus, superseded, other):
    # One flow, two reports: China's imports of Russian crude (58) and Russia's
    # exports of it to China (50); China's car exports only China reports.
    comtrade = ("refYear,reporterISO,partnerISO,flowCode,cmdCode,primaryValue\n"
                "2022,CHN,RUS,M,2709,58\n"
                "2022,CHN,RUS,X,8703,9\n"
                "2022,RUS,CHN,X,2709,50\n")
    dataset = libflow.Dataset()
    report = dataset.read_buffer(comtrade, name="comtrade.csv", preset="comtrade",
                                 mirror_policy=policy)
    matrix = dataset.matrix("trade", 2022)
    rus, chn = dataset.economy_index("RUS"), dataset.economy_index("CHN")
    assert (matrix[rus, chn], matrix[chn, rus]) == (rus_chn, chn_rus)
    assert report.rows == 3 and report.accepted + report.filtered == 3
    assert report.filtered == superseded + other
    with pytest.raises(ValueError):
        libflow.ReadOptions(mirror_policy="both")


def test_missing_policies_and_line_limit():
    text = "origin,destination,value\nCHN,RUS,n/a\nRUS,CHN,5\n"
    dataset = libflow.Dataset()
    report = dataset.read_buffer(text, missing_tokens=["n/a"], missing="skip")
    assert (report.accepted, report.filtered) == (1, 1)
    report = libflow.Dataset().read_buffer(text, missing_tokens=["n/a"], missing="zero")
    assert report.accepted == 2 and report.missing == 1
    report = libflow.Dataset().read_buffer(text)  # "n/a" is not a default token: rejected
    assert report.rejected == 1 and report.kept[0].text == "n/a"
    long_line = "origin,destination,value\nCHN,RUS," + "1" * 200 + "\n"
    with pytest.raises(libflow.ParseError):
        libflow.Dataset().read_buffer(long_line, max_line=64)
    with pytest.raises(libflow.InvalidArgumentError):
        libflow.ReadOptions(delimiter="x")
    with pytest.raises(ValueError, match="preset"):
        libflow.ReadOptions(preset="no_such_format")


def test_mapping_csv_and_growing_axis(tmp_path):
    mapping = tmp_path / "codes.csv"
    mapping.write_text("country_code,country_name,country_iso3\n"
                       "251,France,FRA\n699,India,IND\n490,\"Other Asia, nes\",S19\n")
    labels = libflow.Labels.iso3166()
    labels.read_mapping_csv(mapping, "country_code", "country_iso3", "country_name",
                            add_unknown=True)
    assert labels.find("251") == labels.find("FRA") and labels.find("699") == labels.find("IND")
    assert labels.code(labels.find("490")) == "S19" and len(labels) == 250
    with pytest.raises(libflow.UnknownLabelError) as info:
        libflow.Labels.iso3166().read_mapping_csv(mapping, "country_code", "country_iso3")
    assert "codes.csv" in info.value.message and "S19" in info.value.message
    dataset = libflow.Dataset(["CHN", "RUS"])
    dataset.add_flow("energy", "RUS", "CHN", 86.24, year=2022, product="crude_oil")
    assert dataset.add_economy("EU", "European Union") == 2
    dataset.add_flow("energy", "RUS", "EU", 40.0, year=2022, product="crude_oil")
    np.testing.assert_array_equal(dataset.matrix("energy", 2022),  # products not grouped
                                  [[0, 0, 0], [86.24, 0, 40.0], [0, 0, 0]])
    with pytest.raises(libflow.UnknownLabelError):
        dataset.add_flow("energy", "RUS", "XYZ", 1.0)
