"""Fixtures for the binding's tests. The package is imported from the source
tree (bindings/python) so the tests run without installing it; the shared
library comes from LIBFLOW_LIBRARY (set by scripts/test.sh) or build/."""
import os
import pathlib
import sys

import pytest

BINDING = pathlib.Path(__file__).resolve().parents[1]
ROOT = BINDING.parents[1]
sys.path.insert(0, str(BINDING))
os.environ.setdefault("LIBFLOW_LIBRARY", str(ROOT / "build" / "libflow.so"))


@pytest.fixture(scope="session")
def root():
    """The project's top-level directory."""
    return ROOT


@pytest.fixture(scope="session")
def shared_data():
    """Path of ../shared/data (FLOW_SHARED_DATA), or skip when it is absent."""
    path = pathlib.Path(os.environ.get("FLOW_SHARED_DATA", ROOT.parent / "shared" / "data"))
    if not path.is_dir():
        pytest.skip("../shared/data is absent")
    return path


@pytest.fixture
def rng():
    """A seeded generator so that random test systems are reproducible."""
    import numpy as np

    return np.random.default_rng(20240601)
