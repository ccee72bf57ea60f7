"""Bilateral dependence, asymmetry, concentration and exposure indices
(include/libflow/indices.h).

Flow matrices are n x n, row = origin (exporter, lender), column =
destination; stacks (products, years) are (count, n, n) arrays. A pandas
DataFrame may be passed for any matrix: its index then labels the results.
Dyadic results are indexed [i, j] with i the economy of reference (the
dependent one) and j its partner.
"""
import ctypes
from collections import namedtuple

import numpy as np

from . import _arrays, _frames
from ._handle import Handle
from ._lib import lib
from ._options import set_options
from .constants import C, choice, names
from .table import result_frame

DYAD_MEASURES = names("DYAD_")
DEPFLAG_PARTS = names("DEPFLAG_")[:C["FLOW_DEPFLAG_PART_COUNT"]]


def _index(ref, labels, what="economy"):
    """An economy index from an int or a label."""
    if isinstance(ref, (int, np.integer)):
        return int(ref)
    if labels is None:
        raise TypeError("%s %r given by label but no labels are known" % (what, ref))
    try:
        return labels.index(str(ref))
    except ValueError:
        raise KeyError("unknown %s %r" % (what, ref)) from None


class Dyads(Handle):
    """Every dyadic measure of one flow matrix (export, import and trade
    shares, Barbieri salience/symmetry/interdependence, dependence and
    asymmetry, alternative-supplier HHI, vulnerability).

    ``Dyads(flows, sizes=None, labels=None)``; ``dyads["trade_share"]`` is a
    read-only n x n array, ``dyads.frame(measure)`` the library's table of
    one measure as a labelled DataFrame. Sizes (GDP, gross output; NaN =
    unknown) turn dependence into flow / size; a labelled flows DataFrame
    has its columns aligned to its rows, a labelled sizes Series is aligned
    by label.
    """

    _kind = "flow_dyads"
    MEASURES = DYAD_MEASURES
    labels = None

    def __init__(self, flows, sizes=None, labels=None):
        from .network import _square_by_label

        flows = _square_by_label(flows, "flows")
        self.labels = _arrays.labels_of(flows, labels)
        matrix = _arrays.square_in(flows, "flows")
        n = matrix.shape[0]
        size_vec = None if sizes is None else _arrays.vector_in(
            _by_label(sizes, self.labels, "sizes"), "sizes")
        if size_vec is not None and size_vec.size != n:
            raise ValueError("sizes has %d entries for %d economies" % (size_vec.size, n))
        out = ctypes.c_void_p()
        lib.flow_dyads_new(ctypes.byref(out), _arrays.pointer(matrix), n, n,
                           _arrays.pointer(size_vec))
        super().__init__(out.value)
        self._order = n

    @property
    def order(self):
        """Number of economies of the dyads (rows and columns)."""
        return self._order

    def _table(self, measure):
        cache = self.__dict__.setdefault("_tables", {})
        code = choice("DYAD_", measure)
        if code not in cache:
            frame = result_frame(lib.flow_dyads_table, self._h, code)
            if self.labels is not None:
                frame.index, frame.columns = list(self.labels), list(self.labels)
            cache[code] = frame
        return cache[code]

    def __getitem__(self, measure):
        values = self._table(measure).to_numpy()
        values.flags.writeable = False
        return values

    def copy(self, measure):
        """A writable copy of one measure."""
        return self._table(measure).to_numpy(copy=True)

    def frame(self, measure):
        """One measure as a DataFrame (rows: economy of reference, columns: partner)."""
        return self._table(measure).copy()


def _by_label(values, labels, what):
    """A labelled pandas Series in the order of labels (ValueError for a
    missing or unknown label); anything else as given, by position."""
    if labels is None or not (_frames.have_pandas() and isinstance(values, _frames.pandas.Series)):
        return values
    from .io_model import _aligned

    return _aligned(values, labels, what)


def dyad_profile(layers, i, j, sizes=None, labels=None, layer_names=None):
    """Every dyad measure of (i, j) in each of a stack of layers: a DataFrame
    with one row per layer (named by layer_names, else numbered) and one
    column per measure (DYAD_MEASURES). i and j are indices or labels; a
    labelled sizes Series is aligned with the labels."""
    labels = _arrays.labels_of(layers, labels)
    stack = _arrays.stack_in(layers, "layers")
    count, n, _ = stack.shape
    size_vec = None if sizes is None else _arrays.vector_in(_by_label(sizes, labels, "sizes"),
                                                             "sizes")
    frame = result_frame(lib.flow_dyad_profile, _arrays.pointer(stack), count, n, n,
                         _arrays.pointer(size_vec), _index(i, labels), _index(j, labels))
    frame.index = list(layer_names) if layer_names is not None else list(range(count))
    return frame


def _hhi_stack(flows, labels):
    """The stack of flows (a labelled DataFrame's columns aligned to its
    rows) and the labels of its economies."""
    from .network import _square_by_label

    flows = _square_by_label(flows, "flows")
    return _arrays.stack_in(flows, "flows"), _arrays.labels_of(flows, labels)


def supplier_hhi(flows, labels=None):
    """Supplier concentration (HHI) of every importer: a DataFrame with
    column "supplier_hhi", one row per importer (indexed by labels, a
    DataFrame's index, or position); for a stack the index is (matrix,
    importer). NaN for an economy with no imports."""
    stack, labels = _hhi_stack(flows, labels)
    count, n, _ = stack.shape
    frame = result_frame(lib.flow_supplier_hhi, _arrays.pointer(stack), count, n, n)
    economies = list(labels) if labels is not None else list(range(n))
    if np.ndim(flows) == 2:
        frame.index = economies
    else:
        frame.index = _frames.pandas.MultiIndex.from_product([range(count), economies],
                                                             names=["matrix", "importer"])
    return frame


def export_hhi(flows):
    """World-export concentration of each matrix as a DataFrame with column
    "export_hhi" and one row per matrix (index "matrix": 0..count-1; one row
    for a single matrix, as supplier_hhi keeps its table shape for one
    matrix); NaN for a matrix without flows. A labelled matrix is aligned by
    label first. ``export_hhi(m)["export_hhi"].iloc[0]`` is the number."""
    stack, _ = _hhi_stack(flows, None)
    count, n, _ = stack.shape
    frame = result_frame(lib.flow_export_hhi, _arrays.pointer(stack), count, n, n)
    frame.index = _frames.pandas.RangeIndex(count, name="matrix")
    return frame


class DependencyFlagOptions(Handle):
    """Thresholds of the EU / CEPII strategic-dependency flags (defaults:
    import HHI > 0.4, export HHI > 0.4, imports/exports > 1, 2 of 3 years).
    residual: index of a residual aggregate economy (ROW), counted in totals
    but not as one supplier or exporter in the HHIs. extra_share=(members,
    threshold): the EU method's criterion, an importer is flagged only when
    more than threshold (0.5) of its imports come from outside the bloc of
    economy indices members."""

    _kind = "flow_depflag_options"

    def __init__(self, *, extra_share=None, **options):
        out = ctypes.c_void_p()
        lib.flow_depflag_options_new(ctypes.byref(out))
        super().__init__(out.value)
        # Every keyword is a key of flow_depflag_options_set (indices.h), persistence as
        # (min_years, window); extra_share holds two keys.
        settings = list(options.items())
        if extra_share is not None:
            members, threshold = extra_share
            settings += [("extra_share_members", [int(m) for m in members]),
                         ("extra_share_threshold", threshold)]
        set_options(lib.flow_depflag_options_set, self._h, settings)


class DependencyFlags:
    """Strategic-dependency flags of a (years, products, n, n) stack of flow
    matrices (years in chronological order). ``flags.table`` is the library's
    table as a DataFrame: one row per (year, product, importer), indexed by
    importer (economy code from a dataset) and grouped by product, columns
    import_hhi, export_hhi, import_export_ratio, flag, persistent,
    years_seen and year; ``.attrs`` holds year_count, product_count,
    economy_count, min_years and window. ``flags.part("flag", year)`` and
    ``flags.persistent`` are read-only (products, n) arrays (column =
    importer); ``flags.products`` are the product groups (codes from a
    dataset; indices from arrays with several products, else ""). Options as keyword arguments of DependencyFlagOptions, or
    options=."""

    PARTS = DEPFLAG_PARTS
    labels = None

    def __init__(self, flows, options=None, **thresholds):
        array = np.ascontiguousarray(flows, dtype=np.float64)
        if array.ndim == 3:
            array = array[np.newaxis]
        if array.ndim != 4 or array.shape[2] != array.shape[3]:
            raise ValueError("flows must have shape (years, products, n, n), got %s"
                             % (array.shape,))
        years, products, n = array.shape[:3]
        if options is None and thresholds:
            options = DependencyFlagOptions(**thresholds)
        self._hold(result_frame(lib.flow_depflags_new, None if options is None else options._h,
                                _arrays.pointer(array), years, products, n, n))

    @classmethod
    def _of_table(cls, frame):
        flags = cls.__new__(cls)
        flags._hold(frame)
        return flags

    def _hold(self, frame):
        attrs = frame.attrs
        self.table = frame
        self.shape = (int(attrs["year_count"]), int(attrs["product_count"]),
                      int(attrs["economy_count"]))
        values = frame.to_numpy().reshape(self.shape + (frame.shape[1],))
        values.flags.writeable = False
        self._values = values
        index = frame.index
        nested = isinstance(index, _frames.pandas.MultiIndex)
        labels = list(index.get_level_values(-1) if nested else index)[:self.shape[2]]
        if any(labels):
            self.labels = labels
        groups = list(index.get_level_values(0)) if nested else [""] * len(frame)
        self.products = [groups[p * self.shape[2]] if self.shape[2] else ""
                         for p in range(self.shape[1])]

    def _column(self, name):
        return list(self.table.columns).index(name)

    @property
    def years(self):
        """Calendar years (from a dataset) or year indices (from arrays)."""
        if not self._values.size:
            return list(range(self.shape[0]))
        return [int(v) for v in self._values[:, 0, 0, self._column("year")]]

    def frame(self, part="flag", year=-1):
        """One part for one year as a DataFrame (rows: products, columns: importers)."""
        return _frames.frame(np.array(self.part(part, year)), self.products,
                             self.labels or list(range(self.shape[2])))

    def _year_index(self, year):
        years = self.shape[0]
        index = year + years if year < 0 else year
        if not 0 <= index < years:
            raise IndexError("no year index %d" % year)
        return index

    def part(self, part, year=-1):
        """One component for one year (index; negative counts from the last)."""
        if part not in self.PARTS:
            raise KeyError("unknown part %r (one of %s)" % (part, ", ".join(self.PARTS)))
        return self._values[self._year_index(year), :, :, self._column(part)]

    @property
    def persistent(self):
        """Persistence at the last year: 1.0 where the yearly flag is set in at
        least min_years of the window calendar years ending at it, else 0.0."""
        return self.persistent_at(-1)[0]

    def persistent_at(self, year):
        """Persistence at year index ``year`` over the window calendar years
        ending at its calendar year (a year without data counts as not
        flagged; later years never count), and how many of those calendar
        years hold data: (array (products, n), years_seen)."""
        at = self._values[self._year_index(year)]
        seen = int(at[0, 0, self._column("years_seen")]) if at.size else 0
        return at[:, :, self._column("persistent")], seen


def exposure(z, x, groups, n_groups=None, kind="direct", labels=None):
    """Direct ("direct") or look-through ("look_through") exposure of each
    economy to each origin on an IO system: an (n_groups, n_groups)
    DataFrame, row = exposed economy, column = origin, labelled by labels
    (n_groups economy names; default their indices). groups[k] is the economy
    index of sector k."""
    zm = _arrays.square_in(z, "z")
    n = zm.shape[0]
    xv = _arrays.vector_in(x, "x")
    gv = _arrays.vector_in(groups, "groups", dtype=np.int64)
    if xv.size != n or gv.size != n:
        raise ValueError("x and groups need %d entries" % n)
    if n_groups is None:
        n_groups = int(gv.max()) + 1 if n else 0
    frame = result_frame(lib.flow_exposure, choice("EXPOSURE_", kind), _arrays.pointer(zm), n,
                         _arrays.pointer(xv), _arrays.pointer(gv), n_groups)
    names = list(labels) if labels is not None else list(range(n_groups))
    if len(names) != n_groups:
        raise ValueError("labels needs %d names, got %d" % (n_groups, len(names)))
    return frame.set_axis(names, axis=0).set_axis(names, axis=1)


def exposure_from_model(model, kind="direct"):
    """exposure() on an IOModel's Z and x with its regions as the economies:
    a (regions, regions) DataFrame [exposed region, origin region] labelled
    by region code."""
    return result_frame(lib.flow_exposure_from_io_model, choice("EXPOSURE_", kind), model._h)


def trade_from_model(model):
    """Gross bilateral trade between the regions of an IOModel (Z blocks plus
    final demand owned by the buyer; zero diagonal): model.bilateral_trade()."""
    return model.bilateral_trade()


def rank(values, k=None, descending=True):
    """Indices of the k largest (or smallest) values, NaN skipped, ties by
    lower index: an int64 array of at most k entries (all when k is None)."""
    vector = _arrays.vector_in(values, "values")
    cap = vector.size if k is None else int(k)
    out = _arrays.empty(max(cap, 0), dtype=np.int64)
    count = ctypes.c_int64()
    lib.flow_rank_vector(_arrays.pointer(out), cap, ctypes.byref(count), _arrays.pointer(vector),
                         vector.size, 1 if descending else 0)
    return out[: count.value]


RankedEntries = namedtuple("RankedEntries", "rows cols")


def rank_matrix(matrix, k=None, descending=True):
    """Positions of the k largest (or smallest) entries of a matrix, NaN
    skipped, ties in row-major order: (rows, cols) int64 arrays."""
    m = _arrays.matrix_in(matrix, "matrix")
    rows, cols = m.shape
    cap = m.size if k is None else int(k)
    out_rows = _arrays.empty(max(cap, 0), dtype=np.int64)
    out_cols = _arrays.empty(max(cap, 0), dtype=np.int64)
    count = ctypes.c_int64()
    lib.flow_rank_matrix(_arrays.pointer(out_rows), _arrays.pointer(out_cols), cap,
                         ctypes.byref(count), _arrays.pointer(m), rows, cols,
                         1 if descending else 0)
    return RankedEntries(out_rows[: count.value], out_cols[: count.value])
