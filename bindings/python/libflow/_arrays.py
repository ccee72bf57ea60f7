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


def stack_in(value, name):
    """A C-contiguous float64 stack of square matrices, shape (count, n, n);
    a single n x n matrix gives count 1."""
    array = np.ascontiguousarray(value, dtype=np.float64)
    if array.ndim == 2:
        array = array[np.newaxis]
    if array.ndim != 3 or array.shape[1] != array.shape[2]:
        raise ValueError("%s must be an n x n matrix or a stack of them, got shape %s"
                         % (name, array.shape))
    return array


def square_in(value, name):
    """A C-contiguous float64 n x n matrix."""
    array = matrix_in(value, name)
    if array.shape[0] != array.shape[1]:
        raise ValueError("%s must be square, got shape %s" % (name, array.shape))
    return array


def labels_of(value, labels):
    """Labels given explicitly, or the index of a pandas object, or None."""
    if labels is not None:
        return [str(label) for label in labels]
    index = getattr(value, "index", None)
    return [str(label) for label in index] if index is not None else None


def empty(*shape, dtype=np.float64):
    """An output buffer for the library to fill."""
    return np.empty(shape, dtype=dtype)


class _Borrowed:
    """Exposes library-owned memory through the numpy array interface while
    holding the owning resource alive."""

    def __init__(self, resource, address, shape, dtype, row_stride):
        self.resource = resource
        itemsize = np.dtype(dtype).itemsize
        self.__array_interface__ = {
            "version": 3,
            "shape": tuple(shape),
            "typestr": np.dtype(dtype).str,
            "data": (address, True),  # read-only: the library owns it
            "strides": None if row_stride is None else (row_stride * itemsize, itemsize),
        }


def borrowed(handle, address, shape, dtype=np.float64, row_stride=None):
    """A read-only zero-copy array over memory owned by handle's C object.

    shape is (n,) or (rows, cols); row_stride (elements) for a matrix whose
    rows are not contiguous.
    """
    if int(np.prod(shape)) == 0:
        return np.empty(shape, dtype=dtype)
    if not address:
        raise ValueError("the library returned a NULL pointer for a non-empty array")
    resource = handle._resource
    holder = _Borrowed(resource, address, shape, dtype, row_stride)
    resource.views.add(holder)
    return np.asarray(holder)


def address_of(pointer_value):
    """Integer address held by a ctypes pointer (0 for NULL)."""
    return ctypes.cast(pointer_value, ctypes.c_void_p).value or 0


