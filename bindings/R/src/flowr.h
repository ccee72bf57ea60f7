/*
 * flowr.h - helpers shared by the .Call glue of the libflow R package.
 *
 * Error discipline: a glue function never calls Rf_error() while it holds a
 * libflow handle or any other C resource, because Rf_error() longjmps out of
 * the function and would skip the cleanup. A libflow failure is instead
 * returned to R as a "flowr_failure" object (flowr_failure()); the R wrapper
 * (.flow_call() in R/errors.R) turns it into a classed R error carrying
 * flow_last_error()'s message. Rf_error() is used only to reject malformed
 * arguments before anything is acquired. Scratch buffers come from
 * R_alloc(), which R reclaims at the end of the .Call even after a longjmp.
 */
#ifndef FLOWR_H
#define FLOWR_H

#define R_NO_REMAP
#include <R.h>
#include <Rinternals.h>

#include <libflow.h>
#include <stdint.h>

/* ---------------------------------------------------------------- errors */

/*
 * The failure object for status `status`: list(status, message) of class
 * "flowr_failure", with the message copied from flow_last_error() (or
 * flow_strerror() when libflow recorded none). Call it right after the
 * failing libflow call, before any other libflow call on this thread.
 */
SEXP flowr_failure(int status);

/* ---------------------------------------------------------------- handles */

/*
 * One kind of libflow handle wrapped in an R external pointer: its name
 * (the external pointer's tag and R class) and the libflow function that
 * frees it. The table of kinds lives in handles.c.
 */
typedef struct flowr_kind {
    const char *name;
    void (*free)(void *handle);
} flowr_kind;

/*
 * A new external pointer of kind `kind` holding NULL, with its finalizer
 * registered and class c(kind->name, "flow_handle"). Create it before the
 * libflow constructor runs and store the handle with
 * R_SetExternalPtrAddr(), so that no allocation failure in R can leak the
 * handle. `owner` (or R_NilValue) is kept alive as long as the pointer: use
 * it for a handle whose borrowed data belongs to another handle.
 */
SEXP flowr_handle_new(const flowr_kind *kind, SEXP owner);

/*
 * Frees the handle inside `x` now and clears the pointer (nothing when it is
 * already clear): the finalizer, flow_close(), and glue that is done with a
 * temporary handle all release through here.
 */
void flowr_release(SEXP x);

/*
 * The libflow handle inside `x`, which must be an open external pointer of
 * kind `kind`; an R error otherwise (call it before acquiring resources).
 */
void *flowr_handle_get(SEXP x, const flowr_kind *kind);

/*
 * The R matrix of a flow_table: values, dimnames from its row and column
 * labels (NULL for an axis whose labels are all empty) and, when set, the
 * group labels as the attributes "row_groups" and "col_groups".
 */
SEXP flowr_table_to_matrix(const flow_table *table);

/*
 * The one converter of analysis results: the status of a call that made
 * *table, then the table as an R matrix (flowr_table_to_matrix, its named
 * scalars in attribute "scalars"); the table is freed either way. A failed
 * status gives a flowr_failure.
 */
SEXP flowr_table_result(int status, flow_table *table);

/* ---------------------------------------------------------------- progress */

/*
 * An R function called as the progress callback of one read (progress.c).
 * fn is the guard closure made by .flow_progress_guard() in R, or R_NilValue
 * for no callback; store is a list of length 1, protected by the caller for
 * the whole read, that receives the condition the user's function raised.
 * done, total and cancel pass the arguments and the answer of one call.
 * The struct lives on the stack of the .Call entry that runs the read.
 */
typedef struct flowr_progress {
    SEXP fn;
    SEXP store;
    int64_t done;
    int64_t total;
    int cancel;
} flowr_progress;

/* Sets p as the progress callback of opts when p->fn is a function; the
 * status of flow_read_options_set_progress() (FLOW_OK when there is none). */
int flowr_progress_attach(flowr_progress *p, flow_read_options *opts);

/*
 * `out` (a result or a flowr_failure), with the condition raised by the
 * user's progress function attached as attribute "progress_condition" when
 * there was one. Call it after the read has returned; .flow_call() signals
 * the condition in R.
 */
SEXP flowr_progress_outcome(const flowr_progress *p, SEXP out);

/* ---------------------------------------------------------------- arrays */

/*
 * A row-major copy (row stride *ncol elements) of the R double matrix `m`,
 * which R stores column-major, in R_alloc() memory. Sets *nrow and *ncol.
 * `what` names the argument in the R error raised for a non-double matrix.
 */
const double *flowr_row_major(SEXP m, const char *what, int64_t *nrow, int64_t *ncol);

/*
 * A new R double matrix (nrow x ncol, column-major) holding the row-major
 * data `src` whose rows start `row_stride` elements apart.
 */
SEXP flowr_matrix_from_row_major(const double *src, int64_t nrow, int64_t ncol, int64_t row_stride);

/*
 * The data of the R double vector `v` and its length; an R error naming
 * `what` when `v` is not a double vector.
 */
const double *flowr_doubles(SEXP v, const char *what, int64_t *len);

/*
 * The whole number x (a double or an integer) as int64_t; an R error naming
 * `what` for NA, a fraction or a value outside int64_t (casting those would be
 * undefined behaviour).
 */
int64_t flowr_whole(double x, const char *what);

/* flowr_whole() of the single number in `v`. */
int64_t flowr_int64(SEXP v, const char *what);

/* A scratch buffer of `n` doubles in R_alloc() memory (n may be 0). */
double *flowr_scratch(int64_t n);

/* A new R double vector holding the n values of src. */
SEXP flowr_vector(const double *src, int64_t n);

/*
 * The strings of the R character vector `s` as UTF-8 C strings in R_alloc()
 * memory (NULL when `s` is NULL). An R error naming `what` when `s` is not a
 * character vector of length `n` without NA (n < 0: any length).
 */
const char **flowr_strings(SEXP s, const char *what, int64_t n);

/* The one string in `s` as UTF-8; an R error naming `what` otherwise. */
const char *flowr_string(SEXP s, const char *what);

/*
 * An R character vector of the n strings get(handle, i); a NULL string
 * becomes "".
 */
SEXP flowr_string_vector(const void *handle, const char *(*get)(const void *, int64_t), int64_t n);

/* A new list of n NULL elements named names[0..n); fill with SET_VECTOR_ELT. */
SEXP flowr_list(int n, const char *const *names);

/*
 * Gives each entry of settings (a named list of character(1) texts; an entry
 * named "progress" is skipped) to set(opts, name, text) in order; returns the
 * first failing status or FLOW_OK. (options.c)
 */
typedef int (*flowr_option_setter)(void *opts, const char *name, const char *value);
int flowr_apply_options(void *opts, flowr_option_setter set, SEXP settings);

/*
 * An IO model's sizes and labels (flow_io_model_labels: order, regions,
 * sectors per region, final-demand columns, their codes and owners, -1 for
 * none) copied into R_alloc() memory. (io.c)
 */
typedef struct flowr_io_shape {
    int64_t n, k, regions, sectors;
    const char **region_codes, **sector_codes, **fd_labels;
    int64_t *fd_owner;
} flowr_io_shape;

/* Fills s from model; FLOW_OK or the status of flow_io_model_labels. */
int flowr_io_shape_read(flowr_io_shape *s, const flow_io_model *model);

#endif /* FLOWR_H */
