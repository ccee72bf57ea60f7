"""ctypes declarations of the indices and network functions and numpy helpers
shared by test_indices.py and test_network.py (the raw library, no bindings)."""
import ctypes
import csv

import numpy as np

I64 = ctypes.c_int64
DP = ctypes.POINTER(ctypes.c_double)
LP = ctypes.POINTER(ctypes.c_int64)
VP = ctypes.c_void_p

# Values of the public enums (libflow/indices.h, libflow/network.h).
DYAD = dict(export_share=0, import_share=1, trade_share=2, salience=3, symmetry=4,
            interdependence=5, dependence=6, asymmetry=7, normalized_asymmetry=8,
            alternative_hhi=9, vulnerability=10)
CENTRALITY = dict(in_strength=0, out_strength=1, eigenvector=2, pagerank=3, hub=4, authority=5)

SIGNATURES = {
    "flow_dyads_new": [ctypes.POINTER(VP), DP, I64, I64, DP],
    "flow_dyads_free": [VP],
    "flow_dyads_table": [ctypes.POINTER(VP), VP, ctypes.c_int],
    "flow_supplier_hhi": [ctypes.POINTER(VP), DP, I64, I64, I64],
    "flow_export_hhi": [ctypes.POINTER(VP), DP, I64, I64, I64],
    "flow_exposure": [ctypes.POINTER(VP), ctypes.c_int, DP, I64, DP, LP, I64],
    "flow_table_values": [VP],
    "flow_table_free": [VP],
    "flow_rank_matrix": [LP, LP, I64, LP, DP, I64, I64, ctypes.c_int],
    "flow_centrality_options_new": [ctypes.POINTER(VP)],
    "flow_centrality_options_free": [VP],
    "flow_centrality_options_set_tolerance": [VP, ctypes.c_double],
    "flow_centrality_options_set_damping": [VP, ctypes.c_double],
    "flow_centrality_new": [ctypes.POINTER(VP), VP, DP, I64, I64],
    "flow_table_copy_to": [VP, DP, I64, I64],
    "flow_transit": [ctypes.POINTER(VP), DP, I64, I64, I64, I64],
    "flow_depflag_options_new": [ctypes.POINTER(VP)],
    "flow_depflag_options_free": [VP],
    "flow_depflag_options_set": [VP, ctypes.c_char_p, ctypes.c_char_p],
    "flow_depflags_new": [ctypes.POINTER(VP), VP, DP, I64, I64, I64, I64],
}

# Functions returning borrowed double arrays rather than a status.
VIEWS = ("flow_table_values",)


def declare(lib):
    for name, args in SIGNATURES.items():
        fn = getattr(lib, name)
        fn.argtypes = args
        if name in VIEWS:
            fn.restype = DP
        else:
            fn.restype = None if name.endswith("_free") else ctypes.c_int
    return lib


def ptr(a):
    """Pointer to a C-contiguous float64 or int64 array (or None)."""
    if a is None:
        return None
    kind = ctypes.c_int64 if a.dtype == np.int64 else ctypes.c_double
    assert a.flags["C_CONTIGUOUS"]
    return a.ctypes.data_as(ctypes.POINTER(kind))


def check(lib, status):
    if status != 0:
        lib.flow_last_error.restype = ctypes.c_char_p
        raise AssertionError(f"status {status}: {lib.flow_last_error().decode()}")


def table_values(lib, constructor, shape, *args):
    """The values (an array of shape) of the new table constructor(&out, *args)."""
    table = VP()
    check(lib, constructor(ctypes.byref(table), *args))
    try:
        return np.ctypeslib.as_array(lib.flow_table_values(table), shape=shape).copy()
    finally:
        lib.flow_table_free(table)


def dyads(lib, flows, sizes=None):
    """Every dyadic measure of flows as a dict name -> n x n array."""
    flows = np.ascontiguousarray(flows, dtype=float)
    n = flows.shape[0]
    handle = VP()
    check(lib, lib.flow_dyads_new(ctypes.byref(handle), ptr(flows), n, n,
                                  ptr(None if sizes is None else np.ascontiguousarray(sizes, float))))
    try:
        out = {}
        for name, code in DYAD.items():
            m, table = np.empty((n, n)), VP()
            check(lib, lib.flow_dyads_table(ctypes.byref(table), handle, code))
            check(lib, lib.flow_table_copy_to(table, ptr(m), m.size, n))
            lib.flow_table_free(table)
            out[name] = m
        return out
    finally:
        lib.flow_dyads_free(handle)


def centrality(lib, weights, tolerance=1e-13, damping=0.85):
    """Every centrality vector of weights as a dict name -> array (NaN if unconverged)."""
    weights = np.ascontiguousarray(weights, dtype=float)
    n = weights.shape[0]
    options, handle = VP(), VP()
    check(lib, lib.flow_centrality_options_new(ctypes.byref(options)))
    try:
        check(lib, lib.flow_centrality_options_set_tolerance(options, tolerance))
        check(lib, lib.flow_centrality_options_set_damping(options, damping))
        check(lib, lib.flow_centrality_new(ctypes.byref(handle), options, ptr(weights), n, n))
        table = np.empty((n, len(CENTRALITY)))  # one column per measure, in enum order
        check(lib, lib.flow_table_copy_to(handle, ptr(table), table.size, table.shape[1]))
        return {name: table[:, code].copy() for name, code in CENTRALITY.items()}
    finally:
        lib.flow_table_free(handle)
        lib.flow_centrality_options_free(options)


def depflags(lib, stack, thresholds=(0.4, 0.4, 1.0), persistence=(2, 3)):
    """Flags of a years x products x n x n stack: (parts [year][part][product][n],
    persistent [product][n])."""
    stack = np.ascontiguousarray(stack, dtype=float)
    years, products, n = stack.shape[:3]
    options = VP()
    check(lib, lib.flow_depflag_options_new(ctypes.byref(options)))
    try:
        settings = {"import_hhi": repr(float(thresholds[0])),
                    "export_hhi": repr(float(thresholds[1])),
                    "import_export_ratio": repr(float(thresholds[2])),
                    "persistence": "%d,%d" % tuple(persistence)}
        for key, value in settings.items():
            check(lib, lib.flow_depflag_options_set(options, key.encode(), value.encode()))
        # columns: the four parts, persistent, years_seen, year
        table = table_values(lib, lib.flow_depflags_new, (years, products, n, 7), options,
                             ptr(stack), years, products, n, n)
        parts = np.moveaxis(table[..., :4], -1, 1)  # [year][part][product][n]
        return parts, table[-1, :, :, 4]
    finally:
        lib.flow_depflag_options_free(options)


def read_bis(path):
    """The BIS claims matrix: (labels, 16 x 16 array), row = lender."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    labels = rows[0][1:]
    assert [r[0] for r in rows[1:]] == labels
    return labels, np.array([[float(v) for v in r[1:]] for r in rows[1:]])


def read_baci(path):
    """The BACI crude-oil flows as (labels, dense matrix), row = exporter."""
    with open(path, newline="") as f:
        records = [(r["location_code"], r["partner_code"], float(r["export_value"]))
                   for r in csv.DictReader(f)]
    labels = sorted({o for o, _, _ in records} | {d for _, d, _ in records})
    index = {c: k for k, c in enumerate(labels)}
    t = np.zeros((len(labels), len(labels)))
    for o, d, v in records:
        t[index[o], index[d]] += v
    return labels, t


def flowtool(*args):
    """Runs the example CLI built next to the library (skips when absent) and
    returns its JSON tables as a list of {"title", "rows"} dicts."""
    import json
    import os
    import pathlib
    import subprocess

    import pytest

    root = pathlib.Path(__file__).resolve().parents[2]
    library = pathlib.Path(os.environ.get("LIBFLOW_LIBRARY", root / "build" / "libflow.so"))
    tool = library.parent / "examples" / "flowtool"
    if not tool.exists():
        pytest.skip("flowtool is not built")
    out = subprocess.run([str(tool), *args, "--format", "json"], cwd=root, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)["tables"]


def demo_matrix(name, year, products=None):
    """(codes, matrix) of one demo CSV (data/NAME) for one year, products summed."""
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2]
    with open(root / "data" / name, newline="") as f:
        rows = [r for r in csv.DictReader(f) if int(r["year"]) == year
                and (products is None or r["product"] in products)]
    with open(root / "data" / "economies.csv", newline="") as f:
        codes = [r["code"] for r in csv.DictReader(f)]
    index = {c: k for k, c in enumerate(codes)}
    t = np.zeros((len(codes), len(codes)))
    for r in rows:
        t[index[r["origin"]], index[r["destination"]]] += float(r["value"])
    return codes, t


def demo_attribute(name):
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2]
    with open(root / "data" / "economies.csv", newline="") as f:
        return {r["code"]: float(r[name]) for r in csv.DictReader(f)}


def exposure(lib, kind, z, x, group, g):
    """flow_exposure's g x g table as a numpy array (the table freed)."""
    t = VP()
    check(lib, lib.flow_exposure(ctypes.byref(t), kind, ptr(np.ascontiguousarray(z)), len(x), ptr(x),
                                 ptr(group), g))
    try:
        return np.ctypeslib.as_array(lib.flow_table_values(t), shape=(g, g)).copy()
    finally:
        lib.flow_table_free(t)
