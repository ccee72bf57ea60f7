"""Building the libflow Python package gives it a libflow shared library.

The package is pure Python (ctypes), but it is useless without libflow, so
building it (``pip install ./bindings/python``) settles where the library
comes from, in this order:

1. ``LIBFLOW_BUILD=pkg-config`` or the default ``auto``: an installed libflow
   of the same version found by ``pkg-config`` (honouring PKG_CONFIG_PATH) is
   recorded, and the package loads that file (nothing is copied);
2. ``LIBFLOW_BUILD=cmake`` or ``auto`` when pkg-config finds none: libflow is
   built with CMake from the source tree this package sits in (the library
   only: no tests, no examples) and its shared library is shipped inside the
   package.

Either way ``import libflow`` works afterwards without LIBFLOW_LIBRARY, which
still overrides both at run time (see libflow/_lib.py). ``LIBFLOW_BUILD=none``
builds the Python files alone, for distributions that package libflow
separately: the library is then found at run time (LIBFLOW_LIBRARY, system).
"""
import os
import pathlib
import shutil
import subprocess
import tempfile

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = pathlib.Path(__file__).resolve().parent
SOURCE_TREE = HERE.parent.parent
FOUND_MODULE = "_found.py"


def _version():
    scope = {}
    exec((HERE / "libflow" / "_version.py").read_text(), scope)
    return scope["__version__"]


def _installed_library():
    """The path of an installed libflow of this version that pkg-config knows, or None."""
    pkg_config = os.environ.get("PKG_CONFIG", "pkg-config")

    def query(*args):
        try:
            done = subprocess.run([pkg_config, *args, "libflow"], capture_output=True, text=True)
        except OSError:
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    version = query("--modversion")
    if version is None:
        return None
    if version != _version():
        print("libflow: pkg-config finds libflow %s, this package is %s: not used"
              % (version, _version()))
        return None
    libdir = pathlib.Path(query("--variable=libdir") or "")
    candidates = sorted(libdir.glob("libflow.so.*"), key=lambda p: len(p.name))
    return pathlib.Path(os.path.normpath(candidates[0])) if candidates else None


def _build_with_cmake(work):
    """Builds libflow's shared library from the source tree; returns its path."""
    if not (SOURCE_TREE / "CMakeLists.txt").is_file():
        raise RuntimeError(
            "libflow: pkg-config finds no installed libflow %s and %s is not the libflow "
            "source tree to build it from; install libflow (cmake --install) and set "
            "PKG_CONFIG_PATH, or build from the source tree" % (_version(), SOURCE_TREE))
    build = pathlib.Path(work) / "cmake-build"
    configure = ["cmake", "-S", str(SOURCE_TREE), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
                 "-DFLOW_BUILD_TESTS=OFF", "-DFLOW_BUILD_EXAMPLES=OFF"]
    jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "2")
    subprocess.run(configure, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", str(build), "--target", "flow", "-j", jobs], check=True)
    # libflow.so.SONAME -> libflow.so.VERSION: the shortest name is the soname.
    names = sorted(build.glob("libflow.so.*"), key=lambda p: len(p.name))
    if not names:
        raise RuntimeError("libflow: the CMake build left no libflow.so.*")
    return names[0]


class BuildWithLibrary(build_py):
    """build_py that also records or ships the libflow shared library."""

    def run(self):
        super().run()
        package = pathlib.Path(self.build_lib) / "libflow"
        # pip builds in the source tree: drop what an earlier build left in build/.
        for stale in [*package.glob("libflow.so*"), package / FOUND_MODULE]:
            stale.unlink(missing_ok=True)
        mode = os.environ.get("LIBFLOW_BUILD", "auto")
        if mode not in ("auto", "pkg-config", "cmake", "none"):
            raise RuntimeError("LIBFLOW_BUILD is auto, pkg-config, cmake or none, not %r" % mode)
        if mode == "none":
            return
        installed = _installed_library() if mode != "cmake" else None
        if installed is not None:
            print("libflow: using the installed %s (found by pkg-config)" % installed)
            (package / FOUND_MODULE).write_text(
                '"""Where the build found libflow (written by setup.py)."""\n'
                "LIBRARY = %r\n" % str(installed))
            return
        if mode == "pkg-config":
            raise RuntimeError("LIBFLOW_BUILD=pkg-config: pkg-config finds no libflow %s"
                               % _version())
        with tempfile.TemporaryDirectory() as work:
            built = _build_with_cmake(work)
            # Shipped under its soname, the name the dynamic loader and _lib.py look for.
            shutil.copyfile(built.resolve(), package / built.name)
            print("libflow: built with CMake and shipped as libflow/%s" % built.name)


class BinaryDistribution(Distribution):
    """A wheel that may carry a shared library is specific to its platform."""

    def has_ext_modules(self):
        return True


setup(cmdclass={"build_py": BuildWithLibrary}, distclass=BinaryDistribution)
