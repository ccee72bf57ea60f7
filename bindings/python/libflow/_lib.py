"""Finding and loading the libflow shared library, and the ctypes signature of
every function it exports.

The library is searched in this order:

1. the path in the ``LIBFLOW_LIBRARY`` environment variable (when it is set,
   nothing else is tried, so a wrong setting is an error rather than a silent
   fallback to another copy);
2. a copy next to this package (``libflow/libflow.so*``), as shipped in a wheel;
3. the system: ``ctypes.util.find_library("flow")``, then the soname of the
   ABI generation this binding was written for.

A library whose ``flow_abi_version()`` is not in KNOWN_ABI_VERSIONS is refused.

SIGNATURES below is the single table of C prototypes. tests/test_py_completeness.py
parses include/libflow/*.h and fails when a FLOW_API function is missing here
or declared with different types, so the binding cannot fall behind the C API.
"""
import ctypes
import ctypes.util
import os
import pathlib

from . import errors

LIBRARY_ENV = "LIBFLOW_LIBRARY"
KNOWN_ABI_VERSIONS = frozenset({1})
# Sonames tried last, newest first: the soname carries 0.MINOR before 1.0.
SONAMES = ("libflow.so.0.1", "libflow.0.1.dylib")


class LibraryNotFoundError(ImportError):
    """No loadable libflow shared library was found."""


class AbiMismatchError(ImportError):
    """The libflow found has an ABI generation this binding does not know."""


# ------------------------------------------------------------------ C types
# Aliases named after the C types they stand for, so the table reads like the
# headers. Opaque handles are void pointers; flow_x **out is a pointer to one.
P = ctypes.POINTER
int_ = ctypes.c_int
int64 = ctypes.c_int64
double = ctypes.c_double
char_p = ctypes.c_char_p  # const char * in (UTF-8 bytes) or a static string out
handle = ctypes.c_void_p
handle_out = P(ctypes.c_void_p)
double_p = P(ctypes.c_double)
int64_p = P(ctypes.c_int64)
int_p = P(ctypes.c_int)
char_buf = P(ctypes.c_char)  # char *buf of a copy-out string
char_p_out = P(ctypes.c_char_p)  # const char **out: a borrowed string
double_p_out = P(P(ctypes.c_double))  # const double **out: a borrowed array
int64_p_out = P(P(ctypes.c_int64))


class _Status:
    """Marks a function returning a flow_status: checked, FlowError raised."""


STATUS = _Status()
void = None

# name -> (restype, argtypes), grouped by header in the umbrella's order.
SIGNATURES = {
    # ---------------------------------------------------- libflow/common.h
    "flow_strerror": (char_p, [int_]),
    "flow_last_error": (char_p, []),
    "flow_last_error_code": (int_, []),
    "flow_last_error_copy": (int64, [char_buf, int64]),
    # --------------------------------------------------- libflow/version.h
    "flow_version_string": (char_p, []),
    "flow_version_number": (int_, []),
    "flow_abi_version": (int_, []),
    # ----------------------------------------------------- libflow/table.h
    "flow_table_new": (STATUS, [handle_out, int64, int64, double_p, int64]),
    "flow_table_free": (void, [handle]),
    "flow_table_rows": (int64, [handle]),
    "flow_table_cols": (int64, [handle]),
    "flow_table_values": (double_p, [handle]),
    "flow_table_copy_to": (STATUS, [handle, double_p, int64, int64]),
    "flow_table_set": (STATUS, [handle, int64, int64, double]),
    "flow_table_set_row_label": (STATUS, [handle, int64, char_p, char_p]),
    "flow_table_set_col_label": (STATUS, [handle, int64, char_p, char_p]),
    "flow_table_row_label": (char_p, [handle, int64]),
    "flow_table_row_group": (char_p, [handle, int64]),
    "flow_table_col_label": (char_p, [handle, int64]),
    "flow_table_col_group": (char_p, [handle, int64]),
    "flow_table_find_row": (STATUS, [handle, char_p, char_p, int64_p]),
    "flow_table_find_col": (STATUS, [handle, char_p, char_p, int64_p]),
    "flow_table_slice": (STATUS, [handle_out, handle, int64, int64, int64, int64]),
}


# ------------------------------------------------------------------ loading
def _candidates():
    """(path or name, where it came from) in search order."""
    env = os.environ.get(LIBRARY_ENV)
    if env:
        yield env, "$" + LIBRARY_ENV
        return
    here = pathlib.Path(__file__).resolve().parent
    for pattern in ("libflow.so", "libflow.so.*", "libflow.dylib", "flow.dll"):
        for path in sorted(here.glob(pattern)):
            yield str(path), "next to the package"
    found = ctypes.util.find_library("flow")
    if found:
        yield found, "find_library"
    for soname in SONAMES:
        yield soname, "system soname"


def _open():
    tried = []
    for name, origin in _candidates():
        try:
            return ctypes.CDLL(name), name
        except OSError as exc:
            tried.append("%s (%s): %s" % (name, origin, exc))
    raise LibraryNotFoundError(
        "libflow shared library not found; set %s to its path. Tried:\n  %s"
        % (LIBRARY_ENV, "\n  ".join(tried))
    )


class Library:
    """The loaded library with every function of SIGNATURES declared.

    Functions the loaded library does not export (an older build of the same
    ABI generation) are replaced by stand-ins raising UnsupportedError when
    called; their names are in ``missing``.
    """

    def __init__(self, cdll, path):
        self.path = path
        self.cdll = cdll
        self.missing = []
        for name, (restype, argtypes) in SIGNATURES.items():
            try:
                function = getattr(cdll, name)
            except AttributeError:
                self.missing.append(name)
                setattr(self, name, _absent(name, path))
                continue
            function.argtypes = argtypes
            if restype is STATUS:
                function.restype = ctypes.c_int
                function.errcheck = self._check
            else:
                function.restype = restype
            setattr(self, name, function)

    def last_error(self):
        """The calling thread's last failure message, read with a caller buffer."""
        cap = 512
        while True:
            buf = ctypes.create_string_buffer(cap)
            length = self.flow_last_error_copy(buf, cap)
            if length < cap:
                return buf.value.decode("utf-8", "replace")
            cap = length + 1

    def _check(self, result, function, arguments):
        """errcheck of every status-returning function: raise on a negative status.

        ctypes calls it on the calling thread right after the C call, so the
        thread-local message read here is the one of this failure.
        """
        if result >= 0:
            return result
        message = self.last_error()
        if self.flow_last_error_code() != result or not message:
            message = "%s: %s" % (function.__name__, self.flow_strerror(result).decode())
        raise errors.error_for(result, message)


def _absent(name, path):
    def call(*_args):
        raise errors.UnsupportedError(
            errors.STATUS_CODES["FLOW_ERR_UNSUPPORTED"],
            "%s does not export %s (the library is older than this binding)" % (path, name),
        )

    call.__name__ = name
    return call


def load():
    """Opens, checks and declares the library; raises ImportError subclasses."""
    cdll, path = _open()
    cdll.flow_abi_version.restype = ctypes.c_int
    cdll.flow_abi_version.argtypes = []
    abi = cdll.flow_abi_version()
    if abi not in KNOWN_ABI_VERSIONS:
        raise AbiMismatchError(
            "%s has ABI generation %d; this binding knows %s"
            % (path, abi, ", ".join(str(v) for v in sorted(KNOWN_ABI_VERSIONS)))
        )
    return Library(cdll, path)


lib = load()
