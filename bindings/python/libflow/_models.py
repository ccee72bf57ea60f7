"""Inputs of the stand-alone models (contagion, inoperability, mixed and
price models): labelled tables and vectors aligned to their labels."""
import numpy as np

from . import _arrays
from .table import Table


def table_in(value, name, labels=None):
    """A Table from a Table, a DataFrame (index and columns become labels) or
    any 2-D array-like with optional labels for rows and columns alike."""
    if isinstance(value, Table):
        return value
    rows = pandas_labels(value, labels)
    columns = getattr(value, "columns", None)
    cols = [str(c) for c in columns] if columns is not None else rows
    array = _arrays.matrix_in(value, name)
    if cols is not None and len(cols) != array.shape[1]:
        cols = None
    return Table(array, row_labels=rows, col_labels=cols)


def pandas_labels(value, labels=None):
    """Labels given explicitly, or the index of a pandas object, or None."""
    if labels is not None:
        return [str(label) for label in labels]
    return [str(label) for label in value.index] if hasattr(value, "loc") else None


def vector_in(value, name, labels, optional=False):
    """A float64 vector of len(labels); a pandas Series is aligned to labels
    by its index (a missing label is an error, never a silent NaN)."""
    if value is None:
        if optional:
            return None
        raise ValueError("%s is required" % name)
    index = value.index if hasattr(value, "loc") else None  # pandas objects only
    if index is not None and labels is not None and all(labels):
        missing = [label for label in labels if label not in index]
        if missing:
            raise KeyError("%s has no value for %s" % (name, ", ".join(map(str, missing))))
        value = value.loc[labels]
    array = _arrays.vector_in(value, name)
    if labels is not None and array.size != len(labels):
        raise ValueError("%s has %d values for %d labels" % (name, array.size, len(labels)))
    return array


def frame(table):
    """The DataFrame of a result table (the table is freed afterwards); rows
    of unlabelled inputs are numbered 0..n-1 rather than all called ""."""
    with table:
        result = table.to_frame()
    if len(result.index) and not any(str(label) for label in result.index):
        result.index = range(len(result.index))
    if len(result.columns) and not any(str(label) for label in result.columns):
        result.columns = range(len(result.columns))
    return result


def result(constructor, *args):
    """Runs constructor(&out, *args) and returns the result as a DataFrame."""
    return frame(Table._create(constructor, *args))


def as_int_flags(value, name, labels):
    """0/1 flags as a C int array (a boolean Series is aligned like vector_in)."""
    import ctypes

    flags = vector_in(value, name, labels).astype(bool)
    return (ctypes.c_int * max(flags.size, 1))(*[int(f) for f in flags]), np.flatnonzero(flags)
