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
    double rus[LAYERS][FLOW_DYAD_MEASURE_COUNT], chn[LAYERS][FLOW_DYAD_MEASURE_COUNT];
    flow_dataset *ds = NULL;
    char path[4096];

    check(flow_dataset_new(&ds, NULL), "dataset");
    check(flow_dataset_set_product_digits(ds, 1000), "product grouping");
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[f]);
        check(flow_dataset_read_csv(ds, path, NULL, NULL), path);
    }
    /* Row l: every dyad measure of (RUS, CHN), and of (CHN, RUS), in layer l. */
    check(flow_dyad_profile_from_dataset(&rus[0][0], LAYERS * FLOW_DYAD_MEASURE_COUNT,
                                         FLOW_DYAD_MEASURE_COUNT, ds, LAYERS, layers, years,
                                         products, NULL, NULL, "RUS", "CHN"),
          "profile RUS-CHN");
    check(flow_dyad_profile_from_dataset(&chn[0][0], LAYERS * FLOW_DYAD_MEASURE_COUNT,
                                         FLOW_DYAD_MEASURE_COUNT, ds, LAYERS, layers, years,
                                         products, NULL, NULL, "CHN", "RUS"),
          "profile CHN-RUS");

    printf("%-8s %4s %-13s %11s %11s %12s %12s %9s %9s\n", "layer", "year", "product", "CHN_in_RUS",
           "RUS_in_CHN", "RUS_imp_CHN", "CHN_imp_RUS", "asym_norm", "salience");
    for (int l = 0; l < LAYERS; l++)
        printf("%-8s %4lld %-13s %11.6f %11.6f %12.6f %12.6f %9.6f %9.6f\n", layers[l],
               (long long)years[l], products[l] ? products[l] : "all",
               rus[l][FLOW_DYAD_TRADE_SHARE], chn[l][FLOW_DYAD_TRADE_SHARE],
               rus[l][FLOW_DYAD_IMPORT_SHARE], chn[l][FLOW_DYAD_IMPORT_SHARE],
               rus[l][FLOW_DYAD_NORMALIZED_ASYMMETRY], rus[l][FLOW_DYAD_SALIENCE]);
    printf("\nCHN_in_RUS: China's share of Russia's exports + imports; RUS_imp_CHN: share of\n"
           "Russia's imports that come from China; asym_norm > 0: Russia depends more.\n");
    flow_dataset_free(ds);
    return 0;
}
