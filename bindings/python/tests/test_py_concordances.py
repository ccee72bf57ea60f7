"""The shipped concordances of data/concordances: the ICIO 45 industries into
the ten groups of the ISIC Rev.4 high-level aggregation A*10.

The mapping is checked against the ISIC Rev.4 structure (division ranges of
each section, written here from the classification), and the aggregation it
drives against pandas groupby on the arrays read_mrio returns."""
import csv

import numpy as np
import pytest

import libflow

# ISIC Rev.4 sections by their first and last division.
SECTIONS = [("A", 1, 3), ("B", 5, 9), ("C", 10, 33), ("D", 35, 35), ("E", 36, 39),
            ("F", 41, 43), ("G", 45, 47), ("H", 49, 53), ("I", 55, 56), ("J", 58, 63),
            ("K", 64, 66), ("L", 68, 68), ("M", 69, 75), ("N", 77, 82), ("O", 84, 84),
            ("P", 85, 85), ("Q", 86, 88), ("R", 90, 93), ("S", 94, 96), ("T", 97, 98),
            ("U", 99, 99)]


def section(division):
    return next(s for s, lo, hi in SECTIONS if lo <= division <= hi)


def letters(group):
    """'B-E' -> {'B','C','D','E'}; 'A' -> {'A'}."""
    lo, _, hi = group.partition("-")
    return {chr(c) for c in range(ord(lo), ord(hi or lo) + 1)}


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def concordances(root):
    return root / "data" / "concordances"


@pytest.mark.parametrize("year", [2021, 2023])
def test_a10_concordance_follows_isic_sections(concordances, year):
    rows = read(concordances / ("icio%d_a10.csv" % year))
    assert len(rows) == 45 and len({r["sector"] for r in rows}) == 45
    assert len({r["group"] for r in rows}) == 10
    covered = set()
    for r in rows:
        lo, _, hi = r["isic_rev4_divisions"].partition("-")
        divisions = range(int(lo), int(hi or lo) + 1)
        covered.update(divisions)
        assert {section(d) for d in divisions} <= letters(r["group"]), r
        code = r["sector"]
        if year == 2023:  # letter of the section, then the divisions
            assert code[0] == section(divisions[0]), r
            digits = code[1:].replace("T", "_").split("_")
            if digits != [""]:
                assert int(digits[0]) == divisions[0] and int(digits[-1]) == divisions[-1], r
        else:  # divisions only: 01T02
            first, _, last = code.partition("T")
            assert int(first) == divisions[0] and int(last or first) == divisions[-1], r
    # Every ISIC division with activity in the tables (01-98, bar unused numbers) once.
    assert covered == {d for _, lo, hi in SECTIONS[:-1] for d in range(lo, hi + 1)} - {4, 34,
                                                                                        40, 44,
                                                                                        48, 54,
                                                                                        57, 67,
                                                                                        76, 83,
                                                                                        89}
    if year == 2021:  # the two releases group the same industries the same way
        newer = read(concordances / "icio2023_a10.csv")
        assert [r["group"] for r in rows] == [r["group"] for r in newer]


def test_a10_aggregation_matches_pandas(root, concordances):
    mrio = libflow.read_mrio(root / "tests" / "data" / "mrio" / "icio2023_45sectors.csv.gz",
                             format="icio")
    path = concordances / "icio2023_a10.csv"
    group = {r["sector"]: r["group"] for r in read(path)}
    agg = mrio.aggregate(sectors=path)
    assert agg.Z.shape == (2 * 10, 2 * 10)
    key = lambda labels: [(r, group[s]) for r, s in labels]
    z = mrio.Z.copy()
    z.index, z.columns = key(z.index), key(z.columns)
    want = z.T.groupby(level=0, sort=False).sum().T.groupby(level=0, sort=False).sum()
    got = agg.Z.copy()
    got.index, got.columns = list(got.index), list(got.columns)
    np.testing.assert_allclose(got.to_numpy(), want.loc[got.index, got.columns].to_numpy(),
                               rtol=1e-13)
    y = mrio.Y.copy()
    y.index = key(y.index)
    want_y = y.groupby(level=0, sort=False).sum()
    np.testing.assert_allclose(agg.Y.to_numpy(), want_y.loc[list(agg.Y.index)].to_numpy(),
                               rtol=1e-13)
    assert sorted({s for _, s in agg.Z.index}) == sorted(set(group.values()))
