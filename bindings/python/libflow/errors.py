"""Exceptions raised for libflow status codes.

Every failing libflow call raises a FlowError carrying the numeric status
(``.status``), its C name (``.status_name``, e.g. ``"FLOW_ERR_VALUE"``) and the
library's detailed message for the failure (``.message``, e.g. ``trade.csv:
line 17, column "v": 'abc' is not a number``). Each status has its own subclass
that also derives from the closest built-in exception, so ``except ValueError``
catches a bad number in a CSV as a Python user would expect.
"""
import re


# name -> value, as in include/libflow/common.h (codes are never renumbered).
STATUS_CODES = {
    "FLOW_OK": 0,
    "FLOW_ERR_INVALID_ARG": -1,
    "FLOW_ERR_NOMEM": -2,
    "FLOW_ERR_IO": -3,
    "FLOW_ERR_PARSE": -4,
    "FLOW_ERR_VALUE": -5,
    "FLOW_ERR_UNKNOWN_LABEL": -6,
    "FLOW_ERR_DIMENSION": -7,
    "FLOW_ERR_BUFFER_TOO_SMALL": -8,
    "FLOW_ERR_OVERFLOW": -9,
    "FLOW_ERR_SINGULAR": -10,
    "FLOW_ERR_NOT_PRODUCTIVE": -11,
    "FLOW_ERR_NOT_FOUND": -12,
    "FLOW_ERR_MISSING_COLUMN": -13,
    "FLOW_ERR_EMPTY": -14,
    "FLOW_ERR_LAPACK": -15,
    "FLOW_ERR_STATE": -16,
    "FLOW_ERR_UNSUPPORTED": -17,
    "FLOW_ERR_CANCELLED": -18,
}
STATUS_NAMES = {value: name for name, value in STATUS_CODES.items()}


# Where libflow's messages about a CSV put the place of the fault:
# 'FILE: line N, column "NAME": why' or 'FILE: line N: why'.
_LOCATION = re.compile(r'^(?P<file>.+?): line (?P<line>\d+)(?:, column "(?P<column>[^"]*)")?[:,] ')


class FlowError(Exception):
    """A libflow call failed.

    Attributes: ``status`` (the negative flow_status), ``status_name``
    ("FLOW_ERR_PARSE", ...), ``message`` (the library's text) and, when the
    failure is at a place in a file, ``file``, ``line`` (1-based) and
    ``column`` (the header of the column, or None); otherwise those are None.
    """

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.status_name = STATUS_NAMES.get(status, "FLOW_STATUS_%d" % status)
        self.message = message
        where = _LOCATION.match(message or "")
        self.file = where.group("file") if where else None
        self.line = int(where.group("line")) if where else None
        self.column = where.group("column") if where else None

    def __str__(self):
        return "%s [%s]" % (self.message, self.status_name)

    def __reduce__(self):
        return (type(self), (self.status, self.message))


class InvalidArgumentError(FlowError, ValueError):
    """FLOW_ERR_INVALID_ARG: NULL handle, bad enum value, out-of-range index."""


class NoMemoryError(FlowError, MemoryError):
    """FLOW_ERR_NOMEM: an allocation failed inside the library."""


class FlowIOError(FlowError, OSError):
    """FLOW_ERR_IO: a file could not be opened, read or written."""


class ParseError(FlowError, ValueError):
    """FLOW_ERR_PARSE: malformed CSV (ragged row, unterminated quote, ...)."""


class FlowValueError(FlowError, ValueError):
    """FLOW_ERR_VALUE: a field is not an acceptable number."""


class UnknownLabelError(FlowError, KeyError):
    """FLOW_ERR_UNKNOWN_LABEL: an economy or sector code no label set knows."""


class DimensionError(FlowError, ValueError):
    """FLOW_ERR_DIMENSION: sizes of matrices, vectors or labels disagree."""


class BufferTooSmallError(FlowError):
    """FLOW_ERR_BUFFER_TOO_SMALL: a caller buffer cannot hold the result."""


class FlowOverflowError(FlowError, OverflowError):
    """FLOW_ERR_OVERFLOW: a size overflows int64_t, size_t or lapack_int."""


class SingularError(FlowError, ArithmeticError):
    """FLOW_ERR_SINGULAR: a matrix to factor or solve with is singular."""


class NotProductiveError(FlowError, ArithmeticError):
    """FLOW_ERR_NOT_PRODUCTIVE: the IO system has no non-negative solution."""


class NotFoundError(FlowError, LookupError):
    """FLOW_ERR_NOT_FOUND: a requested layer, year, label or key is absent."""


class MissingColumnError(FlowError, ValueError):
    """FLOW_ERR_MISSING_COLUMN: a required CSV column is absent."""


class EmptyError(FlowError, ValueError):
    """FLOW_ERR_EMPTY: a file or table holds no data."""


class LapackError(FlowError, RuntimeError):
    """FLOW_ERR_LAPACK: LAPACK reported an illegal argument (a libflow bug)."""


class StateError(FlowError, RuntimeError):
    """FLOW_ERR_STATE: the call is not valid in the handle's current state."""


class UnsupportedError(FlowError, NotImplementedError):
    """FLOW_ERR_UNSUPPORTED: the operation or format is not supported."""


class CancelledError(FlowError):
    """FLOW_ERR_CANCELLED: the caller stopped the call (a progress callback)."""


_CLASSES = {
    STATUS_CODES["FLOW_ERR_INVALID_ARG"]: InvalidArgumentError,
    STATUS_CODES["FLOW_ERR_NOMEM"]: NoMemoryError,
    STATUS_CODES["FLOW_ERR_IO"]: FlowIOError,
    STATUS_CODES["FLOW_ERR_PARSE"]: ParseError,
    STATUS_CODES["FLOW_ERR_VALUE"]: FlowValueError,
    STATUS_CODES["FLOW_ERR_UNKNOWN_LABEL"]: UnknownLabelError,
    STATUS_CODES["FLOW_ERR_DIMENSION"]: DimensionError,
    STATUS_CODES["FLOW_ERR_BUFFER_TOO_SMALL"]: BufferTooSmallError,
    STATUS_CODES["FLOW_ERR_OVERFLOW"]: FlowOverflowError,
    STATUS_CODES["FLOW_ERR_SINGULAR"]: SingularError,
    STATUS_CODES["FLOW_ERR_NOT_PRODUCTIVE"]: NotProductiveError,
    STATUS_CODES["FLOW_ERR_NOT_FOUND"]: NotFoundError,
    STATUS_CODES["FLOW_ERR_MISSING_COLUMN"]: MissingColumnError,
    STATUS_CODES["FLOW_ERR_EMPTY"]: EmptyError,
    STATUS_CODES["FLOW_ERR_LAPACK"]: LapackError,
    STATUS_CODES["FLOW_ERR_STATE"]: StateError,
    STATUS_CODES["FLOW_ERR_UNSUPPORTED"]: UnsupportedError,
    STATUS_CODES["FLOW_ERR_CANCELLED"]: CancelledError,
}


def error_for(status, message):
    """The FlowError subclass instance for a negative status code."""
    return _CLASSES.get(status, FlowError)(status, message)
