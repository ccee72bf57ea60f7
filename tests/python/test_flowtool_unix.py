"""flowtool as a Unix tool: one CSV or JSON document per run (read back with
pandas.read_csv and json.load), numbers that read back exactly, standard
input, column mapping, usage errors with exit status 2, help and version.
Expected values come from the CSV files read with the csv module."""
import collections
import csv
import io
import json
import os
import subprocess
from pathlib import Path

import pytest

from flowtool_csv import DATA, flowtool_or_skip

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def flowtool():
    return flowtool_or_skip("trade.csv", "energy.csv")


def call(exe, *args, stdin=None):
    return subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True,
                          input=stdin)


def layer_totals(*names):
    totals = collections.defaultdict(float)
    for name in names:
        for r in csv.DictReader(open(DATA / name, newline="")):
            totals[(r["layer"], int(r["year"]))] += float(r["value"])
    return totals


def test_json_is_one_document_with_every_table(flowtool):
    out = call(flowtool, "summary", DATA / "trade.csv", DATA / "energy.csv", "--format", "json")
    assert out.returncode == 0, out.stderr
    document = json.loads(out.stdout)  # fails on one object per line
    names = [t["name"] for t in document["tables"]]
    assert names == ["row_accounting", "layer_totals", "totals_by_product"]
    totals = {(r["layer"], r["year"]): r["total"] for r in document["tables"][1]["rows"]}
    expected = layer_totals("trade.csv", "energy.csv")
    # energy's two units are two rows per year: compare the trade layer
    for (layer, year), value in expected.items():
        if layer == "trade":
            assert totals[(layer, year)] == pytest.approx(value, rel=1e-12)


def test_csv_is_one_document_that_pandas_reads(flowtool):
    out = call(flowtool, "summary", DATA / "trade.csv", "--format", "csv", "--table",
               "layer_totals")
    assert out.returncode == 0, out.stderr
    frame = pd.read_csv(io.StringIO(out.stdout))
    assert list(frame.columns) == ["layer", "year", "unit", "total", "products"]
    expected = layer_totals("trade.csv")
    assert len(frame) == len(expected)
    for row in frame.itertuples():
        assert row.total == pytest.approx(expected[(row.layer, row.year)], rel=1e-12)
    # Without --table, CSV holds the first table alone and names the others on stderr.
    out = call(flowtool, "summary", DATA / "trade.csv", "--format", "csv")
    assert list(pd.read_csv(io.StringIO(out.stdout)).columns)[0] == "file"
    assert "layer_totals" in out.stderr and "--table" in out.stderr


def significant(text):
    """The significant digits of a number's text, without leading or trailing zeros."""
    mantissa = text.lower().split("e")[0]
    return "".join(ch for ch in mantissa if ch.isdigit()).strip("0")


def test_numbers_are_the_shortest_that_round_trip(flowtool):
    out = call(flowtool, "centrality", DATA / "trade.csv", "--format", "csv", "--top", "24")
    fields = [f for line in out.stdout.splitlines()[1:] for f in line.split(",")[2:]]
    out = call(flowtool, "summary", DATA / "trade.csv", DATA / "energy.csv", "--format", "csv",
               "--table", "totals_by_product")
    fields += [line.split(",")[4] for line in out.stdout.splitlines()[1:]]
    assert len(fields) > 100
    for field in fields:
        value = float(field)
        # Python's repr is the shortest text that reads back to the same double.
        assert significant(field) == significant(repr(value)), (field, repr(value))


def test_dash_reads_standard_input(flowtool):
    text = open(DATA / "trade.csv").read()
    piped = call(flowtool, "centrality", "-", "--format", "json", stdin=text)
    direct = call(flowtool, "centrality", DATA / "trade.csv", "--format", "json")
    assert piped.returncode == 0, piped.stderr
    assert json.loads(piped.stdout)["tables"][0]["rows"] == \
        json.loads(direct.stdout)["tables"][0]["rows"]


@pytest.mark.parametrize("args, message", [
    (["--layer", "enrgy"], "no layer 'enrgy'"),
    (["--product", "99x"], "no product group '99x'"),
    (["--economy", "XYZ"], "economy 'XYZ'"),
    (["--year", "1990"], "no year '1990'"),
    (["-x"], "unknown option '-x'"),
    (["--bogus"], "unknown option '--bogus'"),
    (["--table", "nope"], "no table 'nope'"),
])
def test_usage_errors_exit_2_with_a_message(flowtool, args, message):
    out = call(flowtool, "centrality", DATA / "trade.csv", *args)
    assert out.returncode == 2, (out.returncode, out.stderr)
    assert message in out.stderr
    if args[0] != "--table":
        assert out.stdout == ""  # no empty tables printed


def test_double_dash_ends_the_options(flowtool):
    out = call(flowtool, "centrality", "--", "--layer")
    assert out.returncode == 1 and "--layer" in out.stderr  # a file named --layer: not found


def test_help_command_and_version(flowtool):
    out = call(flowtool, "help", "centrality")
    assert out.returncode == 0 and out.stdout.startswith("usage: flowtool centrality")
    assert "--table NAME" in out.stdout
    out = call(flowtool, "--version")
    assert out.returncode == 0 and out.stdout.startswith("flowtool (libflow ")
    assert call(flowtool, "help", "nosuch").returncode == 2


def test_column_options_read_the_baci_derived_file(flowtool):
    shared = Path(os.environ.get("FLOW_SHARED_DATA", DATA.parents[1] / "shared" / "data"))
    path = shared / "baci-crude-oil-2021" / "crude_oil_hs270900_2021.csv"
    if not path.exists():
        pytest.skip("BACI crude-oil file absent")
    rows = list(csv.DictReader(open(path, newline="")))
    known = [r for r in rows if r["location_code"] and r["partner_code"]]
    out = call(flowtool, "summary", path, "--origin-column", "location_code",
               "--destination-column", "partner_code", "--value-column", "export_value",
               "--product-column", "product_id", "--format", "json")
    assert out.returncode == 0, out.stderr
    tables = {t["name"]: t["rows"] for t in json.loads(out.stdout)["tables"]}
    accounting = tables["row_accounting"][0]
    assert accounting["rows"] == len(rows) and accounting["accepted"] == len(known)
    total = tables["layer_totals"][0]["total"]
    assert total == pytest.approx(sum(float(r["export_value"]) for r in known), rel=1e-12)
    # Other commands say on stderr that rows were rejected.
    out = call(flowtool, "centrality", path, "--origin-column", "location_code",
               "--destination-column", "partner_code", "--value-column", "export_value")
    assert out.returncode == 0
    assert "%d of %d rows rejected" % (len(rows) - len(known), len(rows)) in out.stderr
