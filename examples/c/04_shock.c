/*
 * 04_shock.c - a sanctions shock on goods trade, with and without rerouting.
 *
 *   04_shock [DATA_DIR]     (default: data)
 *
 * Builds the country-level dependency system of goods trade in 2023 among
 * the demo economies (A_ij = flow_ij / GDP_j), cuts every flow between the
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

enum { MAX_ECONOMIES = 64 };

/* The system: economies with a known GDP, trade 2023 summed over products. */
struct system {
    int64_t n;
    char code[MAX_ECONOMIES][16];
    const char *codes[MAX_ECONOMIES]; /* code[i], as flow_io_model_new_country takes them */
    double gdp[MAX_ECONOMIES];        /* USD_m, the unit of the flows */
    double flows[MAX_ECONOMIES * MAX_ECONOMIES];
};

static void build(struct system *s, const char *dir)
{
    flow_dataset *ds = NULL;
    char path[4096];
    const double *v = NULL;
    int64_t n = 0, stride = 0;
    check(flow_dataset_new(&ds, NULL), "dataset");
    snprintf(path, sizeof path, "%s/trade.csv", dir);
    check(flow_dataset_read_csv(ds, path, NULL, NULL), path); /* products summed */
    snprintf(path, sizeof path, "%s/economies.csv", dir);
    check(flow_dataset_read_attributes(ds, path, "code", 0), path);
    double *gdp = malloc((size_t)flow_dataset_economy_count(ds) * sizeof *gdp);
    int64_t *index = malloc((size_t)flow_dataset_economy_count(ds) * sizeof *index);
    if (gdp == NULL || index == NULL)
        exit(1);
    check(flow_dataset_attribute(ds, "gdp_usd_bn_2023", gdp, flow_dataset_economy_count(ds)),
          "GDP");
    check(flow_dataset_matrix_view(ds, "trade", 2023, "", &v, &n, &stride), "trade 2023");
    s->n = 0;
    for (int64_t i = 0; i < n && s->n < MAX_ECONOMIES; i++)
        if (!isnan(gdp[i])) {
            index[s->n] = i;
            snprintf(s->code[s->n], sizeof s->code[s->n], "%s",
                     flow_labels_code(flow_dataset_economies(ds), i));
            s->codes[s->n] = s->code[s->n];
            s->gdp[s->n++] = gdp[i] * 1000.0; /* USD bn -> USD_m */
        }
    for (int64_t a = 0; a < s->n; a++)
        for (int64_t b = 0; b < s->n; b++)
            s->flows[a * s->n + b] = a == b ? 0.0 : v[index[a] * stride + index[b]];
    free(gdp);
    free(index);
    flow_dataset_free(ds);
}

static void run(flow_io_model *model, const flow_scenario *scenario, const char *title)
{
    flow_shock_result *r = NULL;
    double cut = 0, rerouted = 0, lost = 0, loss[MAX_ECONOMIES], output[MAX_ECONOMIES];
    check(flow_shock_run(&r, model, scenario, NULL), title);
    int64_t regions = flow_shock_result_regions(r);
    check(flow_shock_result_totals(r, &cut, &rerouted, &lost), "totals");
    check(flow_shock_result_region_values(r, FLOW_SHOCK_DEMAND_TOTAL, loss, MAX_ECONOMIES),
          "losses");
    check(flow_shock_result_region_values(r, FLOW_SHOCK_OUTPUT, output, MAX_ECONOMIES), "sizes");
    printf("%s\ncut %.6f rerouted %.6f lost %.6f (USD_m)\n", title, cut, rerouted, lost);
    for (int64_t i = 0; i < regions; i++)
        if (fabs(loss[i]) >= 1.0)
            printf("loss %s %.6f USD_m = %.4f%% of GDP\n", flow_shock_result_region_code(r, i),
                   loss[i], 100.0 * loss[i] / output[i]);
    printf("\n");
    flow_shock_result_free(r);
}

int main(int argc, char **argv)
{
    static const char *const coalition[] = {"USA", "JPN", "DEU", "FRA", "GBR",
                                            "ITA", "NLD", "POL", "KOR"};
    static const char *const via[] = {"CHN", "IND", "TUR", "ARE", "KAZ", "HKG"};
    static struct system s; /* large: not on the stack */
    flow_io_model *model = NULL;
    flow_scenario *cut = NULL, *evasion = NULL;

    build(&s, argc > 1 ? argv[1] : "data");
    check(flow_io_model_new_country(&model, s.n, s.flows, s.n, s.gdp, s.codes), "system");

    check(flow_scenario_new(&cut), "scenario");
    check(flow_scenario_set_name(cut, "coalition_russia_trade"), "name");
    for (size_t k = 0; k < sizeof coalition / sizeof coalition[0]; k++)
        check(flow_scenario_add_sanctioning(cut, coalition[k]), "sanctioning");
    check(flow_scenario_add_target(cut, "RUS"), "target");
    check(flow_scenario_set_direction(cut, FLOW_SHOCK_BOTH), "direction");
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
