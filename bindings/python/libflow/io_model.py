"""Input-output models (include/libflow/io.h): Leontief and Ghosh systems,
multipliers, linkages, hypothetical extraction and value-added origin.

Analyses return labelled pandas DataFrames (``.to_numpy()`` gives the
array): rows are the model's nodes (region-major: node = region * sectors +
sector), indexed by (region, sector) or by region code for a country
system, or its regions [origin, destination]. Inputs over the nodes given as
a pandas Series/DataFrame are aligned by those labels (a missing or unknown
label is an error); plain arrays are taken by position. The model solves
with a cached LU factorisation of (I - A) and forms L or G only in
leontief_inverse() / ghosh_inverse().
"""
import ctypes
import threading
from collections import namedtuple

import numpy as np

from . import _arrays, _frames, errors
from ._handle import Handle
from ._lib import lib
from ._strings import encode, encode_list
from .constants import C, choice
from .table import Table, frame_of, result_frame

SECTOR_CLASSES = ("weak", "backward", "forward", "key")

Spillovers = namedtuple("Spillovers", "spill net")


def _codes(values, count, what):
    """A ctypes char*[] of count codes (or None), checked for length."""
    if values is None:
        return None
    values = [str(v) for v in values]
    if len(values) != count:
        raise ValueError("%s: expected %d codes, got %d" % (what, count, len(values)))
    return encode_list(values)


def _as_columns(value, n, name):
    """A (n, m) C-contiguous array from a vector (m = 1) or an n x m matrix."""
    array = np.ascontiguousarray(value, dtype=np.float64)
    single = array.ndim == 1
    if single:
        array = array.reshape(-1, 1)
    if array.ndim != 2 or array.shape[0] != n:
        raise ValueError("%s must have %d rows, got shape %s" % (name, n, np.shape(value)))
    return array, single


class IOModel(Handle):
    """An input-output model.

    ``IOModel(z, y=None, v=None, x=None, regions=None, sectors=None)`` builds
    it from arrays: Z (n x n), final demand Y (n x k, or a vector), value added
    v and gross output x (computed when omitted). ``regions`` (a list of region
    codes, or a count) and ``sectors`` (sector codes within a region) declare a
    multi-regional, region-major table. See also from_tables() and country().
    """

    _kind = "flow_io_model"
    _is_factored = False

    def __init__(self, z, y=None, v=None, x=None, regions=None, sectors=None):
        zm = _arrays.square_in(z, "z")
        n = zm.shape[0]
        if y is None:
            ym, k = None, 0
        else:
            ym, _ = _as_columns(y, n, "y")
            k = ym.shape[1]
        vv = None if v is None else _arrays.vector_in(v, "v")
        xv = None if x is None else _arrays.vector_in(x, "x")
        for name, vec in (("v", vv), ("x", xv)):
            if vec is not None and vec.size != n:
                raise ValueError("%s has %d entries for %d sectors" % (name, vec.size, n))
        out = ctypes.c_void_p()
        lib.flow_io_model_new(ctypes.byref(out), n, _arrays.pointer(zm), k, _arrays.pointer(ym),
                              _arrays.pointer(vv), _arrays.pointer(xv))
        super().__init__(out.value)
        if regions is not None or sectors is not None:
            self.set_regions(regions if regions is not None else 1, sectors)

    @classmethod
    def from_tables(cls, z, y=None, v=None, x=None):
        """From labelled Tables (as read by read_table): Z's row labels are
        sector codes and its row groups region codes; Y's column groups name
        the owning regions; v rows are summed; x is 1 x n or n x 1."""
        tables = [t if t is None or isinstance(t, Table) else Table(t) for t in (z, y, v, x)]
        handles = [None if t is None else t._h for t in tables]
        return cls._create(lib.flow_io_model_new_from_tables, *handles)

    @classmethod
    def country(cls, flows, size, codes=None):
        """Country-level dependency system of one flow layer: A_ij =
        flow_ij / size_j, each economy a region with one sector. codes default
        to the index of a pandas DataFrame."""
        codes = _arrays.labels_of(flows, codes)
        matrix = _arrays.square_in(flows, "flows")
        n = matrix.shape[0]
        if _frames.have_pandas() and isinstance(size, _frames.pandas.Series) and codes:
            size = _aligned(size, codes, "size")
        sizes = _arrays.vector_in(size, "size")
        if sizes.size != n:
            raise ValueError("size has %d entries for %d economies" % (sizes.size, n))
        return cls._create(lib.flow_io_model_new_country, n, _arrays.pointer(matrix), n,
                           _arrays.pointer(sizes), _codes(codes, n, "codes"))

    @classmethod
    def from_dataset(cls, dataset, layer, year, product="*", gdp=None, size="gdp_plus_imports"):
        """The library's country-level system of one dataset layer (every
        economy with flows; product "*" sums the layer's products). size is
        the convention: "gdp_plus_imports" (default: value added = GDP, final
        demand = absorption), "gdp_plus_exports", "gdp" or "traded"; gdp names
        the GDP attribute (USD bn), which all but "traded" need."""
        return cls._create(lib.flow_io_model_new_from_dataset, dataset._h, encode(layer), year,
                           encode(product), encode(gdp), choice("SIZE_", size))

    # ---------------------------------------------------------------- shape and labels
    def set_regions(self, regions, sectors=None):
        """Declares the model multi-regional: regions is a list of codes or a
        count dividing n; sectors the codes of the sectors within a region."""
        if isinstance(regions, int):
            count, region_codes = regions, None
        else:
            region_codes = list(regions)
            count = len(region_codes)
        per_region = self.order // count if count > 0 else 0
        lib.flow_io_model_set_regions(self._h, count, _codes(region_codes, count, "regions"),
                                      _codes(sectors, per_region, "sectors"))

    def set_final_demand(self, labels=None, regions=None):
        """Names the final-demand columns and/or sets their owning regions
        (region indices or codes; -1 / None for none)."""
        k = self.final_demand_count
        owners = None
        if regions is not None:
            codes = self.region_codes
            owners = np.array([-1 if r is None else (codes.index(r) if isinstance(r, str) else r)
                               for r in regions], dtype=np.int64)
            if owners.size != k:
                raise ValueError("expected %d owners, got %d" % (k, owners.size))
        lib.flow_io_model_set_final_demand(self._h, _codes(labels, k, "labels"),
                                           _arrays.pointer(owners))

    def _label_table(self, part):
        """One of the model's label tables (flow_io_model_labels) as (row
        labels, row groups, first column, shape scalars)."""
        out = ctypes.c_void_p()
        lib.flow_io_model_labels(ctypes.byref(out), self._h, C["FLOW_IO_LABEL_" + part])
        table = Table._adopt(out.value)
        try:
            column = table.to_numpy()[:, 0].astype(np.int64)
            return table.row_labels, table.row_groups, column, table.scalars
        finally:
            table.close()

    def _shape(self, name):
        return int(self._label_table("NODES")[3][name])

    @property
    def order(self):
        """Number of nodes (regions x sectors)."""
        return self._view("INTERMEDIATE").shape[0]

    final_demand_count = property(lambda self: self._shape("final_demand_columns"),
        doc="Number of final-demand columns of Y.")
    region_count = property(lambda self: self._shape("regions"), doc="Number of regions.")
    sector_count = property(lambda self: self._shape("sectors"),
        doc="Number of sectors per region.")

    @property
    def region_codes(self):
        """Region codes, in node order of the regions."""
        _, groups, _, shape = self._label_table("NODES")
        sectors = int(shape["sectors"])
        return [groups[r * sectors] for r in range(int(shape["regions"]))]

    @property
    def sector_codes(self):
        """Sector codes, in node order within a region."""
        labels, _, _, shape = self._label_table("NODES")
        return labels[:int(shape["sectors"])]

    @property
    def final_demand_labels(self):
        """Labels of the final-demand columns."""
        return self._label_table("FINAL_DEMAND")[0]

    @property
    def final_demand_regions(self):
        """Region of each final-demand column."""
        return [int(r) for r in self._label_table("FINAL_DEMAND")[2]]

    @property
    def node_labels(self):
        """"REGION/sector" per node (just one of them when the other is unnamed)."""
        regions, sectors = self.region_codes, self.sector_codes
        return ["/".join(p for p in (regions[i // len(sectors)], sectors[i % len(sectors)]) if p)
                or str(i) for i in range(self.order)]

    # ---------------------------------------------------------------- borrowed data
    def _view(self, part):
        """Read-only zero-copy view of one part of the model (flow_io_model_view)."""
        rows, cols = ctypes.c_int64(), ctypes.c_int64()
        address = _arrays.address_of(lib.flow_io_model_view(
            self._h, C["FLOW_IO_" + part], ctypes.byref(rows), ctypes.byref(cols)))
        if part in ("INTERMEDIATE", "FINAL_DEMAND"):
            return _arrays.borrowed(self, address, (rows.value, cols.value))
        return _arrays.borrowed(self, address, (rows.value,))

    output = property(lambda self: self._view("OUTPUT"), doc="Gross output x (read-only view).")
    value_added = property(lambda self: self._view("VALUE_ADDED"),
        doc="Value added (primary inputs) v per node.")
    final_demand_total = property(lambda self: self._view("FINAL_DEMAND_TOTAL"),
        doc="Final demand per node, Y summed over its columns.")
    technical = property(lambda self: self._matrix_values("TECHNICAL"),
        doc="Technical coefficients A (a fresh array; technical_copy() labels it).")
    intermediate = property(lambda self: self._view("INTERMEDIATE"),
        doc="The intermediate flows Z (n x n).")
    final_demand = property(lambda self: self._view("FINAL_DEMAND"),
        doc="The final-demand matrix Y (n x final_demand_count).")

    @property
    def node_index(self):
        """The row labels of node results: region codes for a country system
        (one unnamed sector per region), else a (region, sector) MultiIndex."""
        regions, sectors = self.region_codes, self.sector_codes
        if len(sectors) == 1 and not sectors[0]:
            return regions
        return _frames.pandas.MultiIndex.from_product([regions, sectors])

    def _matrix_values(self, which):
        """A, B, L or G (flow_io_model_matrix) as a fresh array."""
        out = ctypes.c_void_p()
        lib.flow_io_model_matrix(ctypes.byref(out), self._h, C["FLOW_IO_" + which])
        table = Table._adopt(out.value)
        try:
            return table.to_numpy()
        finally:
            table.close()

    def _square(self, which):
        return _frames.frame(self._matrix_values(which), self.node_index, self.node_index)

    def _nodes_in(self, value, name):
        """A vector (or n x m block) over the nodes: a pandas object is
        aligned by its index to node_index, anything else taken by position."""
        pandas = _frames.pandas
        if pandas is not None and isinstance(value, (pandas.Series, pandas.DataFrame)):
            value = _aligned_rows(value, self.node_index, name)
        return value

    def technical_copy(self):
        """The technical coefficients A = Z diag(x)^-1 (a labelled DataFrame)."""
        return self._square("TECHNICAL")

    def allocation(self):
        """Allocation coefficients B = x^-1 Z (a labelled DataFrame)."""
        return self._square("ALLOCATION")

    # ---------------------------------------------------------------- solving
    def factor(self):
        """Factors (I - A) now (otherwise done by the first call that needs it);
        raises SingularError / NotProductiveError naming the sector.

        The C library lets a model be used from several threads only once it
        is factored; every method that needs the factors calls this first,
        under a lock, so one IOModel may be shared between threads."""
        if not self._is_factored:
            with self.__dict__.setdefault("_factor_lock", threading.Lock()):
                if not self._is_factored:
                    lib.flow_io_model_factor(self._h)
                    self._is_factored = True
        return self

    def _solve(self, function, rhs, name):
        """The solve of every column of rhs, labelled: rows by node_index,
        columns by a DataFrame's columns (else 0..m-1); a vector gives a
        Series (named as a Series input)."""
        self.factor()
        n = self.order
        pandas = _frames.pandas
        columns = rhs.columns if pandas is not None and isinstance(rhs, pandas.DataFrame) else None
        label = rhs.name if pandas is not None and isinstance(rhs, pandas.Series) else None
        array, single = _as_columns(self._nodes_in(rhs, name), n, name)
        m = array.shape[1]
        out = _arrays.empty(n, m)
        function(self._h, m, _arrays.pointer(array), m, _arrays.pointer(out), out.size, m)
        if single:
            return _frames.series(out[:, 0], self.node_index, label)
        return _frames.frame(out, self.node_index, columns if columns is not None else range(m))

    def leontief_solve(self, y):
        """x = L y for a demand vector or an n x m matrix of them (one solve).
        A pandas input is aligned by node labels (ValueError on a missing or
        unknown one), anything else taken by position. Returns a Series for a
        vector, else a DataFrame whose columns are y's columns (0..m-1 for an
        array); rows are node_index either way."""
        return self._solve(lib.flow_io_model_leontief_solve, y, "y")

    def ghosh_solve(self, v):
        """x' = v' G for a primary-input vector or an n x m matrix of them;
        labelled and aligned as leontief_solve."""
        return self._solve(lib.flow_io_model_ghosh_solve, v, "v")

    def leontief_inverse(self):
        """L = (I - A)^-1 (formed: prefer leontief_solve when only L y is needed)."""
        self.factor()
        return self._square("LEONTIEF")

    def ghosh_inverse(self):
        """G = (I - B)^-1 = x^-1 L x."""
        self.factor()
        return self._square("GHOSH")

    def diagnostics(self, tolerance=1e-6):
        """The diagnostics table (succeeds on singular or non-productive
        models): a DataFrame with one row per sector (output, column_sum,
        output_gap, zero_output) and the checks in ``.attrs`` (status,
        spectral_radius and its bounds, rcond, residual, negative_z/y/v,
        output_mismatch, ...; see io.h). ``attrs["status_name"]`` names the
        factorisation status."""
        with self.__dict__.setdefault("_factor_lock", threading.Lock()):
            frame = result_frame(lib.flow_io_diagnostics, self._h, tolerance)
        frame.attrs["status_name"] = errors.STATUS_NAMES.get(int(frame.attrs["status"]),
                                                             str(frame.attrs["status"]))
        return frame

    # ---------------------------------------------------------------- multipliers
    def _account(self, f, name):
        fv = _arrays.vector_in(self._nodes_in(f, name), name)
        if fv.size != self.order:
            raise ValueError("%s needs %d entries, got %d" % (name, self.order, fv.size))
        return fv

    def multipliers(self, satellites=None):
        """Multipliers of every sector: columns "output" (column sums of L),
        "value_added" ((v/x)' L) and one per satellite account. satellites:
        a DataFrame with one row per account (index = account names, columns
        = node labels, aligned), or an (nsat, n) array / one vector (columns
        "satellite_<q>")."""
        self.factor()
        table = None
        if satellites is not None:
            pandas = _frames.pandas
            names = None
            if pandas is not None and isinstance(satellites, pandas.DataFrame):
                names = [str(label) for label in satellites.index]
                satellites = _aligned_rows(satellites.T, self.node_index, "satellites").T
            array = np.atleast_2d(np.asarray(self._nodes_in(satellites, "satellites"),
                                             dtype=np.float64))
            if array.ndim != 2 or array.shape[1] != self.order:
                raise ValueError("satellites must have %d columns, got shape %s"
                                 % (self.order, np.shape(satellites)))
            table = Table(array, row_labels=names)
        return result_frame(lib.flow_io_multipliers, self._h,
                            None if table is None else table._h)

    def output_multipliers(self):
        """Output multipliers (column sums of L): the "output" column of multipliers()."""
        return self.multipliers()[["output"]]

    def value_added_multipliers(self):
        """Value-added multipliers s' L with s = v / x: the "value_added" column."""
        return self.multipliers()[["value_added"]]

    def satellite_multipliers(self, f):
        """s' L with s = f / x for one account (a vector of n totals) or several
        (an (nsat, n) array or a DataFrame with one row per account): one
        column per account."""
        return self.multipliers(f).iloc[:, 2:]

    def footprints(self, f):
        """Consumption- and production-based totals of account f by region:
        a DataFrame (regions x ["consumption", "production"])."""
        self.factor()
        return result_frame(lib.flow_io_footprints, self._h,
                            _arrays.pointer(self._account(f, "f")))

    # ---------------------------------------------------------------- linkages
    def linkages(self, direct=False):
        """Total (or direct) backward and forward linkages of every sector:
        raw, Rasmussen-normalised, split into local and foreign partners, and
        the key-sector class (a code of SECTOR_CLASSES): see io.h."""
        if not direct:
            self.factor()
        return result_frame(lib.flow_io_linkages, self._h, 1 if direct else 0)

    def key_sectors(self, direct=False):
        """Class of every sector: a Series of names from SECTOR_CLASSES."""
        classes = self.linkages(direct)["class"]
        return classes.map(lambda code: SECTOR_CLASSES[int(code)])

    def spillovers(self):
        """(spill, net) regions x regions spillover DataFrames."""
        self.factor()
        spill, net = ctypes.c_void_p(), ctypes.c_void_p()
        lib.flow_io_spillovers(ctypes.byref(spill), ctypes.byref(net), None, self._h)
        return Spillovers(frame_of(spill.value), frame_of(net.value))

    def spillover_matrix(self):
        """L with its diagonal region blocks zeroed (n x n DataFrame)."""
        self.factor()
        matrix = ctypes.c_void_p()
        lib.flow_io_spillovers(None, None, ctypes.byref(matrix), self._h)
        return frame_of(matrix.value)

    # ---------------------------------------------------------------- extraction
    def extraction_sweep(self, drop_diagonal=False):
        """Output lost when each sector in turn is extracted: a DataFrame with
        columns backward, forward, total (closed forms on one factorisation)."""
        self.factor()
        flags = C["FLOW_IO_EXTRACT_DROP_DIAGONAL"] if drop_diagonal else 0
        return result_frame(lib.flow_io_extraction_sweep, self._h, flags)

    def _regions(self, refs):
        codes = self.region_codes
        indices = []
        for r in refs:
            if isinstance(r, str) and r not in codes:
                raise ValueError("unknown region %r (regions: %s)" % (r, codes))
            indices.append(codes.index(r) if isinstance(r, str) else int(r))
        return np.array(indices, dtype=np.int64)

    def extract_links(self, first, second, severity=1.0, one_way=False, final_demand=False):
        """Output after cutting the links between two sets of regions (codes
        or indices) by severity: columns "output" (xbar) and "loss"
        (output - xbar), attrs["loss_total"]."""
        s, t = self._regions(first), self._regions(second)
        flags = ((C["FLOW_IO_EXTRACT_ONE_WAY"] if one_way else 0)
                 | (C["FLOW_IO_EXTRACT_FINAL_DEMAND"] if final_demand else 0))
        return result_frame(lib.flow_io_extract_links, self._h, s.size, _arrays.pointer(s),
                            t.size, _arrays.pointer(t), severity, flags)

    # ---------------------------------------------------------------- value added origin
    def value_added_origin(self, shares=False):
        """VA[r, s]: value added of region r absorbed in the final demand of s
        (column shares when shares=True), labelled by region code."""
        return self.origin_matrix(None, shares)

    def origin_matrix(self, f=None, shares=False):
        """As value_added_origin for a satellite account f (n totals per node)."""
        self.factor()
        fv = None if f is None else self._account(f, "f")
        return result_frame(lib.flow_io_origin_matrix, self._h, _arrays.pointer(fv),
                            1 if shares else 0)

    def bilateral_trade(self):
        """Gross exports of region r to s (intermediate + final), zero diagonal."""
        return result_frame(lib.flow_io_bilateral_trade, self._h)

    def region_frame(self, matrix):
        """A regions x regions array as a DataFrame labelled by region codes."""
        return _frames.frame(np.asarray(matrix), self.region_codes, self.region_codes)

    def node_series(self, vector, name=None):
        """A vector over the nodes as a Series indexed by (region, sector) when pandas is there."""
        return _frames.series(vector, self.node_labels, name=name)

    # ---------------------------------------------------------------- aggregation
    def aggregate(self, region_map=None, region_codes=None, sector_map=None, sector_codes=None):
        """A new model with regions / sectors merged through index maps
        (identity when None); the new codes name the merged groups."""
        def mapping(values, old_count, codes):
            if values is None:
                return None, old_count
            array = _arrays.vector_in(values, "map", dtype=np.int64)
            if array.size != old_count:
                raise ValueError("map needs %d entries" % old_count)
            count = len(codes) if codes is not None else int(array.max()) + 1
            return array, count

        rmap, new_regions = mapping(region_map, self.region_count, region_codes)
        smap, new_sectors = mapping(sector_map, self.sector_count, sector_codes)
        return IOModel._create(
            lib.flow_io_model_aggregate, self._h, new_regions, _arrays.pointer(rmap),
            _codes(region_codes, new_regions, "region_codes"), new_sectors,
            _arrays.pointer(smap), _codes(sector_codes, new_sectors, "sector_codes"))


def _aligned(series, codes, what):
    """The values of a labelled Series in the order of codes: every code must
    be in its index and every index label a code (else ValueError)."""
    index = [str(label) for label in series.index]
    missing = [c for c in codes if c not in index]
    unknown = [label for label in index if label not in codes]
    if missing or unknown or len(set(index)) != len(index):
        raise ValueError("%s is labelled %s; missing %s, unknown %s"
                         % (what, "with duplicates" if len(set(index)) != len(index) else "",
                            missing, unknown))
    return series.set_axis(index).loc[list(codes)].to_numpy(dtype=float)


def _aligned_rows(value, index, what):
    """A pandas Series/DataFrame reordered to index (a list of codes or a
    MultiIndex): every label of index must be present and no other (else
    ValueError); returns the numpy values."""
    pandas = _frames.pandas
    want = list(index) if not isinstance(index, pandas.MultiIndex) else list(index)
    have = list(value.index)
    if isinstance(index, pandas.MultiIndex):
        have = [tuple(str(p) for p in label) if isinstance(label, tuple) else label
                for label in have]
    else:
        have = [str(label) for label in have]
    missing = [w for w in want if w not in have]
    unknown = [h for h in have if h not in want]
    if missing or unknown or len(set(have)) != len(have):
        raise ValueError("%s is labelled %s; missing %s, unknown %s"
                         % (what, "with duplicates" if len(set(have)) != len(have) else "",
                            missing, unknown))
    position = {label: i for i, label in enumerate(have)}
    rows = [position[w] for w in want]
    return value.to_numpy(dtype=float)[rows]


# ------------------------------------------------------------------ in place of Z


def _given_up(z, x):
    """The caller's Z as it will be overwritten, and x as doubles; checks shapes."""
    if not isinstance(z, np.ndarray) or z.dtype != np.float64 or z.ndim != 2:
        raise TypeError("z must be a 2-d numpy array of float64 (it is overwritten)")
    if not (z.flags.c_contiguous and z.flags.writeable) or z.shape[0] != z.shape[1]:
        raise ValueError("z must be square, C-contiguous and writeable (it is overwritten)")
    x = np.ascontiguousarray(x, dtype=np.float64)
    if x.shape != (z.shape[0],):
        raise ValueError("x must have %d entries, got shape %s" % (z.shape[0], x.shape))
    return z, x


def leontief_inverse_in_place(z, x):
    """Overwrites the square float64 array z (intermediate flows Z) with the
    Leontief inverse L = (I - Z diag(x)^-1)^-1 and returns it, without a second
    n x n matrix: the memory-saving mode for systems too large to hold twice
    (io.h, flow_io_leontief_inverse_in_place). Raises NotProductiveError,
    SingularError or ValueError (NaN/Inf, negative x) like IOModel."""
    z, x = _given_up(z, x)
    n = z.shape[0]
    lib.flow_io_leontief_inverse_in_place(n, _arrays.pointer(z), n, _arrays.pointer(x))
    return z


def leontief_solve_in_place(z, x, y):
    """x_new = L y for y of shape (n,) or (n, k), solving inside z, which is
    given up (overwritten by the LU factors of I - A): peak memory is z plus y
    (io.h, flow_io_leontief_solve_in_place). Returns a new array shaped as y."""
    z, x = _given_up(z, x)
    n = z.shape[0]
    y = np.array(y, dtype=np.float64, order="C", copy=True)
    if y.shape[:1] != (n,) or y.ndim not in (1, 2) or (y.ndim == 2 and y.shape[1] < 1):
        raise ValueError("y must have shape (%d,) or (%d, k), got %s" % (n, n, y.shape))
    k = 1 if y.ndim == 1 else y.shape[1]
    lib.flow_io_leontief_solve_in_place(n, _arrays.pointer(z), _arrays.pointer(x), k,
                                        _arrays.pointer(y), k)
    return y
