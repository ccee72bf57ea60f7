/*
 * io_internal.h - what other library files may read of an IO model.
 *
 * The model struct stays private to io_model.c; every other file (the io_*.c
 * analyses, the shock lenses, io_views.c's public views) reads it through the
 * accessors below (flow_i_io_order, _intermediate, _output, _final_demand,
 * ...: borrowed pointers that live as long as the model, row-major and
 * contiguous). The model stores Z, not A: code that only needs entries of A
 * reads Z and flow_i_io_inverse_outputs.
 */
#ifndef LIBFLOW_IO_INTERNAL_H
#define LIBFLOW_IO_INTERNAL_H

#include "internal.h"
#include "linalg.h"

#include <stdint.h>

/* Sizes: order n, final-demand columns k, regions, sectors per region. */
int64_t flow_i_io_order(const flow_io_model *m);
int64_t flow_i_io_final_demand_count(const flow_io_model *m);
int64_t flow_i_io_region_count(const flow_io_model *m);
int64_t flow_i_io_sector_count(const flow_io_model *m);

/*
 * Codes: region r, sector s (within a region), final-demand column c; ""
 * when unnamed, NULL when out of range. Owner of column c: -1 when none.
 */
const char *flow_i_io_region_code(const flow_io_model *m, int64_t r);
const char *flow_i_io_sector_code(const flow_io_model *m, int64_t s);
const char *flow_i_io_final_demand_label(const flow_io_model *m, int64_t c);
/*
 * All region codes (regions != 0) or all sector codes, in order, as one
 * array the caller frees (the strings stay the model's). FLOW_ERR_NOMEM.
 */
int flow_i_io_codes(const flow_io_model *m, int regions, const char ***out, int64_t *count);
int64_t flow_i_io_final_demand_region(const flow_io_model *m, int64_t c);

/* Borrowed data: x, v, y = Y 1 (n each), Z (n x n), Y (n x k). */
const double *flow_i_io_output(const flow_io_model *m);
const double *flow_i_io_value_added(const flow_io_model *m);
const double *flow_i_io_final_demand_total(const flow_io_model *m);
const double *flow_i_io_intermediate(const flow_io_model *m);
const double *flow_i_io_final_demand(const flow_io_model *m);

/*
 * L, G (factors), A or B into a caller buffer of dst_len doubles, row stride
 * row_stride >= n (see flow_io_model_matrix). Returns FLOW_OK,
 * FLOW_ERR_INVALID_ARG, FLOW_ERR_BUFFER_TOO_SMALL and, for L and G, the
 * factoring codes.
 */
int flow_i_io_leontief_inverse(const flow_io_model *m, double *dst, int64_t dst_len,
                               int64_t row_stride);
int flow_i_io_ghosh_inverse(const flow_io_model *m, double *dst, int64_t dst_len,
                            int64_t row_stride);
int flow_i_io_copy_technical(const flow_io_model *m, double *dst, int64_t dst_len,
                             int64_t row_stride);
int flow_i_io_copy_allocation(const flow_io_model *m, double *dst, int64_t dst_len,
                              int64_t row_stride);

/* Region of model index `index`: index / sectors. */
int64_t flow_i_io_region_of(const flow_io_model *m, int64_t index);

/*
 * Cached LU of (I - A), computed (and checked for productivity) on first use;
 * the only call that modifies the model after construction. *out is borrowed
 * from the model. Returns the codes of flow_io_model_factor.
 */
/*
 * flow_io_model_new for contiguous n x n Z and n x k Y the caller allocated
 * with malloc: the model takes them over (*z and *y become NULL, whatever
 * the outcome) instead of copying them, which saves a reader an n x n copy.
 */
int flow_i_io_model_adopt(flow_io_model **out, int64_t n, double **z, int64_t k, double **y,
                          const double *v, const double *x);

int flow_i_io_leontief_lu(flow_io_model *m, const flow_i_lu **out);

/*
 * Writes "region/sector" (or "sector i" when unnamed) for model index i into
 * buf (cap bytes, always NUL-terminated): the name error messages use.
 */
void flow_i_io_describe(const flow_io_model *m, int64_t i, char *buf, size_t cap);

/*
 * Labels the n rows of a result table by model index: region code for a
 * country system (one unnamed sector per region), else sector code with the
 * region as row group.
 */
int flow_i_io_label_rows(flow_table *t, const flow_io_model *m);

/* The same for the n columns of a square result table (Z, A, L, ...). */
int flow_i_io_label_cols(flow_table *t, const flow_io_model *m);

/*
 * A new all-zero result table of n rows labelled by node (as
 * flow_i_io_label_rows) and cols columns named by names. *out is NULL on
 * failure.
 */
int flow_i_io_node_table(flow_table **out, const flow_io_model *m, int64_t cols,
                         const char *const *names);

/*
 * A new all-zero result table of one row per region (labelled by region
 * code): with names, cols columns so named; with names NULL, regions x
 * regions with the columns labelled by region code as well.
 */
int flow_i_io_region_table(flow_table **out, const flow_io_model *m, int64_t cols,
                           const char *const *names);

/* Returns rc, freeing *out and setting it to NULL when rc is a failure. */
int flow_i_io_result(flow_table **out, int rc);

/*
 * Satellite multipliers s' L (s = f / x) of nsat accounts (rows of f, stride
 * f_stride >= n) into out (nsat x n, stride out_stride); factors the model.
 */
int flow_i_io_satellite_multipliers(flow_io_model *m, int64_t nsat, const double *f,
                                    int64_t f_stride, double *out, int64_t out_stride);

/* Output multipliers 1' L into out[0..n); factors the model. */
int flow_i_io_output_multipliers(flow_io_model *m, double *out);

/*
 * Factors (I - A) for an arbitrary n x n coefficient matrix `a` (row-major,
 * not modified) and checks it as flow_io_model_factor does; the scenario
 * solves of extraction and the shock lenses use it. names (may be NULL) gives
 * sector names for messages.
 */
int flow_i_io_factor_coefficients(flow_i_lu **out, const double *a, int64_t n,
                                  const flow_io_model *names);

/* LU of (I - A) for a row-major n x n `a`, without the productivity check. */
int flow_i_io_factor_unchecked(flow_i_lu **out, const double *a, int64_t n);

/*
 * The model's 1 / x (n entries, borrowed): column j of A is column j of Z
 * times entry j, which is how the library forms A where it needs it.
 */
const double *flow_i_io_inverse_outputs(const flow_io_model *m);

/* 1 / x_i, or 0 for a zero-output sector (the convention of io.h). */
static inline double flow_i_io_inverse_output(double x)
{
    return x != 0.0 ? 1.0 / x : 0.0;
}

/*
 * Region mask for a list of region indices: mask[r] = 1 for listed regions.
 * Validates indices against the model (FLOW_ERR_INVALID_ARG naming the
 * offending entry). mask has region_count entries, zeroed by the caller.
 */
int flow_i_io_region_mask(const flow_io_model *m, const int64_t *regions, int64_t count,
                          unsigned char *mask);

/*
 * The building block of link extraction and sanctions: copies of A and Y with
 * the links between region sets S (in_first) and T (in_second) scaled by
 * keep = 1 - severity - rows of S x columns of T, and unless one_way rows of
 * T x columns of S; for Y the columns are those owned by the region, and Y is
 * cut only when cut_final_demand. *a_out (n x n) and *y_out (n, the row sums
 * of the cut Y) are newly allocated; free them with free(). Either out pointer
 * may be NULL when not wanted.
 */
int flow_i_io_cut_links(const flow_io_model *m, const unsigned char *in_first,
                        const unsigned char *in_second, double keep, int one_way,
                        int cut_final_demand, double **a_out, double **y_out);

/*
 * Solves against the model's LU with the right-hand sides as the columns of
 * an n x nrhs row-major block with the given stride (transposed into a
 * contiguous workspace and back). transpose as flow_i_lu_solve.
 */
int flow_i_io_solve_columns(flow_io_model *m, int transpose, const double *rhs, int64_t rhs_stride,
                            double *dst, int64_t dst_stride, int64_t nrhs);

/*
 * Column sums of L restricted to each region's rows: out is regions x n
 * (row r = 1_r' L), by one transposed solve with `regions` right-hand sides.
 */
int flow_i_io_region_column_sums(flow_io_model *m, double *out);

/*
 * A country-level system chosen from an n x n dataset matrix (io_country.c):
 * its m economies (dataset indices and borrowed codes), m x m flows without
 * the diagonal, and m sizes by convention.
 */
typedef struct flow_i_country {
    int64_t m, *index;
    double *flows, *size;
    const char **codes;
} flow_i_country;

/*
 * Builds c from all (n x n, row stride n): economies with a flow to or from
 * another, sized by convention (flow_country_size) from gdp (n values in USD
 * bn, may be NULL) times gdp_scale (0: the unit is not in US dollars, so
 * every size is the traded volume). Free with flow_i_country_clear.
 */
int flow_i_country_build(flow_i_country *c, const flow_labels *labels, const double *all, int64_t n,
                         const double *gdp, double gdp_scale, int convention);
void flow_i_country_clear(flow_i_country *c);

/* Factor from USD bn to a unit (USD_bn, USD_m, USD_k, USD_thousand, USD); 0 for others. */
double flow_i_country_gdp_scale(const char *unit);

#endif /* LIBFLOW_IO_INTERNAL_H */
