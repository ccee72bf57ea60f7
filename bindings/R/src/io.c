/*
 * io.c - .Call glue of the input-output model (libflow/io.h): construction,
 * Leontief/Ghosh solves and inverses, multipliers, linkages, extraction,
 * region x region results and diagnostics. Labels and dimnames are attached
 * in R (R/io.R) from flowr_io_labels().
 */
#include "flowr.h"

#include "kinds.h"

#include <string.h>

static void io_model_free(void *handle)
{
    flow_io_model_free(handle);
}

const flowr_kind flowr_kind_io_model = {"flow_io_model", io_model_free};

static flow_io_model *model_of(SEXP x)
{
    return flowr_handle_get(x, &flowr_kind_io_model);
}

/* Order n of the model (the rows of its view of Z). */
static int64_t model_order(const flow_io_model *model)
{
    int64_t n = 0;
    flow_io_model_view(model, FLOW_IO_INTERMEDIATE, &n, NULL);
    return n;
}

/* Names regions, sectors and final-demand columns after construction. */
static int label_model(flow_io_model *model, SEXP regions, SEXP sectors, SEXP fd_labels,
                       SEXP fd_owner)
{
    int64_t n = 0, k = 0;
    flow_io_model_view(model, FLOW_IO_FINAL_DEMAND, &n, &k);
    const int64_t nreg = Rf_isNull(regions) ? 1 : (int64_t)XLENGTH(regions);
    int status = FLOW_OK;
    if (!Rf_isNull(regions) || !Rf_isNull(sectors)) {
        if (n % nreg != 0)
            Rf_error("%lld regions do not divide %lld sectors", (long long)nreg, (long long)n);
        status = flow_io_model_set_regions(model, nreg, flowr_strings(regions, "regions", nreg),
                                           flowr_strings(sectors, "sectors", n / nreg));
    }
    if (status == FLOW_OK && (!Rf_isNull(fd_labels) || !Rf_isNull(fd_owner))) {
        int64_t *owners = NULL;
        if (!Rf_isNull(fd_owner)) {
            if (TYPEOF(fd_owner) != INTSXP || XLENGTH(fd_owner) != k)
                Rf_error("'fd_regions' must give one region per final-demand column");
            owners = (int64_t *)R_alloc((size_t)k + 1, sizeof *owners);
            for (int64_t c = 0; c < k; c++)
                owners[c] = INTEGER(fd_owner)[c];
        }
        status =
            flow_io_model_set_final_demand(model, flowr_strings(fd_labels, "fd_labels", k), owners);
    }
    return status;
}

/* .Call entry: a model from Z, Y (or NULL), v (or NULL), x (or NULL) and labels. */
SEXP flowr_io_model_new(SEXP z, SEXP y, SEXP v, SEXP x, SEXP regions, SEXP sectors, SEXP fd_labels,
                        SEXP fd_owner)
{
    int64_t n, n2, yrows = 0, k = 0, vlen = 0, xlen = 0;
    const double *zdata = flowr_row_major(z, "Z", &n, &n2);
    const double *ydata = Rf_isNull(y) ? NULL : flowr_row_major(y, "Y", &yrows, &k);
    const double *vdata = Rf_isNull(v) ? NULL : flowr_doubles(v, "v", &vlen);
    const double *xdata = Rf_isNull(x) ? NULL : flowr_doubles(x, "x", &xlen);
    if (n != n2 || (ydata != NULL && yrows != n) || (vdata != NULL && vlen != n) ||
        (xdata != NULL && xlen != n))
        Rf_error("Z must be square, and Y, v and x must have as many rows as Z");

    SEXP handle = PROTECT(flowr_handle_new(&flowr_kind_io_model, R_NilValue));
    flow_io_model *model = NULL;
    int status = flow_io_model_new(&model, n, zdata, k, ydata, vdata, xdata);
    R_SetExternalPtrAddr(handle, model);
    if (status == FLOW_OK)
        status = label_model(model, regions, sectors, fd_labels, fd_owner);
    UNPROTECT(1);
    return status == FLOW_OK ? handle : flowr_failure(status);
}

/* .Call entry: the country-level system of a flow matrix and economy sizes. */
SEXP flowr_io_model_country(SEXP flows, SEXP size, SEXP codes)
{
    int64_t n, n2, len;
    const double *fdata = flowr_row_major(flows, "flows", &n, &n2);
    const double *sdata = flowr_doubles(size, "size", &len);
    if (n != n2 || len != n)
        Rf_error("'flows' must be square with one size per economy");
    const char **names = flowr_strings(codes, "codes", n);

    SEXP handle = PROTECT(flowr_handle_new(&flowr_kind_io_model, R_NilValue));
    flow_io_model *model = NULL;
    int status = flow_io_model_new_country(&model, n, fdata, n, sdata, names);
    R_SetExternalPtrAddr(handle, model);
    UNPROTECT(1);
    return status == FLOW_OK ? handle : flowr_failure(status);
}

/* A copy of text in R_alloc() memory. */
static const char *r_copy(const char *text)
{
    size_t len = strlen(text) + 1;
    char *copy = R_alloc(len, 1);
    memcpy(copy, text, len);
    return copy;
}

static int64_t shape_scalar(const flow_table *t, const char *name)
{
    double value = 0.0;
    flow_table_scalar(t, name, &value);
    return (int64_t)value;
}

int flowr_io_shape_read(flowr_io_shape *s, const flow_io_model *model)
{
    flow_table *nodes = NULL, *fd = NULL;
    int status = flow_io_model_labels(&nodes, model, FLOW_IO_LABEL_NODES);
    if (status == FLOW_OK)
        status = flow_io_model_labels(&fd, model, FLOW_IO_LABEL_FINAL_DEMAND);
    if (status != FLOW_OK) {
        flow_table_free(nodes);
        return status;
    }
    s->n = shape_scalar(nodes, "order");
    s->k = shape_scalar(nodes, "final_demand_columns");
    s->regions = shape_scalar(nodes, "regions");
    s->sectors = shape_scalar(nodes, "sectors");
    s->region_codes = (const char **)R_alloc((size_t)s->regions, sizeof *s->region_codes);
    s->sector_codes = (const char **)R_alloc((size_t)s->sectors, sizeof *s->sector_codes);
    s->fd_labels = (const char **)R_alloc((size_t)s->k + 1, sizeof *s->fd_labels);
    s->fd_owner = (int64_t *)R_alloc((size_t)s->k + 1, sizeof *s->fd_owner);
    /* Region r is the group of node row r * sectors, sector s the label of row s. */
    for (int64_t r = 0; r < s->regions; r++)
        s->region_codes[r] = r_copy(flow_table_row_group(nodes, r * s->sectors));
    for (int64_t i = 0; i < s->sectors; i++)
        s->sector_codes[i] = r_copy(flow_table_row_label(nodes, i));
    for (int64_t c = 0; c < s->k; c++) {
        s->fd_labels[c] = r_copy(flow_table_row_label(fd, c));
        s->fd_owner[c] = (int64_t)flow_table_values(fd)[c];
    }
    flow_table_free(nodes);
    flow_table_free(fd);
    return FLOW_OK;
}

static const char *string_at(const void *strings, int64_t i)
{
    return ((const char *const *)strings)[i];
}

/* .Call entry: list(regions, sectors, fd_labels, fd_region (0-based, -1 none)). */
SEXP flowr_io_labels(SEXP handle)
{
    flowr_io_shape shape;
    int status = flowr_io_shape_read(&shape, model_of(handle));
    if (status != FLOW_OK)
        return flowr_failure(status);
    static const char *const names[] = {"regions", "sectors", "fd_labels", "fd_region"};
    SEXP out = PROTECT(flowr_list(4, names));
    SET_VECTOR_ELT(out, 0, flowr_string_vector(shape.region_codes, string_at, shape.regions));
    SET_VECTOR_ELT(out, 1, flowr_string_vector(shape.sector_codes, string_at, shape.sectors));
    SET_VECTOR_ELT(out, 2, flowr_string_vector(shape.fd_labels, string_at, shape.k));
    SEXP owners = Rf_allocVector(INTSXP, (R_xlen_t)shape.k);
    SET_VECTOR_ELT(out, 3, owners);
    for (int64_t c = 0; c < shape.k; c++)
        INTEGER(owners)[c] = (int)shape.fd_owner[c];
    UNPROTECT(1);
    return out;
}

/* .Call entry: list(x, v, y) of the model (gross output, value added, final demand). */
SEXP flowr_io_vectors(SEXP handle)
{
    const flow_io_model *model = model_of(handle);
    static const char *const names[] = {"x", "v", "y"};
    static const int parts[] = {FLOW_IO_OUTPUT, FLOW_IO_VALUE_ADDED, FLOW_IO_FINAL_DEMAND_TOTAL};
    SEXP out = PROTECT(flowr_list(3, names));
    for (int i = 0; i < 3; i++) {
        int64_t n = 0;
        const double *data = flow_io_model_view(model, parts[i], &n, NULL);
        SET_VECTOR_ELT(out, i, flowr_vector(data, n));
    }
    UNPROTECT(1);
    return out;
}

/* ---------------------------------------------------------------- n x n */

/* Indexed by the `which` codes of .flow_io_square() in R/io.R (4: the spillover matrix). */
static const int square_matrices[] = {FLOW_IO_LEONTIEF, FLOW_IO_GHOSH, FLOW_IO_TECHNICAL,
                                      FLOW_IO_ALLOCATION};

/* .Call entry: one n x n matrix of the model (L, G, A, B or the spillover matrix). */
SEXP flowr_io_square(SEXP handle, SEXP which)
{
    flow_io_model *model = model_of(handle);
    const int w = Rf_asInteger(which);
    flow_table *t = NULL;
    if (w == 4) {
        int status = flow_io_spillovers(NULL, NULL, &t, model);
        return flowr_table_result(status, t);
    }
    if (w < 0 || w >= (int)(sizeof square_matrices / sizeof square_matrices[0]))
        Rf_error("unknown matrix code %d", w);
    int status = flow_io_model_matrix(&t, model, square_matrices[w]);
    if (status != FLOW_OK)
        return flowr_failure(status);
    const int64_t n = flow_table_rows(t);
    double *dst = flowr_scratch(n * n);
    flow_table_copy_to(t, dst, n * n, n);
    flow_table_free(t);
    return flowr_matrix_from_row_major(dst, n, n, n);
}

/* .Call entry: x = L y (ghosh FALSE) or x' = v' G (TRUE) for every column of rhs. */
SEXP flowr_io_solve(SEXP handle, SEXP rhs, SEXP ghosh)
{
    flow_io_model *model = model_of(handle);
    int64_t n, m;
    const double *b = flowr_row_major(rhs, "y", &n, &m);
    if (n != model_order(model))
        Rf_error("the right-hand side has %lld rows, the model %lld sectors", (long long)n,
                 (long long)model_order(model));
    double *x = flowr_scratch(n * m);
    int status = Rf_asLogical(ghosh) ? flow_io_model_ghosh_solve(model, m, b, m, x, n * m, m)
                                     : flow_io_model_leontief_solve(model, m, b, m, x, n * m, m);
    return status == FLOW_OK ? flowr_matrix_from_row_major(x, n, m, m) : flowr_failure(status);
}

/*
 * .Call entry: the multipliers table (columns output, value_added, then one
 * per row of the nsat x n account matrix `accounts`, which may be NULL).
 */
SEXP flowr_io_multipliers(SEXP handle, SEXP accounts)
{
    flow_io_model *model = model_of(handle);
    flow_table *satellites = NULL, *t = NULL;
    int status = FLOW_OK;
    if (!Rf_isNull(accounts)) {
        int64_t nsat, n;
        const double *data = flowr_row_major(accounts, "f", &nsat, &n);
        if (n != model_order(model))
            Rf_error("the accounts have %lld columns, the model %lld sectors", (long long)n,
                     (long long)model_order(model));
        status = flow_table_new(&satellites, nsat, n, data, n);
    }
    if (status == FLOW_OK)
        status = flow_io_multipliers(&t, model, satellites);
    flow_table_free(satellites);
    return flowr_table_result(status, t);
}

/* .Call entry: the linkages table, total or direct. */
SEXP flowr_io_linkages(SEXP handle, SEXP direct)
{
    flow_table *t = NULL;
    int status = flow_io_linkages(&t, model_of(handle), Rf_asLogical(direct));
    return flowr_table_result(status, t);
}

/* .Call entry: the extraction sweep table (backward, forward, total). */
SEXP flowr_io_extraction(SEXP handle, SEXP drop_diagonal)
{
    const int flags = Rf_asLogical(drop_diagonal) ? FLOW_IO_EXTRACT_DROP_DIAGONAL : 0;
    flow_table *t = NULL;
    int status = flow_io_extraction_sweep(&t, model_of(handle), flags);
    return flowr_table_result(status, t);
}

/* ---------------------------------------------------------------- regions */

/* .Call entry: one regions x regions matrix: origin of the account f (which
 * 0; value added when f is NULL; as shares when `shares`), gross bilateral
 * trade (1), direct (2) or look-through (3) exposure, spillovers (4) or net
 * spillovers (5). */
SEXP flowr_io_regional(SEXP handle, SEXP which, SEXP shares, SEXP f)
{
    flow_io_model *model = model_of(handle);
    int64_t nf = 0;
    const double *account = Rf_isNull(f) ? NULL : flowr_doubles(f, "f", &nf);
    if (account != NULL && nf != model_order(model))
        Rf_error("'f' must have one entry per sector");
    flow_table *t = NULL;
    int status;
    switch (Rf_asInteger(which)) {
        case 0:
            status = flow_io_origin_matrix(&t, model, account, Rf_asLogical(shares));
            break;
        case 1:
            status = flow_io_bilateral_trade(&t, model);
            break;
        case 2:
            status = flow_exposure_from_io_model(&t, FLOW_EXPOSURE_DIRECT, model);
            break;
        case 3:
            status = flow_exposure_from_io_model(&t, FLOW_EXPOSURE_LOOK_THROUGH, model);
            break;
        case 4:
            status = flow_io_spillovers(&t, NULL, NULL, model);
            break;
        case 5:
            status = flow_io_spillovers(NULL, &t, NULL, model);
            break;
        default:
            Rf_error("unknown regional result code");
    }
    return flowr_table_result(status, t);
}

/* ---------------------------------------------------------------- diagnostics */

/* .Call entry: the diagnostics table of a model (flowr_table_result). */
SEXP flowr_io_diagnostics(SEXP handle, SEXP tolerance)
{
    flow_io_model *model = model_of(handle);
    flow_table *d = NULL;
    int status = flow_io_diagnostics(&d, model, Rf_asReal(tolerance));
    return flowr_table_result(status, d);
}

/* ---------------------------------------------------------------- satellites */

/* .Call entry: the footprints table (regions x consumption, production). */
SEXP flowr_io_footprints(SEXP handle, SEXP f)
{
    flow_io_model *model = model_of(handle);
    int64_t n;
    const double *data = flowr_doubles(f, "f", &n);
    if (n != model_order(model))
        Rf_error("'f' must have one entry per sector");
    flow_table *t = NULL;
    int status = flow_io_footprints(&t, model, data);
    return flowr_table_result(status, t);
}

/* Region indices (0-based) from an R integer vector. */
static const int64_t *region_indices(SEXP v, int64_t *n)
{
    if (TYPEOF(v) != INTSXP)
        Rf_error("region sets must be integer vectors");
    *n = (int64_t)XLENGTH(v);
    int64_t *out = (int64_t *)R_alloc((size_t)*n + 1, sizeof *out);
    for (int64_t i = 0; i < *n; i++)
        out[i] = INTEGER(v)[i];
    return out;
}

/* .Call entry: the table of output and loss after extracting the links between two region sets. */
SEXP flowr_io_extract_links(SEXP handle, SEXP first, SEXP second, SEXP severity, SEXP flags)
{
    int64_t n1, n2;
    const int64_t *s1 = region_indices(first, &n1), *s2 = region_indices(second, &n2);
    flow_table *t = NULL;
    int status = flow_io_extract_links(&t, model_of(handle), n1, s1, n2, s2, Rf_asReal(severity),
                                       Rf_asInteger(flags));
    return flowr_table_result(status, t);
}

/* ---------------------------------------------------------------- aggregation */

/* A 0-based map from an R integer vector of length n, or NULL for NULL. */
static const int64_t *index_map(SEXP map, int64_t n, const char *what)
{
    if (Rf_isNull(map))
        return NULL;
    if (TYPEOF(map) != INTSXP || XLENGTH(map) != n)
        Rf_error("'%s' must map each of the %lld old entries", what, (long long)n);
    int64_t len;
    return region_indices(map, &len);
}

/* .Call entry: a new model with regions and sectors merged by the maps
 * (NULL: identity) into the new codes. */
SEXP flowr_io_aggregate(SEXP handle, SEXP region_map, SEXP region_codes, SEXP sector_map,
                        SEXP sector_codes)
{
    const flow_io_model *model = model_of(handle);
    flowr_io_shape shape;
    int read = flowr_io_shape_read(&shape, model);
    if (read != FLOW_OK)
        return flowr_failure(read);
    const int64_t nr = shape.regions, ns = shape.sectors;
    const int64_t *rmap = index_map(region_map, nr, "regions");
    const int64_t *smap = index_map(sector_map, ns, "sectors");
    const int64_t new_r = rmap == NULL ? nr : (int64_t)XLENGTH(region_codes);
    const int64_t new_s = smap == NULL ? ns : (int64_t)XLENGTH(sector_codes);
    const char **rcodes = rmap == NULL ? NULL : flowr_strings(region_codes, "regions", new_r);
    const char **scodes = smap == NULL ? NULL : flowr_strings(sector_codes, "sectors", new_s);
    SEXP out = PROTECT(flowr_handle_new(&flowr_kind_io_model, R_NilValue));
    flow_io_model *result = NULL;
    int status = flow_io_model_aggregate(&result, model, new_r, rmap, rcodes, new_s, smap, scodes);
    R_SetExternalPtrAddr(out, result);
    UNPROTECT(1);
    return status == FLOW_OK ? out : flowr_failure(status);
}
