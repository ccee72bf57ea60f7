"""flowtool summary on the demo flow files: its CSV and JSON output checked
against sums computed here with the csv module (never through libflow), and
its exit statuses and messages on bad input."""
import collections
import csv
import json
import subprocess

import pytest

from flowtool_csv import DATA, flowtool_or_skip, sections

FILES = [DATA / "trade.csv", DATA / "energy.csv", DATA / "finance.csv"]


@pytest.fixture(scope="module")
def flowtool():
    return flowtool_or_skip(*(f.name for f in FILES))


def run(exe, *args):
    return subprocess.run([str(exe), "summary", *map(str, args)], capture_output=True, text=True)


def demo_rows():
    for path in FILES:
        with open(path, newline="") as f:
            yield from csv.DictReader(f)


def test_totals_match_the_files(flowtool):
    result = run(flowtool, *FILES, "--format", "json")
    assert result.returncode == 0, result.stderr
    secs = sections(result.stdout)
    # Row accounting: every demo row is accepted.
    for row, path in zip(secs["Row accounting"], FILES):
        with open(path) as f:
            lines = sum(1 for _ in f) - 1
        assert row["file"] == str(path)
        assert int(row["rows"]) == lines == int(row["accepted"])
        assert int(row["rejected"]) == 0
    by_product = collections.defaultdict(float)
    by_layer = collections.defaultdict(float)
    for r in demo_rows():
        by_product[(r["layer"], r["year"], r["product"], r["unit"])] += float(r["value"])
        by_layer[(r["layer"], r["year"], r["unit"])] += float(r["value"])
    got = {(r["layer"], r["year"], r["product"], r["unit"]): float(r["total"])
           for r in secs["Totals by product"]}
    assert got.keys() == by_product.keys()
    for key, value in by_product.items():
        assert got[key] == pytest.approx(value, rel=1e-12)
    got = {(r["layer"], r["year"], r["unit"]): float(r["total"]) for r in secs["Layer totals"]}
    assert got.keys() == by_layer.keys()
    for key, value in by_layer.items():
        assert got[key] == pytest.approx(value, rel=1e-12)


def test_top_partners_match_the_files(flowtool):
    result = run(flowtool, DATA / "energy.csv", "--economy", "RUS", "--top", "3",
                 "--year", "2022", "--product", "crude_oil", "--format", "json")
    assert result.returncode == 0, result.stderr
    tables = {t["title"]: t["rows"] for t in json.loads(result.stdout)["tables"]}
    rows = tables["Top 3 partners of RUS"]
    exports = collections.defaultdict(float)
    for r in csv.DictReader(open(DATA / "energy.csv", newline="")):
        if (r["origin"], r["year"], r["product"]) == ("RUS", "2022", "crude_oil"):
            exports[r["destination"]] += float(r["value"])
    expected = sorted(exports.items(), key=lambda kv: -kv[1])[:3]
    got = [(r["partner"], r["value"]) for r in rows if r["direction"] == "exports to"]
    assert [p for p, _ in got] == [p for p, _ in expected]
    for (_, v), (_, e) in zip(got, expected):
        assert v == pytest.approx(e, rel=1e-12)
    total = sum(exports.values())
    assert rows[0]["share_%"] == pytest.approx(100 * expected[0][1] / total, rel=1e-12)


def test_bad_input_fails_with_the_library_message(flowtool, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("origin,destination,value\nCHN,USA,abc\nXYZ,USA,1\n")
    result = run(flowtool, bad, "--strict")
    assert result.returncode == 1
    assert f"{bad}: line 2, column \"value\": 'abc' is not a number" in result.stderr
    # Without --strict the rows are reported as rejects and the load goes on.
    result = run(flowtool, bad)
    assert result.returncode == 0
    assert "unknown economy code 'XYZ'" in result.stderr
    result = run(flowtool, tmp_path / "missing.csv")
    assert result.returncode == 1
    assert "missing.csv: cannot open" in result.stderr
    result = run(flowtool, "--bogus")
    assert result.returncode == 2
    result = run(flowtool, "--economy", "XYZ", DATA / "trade.csv")
    assert result.returncode == 1
    assert "'XYZ'" in result.stderr
    result = run(flowtool)
    assert result.returncode == 2


def test_help(flowtool):
    result = run(flowtool, "--help")
    assert result.returncode == 0
    assert "usage: flowtool summary" in result.stdout
    assert "--format FMT" in result.stdout
