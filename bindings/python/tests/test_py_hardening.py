"""Attributes with row and cell accounting, and text attributes, from Python."""
import math

import pytest

import libflow


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_cell_is_rejected_not_the_column(tmp_path):
    path = _write(tmp_path, "a.csv", "code,gdp,group\nCHN,1,CRINK;BRICS\nRUS,n/a,CRINK\n")
    # The full axis: attributes alone put no economy on a present-economies axis.
    dataset = libflow.Dataset(all_economies=True)
    with pytest.raises(libflow.FlowError) as info:
        dataset.read_attributes(path)
    assert 'line 3, column "gdp"' in info.value.message
    dataset = libflow.Dataset(all_economies=True)
    report = dataset.read_attributes(path, strict=False)
    assert report.rows == 2 and report.accepted == 2
    gdp = dataset.attribute("gdp")
    chn, rus = dataset.economy_index("CHN"), dataset.economy_index("RUS")
    assert gdp[chn] == 1.0 and math.isnan(gdp[rus])
    assert dataset.text_attribute_names == ["group"]
    groups = dataset.text_attribute("group")
    assert groups[chn] == "CRINK;BRICS" and groups[rus] == "CRINK"
    with pytest.raises(KeyError):
        dataset.text_attribute("gdp")
