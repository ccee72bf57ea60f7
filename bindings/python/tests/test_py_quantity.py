"""Quantities read in the same pass as values (ReadOptions quantity_layer):
BACI's q beside v, so that unit values v / q come from one read. Checked
against pandas reading the same files: the small BACI-layout fixture of
tests/data, the BACI crude-oil extract of 2021 in ../shared/data, and the
flowtool subcommand on the fixture."""
import json
import math
import os
import pathlib
import subprocess

import numpy as np
import pandas as pd
import pytest

import libflow
from libflow import evasion

ISO = {276: "DEU", 398: "KAZ", 643: "RUS", 51: "ARM", 417: "KGZ"}


def fixture(root):
    return root / "tests" / "data" / "baci_panel_sample.csv"


def read_fixture(root):
    ds = libflow.Dataset()
    ds.set_product_digits(6)
    with _no_row_warning():
        report = ds.read_csv(fixture(root), preset="baci", quantity_layer="trade_q")
    return ds, report


class _no_row_warning:
    """Every row of the fixture is accepted: reading it warns about nothing."""

    def __enter__(self):
        import warnings

        self._catch = warnings.catch_warnings()
        self._catch.__enter__()
        warnings.simplefilter("error", libflow.RowsDroppedWarning)

    def __exit__(self, *exc):
        return self._catch.__exit__(*exc)


def test_fixture_values_quantities_and_unit_values_equal_pandas(root):
    ds, report = read_fixture(root)
    df = pd.read_csv(fixture(root), dtype={"k": str}, na_values=["NA"])
    df["q"] = pd.to_numeric(df["q"], errors="coerce")
    assert (report.rows, report.accepted, report.rejected) == (len(df), len(df), 0)
    reasons = {r.reason: (r.count, r.kind) for r in report.reasons}
    assert reasons["quantity missing (value kept)"] == (1, "filtered")
    assert reasons["quantity not a number (value kept)"] == (1, "rejected")
    assert report.kept[0].line == 10 and report.kept[0].column == "q"
    codes = ds.economy_codes
    for row in df.itertuples():
        o, d = codes.index(ISO[row.i]), codes.index(ISO[row.j])
        assert ds.matrix("trade", row.t, row.k)[o, d] == pytest.approx(row.v * 1000, rel=1e-15)
        want_q = 0.0 if math.isnan(row.q) else row.q
        assert ds.matrix("trade_q", row.t, row.k)[o, d] == pytest.approx(want_q, rel=1e-15)
    assert ds.matrix_unit("trade_q", 2022, "847130") == "t"
    uv = evasion.diagnose(ds, "DEU", "RUS", (2021, 2022), "unit_values",
                          intermediaries=["KAZ", "ARM", "KGZ"], quantity="trade_q")
    # pandas: v / q of every pair with a positive quantity in both years
    both = df.dropna(subset=["q"]).assign(uv=lambda x: x.v * 1000 / x.q)
    piv = both.pivot_table(index=["i", "j", "k"], columns="t", values="uv").dropna()
    assert len(uv) == len(piv) == 4
    for (i, j, k), r in piv.iterrows():
        got = uv.loc[(k, "%s>%s" % (ISO[i], ISO[j]))]
        assert got["uv_y0"] == pytest.approx(r[2021], rel=1e-12)
        assert got["uv_y1"] == pytest.approx(r[2022], rel=1e-12)
        assert got["log_change"] == pytest.approx(np.log(r[2022] / r[2021]), rel=1e-12)


def test_quantity_options_errors(root):
    with pytest.raises(ValueError):
        libflow.ReadOptions(quantity_unit="t")
    ds = libflow.Dataset()
    with pytest.raises(libflow.errors.MissingColumnError, match="quantity column"):
        ds.read_csv(fixture(root), preset="baci", quantity_layer="trade_q",
                    columns={"quantity": "tonnes"})


def test_baci_crude_oil_2021_equals_pandas(shared_data):
    path = shared_data / "baci-crude-oil-2021" / "crude_oil_hs270900_2021.csv"
    if not path.exists():
        pytest.skip("BACI crude-oil extract absent")
    ds = libflow.Dataset()
    columns = {"origin": "location_code", "destination": "partner_code",
               "value": "export_value", "product": "product_id",
               "quantity": "Quantity (in metric tons)"}
    with pytest.warns(libflow.RowsDroppedWarning, match="missing economy code"):
        report = ds.read_csv(path, columns=columns, unit="USD", quantity_layer="crude_t",
                             quantity_unit="t")
    df = pd.read_csv(path, skipinitialspace=True, na_values=["NA"], keep_default_na=False)
    df = df[(df.location_code != "") & (df.partner_code != "")]
    assert report.accepted == len(df)
    missing_q = int(df["Quantity (in metric tons)"].isna().sum())
    assert dict((r.reason, r.count) for r in report.reasons)[
        "quantity missing (value kept)"] == missing_q
    codes = ds.economy_codes
    v = ds.frame("trade", 2021)
    q = ds.frame("crude_t", 2021)
    grouped = df.groupby(["location_code", "partner_code"]).agg(
        v=("export_value", "sum"), q=("Quantity (in metric tons)", "sum"))
    assert set(grouped.index.get_level_values(0)) <= set(codes)
    for (o, d), r in grouped.iterrows():
        assert v.loc[o, d] == pytest.approx(r.v, rel=1e-12)
        assert q.loc[o, d] == pytest.approx(r.q, rel=1e-12, abs=1e-12)
    # RUS -> CHN unit value, about 499 USD a tonne
    uv = v.loc["RUS", "CHN"] / q.loc["RUS", "CHN"]
    assert uv == pytest.approx(grouped.loc[("RUS", "CHN")].v / grouped.loc[("RUS", "CHN")].q)
    assert 400 < uv < 600


def test_flowtool_unit_values_from_one_read(root):
    exe = pathlib.Path(os.environ["LIBFLOW_LIBRARY"]).parent / "examples" / "flowtool"
    if not exe.exists():
        pytest.skip("flowtool is not built")
    out = subprocess.run([str(exe), "evasion", str(fixture(root)), "--preset", "baci",
                          "--product-digits", "6", "--quantity-layer", "trade_q", "--from",
                          "DEU", "--to", "RUS", "--via", "KAZ,ARM,KGZ", "--years", "2021,2022",
                          "--diagnostic", "unit-values", "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    rows = json.loads(out)["tables"][0]["rows"]
    got = {(r["flow"], r["product"]): float(r["uv_y1"]) for r in rows}
    assert got == pytest.approx({("DEU>KAZ", "847130"): 30000.0,
                                 ("DEU>ARM", "854231"): 20_000_000.0,
                                 ("DEU>RUS", "854231"): 10_000_000.0,
                                 ("KAZ>RUS", "847130"): 12000.0})


def test_concordance_groups_on_the_default_axis(root, tmp_path):
    """Groups read into a default (present-economies) Dataset reach the reads."""
    concordance = tmp_path / "groups.csv"
    concordance.write_text("hs,item\n8471,computers\n8542,chips\n")
    ds = libflow.Dataset()
    ds.read_product_groups(concordance, "hs", "item")
    ds.read_csv(fixture(root), preset="baci", quantity_layer="trade_q")
    df = pd.read_csv(fixture(root), dtype={"k": str})
    chips = df[(df.k.str.startswith("8542")) & (df.t == 2022)]
    assert ds.matrix("trade", 2022, "chips").sum() == pytest.approx(chips.v.sum() * 1000)
    assert {k.product for k in ds.keys} == {"computers", "chips"}


def test_flowtool_product_groups(root, tmp_path):
    exe = pathlib.Path(os.environ["LIBFLOW_LIBRARY"]).parent / "examples" / "flowtool"
    if not exe.exists():
        pytest.skip("flowtool is not built")
    groups = tmp_path / "groups.csv"
    groups.write_text("code,group\n8471,computers\n8542,chips\n")
    out = subprocess.run([str(exe), "evasion", str(fixture(root)), "--preset", "baci",
                          "--product-groups", str(groups), "--from", "DEU", "--to", "RUS",
                          "--via", "KAZ,ARM,KGZ", "--years", "2021,2022", "--diagnostic",
                          "substitution", "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    rows = {r["economy"]: r for r in json.loads(out)["tables"][0]["rows"]}
    df = pd.read_csv(fixture(root), dtype={"k": str})
    df["group"] = df.k.str[:4].map({"8471": "computers", "8542": "chips"})
    for g in ("computers", "chips"):
        d = df[(df.group == g) & (df.i == 276)]  # the source, DEU
        drop = (d[(d.j == 643) & (d.t == 2021)].v.sum() - d[(d.j == 643) & (d.t == 2022)].v.sum())
        hubs = d[d.j.isin([398, 51, 417])]
        rise = hubs[hubs.t == 2022].v.sum() - hubs[hubs.t == 2021].v.sum()
        assert float(rows[g]["ratio"]) == pytest.approx(rise / drop, rel=1e-12)
