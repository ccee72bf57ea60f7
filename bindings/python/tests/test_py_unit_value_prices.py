"""Dataset.unit_value_prices: prices per product for the shock option
``prices`` from BACI's v and q, against pandas on the BACI-layout fixture of
tests/data (v in thousand USD, q in tonnes; a cell with q NA or not a number
is left out of both sums and counted as unmatched value)."""
import numpy as np
import pandas as pd
import pytest

import libflow


def read_fixture(root):
    ds = libflow.Dataset()
    ds.set_product_digits(6)
    ds.read_csv(root / "tests" / "data" / "baci_panel_sample.csv", preset="baci",
                quantity_layer="trade_q")
    return ds


@pytest.mark.filterwarnings("ignore::libflow.RowsDroppedWarning")
def test_prices_equal_pandas(root):
    ds = read_fixture(root)
    df = pd.read_csv(root / "tests" / "data" / "baci_panel_sample.csv", dtype={"k": str},
                     na_values=["NA"])
    df["q"] = pd.to_numeric(df["q"], errors="coerce")
    for year in (2021, 2022):
        got = ds.unit_value_prices("trade", "trade_q", year, price_unit="Mt")
        one = df[df.t == year]
        matched = one[one.q > 0]
        value = matched.groupby("k").v.sum() * 1e3 / 1e6          # USD_m
        quantity = matched.groupby("k").q.sum() / 1e6              # Mt
        unmatched = one[~(one.q > 0)].groupby("k").v.sum() * 1e3 / 1e6
        assert sorted(got.index) == sorted(value.index)
        for k in value.index:
            assert got.loc[k, "price"] == pytest.approx(value[k] / quantity[k], rel=1e-12)
            assert got.loc[k, "value"] == pytest.approx(value[k], rel=1e-12)
            assert got.loc[k, "quantity"] == pytest.approx(quantity[k], rel=1e-12)
            assert got.loc[k, "unmatched_value"] == pytest.approx(unmatched.get(k, 0.0),
                                                                  abs=1e-15)
    # the price column is what the shock option takes
    prices = ds.unit_value_prices("trade", "trade_q", 2022, price_unit="t")["price"]
    libflow.ShockOptions(prices=prices.dropna().to_dict())


@pytest.mark.filterwarnings("ignore::libflow.RowsDroppedWarning")
def test_errors_name_the_units(root):
    ds = read_fixture(root)
    with pytest.raises(libflow.FlowError, match="bcm"):
        ds.unit_value_prices("trade", "trade_q", 2022, price_unit="bcm")
    with pytest.raises(libflow.FlowError, match="trade_q"):
        ds.unit_value_prices("trade", "trade_q", 1999)


def test_flowtool_shock_prices_equal_pandas(root):
    import json
    import os
    import pathlib
    import subprocess

    exe = pathlib.Path(os.environ["LIBFLOW_LIBRARY"]).parent / "examples" / "flowtool"
    if not exe.exists():
        pytest.skip("flowtool is not built")
    path = root / "tests" / "data" / "baci_panel_sample.csv"
    args = [str(exe), "unitvalue", str(path), "--preset", "baci", "--product-digits", "6",
            "--quantity-layer", "trade_q", "--value-layer", "trade", "--shock-prices",
            "--year", "2022", "--shock-unit", "t"]
    rows = json.loads(subprocess.run(args + ["--format", "json"], capture_output=True,
                                     text=True, check=True).stdout)["tables"][0]["rows"]
    df = pd.read_csv(path, dtype={"k": str}, na_values=["NA"])
    df["q"] = pd.to_numeric(df["q"], errors="coerce")
    matched = df[(df.t == 2022) & (df.q > 0)]
    want = (matched.groupby("k").v.sum() * 1e3 / 1e6) / matched.groupby("k").q.sum()
    assert {r["product"]: float(r["price"]) for r in rows} == pytest.approx(want.to_dict(),
                                                                            rel=1e-5)
    # the plain output ends with the argument flowtool shock takes
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    line = text.strip().splitlines()[-1]
    assert line.startswith("--price 847130=") and ",854231=" in line
