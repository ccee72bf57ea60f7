"""Economy and sector label sets and aggregations (include/libflow/labels.h)."""
import ctypes

import numpy as np

from . import _arrays
from ._handle import Handle
from ._lib import lib
from ._strings import decode, encode


class Labels(Handle):
    """Codes mapped to dense indices 0..n-1, each with a name and any number of
    aliases. ``Labels()`` is empty, ``Labels.iso3166()`` the built-in ISO
    3166-1 table (alpha-3 codes, numeric aliases, English names); a list of
    codes (or (code, name) pairs) may be given to fill an empty set."""

    _kind = "flow_labels"

    def __init__(self, codes=()):
        out = ctypes.c_void_p()
        lib.flow_labels_new(ctypes.byref(out))
        super().__init__(out.value)
        for item in codes:
            code, name = (item, None) if isinstance(item, str) else item
            self.add(code, name)

    @classmethod
    def iso3166(cls):
        """The built-in ISO 3166-1 set: alpha-3 codes, numeric codes as aliases."""
        return cls._create(lib.flow_labels_new_iso3166)

    def clone(self):
        """An independent copy."""
        return Labels._create(lib.flow_labels_clone, self._h)

    def __len__(self):
        return lib.flow_labels_count(self._h)

    def add(self, code, name=None):
        """Adds a label (idempotent); returns its index."""
        index = ctypes.c_int64()
        lib.flow_labels_add(self._h, encode(code), encode(name), ctypes.byref(index))
        return index.value

    def add_alias(self, alias, target):
        """Makes alias another code of the label target."""
        lib.flow_labels_add_alias(self._h, encode(alias), encode(target))

    def find(self, code):
        """Index of a code or alias; NotFoundError naming it otherwise."""
        index = ctypes.c_int64()
        lib.flow_labels_find(self._h, encode(code), ctypes.byref(index))
        return index.value

    def __contains__(self, code):
        try:
            self.find(code)
        except LookupError:
            return False
        return True

    def code(self, index):
        """Code of label i."""
        value = lib.flow_labels_code(self._h, index)
        if value is None:
            raise IndexError("label index %d out of range" % index)
        return decode(value)

    def name(self, index):
        """English name of label i ("" when none)."""
        value = lib.flow_labels_name(self._h, index)
        if value is None:
            raise IndexError("label index %d out of range" % index)
        return decode(value)

    @property
    def codes(self):
        """Every code, in order."""
        return [decode(lib.flow_labels_code(self._h, i)) for i in range(len(self))]

    @property
    def names(self):
        """Every name, in order."""
        return [decode(lib.flow_labels_name(self._h, i)) for i in range(len(self))]

    def __iter__(self):
        return iter(self.codes)

    def read_mapping_csv(self, path, alias_column, code_column, name_column=None,
                         add_unknown=False):
        """Adds one alias per row of a code-mapping CSV (e.g. BACI's
        country_codes file: alias "country_code", code "country_iso3")."""
        lib.flow_labels_read_mapping_csv(self._h, encode(str(path)), encode(alias_column),
                                         encode(code_column), encode(name_column),
                                         1 if add_unknown else 0)

    def aggregate(self, aggregation):
        """(new Labels, index map old -> new) after merging members into groups."""
        n = len(self)
        index_map = _arrays.empty(n, dtype=np.int64)
        out = ctypes.c_void_p()
        lib.flow_labels_aggregate(ctypes.byref(out), _arrays.pointer(index_map), n, self._h,
                                  aggregation._h)
        merged = Labels.__new__(Labels)
        Handle.__init__(merged, out.value)
        return merged, index_map


class Aggregation(Handle):
    """A member code -> group code mapping (e.g. EU members -> "EU").
    ``Aggregation({"DEU": "EU", "FRA": "EU"})``."""

    _kind = "flow_aggregation"

    def __init__(self, mapping=None):
        out = ctypes.c_void_p()
        lib.flow_aggregation_new(ctypes.byref(out))
        super().__init__(out.value)
        for member, group in (mapping or {}).items():
            self.add(member, group)

    @classmethod
    def read_csv(cls, path, member_column="code", group_column="group", strict=True):
        """An aggregation from a CSV with member and group columns (see add_csv)."""
        agg = cls()
        agg.add_csv(path, member_column, group_column, strict)
        return agg

    def add(self, member, group):
        """Puts member into group."""
        lib.flow_aggregation_add(self._h, encode(member), encode(group))

    def add_csv(self, path, member_column="code", group_column="group", strict=True):
        """Adds the member -> group rows of a CSV; returns the ReadReport.

        strict=True raises FlowError on the first bad row (ragged, a member
        already in another group, a code that is not UTF-8); strict=False
        keeps the good rows. Rows with an empty member or group, and rejected
        rows, raise a RowsDroppedWarning."""
        from .accounting import warn_dropped
        from .reader import ReadOptions, ReadReport

        options = ReadOptions(strict=strict)
        report = ReadReport()
        lib.flow_aggregation_read(self._h, encode(str(path)), encode(member_column),
                                  encode(group_column), options._h, report._h)
        warn_dropped(report, str(path))
        return report
