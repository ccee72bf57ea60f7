"""The IO engine distributed over MPI ranks (include/libflow/mpi.h), on the
optional libflow_mpi library.

Run the script under mpirun; every rank runs the same calls in the same
order (they are collective) and the results arrive as Tables on the rank that
asks (``root``), ``None`` on the others::

    from libflow import mpi, IOModel
    mpi.initialize()                      # unless mpi4py already did
    with mpi.Comm() as comm, mpi.DistributedIOModel.read_wide(comm, "table.csv") as dm:
        table = dm.multipliers(root=0)    # a Table on rank 0, None elsewhere

A communicator of mpi4py is passed as ``mpi.Comm(comm.py2f())``. Freeing a
distributed model or a communicator is collective too, so it is never left
to the garbage collector (which runs at different moments on different
ranks): use ``with`` or call ``close()`` on every rank at the same point.
"""
import ctypes

from . import _arrays, _mpi_lib
from ._strings import encode
from .table import Table


def _library():
    return _mpi_lib.load()


def initialize():
    """Initialises MPI (through the MPI library libflow_mpi links) unless it
    already is, e.g. by mpi4py; it is then finalised when Python exits."""
    import atexit

    cdll = _library().cdll
    flag = ctypes.c_int(0)
    cdll.MPI_Initialized(ctypes.byref(flag))
    if flag.value:
        return
    if cdll.MPI_Init(None, None) != 0:
        raise RuntimeError("MPI_Init failed")
    atexit.register(cdll.MPI_Finalize)


class _Collective:
    """A libflow_mpi handle freed by an explicit, collective close()."""

    _free = None

    def __init__(self, address):
        self._h = address

    def close(self):
        """(collective) Frees the handle; later calls do nothing."""
        if self._h:
            getattr(_library(), self._free)(self._h)
            self._h = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _handle(self):
        if not self._h:
            raise ValueError("the %s is closed" % type(self).__name__)
        return self._h


class Comm(_Collective):
    """A duplicate of an MPI communicator, from its Fortran handle
    (``MPI_Comm_c2f``, mpi4py's ``comm.py2f()``); MPI_COMM_WORLD when None."""

    _free = "flow_mpi_comm_free"

    def __init__(self, fortran_handle=None):
        out = ctypes.c_void_p()
        if fortran_handle is None:
            _library().flow_mpi_comm_new_world(ctypes.byref(out))
        else:
            _library().flow_mpi_comm_new(ctypes.byref(out), int(fortran_handle))
        super().__init__(out.value)

    @property
    def rank(self):
        return _library().flow_mpi_comm_rank(self._handle())

    @property
    def size(self):
        return _library().flow_mpi_comm_size(self._handle())


def _options(block_size, grid):
    out = ctypes.c_void_p()
    lib = _library()
    lib.flow_mpi_options_new(ctypes.byref(out))
    try:
        lib.flow_mpi_options_set_block_size(out, int(block_size))
        if grid is not None:
            lib.flow_mpi_options_set_grid(out, int(grid[0]), int(grid[1]))
    except Exception:
        lib.flow_mpi_options_free(out)
        raise
    return out


def _table(out):
    """The Table of a result handle, None on the ranks that got none."""
    if not out.value:
        return None
    return Table._adopt(out.value)


class DistributedIOModel(_Collective):
    """I - A block-cyclically over the ranks of ``comm``: ``model`` (an
    IOModel) is read on rank ``root`` and ignored elsewhere (pass None
    there). ``block_size`` and ``grid`` (rows, cols) shape the distribution;
    see docs/mpi.md. The comm must stay open while the model is used."""

    _free = "flow_mpi_io_model_free"

    def __init__(self, comm, model=None, root=0, block_size=64, grid=None):
        out = ctypes.c_void_p()
        options = _options(block_size, grid)
        try:
            _library().flow_mpi_io_model_new(ctypes.byref(out), comm._handle(), int(root),
                                             model._h if model is not None else None, options)
        finally:
            _library().flow_mpi_options_free(options)
        super().__init__(out.value)
        self._comm = comm

    @classmethod
    def read_wide(cls, comm, path, va_row="VA", x_row="X", block_size=64, grid=None):
        """Every rank reads its own row blocks of a wide IO table (the layout of
        ``flowtool io``) from a file all ranks can see."""
        out = ctypes.c_void_p()
        options = _options(block_size, grid)
        try:
            _library().flow_mpi_io_model_read_wide(ctypes.byref(out), comm._handle(),
                                                   encode(str(path)), encode(va_row),
                                                   encode(x_row), options)
        finally:
            _library().flow_mpi_options_free(options)
        obj = cls.__new__(cls)
        _Collective.__init__(obj, out.value)
        obj._comm = comm
        return obj

    @property
    def order(self):
        return _library().flow_mpi_io_model_order(self._handle())

    @property
    def grid(self):
        """(process rows, process columns)."""
        h = self._handle()
        return (_library().flow_mpi_io_model_grid_rows(h),
                _library().flow_mpi_io_model_grid_cols(h))

    def factor(self):
        """(collective) Factors I - A (pdgetrf) and checks productivity."""
        _library().flow_mpi_io_model_factor(self._handle())

    def _result(self, function, *args):
        out = ctypes.c_void_p()
        getattr(_library(), function)(ctypes.byref(out), self._handle(), *args)
        return _table(out)

    def multipliers(self, root=0):
        """Table n x 2 (output, value_added) on root."""
        return self._result("flow_mpi_io_multipliers", int(root))

    def extraction_sweep(self, root=0, drop_diagonal=False):
        """Table n x 4 (backward, forward, total, l_jj) on root."""
        return self._result("flow_mpi_io_extraction_sweep", int(root), 1 if drop_diagonal else 0)

    def leontief_inverse(self, root=0):
        return self._result("flow_mpi_io_leontief_inverse", int(root))

    def ghosh_inverse(self, root=0):
        return self._result("flow_mpi_io_ghosh_inverse", int(root))

    def _solve(self, function, rhs, root, names):
        """rhs (n x k, or a vector) is read on root only; pass None elsewhere
        with the same number of scenarios in ``names`` or ``count``."""
        if rhs is not None:
            array = _arrays.matrix_in(rhs if getattr(rhs, "ndim", 2) == 2 else
                                      _arrays.vector_in(rhs, "rhs").reshape(-1, 1), "rhs")
            count = array.shape[1]
        else:
            array, count = None, len(names)
        names_c = None
        if names is not None:
            names_c = (ctypes.c_char_p * count)(*[encode(name) for name in names])
        return self._result(function, int(root), count, _arrays.pointer(array), count, names_c)

    def leontief_solve(self, y, root=0, names=None):
        """(collective) x = L y for every column of y (the scenario batch),
        one pdgetrs; names label the scenarios (required on the ranks that
        pass y=None, to give the count)."""
        return self._solve("flow_mpi_io_leontief_solve", y, root, names)

    def ghosh_solve(self, v, root=0, names=None):
        """(collective) x' = v' G for every column of v."""
        return self._solve("flow_mpi_io_ghosh_solve", v, root, names)
