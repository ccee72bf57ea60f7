/*
 * defaults.c - the shared defaults that need the C library: the product
 * grouping a dataset takes at its first read (docs/defaults.md).
 */
#include "flowr.h"
#include "kinds.h"

/* Sets the product digits of a dataset that holds no flow yet; NULL on success. */
SEXP flowr_dataset_set_product_digits(SEXP handle, SEXP digits)
{
    flow_dataset *ds = flowr_handle_get(handle, &flowr_kind_dataset);
    int status = flow_dataset_set_product_digits(ds, flowr_int64(digits, "product_digits"));
    return status == FLOW_OK ? R_NilValue : flowr_failure(status);
}
