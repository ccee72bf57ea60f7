"""CSV reading options and row accounting (include/libflow/reader.h).

Readers themselves are Dataset.read_csv / Dataset.read_buffer and
read_table(); each returns (or fills) a ReadReport accounting for every row.
"""
import contextlib
import ctypes
import threading
from collections import namedtuple

from . import defaults, errors
from ._handle import Handle
from ._lib import lib, progress_fn
from ._options import set_options
from ._strings import encode
from .constants import choice
from .constants import C, names

Reason = namedtuple("Reason", "reason count kind")
Reject = namedtuple("Reject", "message file line column text")
UnknownCode = namedtuple("UnknownCode", "code rows first_line")


def _int_tuple(values, count, what):
    """values as a tuple of count ints, or TypeError naming what was wrong."""
    if isinstance(values, (str, bytes, dict)) or not hasattr(values, "__len__") \
            or len(values) != count or not all(isinstance(v, int) for v in values):
        raise TypeError("%s must be a sequence of %d ints (%s), not %r" % (
            what, count, "label_rows, label_cols, col_label_row, col_group_row, row_label_col, "
            "row_group_col" if what == "wide_layout" else "", values))
    return tuple(values)


def _enum_word(prefix, value):
    """An enum keyword's value as the library's word: ints (C constants) mapped to their name."""
    if isinstance(value, int) and not isinstance(value, bool):
        for name in names(prefix):
            if C["FLOW_" + prefix + name.upper()] == value:
                return name
    return value


def _column_key(role):
    """The read-option key of a column role ("origin" or FLOW_COL_ORIGIN -> "origin_column")."""
    return _enum_word("COL_", role) + "_column"


def _read_settings(kwargs):
    """(key, value) pairs of reader.h's flow_read_options_set for ReadOptions keywords.

    Keywords that hold several keys are spread over them; every other keyword
    goes through under its own name, so a misspelt one reaches the library and
    is refused there, naming it."""
    kwargs = dict(kwargs)
    if kwargs.get("quantity_unit") is not None and kwargs.get("quantity_layer") is None:
        raise ValueError("quantity_unit needs quantity_layer")
    # The preset first: it resets columns, scale, unit and default layer.
    settings = [("preset", _enum_word("PRESET_", kwargs.pop("preset", None)))]
    for role, name in (kwargs.pop("columns", None) or {}).items():
        settings.append((_column_key(role), name))
    for key, prefix in (("missing", "MISSING_"), ("unknown_codes", "UNKNOWN_"),
                        ("mirror_policy", "MIRROR_")):
        if key in kwargs:
            kwargs[key] = _enum_word(prefix, kwargs[key])
    for key in ("delimiter", "thousands", "decimal"):
        if isinstance(kwargs.get(key), int):
            kwargs[key] = chr(kwargs[key]) if kwargs[key] else ""
    tokens = kwargs.pop("missing_tokens", None)
    if tokens is not None:
        tokens = [str(t) for t in tokens]
        # A list holding only the empty field is "," (two empty pieces): "" clears the list.
        settings.append(("missing_tokens", ",".join(tokens) or ("," if tokens else "")))
    layout = kwargs.pop("wide_layout", None)
    if layout is not None:
        settings += zip(_WIDE_LAYOUT_KEYS, _int_tuple(layout, 6, "wide_layout"))
    row_filter = kwargs.pop("wide_row_filter", None)
    if row_filter is not None:
        if isinstance(row_filter, (str, bytes, dict)) or len(row_filter) != 2:
            raise TypeError("wide_row_filter must be a pair (label_col, value), not %r"
                            % (row_filter,))
        settings += [("wide_row_filter_column", row_filter[0]),
                     ("wide_row_filter_value", row_filter[1])]
    return settings + list(kwargs.items())


_WIDE_LAYOUT_KEYS = ("wide_label_rows", "wide_label_cols", "wide_col_label_row",
                     "wide_col_group_row", "wide_row_label_col", "wide_row_group_col")


class ReadOptions(Handle):
    """How to read a CSV. Every keyword is a key of flow_read_options_set
    (reader.h documents each with its values and default), given as Python
    values (bools, numbers, strings, sequences for lists); an unknown keyword
    or a bad value raises InvalidArgumentError naming it. Main keys:

    preset ("generic", "baci", "comtrade"), delimiter (",", ";", "\\t", "|"
    or None to detect), thousands / decimal separators, missing_tokens
    (replaces the defaults), missing ("zero", "skip", "reject"), scale,
    allow_negative, unknown_codes ("reject", "add"), strict,
    max_rejects_kept, buffer_size, max_line, default_layer, default_year,
    unit, years / product_prefixes / layers (filters), threads (parallel
    parsing of one long-format file: 1 serial, 0 one per processor),
    mirror_layer (the layer of importer-reported M/IMPORT rows, for mirror
    pairs), mirror_policy (which report of a flow both sides report is kept,
    never both: "importer_first" (default; the exporter's where the importer
    reports nothing), "exporter_first", "importer", "exporter"),
    quantity_layer (the layer the quantity column - role "quantity": BACI's
    q - goes to in the same read as the values, for unit values v / q) and
    quantity_unit (its unit; default the preset's: "t" for BACI), the
    origin_column ... kind_column headers and the wide_* keys.
    Keywords of this binding that hold several keys: columns ({role: header},
    roles origin, destination, value, year, layer, product, unit, flow,
    quantity, kind), wide_layout (label_rows, label_cols, col_label_row,
    col_group_row, row_label_col, row_group_col), wide_row_filter
    (label_col, value), and progress (a callable, see set_progress).
    """

    _kind = "flow_read_options"

    def __init__(self, *, progress=None, **kwargs):
        out = ctypes.c_void_p()
        lib.flow_read_options_new(ctypes.byref(out))
        super().__init__(out.value)
        self._progress = None
        self.preset = kwargs.get("preset")  # the product grouping a dataset picks follows it
        set_options(lib.flow_read_options_set, self._h, _read_settings(kwargs))
        if progress is not None:
            self.set_progress(progress)

    def clear_filters(self):
        """Removes the year, product and layer filters."""
        set_options(lib.flow_read_options_set, self._h,
                    [("years", ""), ("product_prefixes", ""), ("layers", "")])

    def set_progress(self, fn):
        """Calls fn(bytes_done, bytes_total) as reads with these options go
        on (bytes_total is -1 when the size is unknown); a truthy return
        cancels the read, which then raises CancelledError. An exception raised
        by fn also cancels the read, and the read raises that exception.
        None removes the callback."""
        if fn is not None and not callable(fn):
            raise TypeError("progress must be callable or None")
        progress = None if fn is None else _Progress(fn)
        c_function = progress_fn() if fn is None else progress.c_function  # NULL: none
        lib.flow_read_options_set_progress(self._h, c_function, None)
        # The C side keeps only the function pointer: the ctypes object that
        # owns it must live as long as the options may call it.
        self._progress = progress


class _Progress:
    """A Python progress callable behind a flow_progress_fn.

    An exception cannot cross the C frames of the read (ctypes would print and
    drop it), so the trampoline stores it and cancels; reading() raises it once
    the library has returned. The store is per thread because the callback
    runs on the thread that called the read, and one options object may serve
    concurrent reads.
    """

    def __init__(self, fn):
        self.fn = fn
        self.pending = threading.local()
        self.c_function = progress_fn(self._trampoline)

    def _trampoline(self, _userdata, bytes_done, bytes_total):
        try:
            return 1 if self.fn(bytes_done, bytes_total) else 0
        except BaseException as exc:  # KeyboardInterrupt too: it cancels the read
            self.pending.error = exc
            return 1

    def take_error(self):
        error = getattr(self.pending, "error", None)
        self.pending.error = None
        return error


@contextlib.contextmanager
def reading(options):
    """Wraps one libflow read with options (ReadOptions or None) so that an
    exception raised by the progress callable is raised by the read itself,
    chained from the library's cancellation error. Every reader goes through
    here."""
    progress = None if options is None else options._progress
    if progress is None:
        yield
        return
    progress.take_error()  # nothing left over from an earlier read
    try:
        yield
    except errors.FlowError as failure:
        error = progress.take_error()
        if error is not None:
            raise error from failure
        raise
    error = progress.take_error()
    if error is not None:  # the library finished despite the cancellation
        raise error


def options_from(options, kwargs):
    """A ReadOptions from options= or keywords (None: the library defaults)."""
    if options is not None and kwargs:
        raise TypeError("pass either options= or option keywords, not both")
    if options is None and kwargs:
        options = ReadOptions(**kwargs)
    return options


class ReadReport(Handle):
    """Every row of a read accounted for: rows = accepted + filtered + rejected,
    with the reasons, the first rejects (file, line, column, text) and the
    unknown economy codes met."""

    _kind = "flow_read_report"

    def __init__(self):
        out = ctypes.c_void_p()
        lib.flow_read_report_new(ctypes.byref(out))
        super().__init__(out.value)

    def _part(self, part):
        """One part of the report (flow_read_report_table) as (row labels, row
        groups, values, scalars)."""
        from .table import Table

        out = ctypes.c_void_p()
        lib.flow_read_report_table(ctypes.byref(out), self._h, C["FLOW_REPORT_" + part])
        table = Table._adopt(out.value)
        try:
            return table.row_labels, table.row_groups, table.to_numpy(), table.scalars
        finally:
            table.close()

    def table(self, part="counts"):
        """One part of the report as a labelled DataFrame: "counts" (one row
        labelled by the unit), "reasons", "rejects" (labelled by message,
        grouped by file), "reject_fields" (offending text, grouped by
        column) or "unknown" (labelled by code); the counts in ``.attrs``."""
        from .table import result_frame

        return result_frame(lib.flow_read_report_table, self._h, choice("REPORT_", part))

    def _count(self, name):
        return int(self._part("COUNTS")[3][name])

    rows = property(lambda self: self._count("rows"),
        doc="Data rows read (the header excluded).")
    accepted = property(lambda self: self._count("accepted"),
        doc="Rows whose flow was added.")
    filtered = property(lambda self: self._count("filtered"),
        doc="Rows left out by a filter (year, layer, product, missing value skipped).")
    rejected = property(lambda self: self._count("rejected"),
        doc="Rows rejected (bad value, unknown code, different unit, ...).")
    duplicates = property(lambda self: self._count("duplicates"),
        doc="Accepted rows that hit a cell already written: summed.")
    missing = property(lambda self: self._count("missing"),
        doc="Missing values read as zero.")
    unit = property(lambda self: self._part("COUNTS")[0][0],
        doc='The unit of the rows read ("" when none).')

    @property
    def reasons(self):
        """(reason, count, kind) of every reason rows were rejected or filtered."""
        labels, _, values, _ = self._part("REASONS")
        return [Reason(label, int(row[0]), "rejected" if row[1] else "filtered")
                for label, row in zip(labels, values)]

    @property
    def kept(self):
        """The first rejected rows with their details."""
        messages, files, lines, _ = self._part("REJECTS")
        texts, columns, _, _ = self._part("REJECT_FIELDS")
        return [Reject(m, f, int(line[0]), c, t)
                for m, f, line, c, t in zip(messages, files, lines, columns, texts)]

    @property
    def unknown(self):
        """(code, rows, first_line) of the unknown economy codes met."""
        codes, _, values, _ = self._part("UNKNOWN")
        return [UnknownCode(code, int(row[0]), int(row[1])) for code, row in zip(codes, values)]

    def __repr__(self):
        return ("<ReadReport rows=%d accepted=%d filtered=%d rejected=%d duplicates=%d>"
                % (self.rows, self.accepted, self.filtered, self.rejected, self.duplicates))


def read_table(path, options=None, report=None, **option_kwargs):
    """Reads a wide matrix CSV into a Table; returns (table, report).

    Negative values are accepted unless allow_negative=False (libflow.defaults).
    Rejected or filtered rows raise a RowsDroppedWarning."""
    from .table import Table

    if options is None and "allow_negative" not in option_kwargs:
        option_kwargs["allow_negative"] = defaults.ALLOW_NEGATIVE_WIDE
    options = options_from(options, option_kwargs)
    report = report if report is not None else ReadReport()
    with reading(options):
        table = Table._create(lib.flow_table_read_csv, encode(str(path)),
                              None if options is None else options._h, report._h)
    from .accounting import warn_dropped

    warn_dropped(report, str(path))
    return table, report


