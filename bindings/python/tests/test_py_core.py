"""Loading the library, the ABI check, version and error reporting."""
import os
import pathlib
import shutil
import subprocess
import sys
import textwrap

import pytest

import libflow
from libflow import errors

BINDING = pathlib.Path(__file__).resolve().parents[1]


def _import_in_subprocess(env_updates, cwd=None, extra_path=None):
    """Runs `import libflow` in a fresh interpreter; returns (returncode, output)."""
    env = dict(os.environ)
    for key, value in env_updates.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    code = textwrap.dedent(
        """
        import sys
        sys.path.insert(0, %r)
        try:
            import libflow
        except ImportError as exc:
            print(type(exc).__name__, exc)
            sys.exit(3)
        print("loaded", libflow.library_path())
        """
        % str(extra_path or BINDING)
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=cwd, capture_output=True, text=True
    )
    return proc.returncode, proc.stdout + proc.stderr


def test_version_matches_header(root):
    header = (root / "include" / "libflow" / "version.h").read_text()
    parts = {}
    for part in ("MAJOR", "MINOR", "PATCH"):
        line = next(l for l in header.splitlines() if l.startswith("#define FLOW_VERSION_" + part))
        parts[part] = int(line.split()[-1])
    assert libflow.version() == "%(MAJOR)d.%(MINOR)d.%(PATCH)d" % parts
    number = parts["MAJOR"] * 10000 + parts["MINOR"] * 100 + parts["PATCH"]
    assert libflow.version_number() == number
    assert libflow.abi_version() in libflow.KNOWN_ABI_VERSIONS


def test_status_table_matches_header(root):
    """errors.STATUS_CODES is the enum of common.h, name for name."""
    text = (root / "include" / "libflow" / "common.h").read_text()
    enum = text[text.index("typedef enum flow_status") : text.index("} flow_status;")]
    import re

    declared = {name: int(value) for name, value in re.findall(r"(FLOW_\w+)\s*=\s*(-?\d+)", enum)}
    assert declared == errors.STATUS_CODES
    for name, code in declared.items():
        if code < 0:
            assert libflow.strerror(code) not in ("", "unknown status"), name


def test_every_status_has_its_exception_class():
    for name, code in errors.STATUS_CODES.items():
        if code == 0:
            continue
        exc = errors.error_for(code, "detail")
        assert isinstance(exc, libflow.FlowError)
        assert type(exc) is not libflow.FlowError, name
        assert exc.status == code and exc.status_name == name
        assert str(exc) == "detail [%s]" % name
    assert isinstance(errors.error_for(-5, "x"), ValueError)
    assert isinstance(errors.error_for(-3, "x"), OSError)
    assert isinstance(errors.error_for(-6, "x"), KeyError)
    assert isinstance(errors.error_for(-12, "x"), LookupError)
    # An unknown future code still gives a FlowError with a readable name.
    assert errors.error_for(-99, "x").status_name == "FLOW_STATUS_-99"


def test_last_error_is_empty_before_any_failure_on_a_new_thread():
    import threading

    seen = []
    thread = threading.Thread(target=lambda: seen.append(libflow.last_error()))
    thread.start()
    thread.join()
    assert seen == [""]


def test_missing_library_is_an_import_error(tmp_path):
    code, out = _import_in_subprocess({"LIBFLOW_LIBRARY": str(tmp_path / "nope.so")})
    assert code == 3, out
    assert "LibraryNotFoundError" in out and "nope.so" in out and "LIBFLOW_LIBRARY" in out


def test_unknown_abi_generation_is_refused(tmp_path):
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        pytest.skip("no C compiler to build a stand-in library")
    source = tmp_path / "fake.c"
    source.write_text("int flow_abi_version(void) { return 999; }\n")
    fake = tmp_path / "libfake.so"
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(fake), str(source)], check=True)
    code, out = _import_in_subprocess({"LIBFLOW_LIBRARY": str(fake)})
    assert code == 3, out
    assert "AbiMismatchError" in out and "999" in out


def test_copy_next_to_the_package_is_found(tmp_path):
    """Without LIBFLOW_LIBRARY, a libflow.so inside the package directory wins."""
    package = tmp_path / "site" / "libflow"
    shutil.copytree(BINDING / "libflow", package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(libflow.library_path(), package / "libflow.so")
    code, out = _import_in_subprocess({"LIBFLOW_LIBRARY": None}, extra_path=package.parent)
    assert code == 0, out
    assert out.strip() == "loaded %s" % (package / "libflow.so")


def test_pip_installs_the_package(tmp_path):
    """`pip install bindings/python` works (offline, with Debian's setuptools).

    LIBFLOW_BUILD=none: the Python files alone, the library from LIBFLOW_LIBRARY
    (tests/abi/check_pip_install.sh covers the builds that bring libflow along).
    """
    source = tmp_path / "src"
    shutil.copytree(
        BINDING, source, ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info")
    )
    target = tmp_path / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-build-isolation", "--no-deps",
         "--no-index", "--target", str(target), str(source)],
        capture_output=True, text=True, env=dict(os.environ, LIBFLOW_BUILD="none"),
    )
    if proc.returncode != 0 and "No module named pip" in proc.stderr:
        pytest.skip("pip is not installed")
    assert proc.returncode == 0, proc.stderr
    assert (target / "libflow" / "_lib.py").is_file()
    code, out = _import_in_subprocess({}, cwd=tmp_path, extra_path=target)
    assert code == 0, out
    assert out.startswith("loaded ")
