/*
 * io_country.c - .Call glue of the one builder from a dataset layer to a
 * country-level system (flow_io_model_new_from_dataset, libflow/io.h).
 */
#include "flowr.h"

#include "kinds.h"

/* .Call entry: the country system of (layer, year, product) of a dataset,
 * sized by convention `size` (a flow_country_size) from the GDP attribute
 * `gdp` (NULL for none). */
SEXP flowr_io_model_from_dataset(SEXP dataset, SEXP layer, SEXP year, SEXP product, SEXP gdp,
                                 SEXP size)
{
    const flow_dataset *ds = flowr_handle_get(dataset, &flowr_kind_dataset);
    const char *l = flowr_string(layer, "layer");
    const char *p = flowr_string(product, "product");
    const char *g = Rf_isNull(gdp) ? NULL : flowr_string(gdp, "gdp");
    SEXP handle = PROTECT(flowr_handle_new(&flowr_kind_io_model, R_NilValue));
    flow_io_model *model = NULL;
    int status = flow_io_model_new_from_dataset(&model, ds, l, flowr_int64(year, "year"), p, g,
                                                Rf_asInteger(size));
    R_SetExternalPtrAddr(handle, model);
    UNPROTECT(1);
    return status == FLOW_OK ? handle : flowr_failure(status);
}
