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
from ._strings import decode, encode
from .constants import C, choice

Reason = namedtuple("Reason", "reason count kind")
Reject = namedtuple("Reject", "message file line column text")
UnknownCode = namedtuple("UnknownCode", "code rows first_line")


def _char(value):
    """A delimiter / separator given as a one-character string or an int."""
    if value is None:
        return 0
    return ord(value) if isinstance(value, str) else int(value)


def _int_tuple(values, count, what):
    """values as a tuple of count ints, or TypeError naming what was wrong."""
    if isinstance(values, (str, bytes, dict)) or not hasattr(values, "__len__") \
            or len(values) != count or not all(isinstance(v, int) for v in values):
        raise TypeError("%s must be a sequence of %d ints (%s), not %r" % (
            what, count, "label_rows, label_cols, col_label_row, col_group_row, row_label_col, "
            "row_group_col" if what == "wide_layout" else "", values))
    return tuple(values)


class ReadOptions(Handle):
    """How to read a CSV. Every keyword maps to a setter of reader.h:

    preset ("generic", "baci", "comtrade"), columns ({role: header}, roles
    origin, destination, value, year, layer, product, unit, flow, quantity), delimiter
    (",", ";", "\\t", "|" or None to detect), thousands / decimal separators,
    missing_tokens (replaces the defaults), missing ("zero", "skip",
    "reject"), scale, allow_negative, unknown_codes ("reject", "add"),
    strict, max_rejects_kept, buffer_size, max_line, default_layer,
    default_year, unit, years / product_prefixes / layers (filters),
    wide_layout (label_rows, label_cols, col_label_row, col_group_row,
    row_label_col, row_group_col), wide_row_filter (label_col, value),
    threads (parallel parsing of one long-format file: 1 serial, 0 one per
    processor), progress (a callable, see set_progress), mirror_layer (the
    layer of importer-reported M/IMPORT rows, for mirror pairs),
    mirror_policy (which report of a flow both sides report is kept, never
    both: "importer_first" (default; the exporter's where the importer
    reports nothing), "exporter_first", "importer", "exporter"),
    quantity_layer (the layer the quantity column - role "quantity": BACI's
    q - goes to in the same read as the values, for unit values v / q) and
    quantity_unit (its unit; default the preset's: "t" for BACI).
    """

    _kind = "flow_read_options"

    def __init__(self, preset=None, columns=None, delimiter=None, thousands=None, decimal=None,
                 missing_tokens=None, missing=None, scale=None, allow_negative=None,
                 unknown_codes=None, strict=None, max_rejects_kept=None, buffer_size=None,
                 max_line=None, default_layer=None, default_year=None, unit=None, years=(),
                 product_prefixes=(), layers=(), wide_layout=None, wide_row_filter=None,
                 threads=None, progress=None, mirror_layer=None, mirror_policy=None,
                 quantity_layer=None, quantity_unit=None):
        out = ctypes.c_void_p()
        lib.flow_read_options_new(ctypes.byref(out))
        super().__init__(out.value)
        self._progress = None
        self.preset = preset  # the product grouping a dataset picks by default follows it
        h = self._h
        if preset is not None:
            lib.flow_read_options_set_preset(h, choice("PRESET_", preset))
        for role, name in (columns or {}).items():
            role_code = role if isinstance(role, int) else choice("COL_", role)
            lib.flow_read_options_set_column(h, role_code, encode(name))
        if delimiter is not None:
            lib.flow_read_options_set_delimiter(h, _char(delimiter))
        if thousands is not None or decimal is not None:
            lib.flow_read_options_set_number_format(h, _char(thousands), _char(decimal or "."))
        if missing_tokens is not None:
            lib.flow_read_options_clear_missing_tokens(h)
            for token in missing_tokens:
                lib.flow_read_options_add_missing_token(h, encode(token))
        if missing is not None:
            lib.flow_read_options_set_missing(h, choice("MISSING_", missing))
        if scale is not None:
            lib.flow_read_options_set_scale(h, scale)
        if allow_negative is not None:
            lib.flow_read_options_set_allow_negative(h, 1 if allow_negative else 0)
        if unknown_codes is not None:
            lib.flow_read_options_set_unknown_codes(h, choice("UNKNOWN_", unknown_codes))
        if strict is not None:
            lib.flow_read_options_set_strict(h, 1 if strict else 0)
        if max_rejects_kept is not None:
            lib.flow_read_options_set_max_rejects_kept(h, max_rejects_kept)
        if buffer_size is not None:
            lib.flow_read_options_set_buffer_size(h, buffer_size)
        if max_line is not None:
            lib.flow_read_options_set_max_line(h, max_line)
        if default_layer is not None:
            lib.flow_read_options_set_default_layer(h, encode(default_layer))
        if default_year is not None:
            lib.flow_read_options_set_default_year(h, default_year)
        if unit is not None:
            lib.flow_read_options_set_unit(h, encode(unit))
        for year in years:
            lib.flow_read_options_add_year(h, year)
        for prefix in product_prefixes:
            lib.flow_read_options_add_product_prefix(h, encode(prefix))
        for layer in layers:
            lib.flow_read_options_add_layer(h, encode(layer))
        if wide_layout is not None:
            lib.flow_read_options_set_wide_layout(h, *_int_tuple(wide_layout, 6, "wide_layout"))
        if wide_row_filter is not None:
            if isinstance(wide_row_filter, (str, bytes, dict)) or len(wide_row_filter) != 2:
                raise TypeError("wide_row_filter must be a pair (label_col, value), not %r"
                                % (wide_row_filter,))
            label_col, value = wide_row_filter
            lib.flow_read_options_set_wide_row_filter(h, label_col, encode(value))
        if threads is not None:
            lib.flow_read_options_set_threads(h, threads)
        if progress is not None:
            self.set_progress(progress)
        if mirror_layer is not None:
            lib.flow_read_options_set_mirror_layer(h, encode(mirror_layer))
        if mirror_policy is not None:
            lib.flow_read_options_set_mirror_policy(h, choice("MIRROR_", mirror_policy))
        if quantity_layer is not None or quantity_unit is not None:
            if quantity_layer is None:
                raise ValueError("quantity_unit needs quantity_layer")
            lib.flow_read_options_set_quantity_layer(h, encode(quantity_layer),
                                                     encode(quantity_unit))

    def clear_filters(self):
        """Removes the year, product and layer filters."""
        lib.flow_read_options_clear_filters(self._h)

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
        table = Table.__new__(Table)
        Handle.__init__(table, out.value)
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


