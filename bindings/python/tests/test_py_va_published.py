"""Gross-export decompositions against the published worked example of the
"leather" table (3 countries x 3 industries), transcribed with citations in
tests/data/published/README.md. Every published number is compared to half a
unit of its last printed digit, so a wrong term or a wrong transcription fails."""
import csv

import numpy as np
import pytest

import libflow
from libflow import va_trade

REGIONS = ["Argentina", "Turkey", "Germany"]
SECTORS = ["Agriculture", "Textile_and_Leather", "Transport_Equipment"]


@pytest.fixture(scope="module")
def published(root):
    return root / "tests" / "data" / "published"


@pytest.fixture(scope="module")
def leather(published):
    rows = list(csv.reader(open(published / "leather_mrio.csv", encoding="utf-8")))
    body = np.array([[float(v) for v in row[2:]] for row in rows[1:10]])
    out = np.array([float(v) for v in rows[10][2:11]])
    z, y = body[:, :9], body[:, 9:]
    assert [row[0] for row in rows[1:10]] == [r for r in REGIONS for _ in SECTORS]
    return libflow.IOModel(z, y, x=out, regions=REGIONS, sectors=SECTORS), z, y, out


def _expected(path, keys):
    """(key tuple, column, value, tolerance) for every published number."""
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = tuple(row[k] for k in keys)
            for name, text in row.items():
                if name in keys:
                    continue
                decimals = len(text.partition(".")[2])
                yield key, name, float(text), 0.5 * 10.0 ** -decimals + 1e-12


def _check(frame, expected, locate):
    checked = 0
    for key, name, want, tol in expected:
        got = frame.loc[locate(key), name]
        assert got == pytest.approx(want, abs=tol), (key, name, got, want)
        checked += 1
    return checked


def test_published_table_is_balanced(leather):
    """The published gross output is Z 1 + Y 1 of the published flows."""
    model, z, y, out = leather
    np.testing.assert_allclose(z.sum(axis=1) + y.sum(axis=1), out, atol=1e-9)
    np.testing.assert_allclose(model.output, out)


def test_wwz_reproduces_all_sixteen_published_terms(leather, published):
    model, *_ = leather
    frames = {r: va_trade.decompose(model, "wwz", "sector", importer=r) for r in REGIONS}
    checked = 0
    for key, name, want, tol in _expected(published / "leather_wwz.csv",
                                          ("exporter", "sector", "importer")):
        got = frames[key[2]].loc[(key[0], key[1]), name]
        assert got == pytest.approx(want, abs=tol), (key, name, got, want)
        checked += 1
    assert checked == 18 * 17


def test_kww_reproduces_the_published_country_terms(leather, published):
    model, *_ = leather
    frame = va_trade.decompose(model, "kww", "exporter")
    assert _check(frame, _expected(published / "leather_kww.csv", ("exporter",)),
                  lambda k: k[0]) == 27


def test_borin_mancini_source_reproduces_the_published_levels(leather, published):
    model, *_ = leather
    country = va_trade.decompose(model, "bm_source", "exporter")
    # dc = dva + ddc and fc = fva + fdc are published totals of our terms
    country["dc"] = country["dva"] + country["ddc"]
    country["fc"] = country["fva"] + country["fdc"]
    country["vax"] = va_trade.decompose(model, "vax", "exporter")["vax"]
    assert _check(country, _expected(published / "leather_bm_country.csv", ("exporter",)),
                  lambda k: k[0]) == 24
    sector = va_trade.decompose(model, "bm_source", "sector")
    assert _check(sector, _expected(published / "leather_bm_sector.csv", ("exporter", "sector")),
                  lambda k: k) == 45
    frames = {r: va_trade.decompose(model, "bm_source", "sector", importer=r) for r in REGIONS}
    checked = 0
    for key, name, want, tol in _expected(published / "leather_bm_bilateral.csv",
                                          ("exporter", "sector", "importer")):
        got = frames[key[2]].loc[(key[0], key[1]), name]
        assert got == pytest.approx(want, abs=tol), (key, name, got, want)
        checked += 1
    assert checked == 18 * 5


def test_borin_mancini_sink_meets_the_published_country_totals(leather, published):
    """In the exporting-country perspective the sink-based country totals equal
    the source-based ones (Borin & Mancini 2023, sec. 3); the published
    source-based totals are therefore the reference of the sink view too."""
    model, *_ = leather
    sink = va_trade.decompose(model, "bm_sink", "exporter")
    expected = [e for e in _expected(published / "leather_bm_country.csv", ("exporter",))
                if e[1] in ("exports", "dva", "ddc", "fva", "fdc")]
    assert _check(sink, expected, lambda k: k[0]) == 15


def test_vax_and_its_ratio_reproduce_the_published_value_added_exports(leather, published):
    """Johnson & Noguera's VAX of a country, the value added it makes that is
    absorbed abroad, is the published "VAX" of the Borin-Mancini country table."""
    model, *_ = leather
    vax = va_trade.decompose(model, "vax", "exporter")
    expected = [e for e in _expected(published / "leather_bm_country.csv", ("exporter",))
                if e[1] in ("vax", "exports")]
    assert _check(vax, expected, lambda k: k[0]) == 6
    np.testing.assert_allclose(vax["vax_ratio"], vax["vax"] / vax["exports"], rtol=1e-12)


def _published_vax(published):
    return {key[0]: (want, tol) for key, name, want, tol in
            _expected(published / "leather_bm_country.csv", ("exporter",)) if name == "vax"}


def test_look_through_final_demand_adds_up_to_the_published_vax(leather, published):
    """No worked example of look-through shares is published with its inputs;
    their final-demand side is checked against a published total instead: the
    look-through share of origin s in the final demand of every other region r,
    times r's final demand, summed over r, is the value added of s absorbed
    abroad - the published VAX of s."""
    model, _, y, _ = leather
    final = dict(zip(REGIONS, y.sum(axis=0)))
    for origin, (want, tol) in _published_vax(published).items():
        _, shares = va_trade.look_through(model, origin)
        got = sum(shares.loc[r, "fd_look_through"] * final[r] for r in REGIONS if r != origin)
        assert got == pytest.approx(want, abs=tol), origin


def test_structural_paths_of_value_added_exports_reach_the_published_vax(leather, published):
    """No structural path values are published for a table whose inputs are
    printed; the paths of one country's value added to the other countries'
    final demand are checked to add up to its published VAX: the footprint
    the search decomposes is that VAX, and the visited paths plus the counted
    pruned mass give it back (the visited ones alone above 99.5 % of it at a
    threshold of 1e-9)."""
    from libflow import io_structure

    model, z, y, out = leather
    value_added = (out - z.sum(axis=0)) / out
    for s, (origin, (want, tol)) in enumerate(_published_vax(published).items()):
        f = np.where(np.arange(9) // 3 == s, value_added, 0.0)
        demand = np.delete(y, s, axis=1).sum(axis=1)
        paths, summary = io_structure.structural_paths(model, f, demand, top_k=5,
                                                       threshold=1e-9, max_depth=64)
        total, found, pruned = (summary.iloc[0][c] for c in ("total", "paths_value", "pruned"))
        assert total == pytest.approx(want, abs=tol), origin
        assert found + pruned == pytest.approx(want, abs=tol), origin
        assert found > 0.995 * want and pruned >= 0.0, origin
        assert paths["source"].iloc[0] // 3 == s
