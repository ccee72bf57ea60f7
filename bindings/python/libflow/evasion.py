"""Evasion of sanctions read from a panel of flows (include/libflow/evasion.h).

A panel is a Dataset holding several years of a layer. The question: did the
sources stop selling to the targets between two years and sell to the
intermediaries instead? Every result is a pandas DataFrame (a Table with
``as_table=True``):

    diagnose(panel, sources, targets, years, diagnostic, intermediaries=(), ...)
    calibrate(panel, sources, targets, years, intermediaries=(), ...)
    scenario_from(scenario, calibration, layer="trade")

diagnostic is "substitution", "comovement", "mirror", "unit_values" or
"suspects"; years is (y0, y1) or (y0, y1, y2) with y2 the back-test year.
"""
import ctypes

from .constants import choice
from ._handle import Handle
from ._lib import lib
from ._options import set_options
from ._strings import encode
from .table import Table

DIAGNOSTICS = ("substitution", "comovement", "mirror", "unit_values", "suspects")


def _listify(codes):
    return [codes] if isinstance(codes, str) else list(codes)


class EvasionOptions(Handle):
    """The question and its thresholds (flow_evasion_options). The keywords
    are keys of flow_evasion_options_set (evasion.h documents each): layer
    ("trade"), mirror, quantity, band ((1.0, 1.2)), jump (2.0), bootstrap
    (200), seed (1); an unknown keyword or a bad value raises
    InvalidArgumentError naming it."""

    _kind = "flow_evasion_options"

    def __init__(self, sources, targets, years, intermediaries=(), **options):
        out = ctypes.c_void_p()
        lib.flow_evasion_options_new(ctypes.byref(out))
        super().__init__(out.value)
        settings = [("sources", _listify(sources)), ("targets", _listify(targets)),
                    ("intermediaries", _listify(intermediaries)), ("years", tuple(years))]
        set_options(lib.flow_evasion_options_set, self._h, settings + list(options.items()))


def _result(table, as_table):
    return table if as_table else table.to_frame()


def diagnose(panel, sources, targets, years, diagnostic, intermediaries=(), as_table=False,
             **options):
    """One diagnostic as a DataFrame (columns and rows as in evasion.h)."""
    with EvasionOptions(sources, targets, years, intermediaries, **options) as o:
        table = Table._create(lib.flow_evasion_diagnose, panel._h, o._h,
                              choice("EVASION_", diagnostic))
    return _result(table, as_table)


def calibrate(panel, sources, targets, years, intermediaries=(), as_table=False, **options):
    """NNLS calibration and back-test: rows per intermediary, then rho, fit, backtest."""
    with EvasionOptions(sources, targets, years, intermediaries, **options) as o:
        table = Table._create(lib.flow_evasion_calibrate, panel._h, o._h)
    return _result(table, as_table)


def scenario_from(scenario, calibration, layer="trade"):
    """Writes rho and the route weights of a calibration (a Table or the
    DataFrame calibrate returns) into a Scenario; returns the scenario."""
    if not isinstance(calibration, Table):
        calibration = Table(calibration.to_numpy(), row_labels=list(calibration.index),
                            col_labels=list(calibration.columns))
    lib.flow_evasion_scenario(scenario._h, calibration._h, encode(layer))
    return scenario
