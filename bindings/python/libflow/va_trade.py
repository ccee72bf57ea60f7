"""Value added in trade (include/libflow/va_trade.h): gross-export
decompositions of a multi-regional IOModel - Wang, Wei & Zhu (2013),
Koopman, Wang & Wei (2014), Borin & Mancini (2023) source- and sink-based,
Johnson & Noguera (2012) value-added exports.

Results are pandas DataFrames (rows: exporter, exporter/importer pairs or
exporter/sector; columns: the method's terms, lower case), or libflow Tables
with ``as_table=True``."""
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
