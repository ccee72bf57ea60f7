#!/usr/bin/env python3
"""Writes a C program that calls every FLOW_API function declared in the public
headers with NULL for each pointer argument and with out-of-range sizes.

The program is generated at build time from include/libflow/*.h, so a function
added to or removed from a header is covered (or dropped) without editing any
test. Each call gets freshly built handles (see FIXTURES) and large zeroed
buffers; after the call it checks the contract: a failure records a message
for flow_last_error() and leaves every handle out-pointer NULL. Crashes, reads
outside caller memory, leaks and undefined behaviour are caught by running the
program under AddressSanitizer and UndefinedBehaviorSanitizer.

Every dimension parameter (an int64_t named n, k, rows, cols, count, nrhs or
n_*) has its size-0 behaviour stated in its function's doc comment, as
"NAME = 0 gives STATUS" or "NAME = 0 is STATUS" (e.g. "n = 0 is
FLOW_ERR_INVALID_ARG", "rows = 0 gives FLOW_OK and an empty table"). The
generator refuses headers where a statement is missing, and the NAME = 0 case
checks that the call returns exactly the stated status whenever the same call
with the fixture's sizes succeeds (the program counts the statements checked).

usage: gen_misuse.py OUTPUT.c HEADER...
"""
import re
import sys

# How to build a valid instance of each handle type. A handle type with no
# entry here is passed as NULL (the call then only checks that NULL is
# refused cleanly). Entries whose type no longer appears in the headers are
# not emitted, so removing a type from the API needs no change here.
FIXTURES = {
    "flow_labels": """
    flow_labels *h = NULL;
    if (flow_labels_new(&h) != FLOW_OK) return NULL;
    for (int i = 0; i < 3; i++) flow_labels_add(h, fixture_codes[i], NULL, NULL);
    return h;""",
    "flow_dataset": """
    flow_labels *labels = make_flow_labels();
    flow_dataset *h = NULL;
    flow_dataset_new(&h, labels);
    flow_labels_free(labels);
    if (h != NULL) flow_dataset_read_buffer(h, "fixture.csv", fixture_csv, (int64_t)strlen(fixture_csv), NULL, NULL);
    return h;""",
    "flow_io_model": """
    flow_io_model *h = NULL;
    flow_io_model_new_country(&h, 3, fixture_flows, 3, fixture_sizes, fixture_codes);
    return h;""",
    "flow_scenario": """
    flow_scenario *h = NULL;
    flow_scenario_parse(&h, fixture_scenario, "fixture");
    return h;""",
    "flow_shock_options": """
    flow_shock_options *h = NULL;
    flow_shock_options_new(&h);
    return h;""",
    "flow_shock_result": """
    flow_io_model *m = make_flow_io_model();
    flow_scenario *s = make_flow_scenario();
    flow_shock_result *h = NULL;
    flow_shock_run(&h, m, s, NULL);
    flow_io_model_free(m);
    flow_scenario_free(s);
    return h;""",
    "flow_shock_batch": """
    flow_io_model *m = make_flow_io_model();
    flow_scenario *s = make_flow_scenario();
    const flow_scenario *list[1] = {s};
    flow_shock_batch *h = NULL;
    flow_shock_batch_run(&h, m, list, 1, NULL);
    flow_io_model_free(m);
    flow_scenario_free(s);
    return h;""",
    "flow_debtrank_result": """
    flow_debtrank_result *h = NULL;
    double initial[3] = {0.5, 0, 0};
    flow_debtrank_run(&h, 3, fixture_flows, 3, fixture_sizes, initial, fixture_sizes, NULL);
    return h;""",
    "flow_io_diagnostics": """
    flow_io_model *m = make_flow_io_model();
    flow_io_diagnostics *h = NULL;
    flow_io_diagnostics_new(&h, m, 1e-9);
    flow_io_model_free(m);
    return h;""",
    "flow_table": """
    flow_table *h = NULL;
    flow_table_new(&h, 3, 3, fixture_flows, 3);
    return h;""",
    "flow_read_options": """
    flow_read_options *h = NULL;
    flow_read_options_new(&h);
    return h;""",
    "flow_read_report": """
    flow_read_report *h = NULL;
    flow_read_report_new(&h);
    return h;""",
    "flow_aggregation": """
    flow_aggregation *h = NULL;
    if (flow_aggregation_new(&h) != FLOW_OK) return NULL;
    flow_aggregation_add(h, "CHN", "ASIA");
    flow_aggregation_add(h, "RUS", "EUROPE");
    flow_aggregation_add(h, "USA", "AMERICA");
    return h;""",
    "flow_depflag_options": """
    flow_depflag_options *h = NULL;
    flow_depflag_options_new(&h);
    return h;""",
    "flow_dyads": """
    flow_dyads *h = NULL;
    flow_dyads_new(&h, fixture_flows, 3, 3, fixture_sizes);
    return h;""",
    "flow_centrality_options": """
    flow_centrality_options *h = NULL;
    flow_centrality_options_new(&h);
    return h;""",
    "flow_dyad_layers": """
    flow_dyad_layers *h = NULL;
    flow_dyad_layers_new(&h, NULL);
    flow_dyad_layers_add(h, "trade", 2023, NULL, 1.0);
    return h;""",
}

BUFFER = 1 << 16  # elements in every caller buffer
INDEX_NAMES = re.compile(r"^(i|s|index|row|col|row0|col0|economy|member|origin|target|which|label_col)$")
# Input-data lengths: a caller claiming a longer buffer than it has is the
# caller's error, which no library can detect, so huge values are not tried.
INPUT_LENGTH_NAMES = re.compile(r"^len$")
# The same for a count that only sizes a contiguous input array (the columns
# of the final demand Y passed to flow_io_model_new).
INPUT_LENGTH_PARAMS = {("flow_io_model_new", "k")}


DIMENSION_NAMES = re.compile(r"^(n|k|rows|cols|count|nrhs|n_\w+)$")
ZERO_STATEMENT = r"\b{name} = 0 (?:gives|is) (FLOW_[A-Z_]+)"


def documented_zero_status(doc, pname):
    """The status a doc comment states for pname = 0, or None."""
    prose = " ".join(re.sub(r"\n\s*\*(?!/)", " ", doc).split())
    m = re.search(ZERO_STATEMENT.format(name=re.escape(pname)), prose)
    return m.group(1) if m else None


def parse(headers):
    """(return type, name, [(type, name)], doc comment) of every FLOW_API
    declaration; the doc comment is the last comment before it (a comment
    shared by a group of declarations applies to each)."""
    decls = []
    for path in headers:
        text = open(path, encoding="utf-8").read()
        comments = [(c.end(), c.group(0)) for c in re.finditer(r"/\*.*?\*/", text, flags=re.S)]
        code = re.sub(r"/\*.*?\*/", lambda c: " " * len(c.group(0)), text, flags=re.S)
        for m in re.finditer(r"FLOW_API\s+([^;{}]*?)\b(flow_\w+)\s*\(([^;{}]*?)\)\s*;", code, flags=re.S):
            ret = " ".join(m.group(1).split())
            name = m.group(2)
            params = []
            plist = " ".join(m.group(3).split())
            if plist not in ("void", ""):
                for p in plist.split(","):
                    p = p.strip()
                    pm = re.match(r"^(.*?)(\w+)$", p)
                    ptype, pname = pm.group(1).strip(), pm.group(2)
                    params.append((" ".join(ptype.replace("*", " * ").split()).replace(" *", "*"), pname))
            doc = next((c for end, c in reversed(comments) if end <= m.start()), "")
            decls.append((ret, name, params, doc))
    return decls


def zero_statements(decls):
    """{(function, parameter): status} for every dimension parameter; exits
    naming the parameters whose size-0 behaviour is not documented."""
    stated, missing = {}, []
    for ret, name, params, doc in decls:
        for ptype, pname in params:
            if ptype != "int64_t" or not DIMENSION_NAMES.match(pname):
                continue
            status = documented_zero_status(doc, pname)
            if status is None:
                missing.append(f"{name}: {pname}")
            stated[(name, pname)] = status
    if missing:
        raise SystemExit("gen_misuse.py: no \"NAME = 0 gives|is FLOW_...\" statement in the doc "
                         "comment for:\n  " + "\n  ".join(missing))
    return stated


def base_type(ptype):
    return ptype.replace("const", "").replace("*", "").strip()


def classify(ptype):
    """Kind of a parameter type: handle, handle_out, or a C type family."""
    t = ptype.replace(" ", "")
    b = base_type(ptype)
    stars = t.count("*")
    if b.startswith("flow_") and b not in ("flow_progress_fn",):
        if stars == 2 and not t.startswith("const"):
            if "*const*" in t:
                return "handle_array"
            return "handle_out"
        if stars == 2:
            return "handle_array"
        return "handle"
    return t


def emit(decls, out):
    types_present = set()
    for _, _, params, _ in decls:
        for ptype, _ in params:
            if classify(ptype) in ("handle", "handle_out", "handle_array"):
                types_present.add(base_type(ptype))
    frees = {name[: -len("_free")] for ret, name, params, _ in decls if name.endswith("_free")}
    zero_status = zero_statements(decls)
    w = out.write
    w("/* Generated by tests/misuse/gen_misuse.py from the public headers. Do not edit. */\n")
    w('#include "misuse_support.h"\n\n')
    fixture_types = [t for t in FIXTURES if t in types_present]
    for t in fixture_types:
        w(f"static {t} *make_{t}(void);\n")
    for t in fixture_types:
        w(f"static {t} *make_{t}(void)\n{{{FIXTURES[t]}\n}}\n\n")
    calls = []
    for ret, name, params, _ in decls:
        pointer_params = [i for i, (pt, pn) in enumerate(params) if "*" in pt.replace(" ", "")]
        size_params = [i for i, (pt, pn) in enumerate(params) if pt == "int64_t"]
        int_params = [i for i, (pt, pn) in enumerate(params) if pt == "int"]
        cases = []  # (label, index, override expression)
        if name.endswith("_free"):
            cases.append(("NULL handle", 0, "NULL"))
        else:
            cases.append(("valid arguments", -1, None))
            for i in pointer_params:
                cases.append((f"NULL {params[i][1]}", i, "NULL"))
            for i in size_params:
                if INPUT_LENGTH_NAMES.match(params[i][1]) or (name, params[i][1]) in INPUT_LENGTH_PARAMS:
                    continue
                # Values whose products with the other sizes overflow int64_t:
                # 2^32 squared for orders, 2^62 times a few rows for strides. (A
                # stride that fits is the caller's promise about its buffer.)
                big = "((int64_t)1 << 62)" if "stride" in params[i][1] else "((int64_t)1 << 32)"
                for v in ("INT64_MAX", "INT64_MIN", "-1", big, "0"):
                    cases.append((f"{params[i][1]} = {v}", i, v))
            for i in int_params:
                for v in ("INT_MAX", "-1", "1", "2"):
                    cases.append((f"{params[i][1]} = {v}", i, v))
        for k, (label, idx, override) in enumerate(cases):
            fn = f"case_{name}_{k}"
            calls.append((fn, name, label))
            w(f"static void {fn}(void)\n{{\n")
            args = []
            cleanup = []
            checks = []
            for i, (ptype, pname) in enumerate(params):
                kind = classify(ptype)
                var = f"a{i}"
                b = base_type(ptype)
                if kind == "handle_out":
                    w(f"    {b} *{var} = ({b} *)misuse_sentinel;\n")
                    expr = f"&{var}"
                    if idx != i and b in frees:
                        cleanup.append(f"    if ({var} != ({b} *)misuse_sentinel) {b}_free({var});\n")
                        checks.append(f"    if (rc < 0) misuse_expect_null(\"{name}\", \"{label}\", {var} == NULL);\n")
                    elif idx != i:
                        checks.append(f"    if (rc < 0) misuse_expect_null(\"{name}\", \"{label}\", {var} == NULL);\n")
                elif kind == "handle":
                    if b in FIXTURES and b in frees and not name.endswith("_free"):
                        w(f"    {b} *{var} = make_{b}();\n")
                        cleanup.append(f"    {b}_free({var});\n")
                    else:
                        w(f"    {b} *{var} = NULL;\n")
                    expr = var
                elif kind == "handle_array":
                    if b in FIXTURES and b in frees:
                        w(f"    {b} *{var}_item = make_{b}();\n")
                        w(f"    const {b} *{var}[4] = {{{var}_item, {var}_item, {var}_item, {var}_item}};\n")
                        cleanup.append(f"    {b}_free({var}_item);\n")
                    else:
                        w(f"    const {b} *{var}[4] = {{NULL, NULL, NULL, NULL}};\n")
                    expr = var
                elif kind == "constchar*":
                    expr = "misuse_path" if "path" in pname else '"CHN"'
                    if pname == "layer":
                        expr = '"trade"'  # the fixture dataset's one layer
                    if pname == "product":
                        expr = "NULL"  # all products
                    if pname == "text":
                        expr = "fixture_scenario"
                    if pname == "data":
                        expr = "fixture_csv"
                elif kind == "constchar**":
                    w(f"    const char *{var} = NULL;\n")
                    expr = f"&{var}"
                elif kind == "constchar*const*":
                    expr = "fixture_codes"
                elif kind == "char*":
                    expr = "misuse_chars()"
                elif kind in ("double*", "constdouble*"):
                    expr = "misuse_doubles()"
                elif kind == "constdouble**":
                    w(f"    const double *{var} = NULL;\n")
                    expr = f"&{var}"
                elif kind in ("int64_t*", "constint64_t*"):
                    expr = "misuse_int64s()"
                elif kind == "int*":
                    expr = "misuse_ints()"
                elif kind == "void*":
                    expr = "NULL"
                elif kind == "flow_progress_fn":
                    expr = "NULL"
                elif kind == "int64_t":
                    if pname == "len":
                        expr = "(int64_t)strlen(fixture_csv)"
                    elif re.search(r"len|cap|bytes", pname):
                        expr = f"{BUFFER}"
                    elif INDEX_NAMES.match(pname):
                        expr = "0"
                    elif pname in ("j", "t"):
                        expr = "1"  # the second economy of a pair
                    elif pname == "dst_row_stride":
                        expr = "16"  # room for a row of every measure
                    elif "year" in pname:
                        expr = "2023"
                    elif pname in ("count", "n_years", "n_products", "label_rows", "label_cols"):
                        expr = "1"
                    else:
                        expr = "3"
                elif kind == "int":
                    expr = "1" if pname == "direction" else "0"
                elif kind == "double":
                    expr = "0.5"
                elif "*" in kind:
                    # A pointer type this generator does not know: a zeroed
                    # buffer of the caller's (and NULL in its own case).
                    expr = f"({ptype})(void *)misuse_chars()"
                else:
                    # A scalar type it does not know (size_t, a new enum type...): zero.
                    expr = f"({ptype})0"
                if i == idx:
                    expr = override if kind not in ("int64_t", "int") else f"({ptype})({override})"
                args.append(expr)
            call = f"{name}({', '.join(args)})"
            if ret == "int" and not name.startswith("flow_last_error"):
                w(f"    misuse_clear_error();\n    int rc = {call};\n")
                w(f"    if (rc < 0) misuse_expect_message(\"{name}\", \"{label}\", rc);\n")
                stated = zero_status.get((name, params[idx][1])) if idx >= 0 else None
                if idx < 0:
                    w("    misuse_valid_status = rc;\n")
                if stated is not None and override == "0":
                    w(f"    misuse_expect_status(\"{name}\", \"{label}\", rc, {stated});\n")
                for c in checks:
                    w(c)
            else:
                w(f"    (void){call};\n" if ret != "void" else f"    {call};\n")
            for c in cleanup:
                w(c)
            w("}\n\n")
    w("const struct misuse_case misuse_cases[] = {\n")
    for fn, name, label in calls:
        w(f'    {{"{name}", "{label}", {fn}}},\n')
    w("};\n")
    w(f"const size_t misuse_case_count = {len(calls)};\n")
    w(f"const size_t misuse_function_count = {len(decls)};\n")


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    decls = parse(sys.argv[2:])
    if not decls:
        raise SystemExit("gen_misuse.py: no FLOW_API declarations found")
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        emit(decls, out)


if __name__ == "__main__":
    main()
