"""Dataset.unit_values: value over quantity of one economy's flows, against
the ratios pandas computes from the same CSV rows."""
import io

import pytest

import libflow

CSV = """origin,destination,value,year,layer,product,unit
RUS,CHN,35000,2021,oil_value,crude_oil,USD_m
RUS,CHN,70,2021,oil_quantity,crude_oil,Mt
RUS,CHN,60562,2023,oil_value,crude_oil,USD_m
RUS,CHN,107,2023,oil_quantity,crude_oil,Mt
RUS,IND,36792,2023,oil_value,crude_oil,USD_m
RUS,IND,70,2023,oil_quantity,crude_oil,Mt
IRQ,IND,33000,2023,oil_value,crude_oil,USD_m
IRQ,IND,55,2023,oil_quantity,crude_oil,Mt
RUS,TUR,5000,2023,oil_value,crude_oil,USD_m
"""


def test_unit_values_match_pandas(tmp_path):
    pd = pytest.importorskip("pandas")
    path = tmp_path / "oil.csv"
    path.write_text(CSV)
    ds = libflow.Dataset()
    ds.read_csv(path)
    got = ds.unit_values("RUS", "oil_value", "oil_quantity", "crude_oil")
    rows = pd.read_csv(io.StringIO(CSV))
    value = rows[rows.layer == "oil_value"].set_index(["origin", "destination", "year"]).value
    qty = rows[rows.layer == "oil_quantity"].set_index(["origin", "destination", "year"]).value
    assert [(str(y), p) for y, p in got.index] == [("2021", "CHN"), ("2023", "CHN"),
                                                   ("2023", "IND"), ("2023", "TUR")]
    for (year, partner), row in got.iterrows():
        key = ("RUS", partner, int(year))
        assert row["value"] == value[key]
        if key in qty.index:
            assert row["unit_value"] == pytest.approx(value[key] / qty[key], rel=1e-15)
        else:
            assert row["quantity"] == 0 and row["unit_value"] != row["unit_value"]  # NaN
    india = ds.unit_values("IND", "oil_value", "oil_quantity", "crude_oil", direction="imports")
    assert list(india["unit_value"]) == pytest.approx([36792 / 70, 33000 / 55])
    with pytest.raises(libflow.FlowError):
        ds.unit_values("RUS", "oil_value", "oil_value", "crude_oil")
