"""The ctypes declarations of libflow_mpi (include/libflow/mpi.h), the
optional companion library built with -DFLOW_WITH_MPI=ON.

The library is opened on first use, not at import, so that the package works
without it. It is searched in this order: the path in LIBFLOW_MPI_LIBRARY;
libflow_mpi.so next to the libflow library in use; the system
(find_library("flow_mpi"), then the soname). It is opened with RTLD_GLOBAL so
that the MPI library it links is visible to MPI's own plug-ins.

tests/test_py_completeness.py checks SIGNATURES against the header as it
checks libflow._lib.SIGNATURES against the others.
"""
import ctypes
import ctypes.util
import os
import pathlib

from . import _lib
from ._lib import STATUS, char_p, char_pp, double_p, handle, handle_out, int64, int_, void

LIBRARY_ENV = "LIBFLOW_MPI_LIBRARY"
SONAMES = ("libflow_mpi.so.0.2",)

SIGNATURES = {
    "flow_mpi_comm_new": (STATUS, [handle_out, int64]),
    "flow_mpi_comm_new_world": (STATUS, [handle_out]),
    "flow_mpi_comm_free": (void, [handle]),
    "flow_mpi_comm_rank": (int_, [handle]),
    "flow_mpi_comm_size": (int_, [handle]),
    "flow_mpi_options_new": (STATUS, [handle_out]),
    "flow_mpi_options_free": (void, [handle]),
    "flow_mpi_options_set_grid": (STATUS, [handle, int64, int64]),
    "flow_mpi_options_set_block_size": (STATUS, [handle, int64]),
    "flow_mpi_io_model_new": (STATUS, [handle_out, handle, int_, handle, handle]),
    "flow_mpi_io_model_read_wide": (STATUS, [handle_out, handle, char_p, char_p, char_p, handle]),
    "flow_mpi_io_model_free": (void, [handle]),
    "flow_mpi_io_model_order": (int64, [handle]),
    "flow_mpi_io_model_grid_rows": (int64, [handle]),
    "flow_mpi_io_model_grid_cols": (int64, [handle]),
    "flow_mpi_io_model_local_size": (int64, [handle]),
    "flow_mpi_io_model_factor": (STATUS, [handle]),
    "flow_mpi_io_leontief_solve": (
        STATUS, [handle_out, handle, int_, int64, double_p, int64, char_pp]),
    "flow_mpi_io_ghosh_solve": (
        STATUS, [handle_out, handle, int_, int64, double_p, int64, char_pp]),
    "flow_mpi_io_multipliers": (STATUS, [handle_out, handle, int_]),
    "flow_mpi_io_extraction_sweep": (STATUS, [handle_out, handle, int_, int_]),
    "flow_mpi_io_leontief_inverse": (STATUS, [handle_out, handle, int_]),
    "flow_mpi_io_ghosh_inverse": (STATUS, [handle_out, handle, int_]),
}


class _Declared:
    """The opened library with SIGNATURES applied (statuses checked like libflow's)."""

    def __init__(self, cdll, path):
        self.cdll, self.path = cdll, path
        for name, (restype, argtypes) in SIGNATURES.items():
            function = getattr(cdll, name)
            function.argtypes = argtypes
            if restype is STATUS:
                function.restype = ctypes.c_int
                function.errcheck = _lib.lib._check
            else:
                function.restype = restype
            setattr(self, name, function)


def _candidates():
    env = os.environ.get(LIBRARY_ENV)
    if env:
        yield env
        return
    beside = pathlib.Path(_lib.lib.path).resolve().parent
    yield from (str(p) for p in sorted(beside.glob("libflow_mpi.so*")))
    yield from (str(p) for p in sorted(beside.glob("libflow/mpi/libflow_mpi.so*")))
    found = ctypes.util.find_library("flow_mpi")
    if found:
        yield found
    yield from SONAMES


_library = None


def load():
    """The declared libflow_mpi; raises ImportError when it cannot be found."""
    global _library
    if _library is None:
        tried = []
        for name in _candidates():
            try:
                _library = _Declared(ctypes.CDLL(name, mode=ctypes.RTLD_GLOBAL), name)
                break
            except OSError as exc:
                tried.append("%s: %s" % (name, exc))
        else:
            raise ImportError("libflow_mpi not found (build with -DFLOW_WITH_MPI=ON and set %s)."
                              " Tried:\n  %s" % (LIBRARY_ENV, "\n  ".join(tried)))
    return _library
