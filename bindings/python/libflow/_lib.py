"""Finding and loading the libflow shared library, and the ctypes signature of
every function it exports.

The library is searched in this order:

1. the path in the ``LIBFLOW_LIBRARY`` environment variable (when it is set,
   nothing else is tried, so a wrong setting is an error rather than a silent
   fallback to another copy);
2. a copy next to this package (``libflow/libflow.so*``), as shipped in a wheel,
   then the installed library pip's build found through pkg-config
   (``libflow/_found.py``, written by setup.py);
3. the system: ``ctypes.util.find_library("flow")``, then the soname of the
   ABI generation this binding was written for.

A library whose ``flow_abi_version()`` is not in KNOWN_ABI_VERSIONS is refused.

SIGNATURES below is the single table of C prototypes. tests/test_py_completeness.py
parses include/libflow/*.h and fails when a FLOW_API function is missing here
or declared with different types, so the binding cannot fall behind the C API.
"""
import ctypes
import ctypes.util
import os
import pathlib

from . import errors

LIBRARY_ENV = "LIBFLOW_LIBRARY"
KNOWN_ABI_VERSIONS = frozenset({2})
# Sonames tried last, newest first: the soname carries 0.MINOR before 1.0.
SONAMES = ("libflow.so.0.2", "libflow.0.2.dylib")


class LibraryNotFoundError(ImportError):
    """No loadable libflow shared library was found."""


class AbiMismatchError(ImportError):
    """The libflow found has an ABI generation this binding does not know."""


# ------------------------------------------------------------------ C types
# Aliases named after the C types they stand for, so the table reads like the
# headers. Opaque handles are void pointers; flow_x **out is a pointer to one.
P = ctypes.POINTER
int_ = ctypes.c_int
int64 = ctypes.c_int64
double = ctypes.c_double
char_p = ctypes.c_char_p  # const char * in (UTF-8 bytes) or a static string out
handle = ctypes.c_void_p
handle_out = P(ctypes.c_void_p)
double_p = P(ctypes.c_double)
int64_p = P(ctypes.c_int64)
int_p = P(ctypes.c_int)
char_buf = P(ctypes.c_char)  # char *buf of a copy-out string
char_pp = P(ctypes.c_char_p)  # const char **out (borrowed) or const char *const *in
double_p_out = P(P(ctypes.c_double))  # const double **out: a borrowed array
int64_p_out = P(P(ctypes.c_int64))
# flow_progress_fn: int (*)(void *userdata, int64_t bytes_done, int64_t bytes_total).
progress_fn = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int64, ctypes.c_int64)


class _Status:
    """Marks a function returning a flow_status: checked, FlowError raised."""


STATUS = _Status()
void = None

# name -> (restype, argtypes), grouped by header.
SIGNATURES = {
    # ---------------------------------------------------- libflow/common.h
    "flow_strerror": (char_p, [int_]),
    "flow_last_error": (char_p, []),
    "flow_last_error_code": (int_, []),
    "flow_last_error_copy": (int64, [char_buf, int64]),
    "flow_error_set": (int_, [int_, char_p]),
    # --------------------------------------------------- libflow/version.h
    "flow_version_string": (char_p, []),
    "flow_version_number": (int_, []),
    "flow_abi_version": (int_, []),
    # ----------------------------------------------------- libflow/table.h
    "flow_table_new": (STATUS, [handle_out, int64, int64, double_p, int64]),
    "flow_table_free": (void, [handle]),
    "flow_table_rows": (int64, [handle]),
    "flow_table_cols": (int64, [handle]),
    "flow_table_values": (double_p, [handle]),
    "flow_table_copy_to": (STATUS, [handle, double_p, int64, int64]),
    "flow_table_set": (STATUS, [handle, int64, int64, double]),
    "flow_table_set_row_label": (STATUS, [handle, int64, char_p, char_p]),
    "flow_table_set_col_label": (STATUS, [handle, int64, char_p, char_p]),
    "flow_table_row_label": (char_p, [handle, int64]),
    "flow_table_row_group": (char_p, [handle, int64]),
    "flow_table_col_label": (char_p, [handle, int64]),
    "flow_table_col_group": (char_p, [handle, int64]),
    "flow_table_find_row": (STATUS, [handle, char_p, char_p, int64_p]),
    "flow_table_find_col": (STATUS, [handle, char_p, char_p, int64_p]),
    "flow_table_slice": (STATUS, [handle_out, handle, int64, int64, int64, int64]),
    "flow_table_set_scalar": (STATUS, [handle, char_p, double]),
    "flow_table_scalar_count": (int64, [handle]),
    "flow_table_scalar_name": (char_p, [handle, int64]),
    "flow_table_scalar": (STATUS, [handle, char_p, double_p]),
    # --------------------------------------------------- libflow/dataset.h
    "flow_dataset_new": (STATUS, [handle_out, handle]),
    "flow_dataset_new_present": (STATUS, [handle_out, handle]),
    "flow_dataset_free": (void, [handle]),
    "flow_dataset_economies": (handle, [handle]),
    "flow_dataset_economy_count": (int64, [handle]),
    "flow_dataset_add_economy": (STATUS, [handle, char_p, char_p, int64_p]),
    "flow_dataset_set_product_digits": (STATUS, [handle, int64]),
    "flow_dataset_add_product_group": (STATUS, [handle, char_p, char_p]),
    "flow_dataset_add_flow": (STATUS, [handle, char_p, int64, char_p, char_p, char_p, double]),
    "flow_dataset_matrix_count": (int64, [handle]),
    "flow_dataset_matrix_key": (STATUS, [handle, int64, char_pp, int64_p, char_pp]),
    "flow_dataset_matrix_unit": (char_p, [handle, char_p, int64, char_p]),
    "flow_dataset_matrix_copy": (STATUS, [handle, char_p, int64, char_p, double_p, int64, int64]),
    "flow_dataset_matrix_view": (
        STATUS,
        [handle, char_p, int64, char_p, double_p_out, int64_p, int64_p],
    ),
    "flow_dataset_totals": (
        STATUS,
        [handle, char_p, int64, char_p, double_p, double_p, double_p, int64],
    ),
    "flow_dataset_top_partners": (
        STATUS, [handle_out, handle, char_p, int64, char_p, char_p, int_, int64]),
    "flow_dataset_write_matrix_csv": (STATUS, [handle, char_p, int64, char_p, char_p]),
    "flow_dataset_aggregate": (STATUS, [handle_out, handle, handle]),
    "flow_dataset_drop_empty": (STATUS, [handle_out, handle]),
    "flow_dataset_read_attributes": (STATUS, [handle, char_p, char_p, int_]),
    # --------------------------------------------------- libflow/indices.h
    "flow_dyads_new": (STATUS, [handle_out, double_p, int64, int64, double_p]),
    "flow_dyads_free": (void, [handle]),
    "flow_dyads_table": (STATUS, [handle_out, handle, int_]),
    "flow_dyad_profile": (
        STATUS,
        [handle_out, double_p, int64, int64, int64, double_p, int64, int64],
    ),
    "flow_supplier_hhi": (STATUS, [handle_out, double_p, int64, int64, int64]),
    "flow_export_hhi": (STATUS, [handle_out, double_p, int64, int64, int64]),
    "flow_depflag_options_new": (STATUS, [handle_out]),
    "flow_depflag_options_free": (void, [handle]),
    "flow_depflag_options_set": (STATUS, [handle, char_p, char_p]),
    "flow_depflags_new": (STATUS, [handle_out, handle, double_p, int64, int64, int64, int64]),
    "flow_exposure": (STATUS, [handle_out, int_, double_p, int64, double_p, int64_p, int64]),
    "flow_exposure_from_io_model": (STATUS, [handle_out, int_, handle]),
    "flow_dyads_new_from_dataset": (
        STATUS,
        [handle_out, handle, char_p, int64, char_p, char_p, double],
    ),
    "flow_supplier_hhi_from_dataset": (STATUS, [handle_out, handle, char_p, int64, char_p]),
    "flow_dyad_layers_new": (STATUS, [handle_out, char_p]),
    "flow_dyad_layers_free": (void, [handle]),
    "flow_dyad_layers_add": (STATUS, [handle, char_p, int64, char_p, double]),
    "flow_dyad_profile_from_dataset": (STATUS, [handle_out, handle, handle, char_p, char_p]),
    "flow_depflags_new_from_dataset": (STATUS, [handle_out, handle, handle, char_p]),
    "flow_rank_vector": (STATUS, [int64_p, int64, int64_p, double_p, int64, int_]),
    "flow_rank_matrix": (
        STATUS,
        [int64_p, int64_p, int64, int64_p, double_p, int64, int64, int_],
    ),
    # -------------------------------------------------------- libflow/io.h
    "flow_io_model_new": (
        STATUS,
        [handle_out, int64, double_p, int64, double_p, double_p, double_p],
    ),
    "flow_io_model_new_from_tables": (STATUS, [handle_out, handle, handle, handle, handle]),
    "flow_io_model_new_country": (STATUS, [handle_out, int64, double_p, int64, double_p, char_pp]),
    "flow_io_diagnostics": (STATUS, [handle_out, handle, double]),
    "flow_io_model_new_from_dataset": (
        STATUS, [handle_out, handle, char_p, int64, char_p, char_p, int_]),
    "flow_io_model_free": (void, [handle]),
    "flow_io_model_set_regions": (STATUS, [handle, int64, char_pp, char_pp]),
    "flow_io_model_set_final_demand": (STATUS, [handle, char_pp, int64_p]),
    "flow_io_model_view": (double_p, [handle, int_, int64_p, int64_p]),
    "flow_dataset_attributes": (STATUS, [handle_out, handle, int_]),
    "flow_io_model_labels": (STATUS, [handle_out, handle, int_]),
    "flow_io_model_matrix": (STATUS, [handle_out, handle, int_]),
    "flow_io_model_factor": (STATUS, [handle]),
    "flow_io_model_leontief_solve": (
        STATUS,
        [handle, int64, double_p, int64, double_p, int64, int64],
    ),
    "flow_io_model_ghosh_solve": (
        STATUS,
        [handle, int64, double_p, int64, double_p, int64, int64],
    ),
    "flow_io_leontief_inverse_in_place": (STATUS, [int64, double_p, int64, double_p]),
    "flow_io_leontief_solve_in_place": (STATUS, [int64, double_p, double_p, int64, double_p, int64]),
    "flow_io_multipliers": (STATUS, [handle_out, handle, handle]),
    "flow_io_footprints": (STATUS, [handle_out, handle, double_p]),
    "flow_io_linkages": (STATUS, [handle_out, handle, int_]),
    "flow_io_spillovers": (STATUS, [handle_out, handle_out, handle_out, handle]),
    "flow_io_extraction_sweep": (STATUS, [handle_out, handle, int_]),
    "flow_io_extract_links": (
        STATUS,
        [handle_out, handle, int64, int64_p, int64, int64_p, double, int_],
    ),
    "flow_io_origin_matrix": (STATUS, [handle_out, handle, double_p, int_]),
    "flow_io_bilateral_trade": (STATUS, [handle_out, handle]),
    "flow_io_model_aggregate": (
        STATUS,
        [handle_out, handle, int64, int64_p, char_pp, int64, int64_p, char_pp],
    ),
    # ---------------------------------------------------- libflow/labels.h
    "flow_labels_new": (STATUS, [handle_out]),
    "flow_labels_new_iso3166": (STATUS, [handle_out]),
    "flow_labels_clone": (STATUS, [handle_out, handle]),
    "flow_labels_free": (void, [handle]),
    "flow_labels_count": (int64, [handle]),
    "flow_labels_add": (STATUS, [handle, char_p, char_p, int64_p]),
    "flow_labels_add_alias": (STATUS, [handle, char_p, char_p]),
    "flow_labels_find": (STATUS, [handle, char_p, int64_p]),
    "flow_labels_code": (char_p, [handle, int64]),
    "flow_labels_name": (char_p, [handle, int64]),
    "flow_labels_read_mapping_csv": (STATUS, [handle, char_p, char_p, char_p, char_p, int_]),
    "flow_aggregation_new": (STATUS, [handle_out]),
    "flow_aggregation_free": (void, [handle]),
    "flow_aggregation_add": (STATUS, [handle, char_p, char_p]),
    "flow_aggregation_read_csv": (STATUS, [handle, char_p, char_p, char_p]),
    "flow_labels_aggregate": (STATUS, [handle_out, int64_p, int64, handle, handle]),
    # --------------------------------------------------- libflow/network.h
    "flow_centrality_options_new": (STATUS, [handle_out]),
    "flow_centrality_options_free": (void, [handle]),
    "flow_centrality_options_set_damping": (STATUS, [handle, double]),
    "flow_centrality_options_set_tolerance": (STATUS, [handle, double]),
    "flow_centrality_options_set_max_iterations": (STATUS, [handle, int64]),
    "flow_centrality_new": (STATUS, [handle_out, handle, double_p, int64, int64]),
    "flow_centrality_new_from_dataset": (
        STATUS,
        [handle_out, handle, handle, char_p, int64, char_p, int_],
    ),
    "flow_transit_from_dataset": (
        STATUS,
        [handle_out, handle, char_p, int64, char_p, char_p, char_p],
    ),
    "flow_transit": (STATUS, [handle_out, double_p, int64, int64, int64, int64]),
    # ---------------------------------------------------- libflow/reader.h
    "flow_read_options_new": (STATUS, [handle_out]),
    "flow_read_options_free": (void, [handle]),
    "flow_read_options_set": (STATUS, [handle, char_p, char_p]),
    "flow_read_options_set_progress": (STATUS, [handle, progress_fn, ctypes.c_void_p]),
    "flow_read_report_new": (STATUS, [handle_out]),
    "flow_read_report_free": (void, [handle]),
    "flow_read_report_table": (STATUS, [handle_out, handle, int_]),
    "flow_dataset_read_csv": (STATUS, [handle, char_p, handle, handle]),
    "flow_dataset_read_buffer": (STATUS, [handle, char_p, char_p, int64, handle, handle]),
    "flow_table_read_csv": (STATUS, [handle_out, char_p, handle, handle]),
    # ----------------------------------------------------- libflow/shock.h
    "flow_scenario_new": (STATUS, [handle_out]),
    "flow_scenario_free": (void, [handle]),
    "flow_scenario_copy": (STATUS, [handle_out, handle]),
    "flow_scenario_read": (STATUS, [handle_out, char_p]),
    "flow_scenario_parse": (STATUS, [handle_out, char_p, char_p]),
    "flow_scenario_set_name": (STATUS, [handle, char_p]),
    "flow_scenario_add_sanctioning": (STATUS, [handle, char_p]),
    "flow_scenario_add_target": (STATUS, [handle, char_p]),
    "flow_scenario_add_intermediary": (STATUS, [handle, char_p]),
    "flow_scenario_add_group_member": (STATUS, [handle, char_p, char_p]),
    "flow_scenario_set_direction": (STATUS, [handle, int_]),
    "flow_scenario_set_channels": (STATUS, [handle, int_]),
    "flow_scenario_set_severity": (STATUS, [handle, char_p, char_p, double]),
    "flow_scenario_set_substitution": (STATUS, [handle, char_p, char_p, double]),
    "flow_scenario_set_capacity": (STATUS, [handle, char_p, double]),
    "flow_scenario_set_markup": (STATUS, [handle, double]),
    "flow_scenario_name": (char_p, [handle]),
    "flow_scenario_plan": (STATUS, [handle_out, handle, handle, handle]),
    "flow_shock_options_new": (STATUS, [handle_out]),
    "flow_shock_options_free": (void, [handle]),
    "flow_shock_options_set": (STATUS, [handle, char_p, char_p]),
    "flow_shock_run": (STATUS, [handle_out, handle_out, handle, handle, handle]),
    "flow_shock_inoperability": (
        STATUS,
        [double_p, int64, int64, double_p, int64, double_p, int_],
    ),
    "flow_shock_report_new": (STATUS, [handle_out, handle_out, handle, int64, handle, handle]),
    "flow_shock_batch_run": (STATUS, [handle_out, handle, handle_out, int64, handle]),
    "flow_shock_batch_each_member": (STATUS, [handle_out, handle, handle, handle]),
    "flow_shock_batch_sweep_substitution": (
        STATUS,
        [handle_out, handle, handle, double, double, int64, handle],
    ),
    "flow_shock_batch_montecarlo": (STATUS, [handle_out, handle, handle, int64, int64, handle]),
    "flow_shock_batch_free": (void, [handle]),
    "flow_shock_batch_table": (STATUS, [handle_out, handle, int_]),
    "flow_shock_batch_percentiles": (STATUS, [handle_out, handle, int_, double_p, int64]),
    "flow_debtrank_run": (
        STATUS,
        [handle_out, int64, double_p, int64, double_p, double_p, double_p, handle],
    ),
    "flow_debtrank_run_scenario": (
        STATUS,
        [handle_out, handle, double_p, double_p, handle, handle],
    ),
    # ------------------------------------------------------ libflow/mrio.h
    "flow_mrio_format_from_name": (STATUS, [char_p, int_p]),
    "flow_mrio_options_new": (STATUS, [handle_out]),
    "flow_mrio_options_free": (void, [handle]),
    "flow_mrio_options_set": (STATUS, [handle, char_p, char_p]),
    "flow_mrio_read": (STATUS, [handle_out, char_p, int_, handle]),
    "flow_mrio_free": (void, [handle]),
    "flow_mrio_model": (handle, [handle]),
    "flow_mrio_report": (handle, [handle]),
    "flow_mrio_summary": (char_p, [handle]),
    "flow_mrio_extension_count": (int64, [handle]),
    "flow_mrio_extension": (STATUS, [handle, int64, char_pp, handle_out, handle_out]),
    "flow_mrio_find_extension": (STATUS, [handle, char_p, int64_p]),
    "flow_mrio_block_table": (STATUS, [handle_out, handle, int_]),
    "flow_mrio_account_table": (STATUS, [handle_out, handle, int64, int_]),
    "flow_mrio_account_name": (char_p, [int_]),
    "flow_mrio_type_ii_multipliers": (STATUS, [handle_out, handle, char_p, char_p]),
    "flow_mrio_aggregate": (
        STATUS,
        [handle_out, handle, int64, char_pp, char_pp, int64, char_pp, char_pp],
    ),
    "flow_mrio_aggregate_csv": (STATUS, [handle_out, handle, char_p, char_p]),
    # ------------------------------------------------ libflow/sector_cut.h
    "flow_scenario_add_sector_group_member": (STATUS, [handle, char_p, char_p]),
    "flow_scenario_add_sector_cut": (STATUS, [handle, char_p, char_p, char_p, double, int_]),
    "flow_scenario_run_io": (STATUS, [handle_out, handle, handle, int64_p]),
    # --------------------------------------------------- accounted per-economy readers
    "flow_dataset_read_attributes_csv": (STATUS, [handle, char_p, char_p, handle, handle]),
    "flow_labels_read_mapping": (STATUS, [handle, char_p, char_p, char_p, char_p, handle, handle]),
    "flow_aggregation_read": (STATUS, [handle, char_p, char_p, char_p, handle, handle]),
    # -------------------------------------------------- libflow/va_trade.h
    "flow_va_decompose": (STATUS, [handle_out, handle, int_, int_, int64]),
    "flow_io_look_through": (STATUS, [handle_out, handle_out, handle, int64]),
    # ---------------------------------------------- libflow/io_structure.h
    "flow_io_field_of_influence": (STATUS, [handle_out, handle, int64, int64]),
    "flow_io_multiplier_product": (STATUS, [handle_out, handle]),
    "flow_io_coefficient_change": (STATUS, [handle_out, handle, int64, int64, double]),
    "flow_io_structural_paths": (
        STATUS,
        [handle_out, handle_out, handle, double_p, double_p, int64, double, int_],
    ),
    # ------------------------------------------------ libflow/complexity.h
    "flow_rca": (STATUS, [handle_out, handle, int_]),
    "flow_complexity": (STATUS, [handle_out, handle_out, handle, double]),
    "flow_product_proximity": (STATUS, [handle_out, handle, double]),
    "flow_product_density": (STATUS, [handle_out, handle, double]),
    "flow_betweenness": (STATUS, [handle_out, handle, int_]),
    # ------------------------------------------------- libflow/contagion.h
    "flow_clearing_vector": (STATUS, [handle_out, handle, double_p, double, double]),
    "flow_ras": (STATUS, [handle_out, handle, double_p, double_p, double, int64]),
    "flow_exposures_max_entropy": (
        STATUS,
        [handle_out, int64, char_pp, double_p, double_p, double, int64],
    ),
    # ------------------------------------------------------- libflow/iim.h
    "flow_iim_matrix": (STATUS, [handle_out, handle, double_p, int_]),
    "flow_iim_static": (STATUS, [handle_out, handle, double_p, double_p]),
    "flow_iim_resilience": (STATUS, [handle_out, handle, double_p, double_p, double_p]),
    "flow_iim_dynamic": (STATUS, [handle_out, handle, double_p, double_p, double_p, int64]),
    # ----------------------------------------------- libflow/io_variants.h
    "flow_io_mixed": (STATUS, [handle_out, handle, double_p, double_p, int_p]),
    "flow_io_price": (STATUS, [handle_out, handle, handle, double_p, double_p]),
    # evasion: bounded and calibrated rerouting
    "flow_scenario_set_throughput": (STATUS, [handle, double]),
    "flow_scenario_set_min_share": (STATUS, [handle, double]),
    "flow_scenario_set_weight": (STATUS, [handle, char_p, double]),
    "flow_dataset_read_product_groups": (STATUS, [handle, char_p, char_p, char_p]),
    "flow_evasion_options_new": (STATUS, [handle_out]),
    "flow_evasion_options_free": (void, [handle]),
    "flow_evasion_options_set": (STATUS, [handle, char_p, char_p]),
    "flow_evasion_diagnose": (STATUS, [handle_out, handle, handle, int_]),
    "flow_evasion_calibrate": (STATUS, [handle_out, handle, handle]),
    "flow_evasion_scenario": (STATUS, [handle, handle, char_p]),
    # ----------------------------------------------- libflow/unit_values.h
    "flow_unit_values": (STATUS, [handle_out, handle, char_p, char_p, char_p, char_p, int_]),
    "flow_unit_value_prices": (STATUS, [handle_out, handle, char_p, char_p, int64, char_p]),
    "flow_dataset_set_layer_kind": (STATUS, [handle, char_p, int_]),
    "flow_dataset_layer_kind": (int_, [handle, char_p]),
    "flow_layer_default_kind": (int_, [char_p]),
    "flow_scenario_set_layer_kind": (STATUS, [handle, char_p, int_]),
}


# ------------------------------------------------------------------ loading
def _candidates():
    """(path or name, where it came from) in search order."""
    env = os.environ.get(LIBRARY_ENV)
    if env:
        yield env, "$" + LIBRARY_ENV
        return
    here = pathlib.Path(__file__).resolve().parent
    for pattern in ("libflow.so", "libflow.so.*", "libflow.dylib", "flow.dll"):
        for path in sorted(here.glob(pattern)):
            yield str(path), "next to the package"
    try:  # the installed libflow that pip's build found through pkg-config (setup.py)
        from ._found import LIBRARY as built_against
    except ImportError:
        built_against = None
    if built_against:
        yield built_against, "found by pkg-config when the package was built"
    found = ctypes.util.find_library("flow")
    if found:
        yield found, "find_library"
    for soname in SONAMES:
        yield soname, "system soname"


def _open():
    tried = []
    for name, origin in _candidates():
        try:
            return ctypes.CDLL(name), name
        except OSError as exc:
            tried.append("%s (%s): %s" % (name, origin, exc))
    raise LibraryNotFoundError(
        "libflow shared library not found; set %s to its path. Tried:\n  %s"
        % (LIBRARY_ENV, "\n  ".join(tried))
    )


class Library:
    """The loaded library with every function of SIGNATURES declared.

    Functions the loaded library does not export (an older build of the same
    ABI generation) are replaced by stand-ins raising UnsupportedError when
    called; their names are in ``missing``.
    """

    def __init__(self, cdll, path):
        self.path = path
        self.cdll = cdll
        self.missing = []
        for name, (restype, argtypes) in SIGNATURES.items():
            try:
                function = getattr(cdll, name)
            except AttributeError:
                self.missing.append(name)
                setattr(self, name, _absent(name, path))
                continue
            function.argtypes = argtypes
            if restype is STATUS:
                function.restype = ctypes.c_int
                function.errcheck = self._check
            else:
                function.restype = restype
            setattr(self, name, _typed(function))

    def last_error(self):
        """The calling thread's last failure message, read with a caller buffer."""
        cap = 512
        while True:
            buf = ctypes.create_string_buffer(cap)
            length = self.flow_last_error_copy(buf, cap)
            if length < cap:
                return buf.value.decode("utf-8", "replace")
            cap = length + 1

    def _check(self, result, function, arguments):
        """errcheck of every status-returning function: raise on a negative status.

        ctypes calls it on the calling thread right after the C call, so the
        thread-local message read here is the one of this failure.
        """
        if result >= 0:
            return result
        message = self.last_error()
        if self.flow_last_error_code() != result or not message:
            message = "%s: %s" % (function.__name__, self.flow_strerror(result).decode())
        raise errors.error_for(result, message)


class _Typed:
    """A library function that raises TypeError instead of ctypes.ArgumentError
    when an argument has the wrong type (e.g. a dict where the C function takes
    ints), so that callers see the built-in exception for a wrong argument
    type. Attributes (argtypes, restype, __name__, ...) are the function's."""

    __slots__ = ("function",)

    def __init__(self, function):
        self.function = function

    def __call__(self, *args):
        try:
            return self.function(*args)
        except ctypes.ArgumentError as exc:
            raise TypeError("%s(): %s" % (self.function.__name__, exc)) from None

    def __getattr__(self, name):
        return getattr(self.function, name)


def _typed(function):
    return _Typed(function)


def _absent(name, path):
    def call(*_args):
        raise errors.UnsupportedError(
            errors.STATUS_CODES["FLOW_ERR_UNSUPPORTED"],
            "%s does not export %s (the library is older than this binding)" % (path, name),
        )

    call.__name__ = name
    return call


def load():
    """Opens, checks and declares the library; raises ImportError subclasses."""
    cdll, path = _open()
    cdll.flow_abi_version.restype = ctypes.c_int
    cdll.flow_abi_version.argtypes = []
    abi = cdll.flow_abi_version()
    if abi not in KNOWN_ABI_VERSIONS:
        raise AbiMismatchError(
            "%s has ABI generation %d; this binding knows %s"
            % (path, abi, ", ".join(str(v) for v in sorted(KNOWN_ABI_VERSIONS)))
        )
    return Library(cdll, path)


lib = load()
