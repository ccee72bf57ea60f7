"""Centrality of economies in a flow network and intermediaries between two
economies (include/libflow/network.h)."""
import ctypes

from . import _arrays, _frames
from ._handle import Handle
from ._lib import lib
from .constants import choice, names
from .indices import _index
from .table import result_frame

CENTRALITY_MEASURES = names("CENTRALITY_")


class CentralityOptions(Handle):
    """Power-iteration parameters (defaults: damping 0.85, tolerance 1e-10,
    10000 iterations)."""

    _kind = "flow_centrality_options"

    def __init__(self, damping=None, tolerance=None, max_iterations=None):
        out = ctypes.c_void_p()
        lib.flow_centrality_options_new(ctypes.byref(out))
        super().__init__(out.value)
        if damping is not None:
            lib.flow_centrality_options_set_damping(self._h, damping)
        if tolerance is not None:
            lib.flow_centrality_options_set_tolerance(self._h, tolerance)
        if max_iterations is not None:
            lib.flow_centrality_options_set_max_iterations(self._h, max_iterations)


def _square_by_label(matrix, what):
    """A labelled square DataFrame with its columns in the order of its rows
    (ValueError when the two label sets differ); anything else as given."""
    if not (_frames.have_pandas() and isinstance(matrix, _frames.pandas.DataFrame)):
        return matrix
    rows, cols = [str(r) for r in matrix.index], [str(c) for c in matrix.columns]
    if rows == cols:
        return matrix
    missing = [r for r in rows if r not in cols]
    unknown = [c for c in cols if c not in rows]
    if missing or unknown or len(set(cols)) != len(cols):
        raise ValueError("%s: columns must name the rows' economies; missing %s, unknown %s"
                         % (what, missing, unknown))
    return matrix.set_axis(cols, axis=1)[rows]


def centrality(weights, labels=None, options=None, **parameters):
    """Every centrality measure of a weight matrix (w[i, j] = weight of edge
    i -> j) as a DataFrame: one row per node (indexed by the labels, or the
    index of a weights DataFrame), columns in_strength, out_strength,
    eigenvector, pagerank, hub, authority (NaN where an iteration did not
    converge); .attrs holds "<measure>_converged" and the iterations."""
    weights = _square_by_label(weights, "weights")
    labels = _arrays.labels_of(weights, labels)
    matrix = _arrays.square_in(weights, "weights")
    n = matrix.shape[0]
    if options is None and parameters:
        options = CentralityOptions(**parameters)
    frame = result_frame(lib.flow_centrality_new, None if options is None else options._h,
                         _arrays.pointer(matrix), n, n)
    if labels is not None:
        frame.index = list(labels)
    return frame


class Centrality:
    """In/out strength, eigenvector centrality, PageRank, hub and authority
    scores of a weight matrix (w[i, j] = weight of edge i -> j).

    ``Centrality(weights, labels=None, damping=..., tolerance=...,
    max_iterations=...)``, or the result of ``Dataset.centrality``: the
    library's table as a DataFrame (``frame()``); ``c["pagerank"]`` is a
    read-only array of one measure (NaN when that iteration did not
    converge, see converged())."""

    MEASURES = CENTRALITY_MEASURES

    def __init__(self, weights, labels=None, options=None, **parameters):
        if _frames.have_pandas() and isinstance(weights, _frames.pandas.DataFrame) \
                and list(weights.columns) == list(CENTRALITY_MEASURES) and labels is None:
            self._frame = weights  # a result table already
        else:
            self._frame = centrality(weights, labels, options, **parameters)
        index = [str(label) for label in self._frame.index]
        self.labels = None if index == [str(i) for i in range(len(index))] else index

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    @property
    def order(self):
        """Number of nodes."""
        return len(self._frame)

    def _name(self, measure):
        if isinstance(measure, int):
            measure = CENTRALITY_MEASURES[measure]
        if measure not in CENTRALITY_MEASURES:
            raise ValueError("unknown centrality measure %r" % (measure,))
        return measure

    def __getitem__(self, measure):
        values = self._frame[self._name(measure)].to_numpy()
        values.flags.writeable = False
        return values

    def copy(self, measure):
        """A new array of one measure ("pagerank", "eigenvector", ...)."""
        return self._frame[self._name(measure)].to_numpy(copy=True)

    def iterations(self, measure):
        """Iterations the power iteration of a measure took (0 when computed directly)."""
        return int(self._frame.attrs.get(self._name(measure) + "_iterations", 0))

    def converged(self, measure):
        """Whether the power iteration of a measure converged."""
        return bool(self._frame.attrs[self._name(measure) + "_converged"])

    def series(self, measure):
        """One measure as a Series indexed by the labels (pandas)."""
        return self._frame[self._name(measure)].copy()

    def frame(self):
        """Every measure as the columns of a DataFrame indexed by economy."""
        return self._frame.copy()


def transit(flows, s, t, rule=None, labels=None):
    """Two-step flow s -> h -> t through every economy h (0 for s and t): a
    DataFrame indexed by economy (labels, or a DataFrame's index) with one
    column per rule, "product" (T_sh * T_ht), "bottleneck" (min of the legs),
    "first_leg", "second_leg" and "handled" (min(T_sh, T_ht * T_sh / h's
    imports): what h can pass on from s); with rule, that column (a Series)."""
    labels = _arrays.labels_of(flows, labels)
    matrix = _arrays.square_in(flows, "flows")
    n = matrix.shape[0]
    frame = result_frame(lib.flow_transit, _arrays.pointer(matrix), n, n, _index(s, labels),
                         _index(t, labels))
    if labels:
        frame.index = list(labels)
    if rule is not None:
        choice("TRANSIT_", rule)  # an unknown rule raises here
        return frame[rule]
    return frame
