"""Value added in trade (include/libflow/va_trade.h): gross-export
decompositions of a multi-regional IOModel - Wang, Wei & Zhu (2013),
Koopman, Wang & Wei (2014), Borin & Mancini (2023) source- and sink-based,
Johnson & Noguera (2012) value-added exports.

Results are pandas DataFrames (rows: exporter, exporter/importer pairs or
exporter/sector; columns: the method's terms, lower case), or libflow Tables
with ``as_table=True``."""
import ctypes

from ._lib import lib
from .constants import choice
from .table import Table


def _region(model, ref):
    if ref is None:
        return -1
    return model.region_codes.index(ref) if isinstance(ref, str) else int(ref)


def _result(table, as_table):
    return table if as_table else table.to_frame()


def decompose(model, method="wwz", level="exporter", importer=None, as_table=False):
    """Decomposes the gross exports of a multi-regional model.

    method: "wwz" (16 terms), "kww" (9 terms, level "exporter" only),
    "bm_source", "bm_sink" (dva, ddc, fva, fdc) or "vax" (vax, exports,
    vax_ratio). level: "exporter", "pair" (exporter x importer) or "sector"
    (exporter x sector). importer: a region code or index to keep only the
    exports to that region (None: all). Every method but vax ends with the
    gross exports the terms add up to."""
    return _result(Table._create(lib.flow_va_decompose, model._h,
                                 choice("VA_", method), choice("VA_BY_", level),
                                 _region(model, importer)),
                   as_table)


def look_through(model, origin, as_table=False):
    """Face-value and look-through dependence on the origin region (a code or
    index): (inputs, final_demand). inputs: one row per sector, per unit of its
    output - input_face, input_look_through, via_origin, via_domestic,
    via_third; final_demand: one row per region, shares of its final demand -
    fd_face, fd_look_through, fd_via_origin, fd_via_domestic, fd_via_third.
    Rows of the origin itself are NaN (Baldwin, Freeman & Theodorakopoulos
    2023)."""
    handles = ctypes.c_void_p(), ctypes.c_void_p()
    lib.flow_io_look_through(ctypes.byref(handles[0]), ctypes.byref(handles[1]), model._h,
                             _region(model, origin))
    return tuple(_result(Table._adopt(handle.value), as_table) for handle in handles)
