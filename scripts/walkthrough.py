#!/usr/bin/python3
"""Keeps docs/walkthrough.md true to the commands it shows.

Every ```sh block of the page whose commands start with `flowtool` is run
(from the top of the tree, `flowtool` being the binary given), and every
```python block with the Python package of the tree and the library built
next to that binary; with --r, every ```r block followed by its output is
run with Rscript and the libflow R package found through R_LIBS. When a
plain ``` block follows, it must be the output:

- a line `...` on its own stands for any number of lines (none included);
- a line ending in ` ...` stands for any line that starts with what comes
  before the ` ...` (a table cut on the right).

Usage:
  scripts/walkthrough.py FLOWTOOL [PAGE]           check; exit 1 on a mismatch
  scripts/walkthrough.py FLOWTOOL [PAGE] --print   print each command's output
  scripts/walkthrough.py FLOWTOOL [PAGE] --flowtool-only   leave the Python block out
                                                   (a sanitized libflow cannot be
                                                   loaded by the interpreter)
  scripts/walkthrough.py FLOWTOOL [PAGE] --r       also the R blocks (the package
                                                   installed; bindings/R/run-tests.sh)
  scripts/walkthrough.py FLOWTOOL [PAGE] --r-only  only the R blocks

The check is a test (tests/CMakeLists.txt: docs_walkthrough), so a change of
the library, the CLI or the data that changes a number on the page fails CI
until the page is regenerated from the commands it shows.
"""
import os
import pathlib
import re
import shlex
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
FENCE = re.compile(r"^```(\w*)\s*$")


def blocks(text):
    """[(language, [lines])] of the fenced blocks of a Markdown page, in order,
    with the number of non-blank lines between one block and the next."""
    out, lines, language, gap = [], None, None, 0
    for line in text.splitlines():
        m = FENCE.match(line)
        if lines is None and m:
            lines, language = [], m.group(1)
        elif lines is not None and line.strip() == "```":
            out.append((language, lines, gap))
            lines, gap = None, 0
        elif lines is not None:
            lines.append(line)
        elif line.strip():
            gap += 1
    return out


def commands(lines):
    """The commands of a sh block, continuation lines joined."""
    joined, current = [], ""
    for line in lines:
        current += line.rstrip("\\").rstrip() + " " if line.endswith("\\") else line
        if not line.endswith("\\"):
            if current.strip() and not current.lstrip().startswith("#"):
                joined.append(current.strip())
            current = ""
    return joined


def run(flowtool, command):
    argv = shlex.split(command)
    argv[0] = flowtool
    proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={"OPENBLAS_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"})
    if proc.returncode != 0:
        raise RuntimeError(f"`{command}` exited with {proc.returncode}: {proc.stderr.strip()}")
    return proc.stdout.rstrip("\n").splitlines()


def run_python(flowtool, code):
    library = pathlib.Path(flowtool).parent.parent / "libflow.so"
    env = {"OPENBLAS_NUM_THREADS": "1", "PATH": "/usr/bin:/bin", "LIBFLOW_LIBRARY": str(library),
           "PYTHONPATH": str(ROOT / "bindings" / "python")}
    proc = subprocess.run(["/usr/bin/python3", "-"], input="\n".join(code), cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(f"the Python block exited with {proc.returncode}: {proc.stderr[-2000:]}")
    return proc.stdout.rstrip("\n").splitlines()


def run_r(code):
    """Output of one R block run by Rscript from the top of the tree (the
    package from R_LIBS, as bindings/R/run-tests.sh installs it)."""
    env = {"OPENBLAS_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"}
    for name in ("R_LIBS", "R_LIBS_USER", "HOME"):
        if name in os.environ:
            env[name] = os.environ[name]
    with tempfile.NamedTemporaryFile("w", suffix=".R", delete=False) as f:
        f.write("\n".join(code) + "\n")
    try:
        proc = subprocess.run(["Rscript", "--vanilla", f.name], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)
    finally:
        os.unlink(f.name)
    if proc.returncode != 0:
        raise RuntimeError(f"the R block exited with {proc.returncode}: {proc.stderr[-2000:]}")
    return proc.stdout.rstrip("\n").splitlines()


def matches(page, actual):
    """Whether the page's lines describe the actual lines (see the docstring)."""
    page = [line.rstrip() for line in page]
    actual = [line.rstrip() for line in actual]

    def line_ok(p, a):
        return a.startswith(p[:-4].rstrip()) if p.endswith(" ...") else p == a

    # memoised match of page[i:] against actual[j:]
    memo = {}

    def go(i, j):
        if (i, j) in memo:
            return memo[(i, j)]
        if i == len(page):
            ok = j == len(actual)
        elif page[i].strip() == "...":
            ok = any(go(i + 1, k) for k in range(j, len(actual) + 1))
        else:
            ok = j < len(actual) and line_ok(page[i], actual[j]) and go(i + 1, j + 1)
        memo[(i, j)] = ok
        return ok

    return go(0, 0)


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    show = "--print" in argv
    r_only = "--r-only" in argv
    python = "--flowtool-only" not in argv and not r_only
    with_r = "--r" in argv or r_only
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    flowtool = str(pathlib.Path(args[0]).resolve())
    (ROOT / "build").mkdir(exist_ok=True)  # where the page's pictures go
    page = pathlib.Path(args[1]) if len(args) > 1 else ROOT / "docs" / "walkthrough.md"
    found = blocks(page.read_text(encoding="utf-8"))
    failures = checked = skipped = 0
    # blocks on the third-party data beside the project are skipped when it is absent
    shared_absent = not (ROOT.parent / "shared" / "data").is_dir()
    for k, (language, lines, _) in enumerate(found):
        if shared_absent and any("../shared/" in line for line in lines):
            skipped += 1
            continue
        cmds = commands(lines) if language == "sh" else []
        following = found[k + 1] if k + 1 < len(found) else None
        shown = following is not None and following[0] == "" and following[2] == 0
        if language == "r" and with_r and shown:
            cmds, output = ["r: " + lines[0]], run_r(lines)
        elif language == "python" and python:
            cmds, output = ["python: " + lines[0]], run_python(flowtool, lines)
        elif r_only or not cmds or not all(c.startswith("flowtool ") for c in cmds):
            continue
        else:
            output = []
            for c in cmds:
                output += run(flowtool, c)
        if show:
            print("$ " + "\n$ ".join(cmds))
            print("\n".join(output) + "\n")
        if not shown:
            continue
        checked += 1
        if not matches(following[1], output):
            failures += 1
            print(f"{page}: the output shown for `{cmds[0]}` is not what it prints now:",
                  file=sys.stderr)
            print("\n".join(output), file=sys.stderr)
    print(f"{checked} command outputs checked, {failures} differ"
          + (f", {skipped} blocks on ../shared/data skipped (absent)" if skipped else ""))
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
