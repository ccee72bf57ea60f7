"""Helpers of the sector-specific cuts of a Scenario (include/libflow/sector_cut.h).

A Scenario names selling regions, products (sectors or sector groups) and
buying regions with a severity per block (Scenario.add_sector_cut, or the
five-word "cut" of the scenario file): "the EU and G7 stop buying Russian
energy mining and refined petroleum" touches only those rows of A and Y.
Scenario.run_io returns the demand (Leontief), supply (Ghosh) and
inoperability lenses per region and sector as a DataFrame.
"""
import ctypes

from ._handle import Handle
from ._lib import lib
from ._strings import encode
from .constants import choice
from .table import Table


def _model_handle(model):
    """The flow_io_model handle of an IOModel or of an MRIO's model."""
    inner = getattr(model, "model", None)
    if inner is not None and not callable(inner):
        model = inner
    return model._h


def add_block(function, handle, sellers, products, buyers, severity, channels):
    """Calls a flow_*_add_block-style function with lists joined by commas."""
    join = lambda v: v if isinstance(v, str) else ",".join(v)
    function(handle, encode(join(sellers)), encode(join(products)), encode(join(buyers)),
             float(severity), choice("SECTOR_CUT_", channels))


def run_to_frame(function, handle, model):
    """Runs a scenario (flow_scenario_run_io) on a model: the table as a
    DataFrame, the skipped count in .attrs."""
    out = ctypes.c_void_p()
    skipped = ctypes.c_int64()
    function(ctypes.byref(out), handle, _model_handle(model), ctypes.byref(skipped))
    table = Table.__new__(Table)
    Handle.__init__(table, out.value)
    frame = table.to_frame()
    frame.attrs["skipped"] = skipped.value
    return frame
