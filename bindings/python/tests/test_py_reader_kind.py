"""A layer's kind declared by a kind column of the long CSV, read in Python
and R alike (the column role "kind" of the reader)."""
import pytest

import libflow


def test_kind_column(tmp_path):
    path = tmp_path / "positions.csv"
    path.write_text("origin,destination,value,year,layer,unit,layer_kind\n"
                    "USA,RUS,5,2022,positions,USD_bn,stock\n"
                    "CHN,RUS,7,2022,finance,USD_bn,flow\n")
    ds = libflow.Dataset()
    ds.read_csv(path)
    assert ds.layer_kind("positions") == "stock"
    assert ds.layer_kind("finance") == "flow"
    renamed = tmp_path / "renamed.csv"
    renamed.write_text("origin,destination,value,year,layer,nature\n"
                       "USA,RUS,5,2022,positions,stock\n"
                       "DEU,RUS,5,2022,positions,flow\n")
    with pytest.raises(ValueError, match="line 3, column \"nature\""):
        libflow.Dataset().read_csv(renamed, columns={"kind": "nature"})
