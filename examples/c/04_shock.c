/*
 * 04_shock.c - a sanctions shock on goods trade, with and without rerouting.
 *
 *   04_shock [DATA_DIR]     (default: data)
 *
 * Builds the country-level dependency system of goods trade in 2023 among
 * the demo economies (A_ij = flow_ij / x_j, x = GDP + imports), cuts every flow between the
 * coalition in the data (G7, EU members and Korea) and Russia, and prints
 * the flows cut, rerouted and lost and the demand-lens (Leontief) loss of
 * every economy hit: first with no evasion, then with 60% of each cut flow
 * seeking a route through China, India, Turkiye, the UAE, Kazakhstan and
 * Hong Kong. The rerouting here is unbounded (no throughput bound, no
 * minimum route share), so that its arithmetic can be followed by hand;
 * the library's default bounds each leg by its observed flow.
 */
#include "example.h"

#include <math.h>
#include <stdint.h>

/*
 * The system: trade 2023 summed over products, every economy sized by GDP +
 * imports (value added = GDP, final demand = absorption), the library's one
 * country-system convention.
 */
static flow_io_model *build(const char *dir)
{
    flow_dataset *ds = NULL;
    flow_io_model *model = NULL;
    char path[4096];
    check(flow_dataset_new(&ds, NULL), "dataset");
    snprintf(path, sizeof path, "%s/trade.csv", dir);
    check(flow_dataset_read_csv(ds, path, NULL, NULL), path); /* products summed */
    snprintf(path, sizeof path, "%s/economies.csv", dir);
    check(flow_dataset_read_attributes(ds, path, "code", 0), path);
    check(flow_io_model_new_from_dataset(&model, ds, "trade", 2023, NULL, "gdp_usd_bn_2023",
                                         FLOW_SIZE_GDP_PLUS_IMPORTS),
          "system");
    flow_dataset_free(ds);
    return model;
}

static void run(flow_io_model *model, const flow_scenario *scenario, const char *title)
{
    flow_table *r = NULL; /* one row per economy, one column per quantity */
    double cut = 0, rerouted = 0, lost = 0;
    int64_t loss = 0, output = 0;
    check(flow_shock_run(&r, NULL, model, scenario, NULL), title);
    check(flow_table_scalar(r, "cut", &cut) | flow_table_scalar(r, "rerouted", &rerouted) |
              flow_table_scalar(r, "lost", &lost),
          "totals");
    check(flow_table_find_col(r, "demand_total", NULL, &loss) |
              flow_table_find_col(r, "output", NULL, &output),
          "columns");
    printf("%s\ncut %.6f rerouted %.6f lost %.6f (USD_m)\n", title, cut, rerouted, lost);
    const double *v = flow_table_values(r);
    int64_t cols = flow_table_cols(r);
    for (int64_t i = 0; i < flow_table_rows(r); i++)
        if (fabs(v[i * cols + loss]) >= 1.0)
            printf("loss %s %.6f USD_m = %.4f%% of its size (GDP + imports)\n",
                   flow_table_row_label(r, i), v[i * cols + loss],
                   100.0 * v[i * cols + loss] / v[i * cols + output]);
    printf("\n");
    flow_table_free(r);
}

int main(int argc, char **argv)
{
    static const char *const coalition[] = {"USA", "JPN", "DEU", "FRA", "GBR",
                                            "ITA", "NLD", "POL", "KOR"};
    static const char *const via[] = {"CHN", "IND", "TUR", "ARE", "KAZ", "HKG"};
    flow_scenario *cut = NULL, *evasion = NULL;
    flow_io_model *model = build(argc > 1 ? argv[1] : "data");

    check(flow_scenario_new(&cut), "scenario");
    check(flow_scenario_set_name(cut, "coalition_russia_trade"), "name");
    for (size_t k = 0; k < sizeof coalition / sizeof coalition[0]; k++)
        check(flow_scenario_add_sanctioning(cut, coalition[k]), "sanctioning");
    check(flow_scenario_add_target(cut, "RUS"), "target");
    check(flow_scenario_set_direction(cut, FLOW_BOTH), "direction");
    check(flow_scenario_set_severity(cut, "*", "*", 1.0), "severity");
    run(model, cut, "Full cut, no rerouting");

    check(flow_scenario_copy(&evasion, cut), "copy");
    check(flow_scenario_set_substitution(evasion, "*", "*", 0.6), "rho");
    check(flow_scenario_set_throughput(evasion, INFINITY), "throughput");
    check(flow_scenario_set_min_share(evasion, 0.0), "minimum share");
    for (size_t k = 0; k < sizeof via / sizeof via[0]; k++)
        check(flow_scenario_add_intermediary(evasion, via[k]), "intermediary");
    run(model, evasion, "Full cut, 60% rerouted through third countries");

    flow_scenario_free(evasion);
    flow_scenario_free(cut);
    flow_io_model_free(model);
    return 0;
}
