"""Labelled dense matrices (include/libflow/table.h)."""
import ctypes

from . import _arrays, _frames
from ._handle import Handle
from ._lib import lib
from ._strings import decode, encode


class Table(Handle):
    """A rows x cols matrix of doubles with a label (and optional group label,
    e.g. the region of a region-sector row) per row and per column.

    ``Table(values, row_labels=None, col_labels=None, row_groups=None,
    col_groups=None)`` copies any 2-D array-like.
    """

    _kind = "flow_table"

    def __init__(self, values, row_labels=None, col_labels=None, row_groups=None,
                 col_groups=None):
        array = _arrays.matrix_in(values, "values")
        rows, cols = array.shape
        out = ctypes.c_void_p()
        lib.flow_table_new(ctypes.byref(out), rows, cols, _arrays.pointer(array), cols)
        super().__init__(out.value)
        for setter, labels, groups, count in (
            (self.set_row_label, row_labels, row_groups, rows),
            (self.set_col_label, col_labels, col_groups, cols),
        ):
            if labels is None and groups is None:
                continue
            labels = list(labels) if labels is not None else [None] * count
            groups = list(groups) if groups is not None else [None] * count
            if len(labels) != count or len(groups) != count:
                raise ValueError("expected %d labels/groups, got %d/%d"
                                 % (count, len(labels), len(groups)))
            for index, (label, group) in enumerate(zip(labels, groups)):
                setter(index, "" if label is None else label, group)

    @classmethod
    def zeros(cls, rows, cols):
        """An all-zero rows x cols table without labels."""
        out = ctypes.c_void_p()
        lib.flow_table_new(ctypes.byref(out), rows, cols, None, cols)
        return cls._adopt(out.value)

    @property
    def shape(self):
        """(rows, columns)."""
        return (lib.flow_table_rows(self._h), lib.flow_table_cols(self._h))

    @property
    def values(self):
        """Read-only zero-copy view of the values (keeps the table alive)."""
        address = _arrays.address_of(lib.flow_table_values(self._h))
        return _arrays.borrowed(self, address, self.shape)

    def to_numpy(self):
        """A fresh, writable copy of the values."""
        rows, cols = self.shape
        out = _arrays.empty(rows, cols)
        lib.flow_table_copy_to(self._h, _arrays.pointer(out), out.size, cols)
        return out

    def set(self, row, col, value):
        """Sets the value of cell (i, j)."""
        self._before_mutation()
        lib.flow_table_set(self._h, row, col, value)

    def set_row_label(self, row, label, group=None):
        """Sets the label (and group) of row i."""
        self._before_mutation()
        lib.flow_table_set_row_label(self._h, row, encode(label), encode(group))

    def set_col_label(self, col, label, group=None):
        """Sets the label (and group) of column j."""
        self._before_mutation()
        lib.flow_table_set_col_label(self._h, col, encode(label), encode(group))

    @property
    def row_labels(self):
        """The row labels."""
        return [decode(lib.flow_table_row_label(self._h, i)) for i in range(self.shape[0])]

    @property
    def col_labels(self):
        """The column labels."""
        return [decode(lib.flow_table_col_label(self._h, j)) for j in range(self.shape[1])]

    @property
    def row_groups(self):
        """The row group labels ("" where none)."""
        return [decode(lib.flow_table_row_group(self._h, i)) for i in range(self.shape[0])]

    @property
    def col_groups(self):
        """The column group labels ("" where none)."""
        return [decode(lib.flow_table_col_group(self._h, j)) for j in range(self.shape[1])]

    def find_row(self, label, group=None):
        """Index of the first row labelled label (in group); NotFoundError if none."""
        index = ctypes.c_int64()
        lib.flow_table_find_row(self._h, encode(label), encode(group), ctypes.byref(index))
        return index.value

    def find_col(self, label, group=None):
        """Index of the column with a label (NotFoundError otherwise)."""
        index = ctypes.c_int64()
        lib.flow_table_find_col(self._h, encode(label), encode(group), ctypes.byref(index))
        return index.value

    def slice(self, row0, nrows, col0, ncols):
        """A new table holding a block of this one, with its labels."""
        return Table._create(lib.flow_table_slice, self._h, row0, nrows, col0, ncols)

    def set_scalar(self, name, value):
        """Sets (or adds) the named scalar of the table."""
        self._before_mutation()
        lib.flow_table_set_scalar(self._h, encode(name), value)

    @property
    def scalars(self):
        """The named scalars of the table (totals, solver, ...) as a dict."""
        names = [decode(lib.flow_table_scalar_name(self._h, i))
                 for i in range(lib.flow_table_scalar_count(self._h))]
        values = {}
        for name in names:
            value = ctypes.c_double()
            lib.flow_table_scalar(self._h, encode(name), ctypes.byref(value))
            values[name] = value.value
        return values

    def to_frame(self):
        """A pandas DataFrame; rows/columns are (group, label) MultiIndexes when
        groups are set, and the named scalars are in ``.attrs``."""
        def index(labels, groups):
            if any(groups):
                return _frames.pandas.MultiIndex.from_arrays([groups, labels])
            return labels

        frame = _frames.frame(self.to_numpy(), index(self.row_labels, self.row_groups),
                              index(self.col_labels, self.col_groups))
        frame.attrs.update(self.scalars)
        return frame


def result_frame(constructor, *args):
    """The one converter of analysis results: calls ``constructor(&out,
    *args)`` for a new flow_table and returns it as a labelled DataFrame
    (scalars in ``.attrs``); the C table is freed at once."""
    out = ctypes.c_void_p()
    constructor(ctypes.byref(out), *args)
    return frame_of(out.value)


def frame_of(address):
    """The DataFrame of a new flow_table the caller owns (its address); the
    table is freed once converted."""
    table = Table._adopt(address)
    try:
        return table.to_frame()
    finally:
        table.close()
