"""libflow: bilateral trade, energy and finance flows, input-output dependency,
asymmetry indices and sanctions-shock propagation, through ctypes.

Importing the package loads the libflow shared library (see libflow._lib for
where it is searched and how to point at one with LIBFLOW_LIBRARY) and refuses
a library whose ABI generation this binding does not know.

Conventions carried over from the C API:
  * matrices are numpy arrays, rows = origin (exporter, seller, lender),
    columns = destination; any array-like is accepted and copied;
  * results are new numpy arrays, or read-only zero-copy views of memory
    owned by a handle object (they keep that object's C handle alive);
  * objects owning a C handle are context managers with close(); the handle
    is freed exactly once, at close() or when the object is garbage collected;
  * every failure raises a libflow.FlowError subclass carrying .status,
    .status_name and the library's message (file, line and column for CSVs).
"""
from ._version import __version__
from ._lib import KNOWN_ABI_VERSIONS, AbiMismatchError, LibraryNotFoundError, lib as _library
from ._handle import live_handles
from .errors import (STATUS_CODES, STATUS_NAMES, BufferTooSmallError, DimensionError, EmptyError,
                     FlowError, FlowIOError, FlowOverflowError, FlowValueError,
                     InvalidArgumentError, LapackError, MissingColumnError, NoMemoryError,
                     NotFoundError, NotProductiveError, ParseError, SingularError, StateError,
                     UnknownLabelError, UnsupportedError)
from .errors import CancelledError
from .table import Table
from .labels import Aggregation, Labels
from .reader import ReadOptions, ReadReport, read_table
from .dataset import Dataset
from .indices import (Dyads, DependencyFlagOptions, DependencyFlags, dyad_profile, export_hhi,
                      exposure, exposure_from_model, rank, rank_matrix, supplier_hhi,
                      trade_from_model)
from .network import Centrality, CentralityOptions, transit
from .io_model import IOModel
from .io_model import leontief_inverse_in_place, leontief_solve_in_place
from .accounting import RowsDroppedWarning
from . import complexity, io_structure, va_trade
from .shock import (Scenario, ShockBatch, ShockOptions, ShockReport,
                    ShockResult, debtrank, debtrank_scenario, inoperability, run_shock)
from .mrio import MRIO, read_mrio
from .contagion import clearing_vector, max_entropy_exposures, ras
from .iim import iim_dynamic, iim_matrix, iim_resilience, iim_static, io_mixed, io_price
from . import evasion

__all__ = [
    "evasion", "__version__", "KNOWN_ABI_VERSIONS", "AbiMismatchError", "LibraryNotFoundError",
    "live_handles", "FlowError", "STATUS_CODES", "STATUS_NAMES", "Table", "Aggregation",
    "Labels", "ReadOptions", "ReadReport", "read_table", "Dataset", "Dyads",
    "DependencyFlagOptions", "DependencyFlags", "dyad_profile", "export_hhi", "exposure",
    "exposure_from_model", "rank", "rank_matrix", "supplier_hhi", "trade_from_model",
    "Centrality", "CentralityOptions", "transit", "IOModel",
    "Scenario", "ShockBatch", "ShockOptions", "ShockReport", "ShockResult", "debtrank",
    "debtrank_scenario", "inoperability", "run_shock", "library_path", "version",
    "version_number", "abi_version", "strerror", "last_error", "MRIO", "read_mrio",
    "va_trade", "complexity", "io_structure",
    "clearing_vector", "ras", "max_entropy_exposures", "iim_matrix", "iim_static",
    "iim_resilience", "iim_dynamic", "io_mixed", "io_price",
    # one exception class per status (libflow.errors)
    "InvalidArgumentError",
    "NoMemoryError",
    "FlowIOError",
    "ParseError",
    "FlowValueError",
    "UnknownLabelError",
    "DimensionError",
    "BufferTooSmallError",
    "FlowOverflowError",
    "SingularError",
    "NotProductiveError",
    "NotFoundError",
    "MissingColumnError",
    "EmptyError",
    "LapackError",
    "StateError",
    "UnsupportedError",
    "RowsDroppedWarning",
    "CancelledError",
]
__all__ += ["leontief_inverse_in_place", "leontief_solve_in_place"]


def library_path():
    """Path or name the shared library was loaded from."""
    return _library.path


def version():
    """Version string of the loaded C library, "MAJOR.MINOR.PATCH"."""
    return _library.flow_version_string().decode()


def version_number():
    """MAJOR*10000 + MINOR*100 + PATCH of the loaded C library."""
    return _library.flow_version_number()


def abi_version():
    """ABI generation of the loaded C library."""
    return _library.flow_abi_version()


def strerror(status):
    """Static English description of a status code."""
    return _library.flow_strerror(status).decode()


def last_error():
    """Message of the last libflow failure on the calling thread ("" if none)."""
    return _library.last_error()
