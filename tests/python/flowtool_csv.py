"""Running the example CLI (flowtool) and reading its --format json output,
shared by the flowtool tests (io, shock, summary)."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "data"


def flowtool_or_skip(*data_files):
    """Path of the flowtool next to the library under test; skips the module
    when it or one of the named demo data files is not built."""
    lib = pathlib.Path(os.environ.get("LIBFLOW_LIBRARY", ROOT / "build" / "libflow.so"))
    exe = lib.parent / "examples" / "flowtool"
    if not exe.exists() or not all((DATA / f).exists() for f in data_files):
        pytest.skip("flowtool or the demo data is not built")
    return exe


def run(exe, *args):
    """stdout of a successful flowtool run (a failing run raises)."""
    return subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True,
                          check=True).stdout


def sections(text):
    """The tables of a --format json output (one JSON document), by title, with
    every cell as the text a CSV holds (None, JSON's NaN, as "NaN")."""
    import json

    return {t["title"]: [{k: "NaN" if v is None else str(v) for k, v in row.items()}
                         for row in t["rows"]] for t in json.loads(text)["tables"]}


def find(secs, prefix):
    """The rows of the first section whose title starts with prefix."""
    return next(v for k, v in secs.items() if k.startswith(prefix))
