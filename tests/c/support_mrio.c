/*
 * support_mrio.c - a random five-region MRIO model for the shock tests (its
 * own file of the support library, so that tests which do not build models
 * do not pull libflow calls into their link).
 */
#include "support.h"

#include <libflow.h>
#include <stdlib.h>

flow_io_model *flow_test_five_region_mrio(int n, int k, unsigned seed)
{
    static const char *const regions[5] = {"USA", "JPN", "RUS", "CHN", "TUR"};
    double *z = malloc((size_t)n * (size_t)n * sizeof *z);
    double *y = malloc((size_t)n * (size_t)k * sizeof *y);
    assert_non_null(z);
    assert_non_null(y);
    for (int i = 0; i < n * n; i++)
        z[i] = 8.0 * flow_test_uniform(&seed);
    for (int i = 0; i < n * k; i++)
        y[i] = 10.0 + 30.0 * flow_test_uniform(&seed);
    flow_io_model *m = NULL;
    assert_int_equal(flow_io_model_new(&m, n, z, k, y, NULL, NULL), FLOW_OK);
    assert_int_equal(flow_io_model_set_regions(m, 5, regions, NULL), FLOW_OK);
    free(z);
    free(y);
    return m;
}
