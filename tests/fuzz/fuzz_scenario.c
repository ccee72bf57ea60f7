/*
 * fuzz_scenario.c - libFuzzer target for the scenario parser and a shock run.
 *
 * The input is scenario text. When it parses, the scenario runs on a fixed
 * country system of eight economies (the codes the seeds use), and every
 * run that succeeds must conserve the cut flows: cut = rerouted + lost, all
 * three finite and non-negative (up to rounding). A copy of the scenario
 * must give the same totals, bit for bit.
 */
#include "libflow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond))                                                                               \
            abort();                                                                               \
    } while (0)

enum { N = 8 };
static const char *const codes[N] = {"CHN", "RUS", "USA", "DEU", "IND", "TUR", "KAZ", "HKG"};

static flow_io_model *model(void)
{
    static flow_io_model *m = NULL;
    if (m == NULL) {
        double flows[N * N], size[N];
        for (int i = 0; i < N; i++) {
            size[i] = 1000.0 + 250.0 * i;
            for (int j = 0; j < N; j++)
                flows[i * N + j] = i == j ? 0.0 : 5.0 + (double)((i * 7 + j * 3) % 11) * 4.0;
        }
        CHECK(flow_io_model_new_country(&m, N, flows, N, size, codes) == FLOW_OK);
        CHECK(flow_io_model_factor(m) == FLOW_OK);
    }
    return m;
}

static int run(const flow_scenario *s, double totals[3])
{
    static const char *const names[3] = {"cut", "rerouted", "lost"};
    flow_table *regions = NULL;
    int rc = flow_shock_run(&regions, NULL, model(), s, NULL);
    if (rc != FLOW_OK) {
        CHECK(regions == NULL);
        CHECK(flow_last_error()[0] != '\0');
        return rc;
    }
    for (int i = 0; i < 3; i++)
        CHECK(flow_table_scalar(regions, names[i], &totals[i]) == FLOW_OK);
    flow_table_free(regions);
    return rc;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *text = malloc(size + 1);
    flow_scenario *s = NULL, *copy = NULL;
    CHECK(text != NULL);
    memcpy(text, data, size);
    text[size] = '\0';
    int rc = flow_scenario_parse(&s, text, "fuzz");
    free(text);
    if (rc != FLOW_OK) {
        CHECK(s == NULL);
        CHECK(flow_last_error()[0] != '\0');
        return 0;
    }
    double a[3] = {0}, b[3] = {0};
    rc = run(s, a);
    if (rc == FLOW_OK) {
        double cut = a[0], rerouted = a[1], lost = a[2];
        double tol = 1e-9 * (1.0 + fabs(cut));
        CHECK(isfinite(cut) && isfinite(rerouted) && isfinite(lost));
        CHECK(cut >= -tol && rerouted >= -tol && lost >= -tol);
        CHECK(fabs(cut - (rerouted + lost)) <= tol);
        CHECK(flow_scenario_copy(&copy, s) == FLOW_OK);
        CHECK(run(copy, b) == FLOW_OK);
        CHECK(memcmp(a, b, sizeof a) == 0);
        flow_scenario_free(copy);
    }
    flow_scenario_free(s);
    return 0;
}
