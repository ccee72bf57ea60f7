/*
 * libflow/indices.h - bilateral dependence, asymmetry, concentration and
 * exposure indices on dense flow matrices.
 *
 * Every function here works on raw matrices, so it applies to any layer, year
 * or product group of a dataset, to gross trade derived from an IO model, or
 * to a matrix the caller built by other means:
 *
 *   const double *flows, int64_t n, int64_t row_stride
 *
 * is an n x n row-major matrix with flows[i*row_stride + j] = flow from
 * origin i (exporter, lender) to destination j (importer, borrower). Stacks
 * of matrices (products, years, layers) are count x n x n with matrix k, row
 * i at flows + (k*n + i)*row_stride. Flows must be finite and >= 0
 * (FLOW_ERR_VALUE naming the entry otherwise). Inputs are copied.
 *
 * Conventions (DESIGN §4, decided once for every function):
 *  - The diagonal (domestic or self flows) is treated as zero everywhere.
 *  - A share whose denominator is zero (an economy with no exports, no
 *    imports or no trade) is NaN: undefined, not 0.
 *  - Barbieri for a dyad with no trade in either direction: salience 0 and
 *    interdependence 0; its symmetry and every asymmetry are NaN.
 *  - Supplier concentration of an economy with no imports is NaN.
 *  - Dyadic results are n x n matrices indexed [i][j] where i is the economy
 *    of reference (the dependent one) and j its partner. For export shares
 *    this is the flow orientation; for import shares and sensitivity it is
 *    its transpose (row = importer, column = supplier).
 *  - Rankings skip NaN entries.
 *
 * Thread-safety: all functions are reentrant; handles are immutable after
 * construction, so const calls on one handle may run concurrently.
 */
#ifndef LIBFLOW_INDICES_H
#define LIBFLOW_INDICES_H

#include "libflow/common.h"
#include "libflow/dataset.h"
#include "libflow/io.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ================================================================ dyads */

/*
 * The dyadic measures of one flow matrix. With T the flow matrix (diagonal
 * zero), X_i = sum_k T_ik (exports of i), M_i = sum_k T_ki (imports of i),
 * and total trade TT_ij = T_ij + T_ji, TT_i = sum_k TT_ik:
 */
typedef enum flow_dyad_measure {
    /* T_ij / X_i: share of i's exports that go to j. */
    FLOW_DYAD_EXPORT_SHARE = 0,
    /* T_ji / M_i: share of i's imports that come from j. */
    FLOW_DYAD_IMPORT_SHARE = 1,
    /* TS_ij = TT_ij / TT_i: share of j in i's total trade (exports + imports). */
    FLOW_DYAD_TRADE_SHARE = 2,
    /* Barbieri (1996) salience sqrt(TS_ij * TS_ji); symmetric; 0 for a zero dyad. */
    FLOW_DYAD_SALIENCE = 3,
    /* Barbieri symmetry 1 - |TS_ij - TS_ji| in [0, 1]; NaN for a zero dyad. */
    FLOW_DYAD_SYMMETRY = 4,
    /* Barbieri interdependence = salience * symmetry; 0 for a zero dyad. */
    FLOW_DYAD_INTERDEPENDENCE = 5,
    /* D_i->j = TT_ij / size_i when sizes (GDP, gross output) are given; without
     * sizes, the size of i is its total trade, so D_i->j = TS_ij. NaN when the
     * size of i is unknown (NaN) or, without sizes, when i does not trade. */
    FLOW_DYAD_DEPENDENCE = 6,
    /* D_i->j - D_j->i: > 0 when i depends on j more than j on i. Antisymmetric;
     * NaN for a zero dyad. */
    FLOW_DYAD_ASYMMETRY = 7,
    /* (D_i->j - D_j->i) / (D_i->j + D_j->i) in [-1, 1]; NaN for a zero dyad.
     * With sizes both dependences share the numerator TT_ij, so for every
     * trading dyad this is (size_j - size_i) / (size_j + size_i), the relative
     * size alone; without sizes it compares the trade shares, i.e. the flows. */
    FLOW_DYAD_NORMALIZED_ASYMMETRY = 8,
    /* H_i,j: Herfindahl-Hirschman index of the suppliers importer i keeps
     * without j, i.e. of the shares T_ki / (M_i - T_ji) over all k other than
     * j. 1 when i buys from no one but j (no channel to switch to). 1/H is
     * the effective number of i's other suppliers. */
    FLOW_DYAD_ALTERNATIVE_HHI = 9,
    /* Vulnerability V_i<-j = S_i<-j * H_i,j (see below). */
    FLOW_DYAD_VULNERABILITY = 10,
    FLOW_DYAD_MEASURE_COUNT = 11
} flow_dyad_measure;

/*
 * Sensitivity and vulnerability (Keohane & Nye, Power and Interdependence,
 * 1977). Sensitivity is how much of i's supply comes from j: the import share
 * S_i<-j = T_ji / M_i (the same matrix as FLOW_DYAD_IMPORT_SHARE).
 * Vulnerability is sensitivity that cannot be escaped by switching suppliers:
 *
 *     V_i<-j = S_i<-j * H_i,j,  H_i,j = sum_{k != j} (T_ki / (M_i - T_ji))^2,
 *
 * the import share times the concentration of the supply i keeps, each
 * alternative weighted by what it already delivers to i. The concentration
 * of import sources is the first criterion of the European Commission's
 * strategic-dependency method (Commission Staff Working Document SWD(2021)
 * 352, "Strategic dependencies and capacities", annex: HHI of extra-EU
 * import sources); here it is taken over the suppliers left once j is lost,
 * which are the channels (contracts, logistics, standards) that can be
 * scaled up in the short run. V = S when j is the only supplier or one
 * other supplier remains; V is small when many suppliers already deliver.
 * An earlier version used the concentration of world export supply outside i
 * and j: on aggregate matrices that is nearly the same for every importer
 * (about 0.1), so V was S / 10 throughout and did not separate easy from hard
 * substitution. Computed on whatever matrix is given: per product, the
 * suppliers are that product's. NaN when i imports nothing.
 */
#define FLOW_DYAD_SENSITIVITY FLOW_DYAD_IMPORT_SHARE

/* Every dyadic measure of one flow matrix (immutable once built). */
typedef struct flow_dyads flow_dyads;

/*
 * Computes all dyadic measures of the n x n flow matrix (see the file comment
 * for the layout). sizes is NULL or n economy sizes (GDP, gross output) in
 * one unit; a NaN size means unknown (that economy's dependence is NaN);
 * zero, negative or infinite sizes are rejected (FLOW_ERR_VALUE naming the
 * index). Memory: FLOW_DYAD_MEASURE_COUNT * n * n doubles.
 * On success *out owns the result (free with flow_dyads_free); on failure
 * *out is NULL. Returns FLOW_OK, FLOW_ERR_INVALID_ARG, FLOW_ERR_VALUE,
 * FLOW_ERR_OVERFLOW or FLOW_ERR_NOMEM. n = 0 gives FLOW_OK and dyads with no
 * economy.
 */
FLOW_API int flow_dyads_new(flow_dyads **out, const double *flows, int64_t n, int64_t row_stride,
                            const double *sizes);

/* Frees the result; NULL is a no-op. */
FLOW_API void flow_dyads_free(flow_dyads *dyads);

/*
 * One measure (a flow_dyad_measure) as a new n x n table (free with
 * flow_table_free), row = economy of reference, column = partner; rows and
 * columns labelled by the economy codes when the dyads were built from a
 * dataset (flow_dyads_new_from_dataset), unlabelled otherwise. Returns
 * FLOW_OK, FLOW_ERR_INVALID_ARG (NULL argument, unknown measure),
 * FLOW_ERR_NOMEM; *out is NULL on failure.
 */
FLOW_API int flow_dyads_table(flow_table **out, const flow_dyads *dyads, int measure);

/*
 * Combined view of one dyad across layers: for each of n_layers stacked flow
 * matrices (e.g. trade, energy, finance of the same economies), the value of
 * every flow_dyad_measure for the dyad (i, j). The result is a new table
 * (free with flow_table_free): one row per layer (unlabelled, in stack
 * order), one column per measure in flow_dyad_measure order, named in lower
 * case ("export_share", "import_share", "trade_share", "salience",
 * "symmetry", "interdependence", "dependence", "asymmetry",
 * "normalized_asymmetry", "alternative_hhi", "vulnerability"). sizes as for
 * flow_dyads_new (shared by the layers). Returns the flow_dyads_new codes and
 * FLOW_ERR_INVALID_ARG for i or j out of range; *out is NULL on failure.
 * n_layers = 0 gives FLOW_OK and a table of no rows; n = 0 is
 * FLOW_ERR_INVALID_ARG (no dyad (i, j) exists).
 */
FLOW_API int flow_dyad_profile(flow_table **out, const double *layers, int64_t n_layers, int64_t n,
                               int64_t row_stride, const double *sizes, int64_t i, int64_t j);

/* ======================================================== concentration */

/*
 * Supplier concentration of every importer in every matrix of a stack (e.g.
 * one matrix per product): HHI_kj = sum_s (T_k,sj / M_kj)^2 over suppliers s,
 * with M_kj the imports of j in matrix k. Ranges over (0, 1]: 1 for a single
 * supplier; NaN for an economy with no imports in that matrix. The overall
 * HHI is this function on the sum over products. *out receives a new table
 * (free with flow_table_free) of n_mats x n rows, one per (matrix, importer)
 * in that order, and one column "supplier_hhi"; rows are unlabelled (the
 * importer's position), grouped by matrix ("0", "1", ...) when n_mats > 1.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG, FLOW_ERR_VALUE, FLOW_ERR_OVERFLOW or
 * FLOW_ERR_NOMEM; *out is NULL on failure. n = 0 gives FLOW_OK and a table
 * of no rows; n_mats = 0 gives FLOW_OK and a table of no rows.
 */
FLOW_API int flow_supplier_hhi(flow_table **out, const double *flows, int64_t n_mats, int64_t n,
                               int64_t row_stride);

/*
 * World-export concentration of each matrix of a stack: HHI over exporters of
 * their shares X_i / sum_k X_k of the matrix's total flow; NaN for a matrix
 * with no flows. *out receives a new table (free with flow_table_free) of
 * n_mats unlabelled rows (stack order) and one column "export_hhi". Codes as
 * flow_supplier_hhi; *out is NULL on failure. n = 0 gives FLOW_OK and NaN in
 * every row; n_mats = 0 gives FLOW_OK and a table of no rows.
 */
FLOW_API int flow_export_hhi(flow_table **out, const double *flows, int64_t n_mats, int64_t n,
                             int64_t row_stride);

/*
 * Options of the strategic-dependency flags (European Commission
 * SWD(2021) 352; CEPII GeoDep, 2024).
 */
typedef struct flow_depflag_options flow_depflag_options;

/* New options with the defaults (FLOW_OK or FLOW_ERR_NOMEM; *out NULL on
 * failure); free with flow_depflag_options_free (NULL is a no-op). Options are
 * read during flow_depflags_new only: they may be freed or changed afterwards. */
FLOW_API int flow_depflag_options_new(flow_depflag_options **out);
FLOW_API void flow_depflag_options_free(flow_depflag_options *options);

/*
 * Sets one option: name is a key of the table below, value its text ("0.4",
 * "2,3", "4,7,9"). A list value replaces the list; "" clears it. Read by
 * flow_depflags_new and flow_depflags_new_from_dataset.
 *
 *   import_hhi        an importer is flagged when the HHI of its suppliers
 *                     exceeds it (finite number >= 0; default 0.4).
 *   export_hhi        ... and the HHI of world exports of the product
 *                     exceeds it (finite number >= 0; default 0.4).
 *   import_export_ratio
 *                     ... and its imports / exports exceed it (finite
 *                     number >= 0; default 1).
 *   persistence       "MIN,WINDOW": a flag is persistent when the importer
 *                     is flagged in at least MIN of the last WINDOW calendar
 *                     years (1 <= MIN <= WINDOW; default "2,3").
 *   residual          economy index of the flows that is a residual
 *                     aggregate (the rest of the world, ROW), or -1 for none
 *                     (integer >= -1; default -1). Its flows count in every
 *                     total, but it is not one supplier or one exporter in
 *                     the HHIs: its share enters as if spread over many small
 *                     economies (it adds nothing to the sum of squares), so
 *                     the HHIs are lower bounds rather than the inflated
 *                     values of one giant supplier. An index beyond the
 *                     flows' order is ignored.
 *   extra_share_members
 *                     the EU method's criterion on extra-EU imports (a
 *                     product is a dependency when, besides the
 *                     concentration and substitutability criteria, extra-EU
 *                     imports are more than half of the EU's imports): a
 *                     comma list of the economy indices of a bloc (integers
 *                     >= 0); an importer is then flagged only when the share
 *                     of its imports from outside the bloc exceeds
 *                     extra_share_threshold. "" (the default) turns the
 *                     criterion off (CEPII GeoDep has no such criterion).
 *                     Indices beyond the flows' order are ignored.
 *   extra_share_threshold
 *                     that share (number in [0, 1]; default 0.5, the EU
 *                     method's).
 *
 * Returns FLOW_OK; FLOW_ERR_INVALID_ARG for NULL options, name or value, an
 * unknown name, or a value that does not parse or lies out of range, with
 * flow_last_error naming the key and the value ("dependency-flag option
 * 'persistence': '3,2' is not MIN,WINDOW with 1 <= MIN <= WINDOW");
 * FLOW_ERR_NOMEM. On failure the options are unchanged.
 */
FLOW_API int flow_depflag_options_set(flow_depflag_options *options, const char *name,
                                      const char *value);

/*
 * Columns of a flags table, per year, product and importer: the components
 * of the flags (FLOW_DEPFLAG_PART_COUNT of them) and then what the
 * persistence rule found.
 */
typedef enum flow_depflag_part {
    /* "import_hhi": supplier HHI of importer i in product p (NaN without imports). */
    FLOW_DEPFLAG_IMPORT_HHI = 0,
    /* "export_hhi": world-export HHI of product p, repeated for every importer. */
    FLOW_DEPFLAG_EXPORT_HHI = 1,
    /* "import_export_ratio": imports / exports of i in p: +Inf when i imports
     * but does not export p, NaN when it does neither. */
    FLOW_DEPFLAG_IMPORT_EXPORT_RATIO = 2,
    /* "flag": 1.0 when all three criteria exceed their thresholds that year, else 0.0. */
    FLOW_DEPFLAG_FLAG = 3,
    FLOW_DEPFLAG_PART_COUNT = 4,
    /* "persistent": 1.0 where the yearly flag is set in at least min_years of
     * the window CALENDAR years ending at this row's year (CEPII GeoDep: 2 of
     * the 3 years t-2..t), else 0.0. A calendar year without data counts as
     * not flagged, and later years never count: the rows of 2022 use
     * 2020-2022 only. */
    FLOW_DEPFLAG_PERSISTENT = 4,
    /* "years_seen": how many of the window's calendar years hold data. */
    FLOW_DEPFLAG_YEARS_SEEN = 5,
    /* "year": the calendar year of the row (from a dataset), else the year index. */
    FLOW_DEPFLAG_YEAR = 6,
    FLOW_DEPFLAG_COLUMN_COUNT = 7
} flow_depflag_part;

/*
 * Evaluates the flags on n_years x n_products stacked n x n matrices (year y,
 * product p is matrix y*n_products + p; years in chronological order).
 * options may be NULL (defaults). *out receives a new table (free with
 * flow_table_free) of n_years x n_products x n rows, year-major, then
 * product, then importer (row = (y * n_products + p) * n + i), with the
 * FLOW_DEPFLAG_COLUMN_COUNT columns of flow_depflag_part in that order.
 * Rows are unlabelled (the importer's position) and grouped by product index
 * ("0", "1", ...) when n_products > 1. Named scalars: "year_count",
 * "product_count", "economy_count", "min_years", "window". Returns FLOW_OK,
 * FLOW_ERR_INVALID_ARG, FLOW_ERR_VALUE, FLOW_ERR_OVERFLOW or FLOW_ERR_NOMEM;
 * *out is NULL on failure. n = 0 gives FLOW_OK and a table of no rows;
 * n_years = 0 gives FLOW_OK and a table of no rows; n_products = 0 gives
 * FLOW_OK and a table of no rows.
 */
FLOW_API int flow_depflags_new(flow_table **out, const flow_depflag_options *options,
                               const double *flows, int64_t n_years, int64_t n_products, int64_t n,
                               int64_t row_stride);

/* ============================================================= exposure */

/* Which exposure flow_exposure computes. */
typedef enum flow_exposure_kind {
    /* Face value: the share of origin s in the intermediate inputs that the
     * sectors of economy c buy directly, from Z. */
    FLOW_EXPOSURE_DIRECT = 0,
    /* Look-through: the same share in c's total (direct and indirect) input
     * requirements, from the Leontief inverse, so that inputs sourced from s
     * via third economies are attributed to s. */
    FLOW_EXPOSURE_LOOK_THROUGH = 1,
    FLOW_EXPOSURE_KIND_COUNT = 2
} flow_exposure_kind;

/*
 * Direct versus look-through exposure (Baldwin, Freeman & Theodorakopoulos,
 * "Hidden exposure", 2023) on an IO system of N sectors grouped into
 * n_groups economies. Z is the N x N intermediate-flow matrix (row = selling
 * sector), x the gross outputs, group[k] in [0, n_groups) the economy of
 * sector k. With A = Z diag(x)^-1 (columns of zero-output sectors zero) and
 * L = (I - A)^-1, and the inputs of sector k weighted by its output x_k:
 *
 *   direct_c<-s      = sum_{i in s, k in c} Z_ik        / sum_{i, k in c} Z_ik
 *   look-through_c<-s = sum_{i in s, k in c} (L - I)_ik x_k / sum_{i, k in c} (L - I)_ik x_k
 *
 * (L - I)_ik is the output of sector i needed, directly and through every
 * chain of suppliers, per unit of final output of k, net of that unit
 * itself. *out receives a new n_groups x n_groups table [c][s] (row =
 * exposed economy, column = origin, unlabelled; domestic sourcing on the
 * diagonal; each row sums to 1, or is NaN for an economy without
 * intermediate inputs; free it with flow_table_free). Z is row-major and
 * contiguous (N x N). L is never formed: (I - A) is factored once and solved
 * for one right-hand side per economy. Unlike the other indices, the
 * diagonal of Z is kept (domestic inputs are inputs). n_sectors = 0 is valid
 * (every row NaN). Returns FLOW_OK, FLOW_ERR_INVALID_ARG (bad kind, group
 * index out of range), FLOW_ERR_VALUE (negative Z or x, naming the entry),
 * FLOW_ERR_SINGULAR (I - A singular), FLOW_ERR_NOT_PRODUCTIVE (a negative
 * total requirement), FLOW_ERR_OVERFLOW or FLOW_ERR_NOMEM; *out is NULL on
 * failure. n_sectors = 0 gives FLOW_OK (every row NaN); n_groups = 0 is
 * FLOW_ERR_INVALID_ARG (an exposure needs a group).
 */
FLOW_API int flow_exposure(flow_table **out, int kind, const double *z, int64_t n_sectors,
                           const double *x, const int64_t *group, int64_t n_groups);

/*
 * flow_exposure on an IO model: its Z and x, with the model's regions as the
 * economies (region-major blocks; a national model is one economy). *out
 * receives a regions x regions table [exposed region][origin region],
 * labelled by region code on both axes. The model is only read. Returns the
 * codes of flow_exposure (FLOW_ERR_VALUE for negative entries of Z, which the
 * model accepts but shares cannot use) and FLOW_ERR_INVALID_ARG for a NULL
 * model. The gross bilateral trade between the regions, which every index
 * here applies to, is flow_io_bilateral_trade (io.h).
 */
FLOW_API int flow_exposure_from_io_model(flow_table **out, int kind, const flow_io_model *model);

/* ============================================================== datasets */

/*
 * The indices on the matrices of a flow_dataset (dataset.h). A matrix is
 * selected by (layer, year, product) as in dataset.h, except that product
 * NULL means every product group of that layer and year summed (total trade
 * over products; FLOW_ERR_UNSUPPORTED when those products have different units,
 * e.g. crude oil in Mt and gas in bcm). Sizes come from a per-economy attribute of the dataset
 * (e.g. "gdp_usd_bn_2023"), multiplied by size_scale to put them in the unit
 * of the flows (1000 for GDP in USD bn against flows in USD m). Every
 * function reads the dataset only; economy i of a result is economy i of
 * flow_dataset_economies(ds).
 */

/*
 * flow_dyads_new on one matrix of ds. size_attribute NULL: no sizes
 * (dependence is the trade share). Returns the codes of flow_dyads_new,
 * FLOW_ERR_NOT_FOUND (no such matrix or attribute; the message names it) and
 * FLOW_ERR_INVALID_ARG (size_scale not positive and finite).
 */
FLOW_API int flow_dyads_new_from_dataset(flow_dyads **out, const flow_dataset *ds,
                                         const char *layer, int64_t year, const char *product,
                                         const char *size_attribute, double size_scale);

/*
 * flow_supplier_hhi of every importer in one matrix of ds (product NULL: all
 * products summed, the overall concentration): *out receives a new table
 * (free with flow_table_free) with one row per economy, labelled by its code,
 * column "supplier_hhi", and the named scalar "export_hhi" (flow_export_hhi
 * of the same matrix). Returns the codes of flow_supplier_hhi and
 * FLOW_ERR_NOT_FOUND (no such matrix; the message names it); *out is NULL on
 * failure.
 */
FLOW_API int flow_supplier_hhi_from_dataset(flow_table **out, const flow_dataset *ds,
                                            const char *layer, int64_t year, const char *product);

/*
 * The matrices of a dataset a dyad profile compares (e.g. trade 2023,
 * energy 2022, finance 2022), each with its own size scale (layers have
 * different units), and the size attribute they share (NULL: no sizes, the
 * dependence is the trade share). Options: read by
 * flow_dyad_profile_from_dataset only. flow_dyad_layers_new returns FLOW_OK
 * or FLOW_ERR_NOMEM (*out NULL on failure); free with flow_dyad_layers_free
 * (NULL is a no-op). flow_dyad_layers_add appends the matrix (layer, year,
 * product; product NULL: every product of the layer and year summed), strings
 * copied; returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL layers or layer,
 * size_scale not positive and finite) or FLOW_ERR_NOMEM.
 */
typedef struct flow_dyad_layers flow_dyad_layers;

FLOW_API int flow_dyad_layers_new(flow_dyad_layers **out, const char *size_attribute);
FLOW_API void flow_dyad_layers_free(flow_dyad_layers *layers);
FLOW_API int flow_dyad_layers_add(flow_dyad_layers *layers, const char *layer, int64_t year,
                                  const char *product, double size_scale);

/*
 * flow_dyad_profile on ds: a new table with one row per matrix of layers (in
 * the order added, labelled "layer year" or "layer year product") holding
 * the flow_dyad_measure values of the dyad (economy, partner), codes or
 * aliases; columns as flow_dyad_profile. Returns the codes of
 * flow_dyads_new_from_dataset, FLOW_ERR_INVALID_ARG (NULL argument) and
 * FLOW_ERR_UNKNOWN_LABEL for an unknown economy; *out is NULL on failure.
 */
FLOW_API int flow_dyad_profile_from_dataset(flow_table **out, const flow_dataset *ds,
                                            const flow_dyad_layers *layers, const char *economy,
                                            const char *partner);

/*
 * flow_depflags_new on every year and product group of one layer of ds:
 * years in increasing order (column "year" holds the calendar year, which
 * the persistence window counts), products in the order the dataset first
 * holds them (the row group is the product code), rows labelled by economy
 * code; a (year, product) with no matrix counts as no trade. Returns the
 * codes of flow_depflags_new and FLOW_ERR_NOT_FOUND when the layer has no
 * matrix; *out is NULL on failure.
 */
FLOW_API int flow_depflags_new_from_dataset(flow_table **out, const flow_depflag_options *options,
                                            const flow_dataset *ds, const char *layer);

/* ============================================================= rankings */

/*
 * Indices of the largest (descending != 0) or smallest values of a vector of
 * n doubles, NaN entries skipped, ties broken by the lower index. Writes
 * min(cap, number of non-NaN values) indices to dst and that count to
 * *out_count. Returns FLOW_OK or FLOW_ERR_INVALID_ARG (NULL pointers with
 * n > 0 or cap > 0, negative n or cap), FLOW_ERR_NOMEM. n = 0 gives FLOW_OK
 * and *out_count = 0.
 */
FLOW_API int flow_rank_vector(int64_t *dst, int64_t cap, int64_t *out_count, const double *values,
                              int64_t n, int descending);

/*
 * Positions of the largest (descending != 0) or smallest entries of a
 * rows x cols row-major contiguous matrix, NaN entries skipped, ties in
 * row-major order. Writes min(cap, number of non-NaN entries) row and column
 * indices to dst_rows and dst_cols and that count to *out_count. E.g. on
 * the antisymmetric FLOW_DYAD_ASYMMETRY, descending, the positive entries
 * come first: each unequal dyad once, the dependent economy as the row.
 * Codes as flow_rank_vector. rows = 0 gives FLOW_OK and *out_count = 0;
 * cols = 0 gives FLOW_OK and *out_count = 0.
 */
FLOW_API int flow_rank_matrix(int64_t *dst_rows, int64_t *dst_cols, int64_t cap, int64_t *out_count,
                              const double *m, int64_t rows, int64_t cols, int descending);

#ifdef __cplusplus
}
#endif

#endif /* LIBFLOW_INDICES_H */
