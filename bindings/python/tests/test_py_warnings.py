"""Rows never vanish silently: a read that rejects or filters rows warns with
the counts and the first reasons, and quantities in different units never
share a matrix. The counts are checked against the CSV files read with the
csv module, not against libflow's report."""
import csv
import warnings

import numpy as np
import pytest

import libflow


def energy_rows(root):
    return list(csv.DictReader(open(root / "data" / "energy.csv", encoding="utf-8")))


def test_energy_products_in_different_units_get_separate_matrices(root):
    rows = energy_rows(root)
    units = {}
    for r in rows:
        units.setdefault(r["product"], set()).add(r["unit"])
    assert len({u for us in units.values() for u in us}) > 1  # the file mixes units
    with warnings.catch_warnings():
        warnings.simplefilter("error", libflow.RowsDroppedWarning)  # nothing dropped
        ds = libflow.Dataset()
        report = ds.read_csv(root / "data" / "energy.csv")
    assert report.accepted == len(rows) and report.rejected == 0
    for key in ds.keys:
        assert {ds.matrix_unit(*key)} == units[key.product]
        expected = sum(float(r["value"]) for r in rows if r["product"] == key.product
                       and int(r["year"]) == key.year)
        assert ds.matrix(*key).sum() == pytest.approx(expected, rel=1e-12)
    # "All products" of a year would add Mt to bcm: refused, naming the units.
    with pytest.raises(libflow.FlowValueError, match="different units.*bcm"):
        ds.matrix("energy")


def test_energy_forced_into_one_matrix_warns_with_counts_and_reasons(root):
    rows = energy_rows(root)
    first_unit = rows[0]["unit"]
    other = [r for r in rows if r["unit"] != first_unit]
    ds = libflow.Dataset()
    ds.set_product_digits(0)  # one matrix per layer and year: the old silent loss
    with pytest.warns(libflow.RowsDroppedWarning) as caught:
        ds.read_csv(root / "data" / "energy.csv")
    warning = caught[0].message
    assert (warning.rejected, warning.rows) == (len(other), len(rows))
    assert 0 < len(other) < len(rows)
    first_line = 2 + next(i for i, r in enumerate(rows) if r["unit"] != first_unit)
    text = str(warning)
    assert "%d rejected of %d rows" % (len(other), len(rows)) in text
    assert "'%s'" % other[0]["unit"] in text and "line %d" % first_line in text


def test_report_tables_list_the_rejected_lines_the_csv_module_finds(root):
    rows = energy_rows(root)
    first_unit = rows[0]["unit"]
    other_lines = [2 + i for i, r in enumerate(rows) if r["unit"] != first_unit]
    ds = libflow.Dataset()
    ds.set_product_digits(0)
    with pytest.warns(libflow.RowsDroppedWarning):
        report = ds.read_csv(root / "data" / "energy.csv")
    counts = report.table("counts")
    assert counts.attrs["rejected"] == len(other_lines) and counts.attrs["rows"] == len(rows)
    rejects = report.table("rejects")
    kept = rejects["line"].astype(int).tolist()
    assert 0 < len(kept) <= len(other_lines) and kept == other_lines[:len(kept)]
    fields = report.table("reject_fields")
    assert set(fields.index.get_level_values(0)) == {"unit"}
    assert set(fields.index.get_level_values(1)) == {r["unit"] for r in rows
                                                     if r["unit"] != first_unit}
    reasons = report.table("reasons")
    assert reasons["rows"].sum() == len(other_lines)
    assert report.table("unknown").empty


def test_wiod_without_thousands_separator_warns(shared_data):
    path = shared_data / "wiod-niot-2016" / "RUS_NIOT_nov16.csv"
    if not path.exists():
        pytest.skip("WIOD tables absent")
    lines = list(csv.reader(open(path, encoding="utf-8-sig"), delimiter=";"))
    year = [r for r in lines[2:] if r and r[0] == "2014"]
    spaced = [r for r in year if any(" " in v.strip() for v in r[4:])]
    assert len(year) == 120 and spaced  # fields such as '43 833'
    layout = dict(delimiter=";", wide_layout=(2, 4, 0, -1, 1, -1), wide_row_filter=(0, "2014"))
    with pytest.warns(libflow.RowsDroppedWarning) as caught:
        _, report = libflow.read_table(path, **layout)
    warning = caught[0].message
    assert warning.rejected == len(spaced) == report.rejected
    assert "is not a number" in str(warning) and "of %d rows" % len(lines[2:]) in str(warning)
    with warnings.catch_warnings():
        warnings.simplefilter("error", libflow.RowsDroppedWarning)
        with pytest.warns(libflow.RowsDroppedWarning):  # the other years are filtered out
            table, report = libflow.read_table(path, thousands=" ", **layout)
    assert report.rejected == 0 and report.accepted == 120


def test_defaults_year_latest_and_negatives(root):
    ds = libflow.Dataset()
    ds.read_csv(root / "data" / "trade.csv")
    latest = max(int(r["year"]) for r in csv.DictReader(open(root / "data" / "trade.csv")))
    np.testing.assert_array_equal(ds.matrix("trade"), ds.matrix("trade", latest))
    text = "origin,destination,value\nRUS,CHN,-5\n"
    with pytest.warns(libflow.RowsDroppedWarning, match="negative"):
        libflow.Dataset().read_buffer(text)  # a flow is never negative


def test_the_warning_says_how_many_reasons_it_does_not_quote():
    text = ("origin,destination,value\nRUS,CHN,x\nRUS,CHN,y\nXXX,CHN,1\nRUS,YYY,1\n"
            "RUS,CHN,-5\nRUS,CHN\nRUS,CHN,inf\n")
    with pytest.warns(libflow.RowsDroppedWarning) as caught:
        report = libflow.Dataset().read_buffer(text)
    assert report.rejected == 7
    message = str(caught[0].message)
    assert len(report.reasons) == 5
    assert "7 rejected of 7 rows" in message and "; 2 more reasons" in message
