"""Optional pandas views of labelled results.

Results are plain numpy arrays with label lists; when pandas is importable
they can also be had as DataFrame/Series with those labels as index/columns.
"""
try:
    import pandas
except ImportError:  # pandas is optional
    pandas = None


def have_pandas():
    return pandas is not None


def _require():
    if pandas is None:
        raise ImportError("pandas is needed for DataFrame/Series results")
    return pandas


def frame(matrix, index, columns):
    """A DataFrame of a 2-D result with row and column labels."""
    return _require().DataFrame(matrix, index=index, columns=columns)


def series(vector, index, name=None):
    """A Series of a 1-D result indexed by labels."""
    return _require().Series(vector, index=index, name=name)
