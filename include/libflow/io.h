/*
 * libflow/io.h - input-output models: Leontief and Ghosh systems, multipliers,
 * linkages, hypothetical extraction and value-added origin.
 *
 * Notation (Miller & Blair, Input-Output Analysis, 2nd ed., 2009):
 *   Z  n x n intermediate flows, row = selling sector, column = buying sector
 *   Y  n x k final demand, one column per final-demand category (or region)
 *   y  = Y 1, total final demand per sector
 *   v  value added (primary inputs) per sector, x gross output per sector
 *   A  = Z x^-1 (technical coefficients), B = x^-1 Z (allocation coefficients)
 *   L  = (I - A)^-1 (Leontief inverse), G = (I - B)^-1 = x^-1 L x (Ghosh inverse)
 * where x^-1 is the diagonal matrix of 1/x_j. A sector with zero gross output
 * gets zero coefficients in A and B (it is isolated: its row and column of G
 * are those of the identity) and is reported by the diagnostics, never
 * silently.
 *
 * Multi-regional tables are region-major: index i = r * sectors + s for
 * sector s of region r. A national table has one region. Every final-demand
 * column may belong to a region (the region whose final users spend it), which
 * is what consumption-based footprints and the value-added origin use.
 *
 * Solving, never inverting: the model caches one LU factorisation of (I - A)
 * (LAPACK dgetrf) and answers every L.y or v'.G question with triangular
 * solves (dgetrs), many right-hand sides at once. L and G are formed only by
 * flow_io_model_matrix, directly into the table it returns. The model stores
 * Z and forms I - A from it when it factors; it never keeps A, so a model
 * costs one n x n matrix, two once factored.
 *
 * Existence. For A >= 0 the Leontief inverse exists and is >= 0 exactly when
 * the spectral radius rho(A) < 1 (the system is "productive"). The
 * factorisation checks this exactly: for an A whose off-diagonal entries are
 * non-negative, (I - A) z = 1 must have z > 0 (a Z-matrix is a non-singular
 * M-matrix iff such a z exists). A singular system fails with
 * FLOW_ERR_SINGULAR, a non-productive one with FLOW_ERR_NOT_PRODUCTIVE; the
 * message names the offending sector. When A has negative off-diagonal
 * entries only singularity can be checked; the diagnostics count them.
 *
 * Ownership: inputs are copied. Borrowed pointers stay valid until the model
 * is freed (the model's data never changes after construction, except labels,
 * which a setter replaces: a borrowed label is valid until its setter is called
 * again).
 *
 * Threads: a model is built once and then only read, except for one cache
 * that the first call needing it computes and stores: its factorisation
 * (functions documented "(factors)"). Functions that may fill it take a
 * non-const model; every function taking a const model is read-only on it
 * and may run concurrently with any other const call, as libflow.h promises.
 * Once flow_io_model_factor has succeeded, the "(factors)" functions, the
 * shock runs and the diagnostics only read the model too and may run
 * concurrently (label setters excepted).
 */
#ifndef LIBFLOW_IO_H
#define LIBFLOW_IO_H

#include "libflow/common.h"
#include "libflow/dataset.h"
#include "libflow/table.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct flow_io_model flow_io_model;

/* ------------------------------------------------------------------ construction */

/*
 * Builds a model from arrays (row-major and contiguous):
 *   z  n x n intermediate flows
 *   y  n x k final demand; k may be 0 (y may then be NULL)
 *   v  n value added, or NULL for v = x - colsums(Z)
 *   x  n gross output, or NULL for x = Z 1 + Y 1
 * A given x is trusted for the coefficients; when it disagrees with the row
 * sums Z 1 + Y 1 the diagnostics report the largest discrepancy (the
 * output_mismatch scalar of flow_io_diagnostics) - construction does not fail.
 * The model starts with one unnamed region, unnamed sectors and unowned
 * final-demand columns (see flow_io_model_set_regions).
 * Returns FLOW_OK, FLOW_ERR_EMPTY (n = 0), FLOW_ERR_INVALID_ARG (NULL array,
 * n < 0, k < 0), FLOW_ERR_VALUE (a NaN/Inf entry or a negative gross output; the
 * message names the entry), FLOW_ERR_OVERFLOW, FLOW_ERR_NOMEM. *out is NULL on
 * failure; free the model with flow_io_model_free. Thread-safe.
 * n = 0 is FLOW_ERR_EMPTY (a model needs a sector); k = 0 gives FLOW_OK and a
 * model without final demand.
 */
FLOW_API int flow_io_model_new(flow_io_model **out, int64_t n, const double *z, int64_t k,
                               const double *y, const double *v, const double *x);

/*
 * Builds a model from labelled blocks, e.g. those the wide-matrix CSV reader
 * returns:
 *   z  n x n table; its row labels are the sector codes and its row group
 *      labels the region codes (all "" for a national table). Regions must be
 *      contiguous blocks of equal size with the same sector codes in the same
 *      order (region-major).
 *   y  n x k table (or NULL: no final demand); column labels name the
 *      final-demand categories, column group labels the owning region (a group
 *      that is no region code leaves the column unowned).
 *   v  NULL, or an m x n table of primary inputs whose columns are summed
 *      (compensation, taxes, surplus, ... rows give total value added).
 *   x  NULL, or a 1 x n or n x 1 table of gross output.
 * Returns the codes of flow_io_model_new, plus FLOW_ERR_DIMENSION when the
 * blocks do not fit together and FLOW_ERR_INVALID_ARG when regions are not
 * region-major blocks (the message names the first offending row).
 * *out is NULL on failure. Thread-safe.
 */
FLOW_API int flow_io_model_new_from_tables(flow_io_model **out, const flow_table *z,
                                           const flow_table *y, const flow_table *v,
                                           const flow_table *x);

/*
 * Builds the country-level dependency system of n economies from a bilateral
 * flow matrix (trade, energy or finance layer; flows[i*stride + j] = flow from
 * economy i to economy j) and each economy's size (GDP, or gross output):
 *   Z = flows, x = size, A_ij = flow_ij / size_j (what j takes from i per unit
 *   of j's size), y = x - Z 1 (the part of i's size not sent to the other
 *   economies of the system), v = x - colsums(Z).
 * Each economy is one region with one sector; final demand is diag(y), the
 * column of economy j owned by region j, so every IO tool (multipliers,
 * linkages, extraction, value-added origin) applies to the layer.
 * A negative y_i means economy i sends more to the others than its size: with
 * GDP as size this happens for re-export hubs (gross flows also carry value
 * added made elsewhere). The Leontief identities still hold, but y_i is then
 * no final demand; the diagnostics count such entries (negative Y). The system
 * stays productive as long as rho(A) < 1 - guaranteed when every economy's
 * size exceeds what it takes from the others (column sums of A below 1) - and
 * the factorisation reports FLOW_ERR_NOT_PRODUCTIVE otherwise. Gross output as
 * size avoids both problems.
 * codes: n economy codes (copied), or NULL for unnamed economies.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG, FLOW_ERR_VALUE (NaN/Inf, a negative
 * flow or a size <= 0, naming the economy), FLOW_ERR_OVERFLOW, FLOW_ERR_NOMEM.
 * *out is NULL on failure. Thread-safe. n = 0 is FLOW_ERR_EMPTY (a model
 * needs an economy).
 */
FLOW_API int flow_io_model_new_country(flow_io_model **out, int64_t n, const double *flows,
                                       int64_t stride, const double *size,
                                       const char *const *codes);

/*
 * How flow_io_model_new_from_dataset sizes each economy of a country-level
 * system (x in flow_io_model_new_country), with flows Z in the layer's unit:
 * received_j = sum_i z_ij (its imports), sent_i = sum_j z_ij (its exports).
 */
typedef enum flow_country_size {
    /* Default: x = GDP + received. Then value added v = x - colsums(Z) = GDP
     * and final demand y = x - Z 1 = GDP + imports - exports = absorption;
     * column sums of A = imports / (GDP + imports) < 1, so the system is
     * always productive. */
    FLOW_SIZE_GDP_PLUS_IMPORTS = 0,
    /* x = GDP + sent: final demand y = GDP, value added = GDP + exports -
     * imports. */
    FLOW_SIZE_GDP_PLUS_EXPORTS = 1,
    /* x = GDP: the economy's output is its GDP (may be non-productive when an
     * economy takes more from the others than its GDP). */
    FLOW_SIZE_GDP = 2,
    /* x = sent + received (the traded volume): needs no GDP; for layers in
     * physical units (Mt, bcm). */
    FLOW_SIZE_TRADED = 3,
    FLOW_COUNTRY_SIZE_COUNT = 4
} flow_country_size;

/*
 * The country-level system of one dataset layer: the one builder the shock
 * report, the batches, the CLI and the examples use. Flows are the matrix
 * (layer, year, product) of ds (product NULL means "", "*" sums every
 * product of the layer and year, which must share a unit; FLOW_ERR_DIMENSION
 * otherwise); the economies are those of the dataset's axis with a flow to
 * or from another (their own flows dropped), in axis order; each is sized by
 * the convention `size` (flow_country_size) from the attribute gdp_attribute
 * (GDP in USD bn, converted to the layer's unit: USD_bn, USD_m, USD_k,
 * USD_thousand or USD). Economies without a positive GDP, and every economy
 * of a layer in another unit, are sized by their traded volume instead (as
 * FLOW_SIZE_TRADED). gdp_attribute may be NULL only for FLOW_SIZE_TRADED.
 * The model is then flow_io_model_new_country's.
 * A stock layer (flow_dataset_layer_kind) is refused with FLOW_ERR_VALUE:
 * Leontief, Ghosh and inoperability need flows.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL argument, unknown convention,
 * no GDP attribute), FLOW_ERR_NOT_FOUND (no such matrix or attribute),
 * FLOW_ERR_DIMENSION, FLOW_ERR_EMPTY (no flow between economies), the codes
 * of flow_io_model_new_country, FLOW_ERR_NOMEM. *out is NULL on failure;
 * free with flow_io_model_free. Read-only on the dataset.
 */
FLOW_API int flow_io_model_new_from_dataset(flow_io_model **out, const flow_dataset *ds,
                                            const char *layer, int64_t year, const char *product,
                                            const char *gdp_attribute, int size);

/* Frees a model and everything borrowed from it. NULL is a no-op. */
FLOW_API void flow_io_model_free(flow_io_model *model);

/*
 * Declares the model multi-regional (region-major): regions must divide n,
 * region_codes holds `regions` codes and sector_codes n / regions codes (both
 * copied; either may be NULL for unnamed). Final-demand columns are then
 * assigned region-major when k is a multiple of regions (k / regions
 * categories per region, the usual MRIO layout) and unowned otherwise; use
 * flow_io_model_set_final_demand to say otherwise.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (regions <= 0), FLOW_ERR_DIMENSION
 * (regions does not divide n), FLOW_ERR_NOMEM. Modifies the model.
 */
FLOW_API int flow_io_model_set_regions(flow_io_model *model, int64_t regions,
                                       const char *const *region_codes,
                                       const char *const *sector_codes);

/*
 * Names the k final-demand columns (labels, copied; NULL keeps them) and says
 * which region owns each (regions[c] in [0, regions) or -1 for none; NULL
 * keeps the current owners). Returns FLOW_OK, FLOW_ERR_INVALID_ARG (an owner
 * out of range, naming the column), FLOW_ERR_NOMEM. Modifies the model.
 */
FLOW_API int flow_io_model_set_final_demand(flow_io_model *model, const char *const *labels,
                                            const int64_t *regions);

/* The data a model holds, read through flow_io_model_view. */
typedef enum flow_io_part {
    FLOW_IO_INTERMEDIATE = 0,       /* Z, n x n intermediate flows */
    FLOW_IO_FINAL_DEMAND = 1,       /* Y, n x k final demand */
    FLOW_IO_OUTPUT = 2,             /* x, n x 1 gross output (as given, or the row sums) */
    FLOW_IO_VALUE_ADDED = 3,        /* v, n x 1 value added */
    FLOW_IO_FINAL_DEMAND_TOTAL = 4, /* y = Y 1, n x 1 total final demand */
    FLOW_IO_PART_COUNT = 5
} flow_io_part;

/*
 * Borrowed view of one part (flow_io_part) of the model: a rows x cols
 * matrix, row-major and contiguous, which *rows and *cols receive (either
 * pointer may be NULL). Valid until the model is freed (the data never
 * changes after construction). Returns NULL with *rows = *cols = 0 and
 * FLOW_ERR_INVALID_ARG recorded for a NULL model or an unknown part; Y of a
 * model without final demand (k = 0) is n x 0 and may be NULL. Read-only and
 * thread-safe: it forms nothing (A, B, L and G are flow_io_model_matrix's).
 */
FLOW_API const double *flow_io_model_view(const flow_io_model *model, int part, int64_t *rows,
                                          int64_t *cols);

/* The two label tables of flow_io_model_labels. */
typedef enum flow_io_label_part {
    FLOW_IO_LABEL_NODES = 0,        /* one row per model index (region x sector) */
    FLOW_IO_LABEL_FINAL_DEMAND = 1, /* one row per final-demand column */
    FLOW_IO_LABEL_PART_COUNT = 2
} flow_io_label_part;

/*
 * The model's labels as a new table (part: flow_io_label_part):
 *   FLOW_IO_LABEL_NODES         n rows, model index i = r * sectors + s:
 *                               row label the sector code of s, row group
 *                               the region code of r ("" when unnamed);
 *                               columns `region` (r) and `sector` (s).
 *   FLOW_IO_LABEL_FINAL_DEMAND  k rows, one per column of Y: row label its
 *                               label, row group the owning region's code
 *                               ("" when unowned); column `region` (the
 *                               owning region's index, -1 when none).
 * Both carry the named scalars `order` (n), `regions`, `sectors` (n /
 * regions) and `final_demand_columns` (k). Region r's code is the row group
 * of node row r * sectors. The table is a copy: later label setters do not
 * change it. Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL argument, unknown
 * part), FLOW_ERR_NOMEM; *out is NULL on failure; free it with
 * flow_table_free. Read-only on the model, thread-safe.
 */
FLOW_API int flow_io_model_labels(flow_table **out, const flow_io_model *model, int part);

/* ------------------------------------------------------------------ solving */

/*
 * (factors) Computes and caches the LU factorisation of (I - A) and checks that
 * the system is productive (see the top of this header). Idempotent: later
 * calls return FLOW_OK at once. After it succeeds the model is read-only.
 * Returns FLOW_OK, FLOW_ERR_SINGULAR, FLOW_ERR_NOT_PRODUCTIVE (naming the
 * sector), FLOW_ERR_OVERFLOW (n too large for LAPACK), FLOW_ERR_NOMEM.
 * Every "(factors)" function below returns these codes as well.
 */
FLOW_API int flow_io_model_factor(flow_io_model *model);

/*
 * (factors) Leontief quantity model x = L y for nrhs demand vectors at once:
 * y is n x nrhs row-major (column c is scenario c, y_stride >= nrhs), the
 * result goes to x, n x nrhs with x_stride >= nrhs and x_len doubles.
 * Solves with the cached LU (never forms L). x and y may be the same buffer
 * with the same stride. nrhs must be >= 1. Returns FLOW_OK, FLOW_ERR_INVALID_ARG,
 * FLOW_ERR_BUFFER_TOO_SMALL, FLOW_ERR_NOMEM and the factoring codes.
 * nrhs = 0 is FLOW_ERR_INVALID_ARG.
 */
FLOW_API int flow_io_model_leontief_solve(flow_io_model *model, int64_t nrhs, const double *y,
                                          int64_t y_stride, double *x, int64_t x_len,
                                          int64_t x_stride);

/*
 * (factors) Ghosh supply model x' = v' G for nrhs primary-input vectors at
 * once (same layout as flow_io_model_leontief_solve: v is n x nrhs), by a
 * transposed solve with the LU of (I - A): x = diag(x) (I - A)'^-1 (v / x).
 * A zero-output sector passes its v through unchanged (it is isolated).
 * Returns as flow_io_model_leontief_solve. nrhs = 0 is FLOW_ERR_INVALID_ARG.
 */
FLOW_API int flow_io_model_ghosh_solve(flow_io_model *model, int64_t nrhs, const double *v,
                                       int64_t v_stride, double *x, int64_t x_len,
                                       int64_t x_stride);

/* The n x n matrices flow_io_model_matrix forms. */
typedef enum flow_io_matrix {
    FLOW_IO_TECHNICAL = 0,  /* A = Z x^-1, technical coefficients */
    FLOW_IO_ALLOCATION = 1, /* B = x^-1 Z, allocation coefficients */
    FLOW_IO_LEONTIEF = 2,   /* L = (I - A)^-1 */
    FLOW_IO_GHOSH = 3,      /* G = (I - B)^-1 = x^-1 L x */
    FLOW_IO_MATRIX_COUNT = 4
} flow_io_matrix;

/*
 * Forms one n x n matrix (which: flow_io_matrix) of the model as a new
 * table, rows and columns labelled by model index as every IO result is
 * (region code for a country system, else sector code with the region as
 * group). A and B are Z scaled by 1/x. L and G are formed in the table
 * itself (LU, then both triangles inverted and multiplied in place) with no
 * n x n temporary: from the cached factors when flow_io_model_factor has
 * run, otherwise by factoring I - A inside the table, and then no
 * factorisation is cached (peak memory: Z and the table). Prefer
 * flow_io_model_leontief_solve when only L.y is needed.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL argument, unknown which),
 * FLOW_ERR_NOMEM, and for L and G the factoring codes of
 * flow_io_model_factor (FLOW_ERR_SINGULAR, FLOW_ERR_NOT_PRODUCTIVE naming the
 * sector, FLOW_ERR_OVERFLOW). *out is NULL on failure; free it with
 * flow_table_free. Read-only on the model (it reads, never fills, the
 * cache): thread-safe with other const calls.
 */
FLOW_API int flow_io_model_matrix(flow_table **out, const flow_io_model *model, int which);

/* ------------------------------------------------------------------ diagnostics */

/*
 * (factors) Examines a model and writes a new table: one row per sector
 * (labelled by region code for a country system, else by sector code with
 * the region as row group) with the columns
 *   output       gross output x
 *   column_sum   column sum of A (inputs per unit of output)
 *   output_gap   |x_i - s_i| / max(|x_i|, |s_i|) for s = Z 1 + Y 1 (0 when
 *                both are 0, and when x was computed from the row sums)
 *   zero_output  1 for a zero-output sector, else 0
 * and the named scalars
 *   status                 factorisation status: FLOW_OK, FLOW_ERR_SINGULAR
 *                          or FLOW_ERR_NOT_PRODUCTIVE (others when n
 *                          overflows LAPACK)
 *   zero_output_count      sectors with zero output
 *   negative_z, negative_y, negative_v   negative entries in Z, Y, v
 *   max_column_sum, min_column_sum       for A >= 0 they bound rho(A):
 *                          min <= rho(A) <= max, so max < 1 proves
 *                          productivity
 *   spectral_radius, spectral_radius_lower, spectral_radius_upper
 *                          estimate of rho(A) by power iteration on A + sI
 *                          and a bracket that holds whatever the iteration
 *                          reached: for A >= 0 the tightest pair of
 *                          Collatz-Wielandt bounds over the iterates (the
 *                          lower one on the iterate truncated to its
 *                          non-negligible components, so that zero-output
 *                          sectors and other reducible blocks do not pin it
 *                          at 0); iteration stops when the bracket is
 *                          narrower than 1e-10 relative or after a work cap
 *                          (about 5e8 matrix reads, at least 20 iterations).
 *                          With negative entries in A the bracket is
 *                          [0, min(||A||_1, ||A||_inf)] and the estimate is
 *                          only indicative.
 *   rcond                  LAPACK's dgecon estimate of 1 / cond_1(I - A); 0
 *                          when singular
 *   residual               ||(I - A) xs - y||_inf / ||y||_inf for xs the
 *                          solved L y (NaN when the factorisation failed)
 *   output_mismatch        the largest output_gap
 *   output_mismatch_count  sectors whose gap is above tolerance (1e-6 is a
 *                          sensible value)
 *   output_mismatch_index  model index of the sector with the largest gap
 *                          above tolerance, -1 when none is above it
 * Unlike the analysis functions it succeeds on a singular or non-productive
 * model: the failure is the "status" scalar.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL out or model, tolerance < 0 or
 * NaN), FLOW_ERR_OVERFLOW, FLOW_ERR_NOMEM. *out is NULL on failure; free
 * with flow_table_free. Uses a private n x n copy of A, so it may run
 * concurrently with other calls on a factored model.
 */
FLOW_API int flow_io_diagnostics(flow_table **out, flow_io_model *model, double tolerance);

/* ------------------------------------------------------------------ results as tables */

/*
 * The analyses below return a new flow_table (free it with flow_table_free)
 * whose rows are labelled like every IO result: by node (sector code, with
 * the region code as row group; the region code alone for a country system)
 * or by region code. *out is NULL on every failure. "(factors)" marks calls
 * that factor the model first (see flow_io_model_factor); they return its
 * codes (FLOW_ERR_SINGULAR, FLOW_ERR_NOT_PRODUCTIVE) besides
 * FLOW_ERR_INVALID_ARG and FLOW_ERR_NOMEM.
 */

/* ------------------------------------------------------------------ multipliers */

/*
 * (factors) Multipliers of every sector, by transposed solves: n rows,
 * columns
 *   "output"       output multipliers m_j = sum_i l_ij (column sums of L);
 *   "value_added"  value-added (type I income) multipliers (v/x)' L;
 *   then one column per row q of satellites (nsat x n: row q = an account's
 *   totals per sector, e.g. employment or emissions; may be NULL), named by
 *   the row's label ("satellite_<q>" when unlabelled): s' L with s = f / x
 *   (0 for zero-output sectors), the total (direct + indirect) amount of the
 *   account per unit of final demand for sector j.
 * FLOW_ERR_INVALID_ARG when satellites does not have n columns.
 */
FLOW_API int flow_io_multipliers(flow_table **out, flow_io_model *model,
                                 const flow_table *satellites);

/*
 * (factors) Footprint of a satellite account f (n totals per sector) by
 * region: one row per region, columns "consumption" (sum over final-demand
 * columns c owned by the region of (s' L Y)_c: what its final demand causes
 * anywhere) and "production" (f summed over the region's sectors: what it
 * emits / employs itself). Final demand in unowned columns is counted in no
 * consumption entry: in a national table, mark the export column unowned
 * (-1, flow_io_model_set_final_demand) so that the consumption footprint
 * leaves out what foreigners consume.
 */
FLOW_API int flow_io_footprints(flow_table **out, flow_io_model *model, const double *f);

/* ------------------------------------------------------------------ linkages */

/* Key-sector classes (values stable): the "class" column of flow_io_linkages. */
typedef enum flow_io_sector_class {
    FLOW_IO_SECTOR_WEAK = 0,     /* both normalised linkages < 1 */
    FLOW_IO_SECTOR_BACKWARD = 1, /* backward >= 1, forward < 1 */
    FLOW_IO_SECTOR_FORWARD = 2,  /* forward >= 1, backward < 1 */
    FLOW_IO_SECTOR_KEY = 3,      /* both >= 1 */
    FLOW_IO_SECTOR_CLASS_COUNT = 4
} flow_io_sector_class;

/*
 * (factors unless direct) Rasmussen/Hirschman linkages of every sector, n
 * rows: total linkages (direct == 0: backward = column sums of L, the output
 * multipliers; forward = row sums of G) or direct ones (direct != 0: column
 * sums of A, row sums of B). Columns:
 *   "backward", "forward"    the raw sums;
 *   "backward_normalised", "forward_normalised"  Rasmussen's indices
 *       n * u_j / sum(u) (above 1: an above-average linkage);
 *   "backward_local", "backward_foreign", "forward_local", "forward_foreign"
 *       the raw sums split into partners in the sector's own region and in
 *       all other regions (local + foreign = raw; one solve per region for
 *       the total kinds);
 *   "class"   the key-sector class (flow_io_sector_class) from the two
 *       normalised linkages.
 */
FLOW_API int flow_io_linkages(flow_table **out, flow_io_model *model, int direct);

/*
 * (factors) Spillovers of a multi-regional model (Miller & Blair 2009,
 * section 6.3); any of the three outputs may be NULL:
 *   *spill, regions x regions: spill[r][s] = (1 / sectors) sum_{j in s}
 *     sum_{i in r} l_ij for r != s, 0 on the diagonal: the output of region r
 *     per unit of final demand for an average sector of region s (the
 *     off-diagonal blocks of L, column-averaged; one transposed solve per
 *     region);
 *   *net, regions x regions: net[r][s] = spill[r][s] - spill[s][r];
 *   *matrix, n x n: L with its diagonal region blocks zeroed (forms L).
 * On failure every requested output is NULL.
 */
FLOW_API int flow_io_spillovers(flow_table **spill, flow_table **net, flow_table **matrix,
                                flow_io_model *model);

/* ------------------------------------------------------------------ extraction */

/* Extraction flags (bit set). */
typedef enum flow_io_extract_flag {
    /* Single-sector extraction: also remove the sector's own input a_jj
     * (default: kept, DESIGN section 4). */
    FLOW_IO_EXTRACT_DROP_DIAGONAL = 1,
    /* Link extraction: cut only the rows of the first set against the columns
     * of the second (S sells to T), not both directions. */
    FLOW_IO_EXTRACT_ONE_WAY = 2,
    /* Link extraction: also cut the final demand that the second set's columns
     * buy from the first set (and vice versa unless ONE_WAY). */
    FLOW_IO_EXTRACT_FINAL_DEMAND = 4,
    /* Number of flags (each a bit of its own). */
    FLOW_IO_EXTRACT_FLAG_COUNT = 3
} flow_io_extract_flag;

/*
 * (factors) Hypothetical extraction of every sector in turn (Dietzenbacher,
 * van der Linden & Steenge 1993; Miller & Lahr 2001): n rows, columns
 * "backward", "forward", "total" holding the loss of total output 1'(x - xbar)
 *   backward: column j of A removed, xbar = (I - Abar)^-1 y;
 *   forward: row j of B removed, xbar' = v'(I - Bbar)^-1;
 *   total: row and column j of A removed (j keeps only its own final demand).
 * The sector's own coefficient a_jj is kept unless flags has
 * FLOW_IO_EXTRACT_DROP_DIAGONAL. Closed forms (Sherman-Morrison) need only
 * the cached LU: with m = 1'L, xd = L y, xs = (v'G)', d = diag(L):
 *   BL_j = (m_j - c_j) xd_j / l_jj,
 *   FL_j = ((L x)_j / x_j - c_j) xs_j / l_jj,
 *   TL_j = m_j xd_j / l_jj - c_j y_j,
 * where c_j = 1 / (1 - a_jj) when a_jj is kept, 1 when dropped. diag(L) comes
 * from the triangular inverses of the factors (O(n^3) once, one extra n x n
 * workspace); nothing is re-inverted per sector.
 */
FLOW_API int flow_io_extraction_sweep(flow_table **out, flow_io_model *model, int flags);

/*
 * Extraction of the links between two sets of regions: the blocks A[S, T] and
 * (unless FLOW_IO_EXTRACT_ONE_WAY) A[T, S] are scaled by (1 - severity)
 * (severity 1 removes them), and with FLOW_IO_EXTRACT_FINAL_DEMAND so are the
 * final demand that T-owned columns buy from S (and S-owned from T). The new
 * output xbar = (I - Abar)^-1 ybar (one LU of the scenario): n rows, columns
 * "output" (xbar) and "loss" (x - xbar), scalar "loss_total". Sets are region
 * indices (duplicates allowed; a region in both sets has its internal block
 * cut as well). Extracting a whole region r is S = {r}, T = every other region.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (region out of range, severity not in
 * [0, 1]), FLOW_ERR_SINGULAR, FLOW_ERR_NOT_PRODUCTIVE, FLOW_ERR_NOMEM.
 * Read-only on the model. n_first = 0 gives FLOW_OK and no loss; n_second = 0
 * gives FLOW_OK and no loss.
 */
FLOW_API int flow_io_extract_links(flow_table **out, const flow_io_model *model, int64_t n_first,
                                   const int64_t *first, int64_t n_second, const int64_t *second,
                                   double severity, int flags);

/* ------------------------------------------------------------------ value added origin */

/*
 * (factors) Region x region matrix of an account of origin r embodied in the
 * final demand of region s (rows: origin, columns: destination, both labelled
 * by region code): origin[r][s] = sum_{i in r} sum_{c owned by s}
 * (diag(f/x) L Y)_ic (one solve per region). f holds n totals per sector;
 * NULL means value added, giving the value added of r absorbed in s's final
 * demand. With shares != 0 each column is divided by its total: the share of
 * s's final-demand account made in r (direct + indirect dependence; the
 * diagonal is the domestic share).
 */
FLOW_API int flow_io_origin_matrix(flow_table **out, flow_io_model *model, const double *f,
                                   int shares);

/*
 * Bilateral gross trade of a multi-regional model, regions x regions:
 * T[r][s] = sum of Z[r-block, s-block] + sum of Y[r-block, columns owned by s]
 * for r != s, 0 on the diagonal (exports of r to s, intermediate + final).
 * Feeds the asymmetry indices. Read-only. Returns FLOW_OK,
 * FLOW_ERR_INVALID_ARG, FLOW_ERR_NOMEM.
 */
FLOW_API int flow_io_bilateral_trade(flow_table **out, const flow_io_model *model);

/* ------------------------------------------------------------------ aggregation */

/*
 * New model with regions and sectors merged through mappings:
 * region_map[r] in [0, new_regions) for each old region, sector_map[s] in
 * [0, new_sectors) for each old sector (NULL: identity). Z, Y, v and x are
 * summed; final-demand columns with the same label whose owners merge are
 * summed into one column (unowned columns are kept apart). Codes of the new
 * regions / sectors are copied (NULL: unnamed). Use before analysis: the
 * coefficients of the aggregate model are recomputed from the summed flows.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (a map entry out of range, naming it),
 * FLOW_ERR_NOMEM. *out is NULL on failure. Read-only on the input model.
 */
FLOW_API int flow_io_model_aggregate(flow_io_model **out, const flow_io_model *model,
                                     int64_t new_regions, const int64_t *region_map,
                                     const char *const *region_codes, int64_t new_sectors,
                                     const int64_t *sector_map, const char *const *sector_codes);

/* ------------------------------------------------------------------ in place of Z */

/*
 * Memory-saving mode for systems too large to hold twice (GLORIA-size, n about
 * 20,000: 3.2 GB per n x n matrix). A model keeps its own copy of Z and its
 * factors (2 n^2 doubles besides the caller's Z); these two functions work
 * inside the caller's Z instead, for a caller that gives it up: peak memory is
 * Z itself plus O(n) workspace (and n x nrhs for the solve). No model is
 * built and nothing is cached: each call factors once.
 *
 * z is the row-major n x n intermediate-flow matrix Z (row stride z_stride
 * >= n; the solve needs z_stride = n), x the n gross outputs (A = Z x^-1; a
 * zero-output sector has a zero column in A). Both check, as
 * flow_io_model_new and flow_io_model_factor do, that the entries are finite,
 * that x >= 0 and that the system is productive.
 *
 * flow_io_leontief_inverse_in_place overwrites z with L = (I - A)^-1 (the same
 * numbers as flow_io_model_matrix(FLOW_IO_LEONTIEF) on a model of Z and x).
 * flow_io_leontief_solve_in_place overwrites z with the LU factors of I - A
 * (of no further use to the caller) and y (n x nrhs, row stride y_stride >=
 * nrhs) with L y.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL array, n < 1, nrhs < 1, stride
 * too small), FLOW_ERR_VALUE (a NaN/Inf or a negative output; the message
 * names it), FLOW_ERR_SINGULAR, FLOW_ERR_NOT_PRODUCTIVE, FLOW_ERR_OVERFLOW,
 * FLOW_ERR_NOMEM. On failure after the checks z holds partial results (the
 * caller gave it up) and y is unchanged. Thread-safe for distinct buffers.
 * n = 0 is FLOW_ERR_INVALID_ARG (for both); nrhs = 0 is FLOW_ERR_INVALID_ARG.
 */
FLOW_API int flow_io_leontief_inverse_in_place(int64_t n, double *z, int64_t z_stride,
                                               const double *x);
FLOW_API int flow_io_leontief_solve_in_place(int64_t n, double *z, const double *x, int64_t nrhs,
                                             double *y, int64_t y_stride);

#ifdef __cplusplus
}
#endif

#endif /* LIBFLOW_IO_H */
