"""Shared fixtures for the Python tests: the libflow shared library via ctypes
and the optional third-party data folder (../shared/data)."""
import ctypes
import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def library_path():
    env = os.environ.get("LIBFLOW_LIBRARY")
    if env:
        return env
    return str(ROOT / "build" / "libflow.so")


@pytest.fixture(scope="session")
def lib():
    """The raw shared library; tests declare the argtypes they use."""
    return ctypes.CDLL(library_path())


@pytest.fixture(scope="session")
def shared_data():
    """Path of ../shared/data, or skip when it is absent."""
    path = pathlib.Path(os.environ.get("FLOW_SHARED_DATA", ROOT.parent / "shared" / "data"))
    if not path.is_dir():
        pytest.skip("../shared/data is absent")
    return path
