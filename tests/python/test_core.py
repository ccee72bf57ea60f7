"""The core ABI seen from ctypes: version and error functions."""
import ctypes


def test_version_functions(lib):
    lib.flow_version_string.restype = ctypes.c_char_p
    lib.flow_version_number.restype = ctypes.c_int
    major, minor, patch = (int(p) for p in lib.flow_version_string().decode().split("."))
    assert lib.flow_version_number() == major * 10000 + minor * 100 + patch
    assert lib.flow_abi_version() >= 1


def test_strerror_is_static_text(lib):
    lib.flow_strerror.restype = ctypes.c_char_p
    lib.flow_strerror.argtypes = [ctypes.c_int]
    assert lib.flow_strerror(-2) == b"out of memory"
    assert lib.flow_strerror(12345) == b"unknown status"
