/*
 * 03_asymmetry.c - how asymmetric is the Russia-China relationship?
 *
 *   03_asymmetry [DATA_DIR]     (default: data)
 *
 * For each layer of the demo data (goods trade 2023, crude oil and pipeline
 * gas 2022, bank claims 2022) prints, for the dyad Russia-China: the share of
 * each in the other's total flows (exports + imports), the share of each
 * one's imports that comes from the other, the normalised asymmetry
 * (TS_RUS,CHN - TS_CHN,RUS) / (TS_RUS,CHN + TS_CHN,RUS) (> 0: Russia depends
 * more) and Barbieri's salience.
 */
#include "example.h"

#include <stdint.h>

int main(int argc, char **argv)
{
    static const char *const files[] = {"trade.csv", "energy.csv", "finance.csv"};
    static const char *const layers[] = {"trade", "energy", "energy", "finance"};
    static const int64_t years[] = {2023, 2022, 2022, 2022};
    /* NULL: every product of the layer summed (goods trade, all in USD_m). */
    static const char *const products[] = {NULL, "crude_oil", "pipeline_gas", NULL};
    enum { LAYERS = 4 };
    const char *dir = argc > 1 ? argv[1] : "data";
    flow_dataset *ds = NULL;
    flow_dyad_layers *selection = NULL;
    flow_table *rus = NULL, *chn = NULL;
    char path[4096];

    check(flow_dataset_new(&ds, NULL), "dataset");
    check(flow_dataset_set_product_digits(ds, 1000), "product grouping");
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[f]);
        check(flow_dataset_read_csv(ds, path, NULL, NULL), path);
    }
    /* The matrices compared (no sizes: the dependence is the trade share). */
    check(flow_dyad_layers_new(&selection, NULL), "layers");
    for (int l = 0; l < LAYERS; l++)
        check(flow_dyad_layers_add(selection, layers[l], years[l], products[l], 1.0), "layer");
    /* Row l: every dyad measure of (RUS, CHN), and of (CHN, RUS), in layer l. */
    check(flow_dyad_profile_from_dataset(&rus, ds, selection, "RUS", "CHN"), "profile RUS-CHN");
    check(flow_dyad_profile_from_dataset(&chn, ds, selection, "CHN", "RUS"), "profile CHN-RUS");
    const double *r = flow_table_values(rus), *c = flow_table_values(chn);
    enum { M = FLOW_DYAD_MEASURE_COUNT }; /* columns in flow_dyad_measure order */

    printf("%-8s %4s %-13s %11s %11s %12s %12s %9s %9s\n", "layer", "year", "product", "CHN_in_RUS",
           "RUS_in_CHN", "RUS_imp_CHN", "CHN_imp_RUS", "asym_norm", "salience");
    for (int l = 0; l < LAYERS; l++)
        printf("%-8s %4lld %-13s %11.6f %11.6f %12.6f %12.6f %9.6f %9.6f\n", layers[l],
               (long long)years[l], products[l] ? products[l] : "all",
               r[l * M + FLOW_DYAD_TRADE_SHARE], c[l * M + FLOW_DYAD_TRADE_SHARE],
               r[l * M + FLOW_DYAD_IMPORT_SHARE], c[l * M + FLOW_DYAD_IMPORT_SHARE],
               r[l * M + FLOW_DYAD_NORMALIZED_ASYMMETRY], r[l * M + FLOW_DYAD_SALIENCE]);
    printf("\nCHN_in_RUS: China's share of Russia's exports + imports; RUS_imp_CHN: share of\n"
           "Russia's imports that come from China; asym_norm > 0: Russia depends more.\n");
    flow_table_free(rus);
    flow_table_free(chn);
    flow_dyad_layers_free(selection);
    flow_dataset_free(ds);
    return 0;
}
