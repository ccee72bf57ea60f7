"""Structure of an IOModel (include/libflow/io_structure.h): fields of
influence (Sonis & Hewings 1992), the multiplier product matrix and the exact
Sherman-Morrison effect of changing one technical coefficient. Results are
pandas DataFrames labelled (region, sector), or Tables with as_table=True."""
import ctypes

from . import _arrays
from ._lib import lib
from .table import Table


def _node(model, ref):
    """Model index of a node: an int, or a (region, sector) pair of codes."""
    if isinstance(ref, tuple):
        region, sector = ref
        return (model.region_codes.index(region) * len(model.sector_codes)
                + model.sector_codes.index(sector))
    return int(ref)


def _result(table, as_table):
    return table if as_table else table.to_frame()


def field_of_influence(model, i, j, as_table=False):
    """dL / da_ij = L[:, i] L[j, :] (n x n)."""
    return _result(Table._create(lib.flow_io_field_of_influence, model._h, _node(model, i),
                                 _node(model, j)), as_table)


def multiplier_product(model, as_table=False):
    """MPM_ij = (L 1)_i (1' L)_j / (1' L 1)."""
    return _result(Table._create(lib.flow_io_multiplier_product, model._h), as_table)


def coefficient_change(model, i, j, delta, as_table=False):
    """Output before and after a_ij += delta, by Sherman-Morrison: columns
    output, output_new, change."""
    return _result(Table._create(lib.flow_io_coefficient_change, model._h, _node(model, i),
                                 _node(model, j), float(delta)), as_table)


def structural_paths(model, f=None, y=None, top_k=20, threshold=1e-4, max_depth=12,
                     as_table=False):
    """Top structural paths of the footprint f' L y (f: intensity per unit of
    output, default value added / output; y: final demand, default the
    model's total). Returns (paths, summary): paths labelled "region/sector >
    ... > region/sector" (source first) with value, share, depth, source,
    sink; summary with total, paths_value, pruned, paths, nodes
    (paths_value + pruned = total)."""
    n = model.order
    vectors = []
    for name, vec in (("f", f), ("y", y)):
        if vec is None:
            vectors.append(None)
            continue
        vec = _arrays.vector_in(vec, name)
        if vec.size != n:
            raise ValueError("%s has %d entries for %d sectors" % (name, vec.size, n))
        vectors.append(vec)
    handles = ctypes.c_void_p(), ctypes.c_void_p()
    lib.flow_io_structural_paths(ctypes.byref(handles[0]), ctypes.byref(handles[1]), model._h,
                                 _arrays.pointer(vectors[0]), _arrays.pointer(vectors[1]),
                                 int(top_k), float(threshold), int(max_depth))
    return tuple(_result(Table._adopt(handle.value), as_table) for handle in handles)
