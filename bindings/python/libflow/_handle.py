"""Ownership of libflow handles.

A Python object wrapping a C handle holds a _Resource. The resource frees the
C handle through weakref.finalize, which runs exactly once: on close(), when
the last reference goes (garbage collection), or at interpreter exit,
whichever comes first. Zero-copy views of memory borrowed from a handle keep
the resource alive, so the handle is never freed under a live numpy array even
after close(); mutating calls refuse to run while such views exist, because the
C API only guarantees borrowed pointers until the handle is modified.
"""
import collections
import ctypes
import threading
import weakref

from . import errors
from ._lib import lib

# Live C handles per kind ("flow_dataset", ...), observable by tests and by
# users hunting leaks. Creations and frees are queued as events (deque.append
# is atomic, and safe in a finalizer that the garbage collector runs in the
# middle of other code) and settled into the counter when it is read.
_events = collections.deque()
_live = collections.Counter()
_settle_lock = threading.Lock()


def _settle():
    with _settle_lock:
        while True:
            try:
                kind, delta = _events.popleft()
            except IndexError:
                return
            _live[kind] += delta


def live_handles(kind=None):
    """Number of C handles currently alive (of one kind, or all)."""
    _settle()
    return _live[kind] if kind is not None else sum(_live.values())


def _release(free, address, kind):
    free(address)
    _events.append((kind, -1))


class _Resource:
    """One C handle and its finalizer; referenced by its owner and by views."""

    __slots__ = ("address", "kind", "views", "_finalizer", "__weakref__")

    def __init__(self, address, kind, free):
        self.address = address
        self.kind = kind
        self.views = weakref.WeakSet()
        _events.append((kind, 1))
        if len(_events) > 4096:
            _settle()
        self._finalizer = weakref.finalize(self, _release, free, address, kind)


class Handle:
    """Base class of every object that owns a libflow handle.

    Subclasses set ``_kind`` to the C type name (e.g. "flow_dataset"); the
    handle is freed with ``<kind>_free``. Instances are context managers.
    There is no __del__: weakref.finalize frees the handle exactly once, also
    for objects caught in reference cycles and at interpreter exit.
    """

    _kind = None

    def __init__(self, address):
        if not address:
            raise ValueError("NULL %s handle" % self._kind)
        free = getattr(lib, self._kind + "_free")
        self._resource = _Resource(address, self._kind, free)

    @classmethod
    def _create(cls, constructor, *args):
        """Calls ``constructor(&out, *args)`` and wraps the new handle."""
        out = ctypes.c_void_p()
        constructor(ctypes.byref(out), *args)
        return cls._adopt(out.value)

    @classmethod
    def _adopt(cls, address):
        """Wraps a handle the library returned through an out parameter
        (the object owns it from now on)."""
        obj = cls.__new__(cls)
        Handle.__init__(obj, address)
        return obj

    @property
    def _h(self):
        """The C pointer to pass to library calls; StateError once closed."""
        if self._resource is None:
            raise errors.StateError(
                errors.STATUS_CODES["FLOW_ERR_STATE"], "%s is closed" % type(self).__name__
            )
        return ctypes.c_void_p(self._resource.address)

    @property
    def closed(self):
        """True once close() has released the handle."""
        return self._resource is None

    def close(self):
        """Releases the handle now (or, if borrowed views of it are still alive,
        as soon as the last of them goes). Calling it again does nothing."""
        self._resource = None

    def _before_mutation(self):
        """Raises StateError while zero-copy views of this handle exist."""
        if self._resource is not None and len(self._resource.views):
            raise errors.StateError(
                errors.STATUS_CODES["FLOW_ERR_STATE"],
                "%d array view(s) still borrow memory from this %s; copy or delete them "
                "before modifying it" % (len(self._resource.views), type(self).__name__),
            )

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        state = "closed" if self.closed else "0x%x" % self._resource.address
        return "<%s %s>" % (type(self).__name__, state)
