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


class Centrality(Handle):
    """In/out strength, eigenvector centrality, PageRank, hub and authority
    scores of a weight matrix (w[i, j] = weight of edge i -> j).

    ``Centrality(weights, labels=None, damping=..., tolerance=...,
    max_iterations=...)``; ``c["pagerank"]`` is a read-only view owned by the
    result (NaN when that iteration did not converge, see converged()).
    """

    _kind = "flow_centrality"
    MEASURES = CENTRALITY_MEASURES
    labels = None

    def __init__(self, weights, labels=None, options=None, **parameters):
        self.labels = _arrays.labels_of(weights, labels)
        matrix = _arrays.square_in(weights, "weights")
        n = matrix.shape[0]
        if options is None and parameters:
            options = CentralityOptions(**parameters)
        out = ctypes.c_void_p()
        lib.flow_centrality_new(ctypes.byref(out), None if options is None else options._h,
                                _arrays.pointer(matrix), n, n)
        super().__init__(out.value)

    @property
    def order(self):
        """Number of nodes."""
        return lib.flow_centrality_order(self._h)

    def __getitem__(self, measure):
        address = _arrays.address_of(lib.flow_centrality_view(self._h,
                                                              choice("CENTRALITY_", measure)))
        if not address and self.order:
            raise ValueError("unknown centrality measure %r" % (measure,))
        return _arrays.borrowed(self, address, (self.order,))

    def copy(self, measure):
        """A new array of one measure ("pagerank", "eigenvector", ...)."""
        out = _arrays.empty(self.order)
        lib.flow_centrality_copy_to(self._h, choice("CENTRALITY_", measure), _arrays.pointer(out),
                                    out.size)
        return out

    def iterations(self, measure):
        """Iterations the power iteration of a measure took."""
        return lib.flow_centrality_iterations(self._h, choice("CENTRALITY_", measure))

    def converged(self, measure):
        """Whether the power iteration of a measure converged."""
        state = lib.flow_centrality_converged(self._h, choice("CENTRALITY_", measure))
        if state < 0:
            raise ValueError("unknown centrality measure %r" % (measure,))
        return bool(state)

    def series(self, measure):
        """One measure as a Series indexed by the labels (pandas)."""
        return _frames.series(self.copy(measure), self.labels or list(range(self.order)),
                              name=measure)

    def frame(self):
        """Every measure as the columns of a DataFrame indexed by economy."""
        import numpy as np

        values = np.column_stack([self.copy(m) for m in CENTRALITY_MEASURES])
        return _frames.frame(values, self.labels or list(range(self.order)), CENTRALITY_MEASURES)


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
