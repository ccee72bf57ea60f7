"""numpy arrays across the ABI.

Inputs: any array-like is converted with np.ascontiguousarray to a C-ordered
float64 (or int64) array, so the row stride passed to the library is simply the
number of columns; the library copies what it keeps. Outputs: the library
writes into a fresh numpy.empty buffer, or hands out a pointer it owns, which
is exposed as a read-only array tied to the owning handle.
"""
import ctypes

import numpy as np


_CTYPES = {np.dtype(np.float64): ctypes.c_double, np.dtype(np.int64): ctypes.c_int64}


def matrix_in(value, name, dtype=np.float64):
    """A C-contiguous 2-D array of dtype built from any array-like."""
    array = np.ascontiguousarray(value, dtype=dtype)
    if array.ndim != 2:
        raise ValueError("%s must be a 2-D array, got %d dimension(s)" % (name, array.ndim))
    return array


def vector_in(value, name, dtype=np.float64):
    """A C-contiguous 1-D array of dtype built from any array-like (scalars too)."""
    array = np.ascontiguousarray(value, dtype=dtype)
    if array.ndim == 0:
        array = array.reshape(1)
    if array.ndim != 1:
        raise ValueError("%s must be a 1-D array, got %d dimension(s)" % (name, array.ndim))
    return array


def pointer(array):
    """ctypes pointer to the first element of a contiguous float64/int64 array."""
    if array is None:
        return None
    return array.ctypes.data_as(ctypes.POINTER(_CTYPES[array.dtype]))


def empty(*shape, dtype=np.float64):
    """An output buffer for the library to fill."""
    return np.empty(shape, dtype=dtype)


class _Borrowed:
    """Exposes library-owned memory through the numpy array interface while
    holding the owning resource alive."""

    def __init__(self, resource, address, shape, dtype):
        self.resource = resource
        self.__array_interface__ = {
            "version": 3,
            "shape": tuple(shape),
            "typestr": np.dtype(dtype).str,
            "data": (address, True),  # read-only: the library owns it
        }


def borrowed(handle, address, shape, dtype=np.float64):
    """A read-only zero-copy array over memory owned by handle's C object."""
    if int(np.prod(shape)) == 0:
        return np.empty(shape, dtype=dtype)
    if not address:
        raise ValueError("the library returned a NULL pointer for a non-empty array")
    resource = handle._resource
    holder = _Borrowed(resource, address, shape, dtype)
    resource.views.add(holder)
    return np.asarray(holder)


def address_of(pointer_value):
    """Integer address held by a ctypes pointer (0 for NULL)."""
    return ctypes.cast(pointer_value, ctypes.c_void_p).value or 0


