"""The binding declares every public C function, with the types of its header.

The headers are parsed independently of libflow/_lib.py: each FLOW_API
prototype's C types are mapped to the ctypes type they must have, and the
declared SIGNATURES entry must match. The exported symbols of the built
library are checked the same way, so neither a new header function nor a new
export can be left unwrapped.
"""
import ctypes
import re
import shutil
import subprocess

import pytest

from libflow import _lib, _mpi_lib

# libflow_mpi's functions (libflow/mpi.h) are declared in their own table.
DECLARED = {**_lib.SIGNATURES, **_mpi_lib.SIGNATURES}


def _strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def _headers(root):
    return sorted((root / "include" / "libflow").glob("*.h"))


def _typedefs(texts):
    """Names of enum typedefs, opaque struct typedefs and callback typedefs."""
    enums, structs, callbacks = set(), set(), set()
    for text in texts:
        enums.update(re.findall(r"typedef\s+enum\s+\w*\s*\{[^}]*\}\s*(\w+)\s*;", text))
        structs.update(re.findall(r"typedef\s+struct\s+\w+\s+(\w+)\s*;", text))
        callbacks.update(re.findall(r"typedef\s+[^;()]*\(\s*\*\s*(\w+)\s*\)\s*\(", text))
    return enums, structs, callbacks


def _prototypes(text):
    """(name, return type, [parameter declarations]) of every FLOW_API function."""
    for match in re.finditer(r"\bFLOW_API\s+([^;(]*?)\b(flow_\w+)\s*\(", text):
        depth, start = 1, match.end()
        position = start
        while depth:
            depth += {"(": 1, ")": -1}.get(text[position], 0)
            position += 1
        params, depth, current = [], 0, ""
        for char in text[start : position - 1]:
            if char == "," and depth == 0:
                params.append(current)
                current = ""
                continue
            depth += {"(": 1, ")": -1}.get(char, 0)
            current += char
        params.append(current)
        params = [" ".join(p.split()) for p in params if p.strip() not in ("", "void")]
        yield match.group(2), " ".join(match.group(1).split()), params


def _parse_type(decl, is_return):
    """(base type, pointer depth, const?) of a C declaration, name dropped."""
    decl = decl.replace("*", " * ")
    tokens = decl.split()
    const = "const" in tokens
    tokens = [t for t in tokens if t not in ("const", "restrict", "struct", "enum")]
    if not is_return and len(tokens) >= 2 and tokens[-1] != "*":
        tokens = tokens[:-1]  # the parameter name
    return tokens[0], tokens.count("*"), const


def _expected(decl, typedefs, is_return=False):
    """The ctypes type a C declaration must be given (or a predicate on it)."""
    enums, structs, callbacks = typedefs
    if "(*" in decl.replace(" ", ""):
        return "callback"
    base, depth, const = _parse_type(decl, is_return)
    P = ctypes.POINTER
    scalars = {"int": ctypes.c_int, "int64_t": ctypes.c_int64, "double": ctypes.c_double}
    if base in enums:
        base = "int"
    if base in callbacks and depth == 0:
        return "callback"
    if base == "void":
        return {0: None, 1: ctypes.c_void_p, 2: P(ctypes.c_void_p)}[depth]
    if base == "char":
        if depth == 1:
            return ctypes.c_char_p if const or is_return else P(ctypes.c_char)
        return P(ctypes.c_char_p) if depth == 2 else None
    if base in structs:
        return {1: ctypes.c_void_p, 2: P(ctypes.c_void_p)}[depth]
    if base in scalars:
        result = scalars[base]
        for _ in range(depth):
            result = P(result)
        return result
    raise AssertionError("unhandled C type %r" % decl)


def _all_prototypes(root):
    texts = [_strip_comments(path.read_text()) for path in _headers(root)]
    typedefs = _typedefs(texts)
    found = {}
    for path, text in zip(_headers(root), texts):
        for name, ret, params in _prototypes(text):
            found[name] = (path.name, ret, params)
    return found, typedefs


def _matches(expected, declared):
    if expected == "callback":
        return declared is ctypes.c_void_p or (
            isinstance(declared, type) and issubclass(declared, ctypes._CFuncPtr)
        )
    return expected is declared


def test_headers_have_prototypes(root):
    found, _ = _all_prototypes(root)
    # The core ABI is always there; the parser must see it.
    assert {"flow_strerror", "flow_last_error_copy", "flow_abi_version"} <= set(found)


def test_every_header_function_is_declared_with_its_types(root):
    found, typedefs = _all_prototypes(root)
    problems = []
    for name, (header, ret, params) in sorted(found.items()):
        if name not in DECLARED:
            problems.append("%s (%s) has no entry in SIGNATURES" % (name, header))
            continue
        restype, argtypes = DECLARED[name]
        want_ret = _expected(ret, typedefs, is_return=True)
        if ret in ("int", "flow_status"):
            ok = restype is _lib.STATUS or (ret == "int" and restype is ctypes.c_int)
        else:
            ok = _matches(want_ret, restype)
        if not ok:
            problems.append("%s: return %r declared as %r" % (name, ret, restype))
        if len(argtypes) != len(params):
            problems.append("%s: %d parameters, %d argtypes" % (name, len(params), len(argtypes)))
            continue
        for decl, declared in zip(params, argtypes):
            if not _matches(_expected(decl, typedefs), declared):
                problems.append("%s: parameter %r declared as %r" % (name, decl, declared))
    assert not problems, "\n".join(problems)


def test_no_declaration_without_a_header_prototype(root):
    found, _ = _all_prototypes(root)
    stale = sorted(set(DECLARED) - set(found))
    assert not stale, "declared but in no public header: %s" % stale


def test_loaded_functions_carry_the_declarations():
    library = _lib.lib
    for name, (restype, argtypes) in _lib.SIGNATURES.items():
        if name in library.missing:
            continue
        function = getattr(library, name)
        assert function.argtypes == tuple(argtypes) or list(function.argtypes) == argtypes, name
        if restype is _lib.STATUS:
            assert function.restype is ctypes.c_int and function.errcheck is not None, name
        else:
            assert function.restype is restype, name


def test_every_exported_symbol_is_declared():
    nm = shutil.which("nm")
    if nm is None:
        pytest.skip("nm is not installed")
    out = subprocess.run(
        [nm, "-D", "--defined-only", _lib.lib.path], capture_output=True, text=True, check=True
    ).stdout
    exported = {line.split()[-1] for line in out.splitlines() if line.split()[1:2] == ["T"]}
    undeclared = sorted(name for name in exported if name not in _lib.SIGNATURES)
    assert not undeclared, "exported but not declared in _lib.py: %s" % undeclared


def test_library_exports_every_declared_function():
    """A header function the built library lacks fails the suite (by name)."""
    missing = sorted(_lib.lib.missing)
    assert not missing, ("the library does not export %d header function(s): %s"
                         % (len(missing), " ".join(missing)))


def test_constants_match_the_headers(root):
    """Every integer #define and enum member of the headers has its value in
    libflow.constants.C (version macros aside: they describe the header)."""
    from libflow import constants

    found = {}
    for path in _headers(root):
        if path.name in ("common.h", "version.h"):
            continue
        text = _strip_comments(path.read_text()).replace("\\\n", " ")
        for name, value in re.findall(r"#define\s+(FLOW_[A-Z0-9_]+)\s+(-?\d+)\s*$", text, re.M):
            found[name] = int(value)
        for body in re.findall(r"enum\s*\w*\s*\{([^}]*)\}", text):
            for name, value in re.findall(r"(FLOW_[A-Z0-9_]+)\s*=\s*(-?\d+)", body):
                found[name] = int(value)
    assert found == constants.C
