"""Shock options pass key by key through flow_shock_options_set."""
import pytest

import libflow


def test_keywords_pass_through_the_one_setter():
    with pytest.raises(libflow.InvalidArgumentError, match="shock option 'recovery': '1.5'"):
        libflow.ShockOptions(recovery=1.5)
    with pytest.raises(libflow.InvalidArgumentError, match="'stock_cut': 'sideways'"):
        libflow.ShockOptions(stock_cut="sideways")
    options = libflow.ShockOptions(solver="woodbury", max_rounds=3)
    with pytest.raises(libflow.InvalidArgumentError, match="'no_such_key'"):
        options.set(no_such_key=1)
    assert options.set(severity_lo=0.2, by_product=True) is options
