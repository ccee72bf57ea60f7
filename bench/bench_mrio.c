/*
 * bench_mrio.c - an OECD ICIO-layout CSV read, factored and turned into
 * footprints through libflow's public API, timed by phase:
 *
 *     bench_mrio ICIO.csv
 *
 * read (flow_mrio_read), factor (flow_io_model_factor), footprints (M and
 * D_cba_reg of the factor inputs, as bench/baseline_mrio_pandas.py computes
 * them). Prints RESULT lines and, for the comparison with the baseline, the
 * sum of D_cba_reg; peak memory is measured from outside (/usr/bin/time).
 */
#include "bench_common.h"

#include <libflow.h>
#include <stdio.h>

static int fail(const char *what)
{
    fprintf(stderr, "bench_mrio: %s: %s\n", what, flow_last_error());
    return 1;
}

int main(int argc, char **argv)
{
    flow_mrio *mrio = NULL;
    flow_table *m = NULL, *d = NULL;
    int64_t e = -1;
    if (argc != 2) {
        fprintf(stderr, "usage: bench_mrio ICIO.csv\n");
        return 2;
    }
    double t0 = bench_now();
    if (flow_mrio_read(&mrio, argv[1], FLOW_MRIO_ICIO, NULL) != FLOW_OK)
        return fail(argv[1]);
    double t1 = bench_now();
    if (flow_io_model_factor(flow_mrio_model(mrio)) != FLOW_OK)
        return fail("factor");
    double t2 = bench_now();
    if (flow_mrio_find_extension(mrio, "factor_inputs", &e) != FLOW_OK ||
        flow_mrio_account_table(&m, mrio, e, FLOW_MRIO_M) != FLOW_OK ||
        flow_mrio_account_table(&d, mrio, e, FLOW_MRIO_D_CBA_REG) != FLOW_OK)
        return fail("footprints");
    double t3 = bench_now();
    double sum = 0.0;
    for (int64_t i = 0; i < flow_table_rows(d) * flow_table_cols(d); i++)
        sum += flow_table_values(d)[i];
    bench_result("mrio.libflow.read", t1 - t0);
    bench_result("mrio.libflow.factor", t2 - t1);
    bench_result("mrio.libflow.footprints", t3 - t2);
    bench_result("mrio.libflow.total", t3 - t0);
    printf("CHECK d_cba_reg_sum %.10g\n", sum);
    int64_t order = 0;
    flow_io_model_view(flow_mrio_model(mrio), FLOW_IO_OUTPUT, &order, NULL);
    printf("INFO n %lld\n", (long long)order);
    flow_table_free(m);
    flow_table_free(d);
    flow_mrio_free(mrio);
    return 0;
}
