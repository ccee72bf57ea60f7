/*
 * init.c - registration of the package's .Call entry points.
 *
 * Every entry is listed once below with its argument count; the list
 * generates both the prototypes and the registration table. Dynamic symbol
 * lookup is switched off so that R can only reach registered entries.
 */
#include "flowr.h"

#include <R_ext/Rdynload.h>

#define FLOWR_CALLS(X)                                                                             \
    X(flowr_version, 0)                                                                            \
    X(flowr_abi_compiled, 0)                                                                       \
    X(flowr_strerror, 1)                                                                           \
    X(flowr_close, 1)                                                                              \
    X(flowr_is_open, 1)                                                                            \
    X(flowr_table_new, 5)                                                                          \
    X(flowr_table_matrix, 1)                                                                       \
    X(flowr_io_model_new, 8)                                                                       \
    X(flowr_io_model_country, 3)                                                                   \
    X(flowr_io_labels, 1)                                                                          \
    X(flowr_io_vectors, 1)                                                                         \
    X(flowr_io_square, 2)                                                                          \
    X(flowr_io_solve, 3)                                                                           \
    X(flowr_io_multipliers, 2)                                                                     \
    X(flowr_io_linkages, 2)                                                                        \
    X(flowr_io_extraction, 2)                                                                      \
    X(flowr_io_regional, 4)                                                                        \
    X(flowr_io_diagnostics, 2)                                                                     \
    X(flowr_io_footprints, 2)                                                                      \
    X(flowr_io_extract_links, 5)                                                                   \
    X(flowr_io_aggregate, 5)                                                                       \
    X(flowr_dyads, 2)                                                                              \
    X(flowr_supplier_hhi, 1)                                                                       \
    X(flowr_export_hhi, 1)                                                                         \
    X(flowr_centrality, 4)                                                                         \
    X(flowr_transit, 3)                                                                            \
    X(flowr_dataset_new, 3)                                                                        \
    X(flowr_dataset_read, 4)                                                                       \
    X(flowr_dataset_economies, 1)                                                                  \
    X(flowr_dataset_keys, 1)                                                                       \
    X(flowr_dataset_matrix, 4)                                                                     \
    X(flowr_dataset_read_attributes, 4)                                                            \
    X(flowr_dataset_attributes, 1)                                                                 \
    X(flowr_table_read, 2)                                                                         \
    X(flowr_dataset_aggregate, 3)                                                                  \
    X(flowr_depflags, 3)                                                                           \
    X(flowr_scenario_new, 8)                                                                       \
    X(flowr_scenario_parse, 3)                                                                     \
    X(flowr_scenario_name, 1)                                                                      \
    X(flowr_scenario_plan, 4)                                                                      \
    X(flowr_shock_run, 5)                                                                          \
    X(flowr_shock_batch, 6)                                                                        \
    X(flowr_debtrank, 9)                                                                           \
    X(flowr_inoperability, 3)                                                                      \
    X(flowr_shock_report, 6)                                                                       \
    X(flowr_dataset_set_product_digits, 2)                                                         \
    X(flowr_dataset_present, 1)                                                                    \
    X(flowr_dataset_new_present, 1)                                                                \
    X(flowr_dataset_read_product_groups, 4)                                                        \
    X(flowr_dataset_target, 1)                                                                     \
    X(flowr_dataset_refresh, 1)                                                                    \
    X(flowr_mrio_read, 3)                                                                          \
    X(flowr_mrio_block, 2)                                                                         \
    X(flowr_mrio_extensions, 1)                                                                    \
    X(flowr_mrio_summary, 1)                                                                       \
    X(flowr_mrio_account, 3)                                                                       \
    X(flowr_mrio_type_ii, 3)                                                                       \
    X(flowr_mrio_aggregate, 5)                                                                     \
    X(flowr_mrio_model, 1)                                                                         \
    X(flowr_va_decompose, 4)                                                                       \
    X(flowr_look_through, 2)                                                                       \
    X(flowr_io_structure, 5)                                                                       \
    X(flowr_structural_paths, 6)                                                                   \
    X(flowr_trade_structure, 3)                                                                    \
    X(flowr_complexity, 2)                                                                         \
    X(flowr_clearing, 4)                                                                           \
    X(flowr_ras, 5)                                                                                \
    X(flowr_max_entropy, 5)                                                                        \
    X(flowr_iim_matrix, 3)                                                                         \
    X(flowr_iim_static, 3)                                                                         \
    X(flowr_iim_resilience, 4)                                                                     \
    X(flowr_iim_dynamic, 5)                                                                        \
    X(flowr_io_mixed, 4)                                                                           \
    X(flowr_io_price, 4)                                                                           \
    X(flowr_evasion, 3)                                                                            \
    X(flowr_unit_values, 5)                                                                        \
    X(flowr_unit_value_prices, 4)                                                                  \
    X(flowr_scenario_run_io, 3)                                                                    \
    X(flowr_set_layer_kind, 3)                                                                     \
    X(flowr_layer_kind, 2)                                                                         \
    X(flowr_io_model_from_dataset, 6)

/* Prototypes with the exact number of SEXP arguments. */
#define FLOWR_ARGS_0               void
#define FLOWR_ARGS_1               SEXP
#define FLOWR_ARGS_2               SEXP, SEXP
#define FLOWR_ARGS_3               SEXP, SEXP, SEXP
#define FLOWR_ARGS_4               SEXP, SEXP, SEXP, SEXP
#define FLOWR_ARGS_5               SEXP, SEXP, SEXP, SEXP, SEXP
#define FLOWR_ARGS_6               SEXP, SEXP, SEXP, SEXP, SEXP, SEXP
#define FLOWR_ARGS_7               SEXP, SEXP, SEXP, SEXP, SEXP, SEXP, SEXP
#define FLOWR_ARGS_8               SEXP, SEXP, SEXP, SEXP, SEXP, SEXP, SEXP, SEXP
#define FLOWR_ARGS_9               SEXP, SEXP, SEXP, SEXP, SEXP, SEXP, SEXP, SEXP, SEXP
#define FLOWR_DECLARE(name, nargs) SEXP name(FLOWR_ARGS_##nargs);
FLOWR_CALLS(FLOWR_DECLARE)
#undef FLOWR_DECLARE

#define FLOWR_REGISTER(name, nargs) {#name, (DL_FUNC)&name, nargs},
static const R_CallMethodDef call_methods[] = {FLOWR_CALLS(FLOWR_REGISTER){NULL, NULL, 0}};
#undef FLOWR_REGISTER

void R_init_libflow(DllInfo *dll)
{
    R_registerRoutines(dll, NULL, call_methods, NULL, NULL);
    R_useDynamicSymbols(dll, FALSE);
    R_forceSymbols(dll, TRUE);
}
