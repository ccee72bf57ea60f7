/*
 * 01_load_summary.c - load the demo data and say what it holds.
 *
 *   01_load_summary [DATA_DIR]     (default: data)
 *
 * Reads the trade, energy and finance flows into one dataset, prints each
 * file's row accounting, the total of every (layer, year, product) matrix
 * and Russia's largest suppliers of electrical machinery (HS 85) in 2023.
 */
#include "example.h"

#include <stdint.h>

int main(int argc, char **argv)
{
    static const char *const files[] = {"trade.csv", "energy.csv", "finance.csv"};
    const char *dir = argc > 1 ? argv[1] : "data";
    flow_dataset *ds = NULL;
    flow_read_report *report = NULL;
    char path[4096];

    check(flow_dataset_new(&ds, NULL), "dataset");
    /* Keep every product code in its own matrix: oil in Mt and gas in bcm must not be summed. */
    check(flow_dataset_set_product_digits(ds, 1000), "product grouping");
    check(flow_read_report_new(&report), "report");
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[f]);
        check(flow_dataset_read_csv(ds, path, NULL, report), path);
        /* The counts are one row: rows, accepted, filtered, rejected, ... */
        flow_table *counts = NULL;
        check(flow_read_report_table(&counts, report, FLOW_REPORT_COUNTS), "report counts");
        const double *n = flow_table_values(counts);
        printf("read %s: %.0f rows, %.0f accepted, %.0f rejected\n", files[f], n[0], n[1], n[3]);
        flow_table_free(counts);
    }

    /* The economies present in the files, the default axis of every interface
     * (docs/defaults.md): the 225 other ISO economies would be rows of zeros. */
    flow_dataset *present = NULL;
    check(flow_dataset_drop_empty(&present, ds), "economies present");
    flow_dataset_free(ds);
    ds = present;

    printf("\n%lld economies on the axis, %lld matrices:\n",
           (long long)flow_dataset_economy_count(ds), (long long)flow_dataset_matrix_count(ds));
    for (int64_t k = 0; k < flow_dataset_matrix_count(ds); k++) {
        const char *layer = NULL, *product = NULL;
        const double *v = NULL;
        int64_t year = 0, n = 0, stride = 0, flows = 0;
        double total = 0.0;
        check(flow_dataset_matrix_key(ds, k, &layer, &year, &product), "matrix key");
        check(flow_dataset_matrix_view(ds, layer, year, product, &v, &n, &stride), "matrix");
        for (int64_t i = 0; i < n; i++)
            for (int64_t j = 0; j < n; j++) {
                total += v[i * stride + j];
                flows += v[i * stride + j] != 0.0;
            }
        printf("matrix %s %lld %s: total %.10g %s in %lld flows\n", layer, (long long)year, product,
               total, flow_dataset_matrix_unit(ds, layer, year, product), (long long)flows);
    }

    flow_table *top = NULL;
    double total = 0.0, nonzero = 0.0;
    check(flow_dataset_top_partners(&top, ds, "trade", 2023, "85", "RUS", FLOW_IMPORTS, 3),
          "top partners");
    flow_table_scalar(top, "total", &total);
    flow_table_scalar(top, "nonzero", &nonzero);
    printf("\nRussia's imports of HS 85 in 2023: %.10g USD_m from %.0f suppliers; largest:\n",
           total, nonzero);
    const double *row = flow_table_values(top); /* columns: value, share */
    for (int64_t k = 0; k < flow_table_rows(top); k++)
        printf("supplier %lld %s %.10g (%.2f%%)\n", (long long)(k + 1),
               flow_table_row_label(top, k), row[2 * k], 100.0 * row[2 * k + 1]);
    flow_table_free(top);

    flow_read_report_free(report);
    flow_dataset_free(ds);
    return 0;
}
