/*
 * defaults.c - what the shared defaults (docs/defaults.md) need from C: the
 * product grouping a dataset takes at its first read, and datasets whose
 * axis is the economies present in the data.
 *
 * A present-economies dataset is an external pointer holding
 * flow_dataset_drop_empty() of a private dataset over the ISO 3166-1 axis,
 * which it keeps alive as its protected value. Reads go into the private
 * dataset; flowr_dataset_refresh() then swaps the pointer's address for a
 * new drop_empty copy, so that every R reference to the dataset sees the new
 * axis (R copies matrices out: nothing borrows from the old copy).
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

/* A present-economies dataset over the (private) dataset full. */
SEXP flowr_dataset_present(SEXP full)
{
    const flow_dataset *src = flowr_handle_get(full, &flowr_kind_dataset);
    SEXP handle = PROTECT(flowr_handle_new(&flowr_kind_dataset, full));
    flow_dataset *ds = NULL;
    int status = flow_dataset_drop_empty(&ds, src);
    R_SetExternalPtrAddr(handle, ds);
    UNPROTECT(1);
    return status == FLOW_OK ? handle : flowr_failure(status);
}

/*
 * The private dataset of a present-economies dataset: its axis grows with
 * the economies the data name (ISO 3166-1 and ROW), so that matrices are
 * sized by the data.
 */
SEXP flowr_dataset_new_present(SEXP digits)
{
    SEXP handle = PROTECT(flowr_handle_new(&flowr_kind_dataset, R_NilValue));
    flow_dataset *ds = NULL;
    int status = flow_dataset_new_present(&ds, NULL);
    R_SetExternalPtrAddr(handle, ds);
    if (status == FLOW_OK && !Rf_isNull(digits))
        status = flow_dataset_set_product_digits(ds, flowr_int64(digits, "product_digits"));
    UNPROTECT(1);
    return status == FLOW_OK ? handle : flowr_failure(status);
}

/* The private dataset reads go into: full for a present-economies dataset, else itself. */
SEXP flowr_dataset_target(SEXP handle)
{
    flowr_handle_get(handle, &flowr_kind_dataset);
    SEXP full = R_ExternalPtrProtected(handle);
    return TYPEOF(full) == EXTPTRSXP ? full : handle;
}

/* After a read: a present-economies dataset takes the axis of its private one. */
SEXP flowr_dataset_refresh(SEXP handle)
{
    flow_dataset *old = flowr_handle_get(handle, &flowr_kind_dataset);
    SEXP full = R_ExternalPtrProtected(handle);
    if (TYPEOF(full) != EXTPTRSXP)
        return R_NilValue;
    flow_dataset *ds = NULL;
    int status = flow_dataset_drop_empty(&ds, flowr_handle_get(full, &flowr_kind_dataset));
    if (status != FLOW_OK)
        return flowr_failure(status);
    R_SetExternalPtrAddr(handle, ds);
    flow_dataset_free(old);
    return R_NilValue;
}
