/*
 * test_indices.c - dyadic shares, Barbieri, asymmetry, sensitivity and
 * vulnerability, concentration, strategic-dependency flags, look-through
 * exposure and rankings on small matrices worked out by hand (the arithmetic
 * is written next to each expectation).
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <string.h>

#define TOL 1e-12

/*
 * Three economies A, B, C: A->B 6, A->C 4, B->A 2, nothing else. The diagonal
 * entry A->A = 100 must be ignored. Exports X = [10, 2, 0], imports
 * M = [2, 6, 4], total trade TT = [12, 8, 4]; dyad B-C has no trade.
 */
static const double three[9] = {100, 6, 4, 2, 0, 0, 0, 0, 0};

/* Entry (i, j) of one measure, read from the measure's table. */
static double at(const flow_dyads *d, int measure, int64_t i, int64_t j)
{
    flow_table *t = NULL;
    assert_int_equal(flow_dyads_table(&t, d, measure), FLOW_OK);
    double v = flow_table_values(t)[i * flow_table_cols(t) + j];
    flow_table_free(t);
    return v;
}

static void test_shares_follow_row_reference_convention(void **state)
{
    (void)state;
    flow_dyads *d = NULL;
    assert_int_equal(flow_dyads_new(&d, three, 3, 3, NULL), FLOW_OK);
    flow_table *t = NULL;
    assert_int_equal(flow_dyads_table(&t, d, FLOW_DYAD_TRADE_SHARE), FLOW_OK);
    assert_int_equal(flow_table_rows(t), 3);
    assert_int_equal(flow_table_cols(t), 3);
    assert_string_equal(flow_table_row_label(t, 0), ""); /* built from an array: unlabelled */
    flow_table_free(t);
    /* export shares: row A = [0, 6/10, 4/10], B = [2/2, 0, 0], C exports nothing. */
    assert_close(at(d, FLOW_DYAD_EXPORT_SHARE, 0, 0), 0.0, TOL);
    assert_close(at(d, FLOW_DYAD_EXPORT_SHARE, 0, 1), 0.6, TOL);
    assert_close(at(d, FLOW_DYAD_EXPORT_SHARE, 0, 2), 0.4, TOL);
    assert_close(at(d, FLOW_DYAD_EXPORT_SHARE, 1, 0), 1.0, TOL);
    assert_true(isnan(at(d, FLOW_DYAD_EXPORT_SHARE, 2, 0)));
    /* import shares, row = importer: A gets 2 of 2 from B; C gets 4 of 4 from A. */
    assert_close(at(d, FLOW_DYAD_IMPORT_SHARE, 0, 1), 1.0, TOL);
    assert_close(at(d, FLOW_DYAD_IMPORT_SHARE, 2, 0), 1.0, TOL);
    assert_close(at(d, FLOW_DYAD_IMPORT_SHARE, 2, 1), 0.0, TOL);
    /* total-trade shares: A: B 8/12, C 4/12; B: A 8/8; C: A 4/4. */
    assert_close(at(d, FLOW_DYAD_TRADE_SHARE, 0, 1), 8.0 / 12.0, TOL);
    assert_close(at(d, FLOW_DYAD_TRADE_SHARE, 0, 2), 4.0 / 12.0, TOL);
    assert_close(at(d, FLOW_DYAD_TRADE_SHARE, 1, 0), 1.0, TOL);
    assert_close(at(d, FLOW_DYAD_TRADE_SHARE, 2, 0), 1.0, TOL);
    flow_dyads_free(d);
}

static void test_barbieri_and_zero_dyad(void **state)
{
    (void)state;
    flow_dyads *d = NULL;
    assert_int_equal(flow_dyads_new(&d, three, 3, 3, NULL), FLOW_OK);
    /* A-B: salience sqrt(2/3 * 1), symmetry 1 - |2/3 - 1| = 2/3. */
    double sal = sqrt(2.0 / 3.0);
    assert_close(at(d, FLOW_DYAD_SALIENCE, 0, 1), sal, TOL);
    assert_close(at(d, FLOW_DYAD_SALIENCE, 1, 0), sal, TOL);
    assert_close(at(d, FLOW_DYAD_SYMMETRY, 0, 1), 2.0 / 3.0, TOL);
    assert_close(at(d, FLOW_DYAD_INTERDEPENDENCE, 0, 1), sal * 2.0 / 3.0, TOL);
    /* A-C: salience sqrt(1/3), symmetry 1/3. */
    assert_close(at(d, FLOW_DYAD_SALIENCE, 2, 0), sqrt(1.0 / 3.0), TOL);
    assert_close(at(d, FLOW_DYAD_SYMMETRY, 2, 0), 1.0 / 3.0, TOL);
    /* B-C has no trade: salience 0, interdependence 0, symmetry and asymmetry NaN. */
    assert_close(at(d, FLOW_DYAD_SALIENCE, 1, 2), 0.0, 0.0);
    assert_close(at(d, FLOW_DYAD_INTERDEPENDENCE, 2, 1), 0.0, 0.0);
    assert_true(isnan(at(d, FLOW_DYAD_SYMMETRY, 1, 2)));
    assert_true(isnan(at(d, FLOW_DYAD_ASYMMETRY, 1, 2)));
    assert_true(isnan(at(d, FLOW_DYAD_NORMALIZED_ASYMMETRY, 2, 1)));
    /* Without sizes dependence is the trade share: asymmetry B->A = 1 - 2/3,
     * normalised (1 - 2/3) / (1 + 2/3) = 0.2. */
    assert_close(at(d, FLOW_DYAD_ASYMMETRY, 1, 0), 1.0 / 3.0, TOL);
    assert_close(at(d, FLOW_DYAD_ASYMMETRY, 0, 1), -1.0 / 3.0, TOL);
    assert_close(at(d, FLOW_DYAD_NORMALIZED_ASYMMETRY, 1, 0), 0.2, TOL);
    flow_dyads_free(d);
}

static void test_dependence_relative_to_size(void **state)
{
    (void)state;
    /* GDP [100, 10, 40]: D_A->B = 8/100, D_B->A = 8/10, D_A->C = 4/100,
     * D_C->A = 4/40; B's size unknown in the second run. */
    const double gdp[3] = {100, 10, 40};
    flow_dyads *d = NULL;
    assert_int_equal(flow_dyads_new(&d, three, 3, 3, gdp), FLOW_OK);
    assert_close(at(d, FLOW_DYAD_DEPENDENCE, 0, 1), 0.08, TOL);
    assert_close(at(d, FLOW_DYAD_DEPENDENCE, 1, 0), 0.8, TOL);
    assert_close(at(d, FLOW_DYAD_ASYMMETRY, 1, 0), 0.72, TOL);
    assert_close(at(d, FLOW_DYAD_NORMALIZED_ASYMMETRY, 1, 0), 0.72 / 0.88, TOL);
    assert_close(at(d, FLOW_DYAD_ASYMMETRY, 2, 0), 0.06, TOL);
    assert_close(at(d, FLOW_DYAD_NORMALIZED_ASYMMETRY, 2, 0), 0.06 / 0.14, TOL);
    flow_dyads_free(d);

    const double partly_unknown[3] = {100, NAN, 40};
    assert_int_equal(flow_dyads_new(&d, three, 3, 3, partly_unknown), FLOW_OK);
    assert_true(isnan(at(d, FLOW_DYAD_DEPENDENCE, 1, 0)));
    assert_true(isnan(at(d, FLOW_DYAD_ASYMMETRY, 0, 1)));
    assert_close(at(d, FLOW_DYAD_ASYMMETRY, 2, 0), 0.06, TOL);
    flow_dyads_free(d);

    const double zero_size[3] = {100, 0, 40};
    static int sentinel;
    d = (flow_dyads *)(void *)&sentinel; /* must be reset to NULL on failure */
    assert_int_equal(flow_dyads_new(&d, three, 3, 3, zero_size), FLOW_ERR_VALUE);
    assert_null(d);
    assert_non_null(strstr(flow_last_error(), "sizes[1]"));
}

static void test_sensitivity_and_vulnerability(void **state)
{
    (void)state;
    /* Economy 3 buys 6 from 0, 2 from 1, 2 from 2; economy 0 buys 4 from 1
     * and 4 from 2. Imports M = [8, 0, 0, 10]. */
    const double t[16] = {0, 0, 0, 6, 4, 0, 0, 2, 4, 0, 0, 2, 0, 0, 0, 0};
    flow_dyads *d = NULL;
    assert_int_equal(flow_dyads_new(&d, t, 4, 4, NULL), FLOW_OK);
    /* 3 <- 0: sensitivity 6/10; 3 keeps 2 + 2 from {1, 2}: H = 1/2, V = 0.3. */
    assert_close(at(d, FLOW_DYAD_SENSITIVITY, 3, 0), 0.6, TOL);
    assert_close(at(d, FLOW_DYAD_ALTERNATIVE_HHI, 3, 0), 0.5, TOL);
    assert_close(at(d, FLOW_DYAD_VULNERABILITY, 3, 0), 0.3, TOL);
    /* 3 <- 1: sensitivity 2/10; 3 keeps 6 from 0 and 2 from 2: shares 3/4
     * and 1/4, H = 9/16 + 1/16 = 5/8, V = 0.2 * 5/8 = 0.125. */
    assert_close(at(d, FLOW_DYAD_ALTERNATIVE_HHI, 3, 1), 0.625, TOL);
    assert_close(at(d, FLOW_DYAD_VULNERABILITY, 3, 1), 0.125, TOL);
    /* 0 <- 1: sensitivity 4/8; the only other supplier of 0 is 2: H = 1, V = S. */
    assert_close(at(d, FLOW_DYAD_ALTERNATIVE_HHI, 0, 1), 1.0, TOL);
    assert_close(at(d, FLOW_DYAD_VULNERABILITY, 0, 1), 0.5, TOL);
    /* An economy with no imports: sensitivity and vulnerability undefined. */
    assert_true(isnan(at(d, FLOW_DYAD_SENSITIVITY, 1, 0)));
    assert_true(isnan(at(d, FLOW_DYAD_VULNERABILITY, 1, 0)));
    flow_dyads_free(d);
}

static void test_vulnerability_counts_the_importers_suppliers(void **state)
{
    (void)state;
    /* 3 buys 6 from 0 and 4 from 1; 2 is the largest exporter (10 to 0) but
     * does not supply 3. Losing 0 leaves 3 with one supplier: H = 1 and
     * V = S = 0.6, where the world-supply concentration of {1, 2} would be
     * (4^2 + 10^2) / 14^2 = 0.59. */
    const double t[16] = {0, 0, 0, 6, 0, 0, 0, 4, 10, 0, 0, 0, 0, 0, 0, 0};
    flow_dyads *d = NULL;
    assert_int_equal(flow_dyads_new(&d, t, 4, 4, NULL), FLOW_OK);
    assert_close(at(d, FLOW_DYAD_ALTERNATIVE_HHI, 3, 0), 1.0, TOL);
    assert_close(at(d, FLOW_DYAD_VULNERABILITY, 3, 0), 0.6, TOL);
    /* 0 buys from 2 alone: losing 2 leaves nothing, H = 1, V = 1. */
    assert_close(at(d, FLOW_DYAD_VULNERABILITY, 0, 2), 1.0, TOL);
    /* A supplier that sends nothing: S = 0 and H is that of all of 3's suppliers. */
    assert_close(at(d, FLOW_DYAD_ALTERNATIVE_HHI, 3, 2), 0.52, TOL);
    assert_close(at(d, FLOW_DYAD_VULNERABILITY, 3, 2), 0.0, TOL);
    flow_dyads_free(d);
}

static void test_single_supplier_without_alternatives(void **state)
{
    (void)state;
    /* 0 -> 1 only: 1 depends fully on 0 and has no other supplier: H = 1. */
    const double t[4] = {0, 5, 0, 0};
    flow_dyads *d = NULL;
    assert_int_equal(flow_dyads_new(&d, t, 2, 2, NULL), FLOW_OK);
    assert_close(at(d, FLOW_DYAD_SENSITIVITY, 1, 0), 1.0, TOL);
    assert_close(at(d, FLOW_DYAD_VULNERABILITY, 1, 0), 1.0, TOL);
    /* one-way trade: TS_01 = TS_10 = 1, so the dyad is symmetric in Barbieri's sense */
    assert_close(at(d, FLOW_DYAD_SYMMETRY, 0, 1), 1.0, TOL);
    flow_dyads_free(d);
}

static void test_dyads_arguments_and_copy_out(void **state)
{
    (void)state;
    flow_dyads *d = NULL;
    const double negative[4] = {0, -1, 0, 0};
    assert_int_equal(flow_dyads_new(&d, negative, 2, 2, NULL), FLOW_ERR_VALUE);
    assert_non_null(strstr(flow_last_error(), "flows[0][1]"));
    assert_int_equal(flow_dyads_new(&d, three, 3, 2, NULL), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_dyads_new(&d, NULL, 3, 3, NULL), FLOW_ERR_INVALID_ARG);
    /* strided input: 3 x 3 inside rows of 4 */
    const double strided[12] = {0, 6, 4, -99, 2, 0, 0, -99, 0, 0, 0, -99};
    assert_int_equal(flow_dyads_new(&d, strided, 3, 4, NULL), FLOW_OK);
    assert_close(at(d, FLOW_DYAD_EXPORT_SHARE, 0, 1), 0.6, TOL);
    assert_close(at(d, FLOW_DYAD_EXPORT_SHARE, 1, 0), 1.0, TOL);
    flow_table *t = (flow_table *)&t;
    assert_int_equal(flow_dyads_table(&t, d, FLOW_DYAD_MEASURE_COUNT), FLOW_ERR_INVALID_ARG);
    assert_null(t);
    assert_int_equal(flow_dyads_table(&t, d, -1), FLOW_ERR_INVALID_ARG);
    flow_dyads_free(d);
    flow_dyads_free(NULL);
}

static void test_profile_across_layers(void **state)
{
    (void)state;
    /* Layer 0 is the three-economy matrix; layer 1 reverses every flow. */
    double layers[18];
    memcpy(layers, three, sizeof three);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            layers[9 + i * 3 + j] = three[j * 3 + i];
    flow_table *profile = NULL;
    assert_int_equal(flow_dyad_profile(&profile, layers, 2, 3, 3, NULL, 2, 0), FLOW_OK);
    assert_int_equal(flow_table_rows(profile), 2);
    assert_int_equal(flow_table_cols(profile), FLOW_DYAD_MEASURE_COUNT);
    assert_string_equal(flow_table_col_label(profile, FLOW_DYAD_NORMALIZED_ASYMMETRY),
                        "normalized_asymmetry");
    assert_string_equal(flow_table_col_label(profile, FLOW_DYAD_VULNERABILITY), "vulnerability");
    const double *out = flow_table_values(profile);
    /* Dyad (C, A). Layer 0: C imports 4 of 4 from A and exports nothing. */
    const double *l0 = out, *l1 = out + FLOW_DYAD_MEASURE_COUNT;
    assert_close(l0[FLOW_DYAD_IMPORT_SHARE], 1.0, TOL);
    assert_true(isnan(l0[FLOW_DYAD_EXPORT_SHARE]));
    /* Layer 1: C exports 4, all to A, and imports nothing. */
    assert_close(l1[FLOW_DYAD_EXPORT_SHARE], 1.0, TOL);
    assert_true(isnan(l1[FLOW_DYAD_IMPORT_SHARE]));
    /* Both layers: TS_CA = 1, TS_AC = 4/12, salience sqrt(1/3), asymmetry 2/3. */
    for (int l = 0; l < 2; l++) {
        assert_close(out[l * FLOW_DYAD_MEASURE_COUNT + FLOW_DYAD_SALIENCE], sqrt(1.0 / 3.0), TOL);
        assert_close(out[l * FLOW_DYAD_MEASURE_COUNT + FLOW_DYAD_ASYMMETRY], 2.0 / 3.0, TOL);
    }
    flow_table_free(profile);
    profile = (flow_table *)&profile;
    assert_int_equal(flow_dyad_profile(&profile, layers, 2, 3, 3, NULL, 3, 0),
                     FLOW_ERR_INVALID_ARG);
    assert_null(profile);
    layers[9 + 1] = -1.0;
    assert_int_equal(flow_dyad_profile(&profile, layers, 2, 3, 3, NULL, 2, 0), FLOW_ERR_VALUE);
    assert_null(profile);
    assert_non_null(strstr(flow_last_error(), "layer 1"));
}

/*
 * Product 0: 0->1 3, 0->2 1, 1->0 1, 1->2 3, 2->1 1. Imports by column:
 * 0 from {1: 1} (single supplier, HHI 1); 1 from {0: 3, 2: 1} (HHI
 * 0.75^2 + 0.25^2 = 0.625); 2 from {0: 1, 1: 3} (0.625). Exports X = [4, 4, 1]:
 * world HHI (16 + 16 + 1) / 81. Product 1 has only a domestic flow: no
 * imports anywhere (NaN).
 */
static const double products[18] = {0, 3, 1, 1, 0, 3, 0, 1, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0};

static void test_supplier_and_export_hhi(void **state)
{
    (void)state;
    flow_table *hhi = NULL, *world = NULL;
    assert_int_equal(flow_supplier_hhi(&hhi, products, 2, 3, 3), FLOW_OK);
    assert_int_equal(flow_table_rows(hhi), 6);
    assert_int_equal(flow_table_cols(hhi), 1);
    assert_string_equal(flow_table_col_label(hhi, 0), "supplier_hhi");
    assert_string_equal(flow_table_row_group(hhi, 4), "1");
    const double *v = flow_table_values(hhi);
    assert_close(v[0], 1.0, TOL);
    assert_close(v[1], 0.625, TOL);
    assert_close(v[2], 0.625, TOL);
    for (int j = 0; j < 3; j++)
        assert_true(isnan(v[3 + j]));
    flow_table_free(hhi);
    /* one matrix: rows are not grouped */
    assert_int_equal(flow_supplier_hhi(&hhi, products, 1, 3, 3), FLOW_OK);
    assert_string_equal(flow_table_row_group(hhi, 0), "");
    flow_table_free(hhi);
    assert_int_equal(flow_export_hhi(&world, products, 2, 3, 3), FLOW_OK);
    assert_int_equal(flow_table_rows(world), 2);
    assert_string_equal(flow_table_col_label(world, 0), "export_hhi");
    assert_close(flow_table_values(world)[0], 33.0 / 81.0, TOL);
    assert_true(isnan(flow_table_values(world)[1]));
    flow_table_free(world);
    static char marker;
    hhi = world = (flow_table *)(void *)&marker; /* *out is cleared on failure */
    assert_int_equal(flow_supplier_hhi(&hhi, products, 2, 3, 2), FLOW_ERR_INVALID_ARG);
    assert_null(hhi);
    assert_int_equal(flow_export_hhi(&world, NULL, 2, 3, 3), FLOW_ERR_INVALID_ARG);
    assert_null(world);
}

/* A shape scalar of a flags table. */
static int64_t flag_shape(const flow_table *f, const char *name)
{
    double v = -1.0;
    assert_int_equal(flow_table_scalar(f, name, &v), FLOW_OK);
    return (int64_t)v;
}

/* Column col of a flags table at year index y and cell p * n + i. */
static double flag_at(const flow_table *f, int col, int64_t y, int64_t cell)
{
    int64_t per_year = flag_shape(f, "product_count") * flag_shape(f, "economy_count");
    assert_true(y >= 0 && y < flag_shape(f, "year_count") && cell < per_year);
    return flow_table_values(f)[(y * per_year + cell) * FLOW_DEPFLAG_COLUMN_COUNT + col];
}

/* The last year index of a flags table. */
static int64_t last_year(const flow_table *f)
{
    return flag_shape(f, "year_count") - 1;
}

/* Years stacked from product 0 (importer 2 flagged) or the empty product 1. */
static flow_table *flags_for(const int *flagged_years, int n_years, const flow_depflag_options *o)
{
    double stack[4 * 9];
    for (int y = 0; y < n_years; y++)
        memcpy(stack + y * 9, flagged_years[y] ? products : products + 9, 9 * sizeof(double));
    flow_table *f = NULL;
    assert_int_equal(flow_depflags_new(&f, o, stack, n_years, 1, 3, 3), FLOW_OK);
    return f;
}

static void test_strategic_dependency_flags(void **state)
{
    (void)state;
    const int pattern[3] = {1, 0, 1};
    flow_table *f = flags_for(pattern, 3, NULL);
    /* Year 0, importer 2: HHI 0.625 > 0.4, world 0.407 > 0.4, M/X = 4/1 > 1. */
    assert_int_equal(flow_table_rows(f), 3 * 3);
    assert_string_equal(flow_table_col_label(f, FLOW_DEPFLAG_IMPORT_EXPORT_RATIO),
                        "import_export_ratio");
    assert_string_equal(flow_table_col_label(f, FLOW_DEPFLAG_YEARS_SEEN), "years_seen");
    const int ratio = FLOW_DEPFLAG_IMPORT_EXPORT_RATIO, flag = FLOW_DEPFLAG_FLAG;
    assert_close(flag_at(f, ratio, 0, 0), 0.25, TOL); /* importer 0: 1 / 4 */
    assert_close(flag_at(f, ratio, 0, 1), 1.0, TOL);  /* importer 1: 4 / 4 is not > 1 */
    assert_close(flag_at(f, ratio, 0, 2), 4.0, TOL);
    assert_close(flag_at(f, FLOW_DEPFLAG_EXPORT_HHI, 0, 1), 33.0 / 81.0, TOL);
    assert_true(flag_at(f, flag, 0, 0) == 0.0 && flag_at(f, flag, 0, 1) == 0.0 &&
                flag_at(f, flag, 0, 2) == 1.0);
    /* Year 1 has no imports: HHI and ratio NaN, no flag. */
    assert_true(isnan(flag_at(f, FLOW_DEPFLAG_IMPORT_HHI, 1, 2)));
    assert_true(isnan(flag_at(f, FLOW_DEPFLAG_IMPORT_EXPORT_RATIO, 1, 2)));
    assert_true(flag_at(f, FLOW_DEPFLAG_FLAG, 1, 2) == 0.0);
    /* Flagged in 2 of 3 years: persistent. */
    assert_true(flag_at(f, FLOW_DEPFLAG_PERSISTENT, last_year(f), 2) == 1.0);
    assert_true(flag_at(f, FLOW_DEPFLAG_PERSISTENT, last_year(f), 1) == 0.0);
    assert_int_equal(flag_shape(f, "window"), 3);
    flow_table_free(f);

    /* Four years, flagged in the first two: only one of the last three counts. */
    const int early[4] = {1, 1, 0, 0};
    f = flags_for(early, 4, NULL);
    assert_true(flag_at(f, FLOW_DEPFLAG_PERSISTENT, last_year(f), 2) == 0.0);
    flow_table_free(f);

    /* A lower ratio threshold flags importer 1 too (4/4 > 0.9); one year suffices. */
    flow_depflag_options *o = NULL;
    assert_int_equal(flow_depflag_options_new(&o), FLOW_OK);
    assert_int_equal(flow_depflag_options_set(o, "import_export_ratio", "0.9"), FLOW_OK);
    assert_int_equal(flow_depflag_options_set(o, "persistence", "1,1"), FLOW_OK);
    assert_int_equal(flow_depflag_options_set(o, "persistence", "3,2"), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_depflag_options_set(o, "import_hhi", "nan"), FLOW_ERR_INVALID_ARG);
    f = flags_for(pattern, 3, o);
    assert_true(flag_at(f, FLOW_DEPFLAG_FLAG, 2, 1) == 1.0);
    assert_true(flag_at(f, FLOW_DEPFLAG_PERSISTENT, last_year(f), 1) == 1.0);
    flow_table_free(f);
    flow_depflag_options_free(o);
}

/*
 * A residual aggregate (economy 2, "the rest of the world") counts in the
 * totals but adds no square: importer 0 buys 3 from 1 and 1 from 2, so its
 * supplier HHI is (3/4)^2 = 0.5625 instead of 0.625; world exports are 3 (from
 * 1) and 1 (from 2), HHI 0.5625 instead of 0.625.
 */
static void test_residual_adds_no_square(void **state)
{
    (void)state;
    const double t[9] = {0, 0, 0, 3, 0, 0, 1, 0, 0};
    flow_depflag_options *o = NULL;
    flow_table *f = NULL;
    assert_int_equal(flow_depflag_options_new(&o), FLOW_OK);
    assert_int_equal(flow_depflag_options_set(o, "residual", "-2"), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_depflag_options_set(NULL, "residual", "2"), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_depflags_new(&f, o, t, 1, 1, 3, 3), FLOW_OK);
    assert_close(flag_at(f, FLOW_DEPFLAG_IMPORT_HHI, 0, 0), 0.625, 1e-15);
    flow_table_free(f);
    assert_int_equal(flow_depflag_options_set(o, "residual", "2"), FLOW_OK);
    assert_int_equal(flow_depflags_new(&f, o, t, 1, 1, 3, 3), FLOW_OK);
    assert_close(flag_at(f, FLOW_DEPFLAG_IMPORT_HHI, 0, 0), 0.5625, 1e-15);
    assert_close(flag_at(f, FLOW_DEPFLAG_EXPORT_HHI, 0, 0), 0.5625, 1e-15);
    flow_table_free(f);
    flow_depflag_options_free(o);
}

static void test_ratio_of_pure_importer_is_infinite(void **state)
{
    (void)state;
    const double t[4] = {0, 1, 0, 0};
    flow_table *f = NULL;
    assert_int_equal(flow_depflags_new(&f, NULL, t, 1, 1, 2, 2), FLOW_OK);
    assert_close(flag_at(f, FLOW_DEPFLAG_IMPORT_EXPORT_RATIO, 0, 0), 0.0, 0.0);
    assert_true(isinf(flag_at(f, FLOW_DEPFLAG_IMPORT_EXPORT_RATIO, 0, 1)));
    assert_true(flag_at(f, FLOW_DEPFLAG_FLAG, 0, 1) == 1.0);
    /* a single year cannot satisfy "2 of 3" */
    assert_true(flag_at(f, FLOW_DEPFLAG_PERSISTENT, last_year(f), 1) == 0.0);
    flow_table_free(f);
}

/*
 * One sector per economy A, B, C. Z: A->A 20, B->A 10, C->B 5; x = [100, 50,
 * 20]. A buys from B, which buys from C. (I - A) y = [100, 0, 0] gives
 * y = [125, 12.5, 1.25], so A's total requirements beyond its own unit are
 * [25, 12.5, 1.25] (sum 38.75). C has no inputs at all.
 */
static const double z3[9] = {20, 0, 0, 10, 0, 0, 0, 5, 0};
static const double x3[3] = {100, 50, 20};
static const int64_t g3[3] = {0, 1, 2};

/* flow_exposure's table copied into dst (n_groups x n_groups); its status. */
static int exposure(double *dst, int kind, const double *z, int64_t n, const double *x,
                    const int64_t *group, int64_t n_groups)
{
    flow_table *t = (flow_table *)&t;
    int rc = flow_exposure(&t, kind, z, n, x, group, n_groups);
    if (rc == FLOW_OK)
        memcpy(dst, flow_table_values(t), (size_t)(n_groups * n_groups) * sizeof *dst);
    else
        assert_null(t);
    flow_table_free(t);
    return rc;
}

static void test_direct_and_look_through_exposure(void **state)
{
    (void)state;
    double direct[9], look[9];
    assert_int_equal(exposure(direct, FLOW_EXPOSURE_DIRECT, z3, 3, x3, g3, 3), FLOW_OK);
    assert_int_equal(exposure(look, FLOW_EXPOSURE_LOOK_THROUGH, z3, 3, x3, g3, 3), FLOW_OK);
    /* A: face value [20, 10, 0] / 30; C is invisible at face value. */
    assert_close(direct[0], 2.0 / 3.0, TOL);
    assert_close(direct[1], 1.0 / 3.0, TOL);
    assert_close(direct[2], 0.0, 0.0);
    assert_close(look[0], 25.0 / 38.75, 1e-12);
    assert_close(look[1], 12.5 / 38.75, 1e-12);
    assert_close(look[2], 1.25 / 38.75, 1e-12);
    /* B buys only from C, directly: both measures give [0, 0, 1]. */
    assert_close(direct[5], 1.0, TOL);
    assert_close(look[5], 1.0, 1e-12);
    /* C has no inputs: undefined. */
    assert_true(isnan(direct[6]) && isnan(look[8]));
}

static void test_exposure_groups_sectors(void **state)
{
    (void)state;
    /* Sectors A and B form economy 0, C is economy 1. Economy 0 buys
     * 20 + 10 within itself and 5 (C->B) from economy 1; C buys nothing. */
    const int64_t g[3] = {0, 0, 1};
    double direct[4];
    assert_int_equal(exposure(direct, FLOW_EXPOSURE_DIRECT, z3, 3, x3, g, 2), FLOW_OK);
    assert_close(direct[0], 30.0 / 35.0, TOL);
    assert_close(direct[1], 5.0 / 35.0, TOL);
    assert_true(isnan(direct[2]) && isnan(direct[3]));
}

static void test_exposure_errors(void **state)
{
    (void)state;
    double out[9];
    /* a_12 = a_21 = 1.2: I - A is invertible but L has negative entries */
    const double z[4] = {0, 60, 60, 0};
    const double x[2] = {50, 50};
    const int64_t g[2] = {0, 1};
    assert_int_equal(exposure(out, FLOW_EXPOSURE_LOOK_THROUGH, z, 2, x, g, 2),
                     FLOW_ERR_NOT_PRODUCTIVE);
    const int64_t bad[3] = {0, 3, 1};
    assert_int_equal(exposure(out, FLOW_EXPOSURE_DIRECT, z3, 3, x3, bad, 3), FLOW_ERR_INVALID_ARG);
    assert_non_null(strstr(flow_last_error(), "group[1]"));
    const double negative_x[3] = {100, -1, 20};
    assert_int_equal(exposure(out, FLOW_EXPOSURE_DIRECT, z3, 3, negative_x, g3, 3), FLOW_ERR_VALUE);
    assert_int_equal(exposure(out, 7, z3, 3, x3, g3, 3), FLOW_ERR_INVALID_ARG);
}

/*
 * Two regions of two sectors (R0 = sectors 0-1, R1 = sectors 2-3) with one
 * final-demand column per region. Gross trade R0->R1: Z 2 + 3, Y 7 = 12;
 * R1->R0: Z 4 + 1, Y 5 + 4 = 14. Direct exposure of R0: its sectors buy
 * 10 + 5 + 8 from R0 and 4 + 1 from R1.
 */
static void test_bridge_from_io_model(void **state)
{
    (void)state;
    const double z[16] = {10, 5, 2, 0, 0, 8, 0, 3, 4, 0, 6, 1, 0, 1, 0, 2};
    const double y[8] = {50, 7, 30, 0, 5, 60, 4, 40};
    flow_io_model *model = NULL;
    assert_int_equal(flow_io_model_new(&model, 4, z, 2, y, NULL, NULL), FLOW_OK);
    assert_int_equal(flow_io_model_set_regions(model, 2, NULL, NULL), FLOW_OK);
    flow_table *t = NULL;
    assert_int_equal(flow_io_bilateral_trade(&t, model), FLOW_OK);
    const double *trade = flow_table_values(t);
    assert_close(trade[0], 0.0, 0.0); /* domestic deliveries are not trade */
    assert_close(trade[1], 12.0, TOL);
    assert_close(trade[2], 14.0, TOL);
    assert_close(trade[3], 0.0, 0.0);
    flow_table_free(t);
    double direct[4], look[4], raw[4];
    assert_int_equal(flow_exposure_from_io_model(&t, FLOW_EXPOSURE_DIRECT, model), FLOW_OK);
    memcpy(direct, flow_table_values(t), sizeof direct);
    flow_table_free(t);
    assert_close(direct[0], 23.0 / 28.0, TOL);
    assert_close(direct[1], 5.0 / 28.0, TOL);
    assert_close(direct[2], 5.0 / 14.0, TOL);
    /* look-through on the model = the raw function on its Z, x and regions */
    const double x[4] = {74, 41, 76, 47}; /* row sums of Z and Y */
    const int64_t regions[4] = {0, 0, 1, 1};
    assert_int_equal(flow_exposure_from_io_model(&t, FLOW_EXPOSURE_LOOK_THROUGH, model), FLOW_OK);
    memcpy(look, flow_table_values(t), sizeof look);
    flow_table_free(t);
    assert_int_equal(exposure(raw, FLOW_EXPOSURE_LOOK_THROUGH, z, 4, x, regions, 2), FLOW_OK);
    for (int k = 0; k < 4; k++)
        assert_close(look[k], raw[k], 1e-14);
    assert_true(look[1] > direct[1]); /* here indirect chains add R1 content */
    t = (flow_table *)&t;
    assert_int_equal(flow_exposure_from_io_model(&t, FLOW_EXPOSURE_DIRECT, NULL),
                     FLOW_ERR_INVALID_ARG);
    assert_null(t);
    flow_io_model_free(model);
}

/*
 * A dataset of three economies AAA, BBB, CCC whose trade in 2023 summed over
 * products 27 and 84 is the three-economy matrix above (A->B 4 + 2, A->C 4,
 * B->A 2); energy in 2022 has crude (Mt) A->C 5 and gas (bcm) C->B 1; trade
 * 2021 holds product 27 only. GDP (USD bn) 0.1, 0.01, 0.04 = 100, 10, 40 USD m.
 */
static const char dataset_csv[] = "origin,destination,value,year,layer,product,unit\n"
                                  "AAA,BBB,4,2023,trade,27,USD_m\n"
                                  "AAA,BBB,2,2023,trade,84,USD_m\n"
                                  "AAA,CCC,4,2023,trade,84,USD_m\n"
                                  "BBB,AAA,2,2023,trade,84,USD_m\n"
                                  "BBB,CCC,3,2021,trade,27,USD_m\n"
                                  "AAA,CCC,5,2022,energy,crude,Mt\n"
                                  "CCC,BBB,1,2022,energy,gas,bcm\n";

static flow_dataset *demo_dataset(void)
{
    flow_labels *labels = NULL;
    flow_dataset *ds = NULL;
    flow_read_options *opts = NULL;
    assert_int_equal(flow_labels_new(&labels), FLOW_OK);
    assert_int_equal(flow_labels_add(labels, "AAA", NULL, NULL), FLOW_OK);
    assert_int_equal(flow_labels_add(labels, "BBB", NULL, NULL), FLOW_OK);
    assert_int_equal(flow_labels_add(labels, "CCC", NULL, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_new(&ds, labels), FLOW_OK);
    flow_labels_free(labels);
    assert_int_equal(flow_dataset_set_product_digits(ds, 32), FLOW_OK);
    assert_int_equal(flow_read_options_new(&opts), FLOW_OK);
    assert_int_equal(
        flow_dataset_read_buffer(ds, "demo", dataset_csv, (int64_t)strlen(dataset_csv), opts, NULL),
        FLOW_OK);
    flow_read_options_free(opts);
    const char *attributes = flow_test_write_temp("gdp.csv", "code,gdp\nAAA,0.1\nBBB,0.01\n"
                                                             "CCC,0.04\n");
    assert_int_equal(flow_dataset_read_attributes(ds, attributes, "code", 0), FLOW_OK);
    return ds;
}

static void test_dyads_from_dataset(void **state)
{
    (void)state;
    flow_dataset *ds = demo_dataset();
    flow_dyads *d = NULL;
    /* all products: the three-economy matrix */
    assert_int_equal(flow_dyads_new_from_dataset(&d, ds, "trade", 2023, NULL, "gdp", 1000.0),
                     FLOW_OK);
    assert_close(at(d, FLOW_DYAD_EXPORT_SHARE, 0, 1), 0.6, TOL);
    assert_close(at(d, FLOW_DYAD_ASYMMETRY, 1, 0), 0.72, 1e-12);
    flow_dyads_free(d);
    /* product 84 alone: A exports 2 to B and 4 to C */
    assert_int_equal(flow_dyads_new_from_dataset(&d, ds, "trade", 2023, "84", NULL, 1.0), FLOW_OK);
    assert_close(at(d, FLOW_DYAD_EXPORT_SHARE, 0, 1), 1.0 / 3.0, TOL);
    flow_dyads_free(d);
    assert_int_equal(flow_dyads_new_from_dataset(&d, ds, "trade", 2000, NULL, NULL, 1.0),
                     FLOW_ERR_NOT_FOUND);
    assert_null(d);
    assert_int_equal(flow_dyads_new_from_dataset(&d, ds, "trade", 2023, NULL, "pop", 1.0),
                     FLOW_ERR_NOT_FOUND);
    assert_int_equal(flow_dyads_new_from_dataset(&d, ds, "trade", 2023, NULL, "gdp", 0.0),
                     FLOW_ERR_INVALID_ARG);
    /* supplier HHI over all products: A buys from B only (1); B from A only
     * (1); C from A only (1). In product 27 only B imports (4 from A). */
    flow_table *hhi = NULL;
    assert_int_equal(flow_supplier_hhi_from_dataset(&hhi, ds, "trade", 2023, NULL), FLOW_OK);
    assert_int_equal(flow_table_rows(hhi), 3);
    assert_string_equal(flow_table_row_label(hhi, 2), "CCC");
    assert_close(flow_table_values(hhi)[0], 1.0, TOL);
    assert_close(flow_table_values(hhi)[2], 1.0, TOL);
    /* world exports: AAA 10, BBB 2, CCC 0 */
    double world = 0.0;
    assert_int_equal(flow_table_scalar(hhi, "export_hhi", &world), FLOW_OK);
    assert_close(world, 104.0 / 144.0, TOL);
    flow_table_free(hhi);
    assert_int_equal(flow_supplier_hhi_from_dataset(&hhi, ds, "trade", 2023, "27"), FLOW_OK);
    const double *v = flow_table_values(hhi);
    assert_true(isnan(v[0]) && isnan(v[2]));
    assert_close(v[1], 1.0, TOL);
    flow_table_free(hhi);
    hhi = (flow_table *)(void *)ds;
    assert_int_equal(flow_supplier_hhi_from_dataset(&hhi, ds, "trade", 2000, NULL),
                     FLOW_ERR_NOT_FOUND);
    assert_null(hhi);
    /* crude in Mt and gas in bcm are not summed */
    assert_int_equal(flow_dyads_new_from_dataset(&d, ds, "energy", 2022, NULL, NULL, 1.0),
                     FLOW_ERR_UNSUPPORTED);
    assert_non_null(strstr(flow_last_error(), "units"));
    flow_dataset_free(ds);
}

static void test_profile_and_flags_from_dataset(void **state)
{
    (void)state;
    flow_dataset *ds = demo_dataset();
    flow_dyad_layers *selection = NULL;
    flow_table *profile = NULL;
    assert_int_equal(flow_dyad_layers_new(&selection, "gdp"), FLOW_OK);
    assert_int_equal(flow_dyad_layers_add(selection, "trade", 2023, NULL, 1000.0), FLOW_OK);
    assert_int_equal(flow_dyad_layers_add(selection, "energy", 2022, "crude", 1.0), FLOW_OK);
    assert_int_equal(flow_dyad_layers_add(selection, "energy", 2022, "crude", 0.0),
                     FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_dyad_profile_from_dataset(&profile, ds, selection, "CCC", "AAA"),
                     FLOW_OK);
    assert_int_equal(flow_table_rows(profile), 2);
    assert_string_equal(flow_table_row_label(profile, 0), "trade 2023");
    assert_string_equal(flow_table_row_label(profile, 1), "energy 2022 crude");
    const double *out = flow_table_values(profile);
    /* trade: C buys 4 of its 4 from A; D_C->A = 4/40, D_A->C = 4/100 */
    assert_close(out[FLOW_DYAD_IMPORT_SHARE], 1.0, TOL);
    assert_close(out[FLOW_DYAD_ASYMMETRY], 0.06, 1e-12);
    /* crude: C buys 5 of 5 from A; D_C->A = 5/0.04, D_A->C = 5/0.1 */
    const double *crude = out + FLOW_DYAD_MEASURE_COUNT;
    assert_close(crude[FLOW_DYAD_IMPORT_SHARE], 1.0, TOL);
    assert_close(crude[FLOW_DYAD_ASYMMETRY], 125.0 - 50.0, 1e-12);
    flow_table_free(profile);
    assert_int_equal(flow_dyad_profile_from_dataset(&profile, ds, selection, "CCC", "ZZZ"),
                     FLOW_ERR_UNKNOWN_LABEL);
    assert_null(profile);
    flow_dyad_layers_free(selection);

    /* Flags over trade: years 2021, 2023; products 27 then 84 (first seen). */
    flow_table *f = NULL;
    assert_int_equal(flow_depflags_new_from_dataset(&f, NULL, ds, "trade"), FLOW_OK);
    assert_int_equal(flag_shape(f, "year_count"), 2);
    assert_int_equal((int64_t)flag_at(f, FLOW_DEPFLAG_YEAR, 0, 0), 2021);
    assert_int_equal((int64_t)flag_at(f, FLOW_DEPFLAG_YEAR, 1, 0), 2023);
    assert_int_equal(flag_shape(f, "product_count"), 2);
    assert_string_equal(flow_table_row_group(f, 0), "27");
    assert_string_equal(flow_table_row_group(f, 3), "84");
    assert_string_equal(flow_table_row_label(f, 4), "BBB");
    assert_int_equal(flag_shape(f, "economy_count"), 3);
    /* 2021, product 27: C's only supplier is B (HHI 1), the world's only
     * exporter is B (HHI 1), C exports nothing (ratio inf): flagged. */
    assert_true(flag_at(f, FLOW_DEPFLAG_FLAG, 0, 2) == 1.0);
    /* 2023, product 84: C buys 4 from A only, world exports A 6, B 2 -> HHI
     * (36 + 4) / 64 = 0.625; C exports nothing: flagged. B buys 2 from A and
     * exports 2: ratio 1, not flagged. */
    assert_close(flag_at(f, FLOW_DEPFLAG_EXPORT_HHI, 1, 1 * 3 + 2), 0.625, TOL);
    assert_true(flag_at(f, FLOW_DEPFLAG_FLAG, 1, 1 * 3 + 2) == 1.0 &&
                flag_at(f, FLOW_DEPFLAG_FLAG, 1, 1 * 3 + 1) == 0.0);
    flow_table_free(f);
    assert_int_equal(flow_depflags_new_from_dataset(&f, NULL, ds, "nothing"), FLOW_ERR_NOT_FOUND);
    /* flags from arrays name years by index and products "" */
    assert_int_equal(flow_depflags_new(&f, NULL, products, 1, 1, 3, 3), FLOW_OK);
    assert_int_equal((int64_t)flag_at(f, FLOW_DEPFLAG_YEAR, 0, 0), 0);
    assert_string_equal(flow_table_row_group(f, 0), "");
    assert_string_equal(flow_table_row_label(f, 0), "");
    flow_table_free(f);
    flow_dataset_free(ds);
}

static void test_rankings(void **state)
{
    (void)state;
    const double v[4] = {3, NAN, 5, 3};
    int64_t idx[4], count = -1;
    assert_int_equal(flow_rank_vector(idx, 4, &count, v, 4, 1), FLOW_OK);
    assert_int_equal(count, 3);
    assert_int_equal(idx[0], 2);
    assert_int_equal(idx[1], 0); /* tie with 3: lower index first */
    assert_int_equal(idx[2], 3);
    assert_int_equal(flow_rank_vector(idx, 1, &count, v, 4, 0), FLOW_OK);
    assert_int_equal(count, 1);
    assert_int_equal(idx[0], 0);
    assert_int_equal(flow_rank_vector(NULL, 1, &count, v, 4, 0), FLOW_ERR_INVALID_ARG);

    /* Most asymmetric dyads of the three-economy matrix with GDP: B->A 0.72
     * first, then C->A 0.06; the zero dyad B-C and the diagonal are NaN. */
    const double gdp[3] = {100, 10, 40};
    flow_dyads *d = NULL;
    assert_int_equal(flow_dyads_new(&d, three, 3, 3, gdp), FLOW_OK);
    int64_t rows[9], cols[9];
    flow_table *asym = NULL;
    assert_int_equal(flow_dyads_table(&asym, d, FLOW_DYAD_ASYMMETRY), FLOW_OK);
    assert_int_equal(flow_rank_matrix(rows, cols, 9, &count, flow_table_values(asym), 3, 3, 1),
                     FLOW_OK);
    flow_table_free(asym);
    assert_int_equal(count, 4); /* two dyads, each seen from both sides */
    assert_int_equal(rows[0], 1);
    assert_int_equal(cols[0], 0);
    assert_int_equal(rows[1], 2);
    assert_int_equal(cols[1], 0);
    flow_dyads_free(d);
}

/*
 * GeoDep persistence over calendar years. A sells to C alone and is the only
 * exporter, so C's import is flagged (import HHI 1, world-export HHI 1, C
 * exports nothing) in every year with A -> C: 2020 and 2022; 2023 holds only
 * B -> A. With 2 of 3 years: at 2022 the window 2020-2022 has 2 years with
 * data, both flagged: persistent. At 2023 the window 2021-2023 has 2 years
 * with data, 1 flagged: not persistent (the last three loaded years,
 * 2020, 2022 and 2023, would have said persistent).
 */
static void test_persistence_over_calendar_years(void **state)
{
    (void)state;
    const char *const codes[3] = {"AAA", "BBB", "CCC"};
    flow_labels *labels = NULL;
    flow_dataset *ds = NULL;
    flow_table *f = NULL;
    assert_int_equal(flow_labels_new(&labels), FLOW_OK);
    for (int i = 0; i < 3; i++)
        assert_int_equal(flow_labels_add(labels, codes[i], NULL, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_new(&ds, labels), FLOW_OK);
    assert_int_equal(flow_dataset_add_flow(ds, "trade", 2020, NULL, "AAA", "CCC", 5), FLOW_OK);
    assert_int_equal(flow_dataset_add_flow(ds, "trade", 2022, NULL, "AAA", "CCC", 5), FLOW_OK);
    assert_int_equal(flow_dataset_add_flow(ds, "trade", 2023, NULL, "BBB", "AAA", 5), FLOW_OK);
    assert_int_equal(flow_depflags_new_from_dataset(&f, NULL, ds, "trade"), FLOW_OK);
    assert_int_equal(flag_shape(f, "year_count"), 3);
    assert_int_equal((int64_t)flag_at(f, FLOW_DEPFLAG_YEAR, 1, 0), 2022);
    assert_true(flag_at(f, FLOW_DEPFLAG_FLAG, 0, 2) == 1.0);
    assert_true(flag_at(f, FLOW_DEPFLAG_FLAG, 1, 2) == 1.0);
    assert_true(flag_at(f, FLOW_DEPFLAG_FLAG, 2, 2) == 0.0);
    assert_int_equal((int64_t)flag_at(f, FLOW_DEPFLAG_YEARS_SEEN, 0, 0), 1); /* 2018-2020 */
    assert_int_equal((int64_t)flag_at(f, FLOW_DEPFLAG_YEARS_SEEN, 1, 0), 2); /* 2020-2022 */
    assert_int_equal((int64_t)flag_at(f, FLOW_DEPFLAG_YEARS_SEEN, 2, 0), 2); /* 2021-2023 */
    assert_true(flag_at(f, FLOW_DEPFLAG_PERSISTENT, 0, 2) == 0.0);
    assert_true(flag_at(f, FLOW_DEPFLAG_PERSISTENT, 1, 2) == 1.0);
    assert_true(flag_at(f, FLOW_DEPFLAG_PERSISTENT, 2, 2) == 0.0);
    assert_true(flag_at(f, FLOW_DEPFLAG_PERSISTENT, last_year(f), 2) == 0.0);
    assert_int_equal(flow_table_rows(f), 3 * 3); /* one product, three importers */
    flow_table_free(f);
    flow_dataset_free(ds);
    flow_labels_free(labels);
}

/*
 * The EU criterion on extra-bloc imports: C buys 5 from A (the only
 * exporter): flagged by the three GeoDep criteria. With the bloc {A, C}
 * all of C's imports come from inside it (extra share 0 <= .5): no flag;
 * with the bloc {B, C} they all come from outside (1 > .5): flagged.
 */
static void test_extra_bloc_share(void **state)
{
    (void)state;
    const double t[9] = {0, 0, 5, 0, 0, 0, 0, 0, 0};
    flow_depflag_options *o = NULL;
    flow_table *f = NULL;
    assert_int_equal(flow_depflag_options_new(&o), FLOW_OK);
    assert_int_equal(flow_depflags_new(&f, o, t, 1, 1, 3, 3), FLOW_OK);
    assert_true(flag_at(f, FLOW_DEPFLAG_FLAG, 0, 2) == 1.0);
    flow_table_free(f);
    assert_int_equal(flow_depflag_options_set(o, "extra_share_members", "0,2"), FLOW_OK);
    assert_int_equal(flow_depflag_options_set(o, "extra_share_threshold", "0.5"), FLOW_OK);
    assert_int_equal(flow_depflags_new(&f, o, t, 1, 1, 3, 3), FLOW_OK);
    assert_true(flag_at(f, FLOW_DEPFLAG_FLAG, 0, 2) == 0.0);
    flow_table_free(f);
    assert_int_equal(flow_depflag_options_set(o, "extra_share_members", "1,2"), FLOW_OK);
    assert_int_equal(flow_depflags_new(&f, o, t, 1, 1, 3, 3), FLOW_OK);
    assert_true(flag_at(f, FLOW_DEPFLAG_FLAG, 0, 2) == 1.0);
    flow_table_free(f);
    assert_int_equal(flow_depflag_options_set(o, "extra_share_threshold", "1.5"),
                     FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_depflag_options_set(o, "extra_share_members", ""), FLOW_OK);
    assert_int_equal(flow_depflags_new(&f, o, t, 1, 1, 3, 3), FLOW_OK);
    assert_true(flag_at(f, FLOW_DEPFLAG_FLAG, 0, 2) == 1.0);
    flow_table_free(f);
    flow_depflag_options_free(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shares_follow_row_reference_convention),
        cmocka_unit_test(test_barbieri_and_zero_dyad),
        cmocka_unit_test(test_dependence_relative_to_size),
        cmocka_unit_test(test_sensitivity_and_vulnerability),
        cmocka_unit_test(test_vulnerability_counts_the_importers_suppliers),
        cmocka_unit_test(test_single_supplier_without_alternatives),
        cmocka_unit_test(test_dyads_arguments_and_copy_out),
        cmocka_unit_test(test_profile_across_layers),
        cmocka_unit_test(test_supplier_and_export_hhi),
        cmocka_unit_test(test_strategic_dependency_flags),
        cmocka_unit_test(test_ratio_of_pure_importer_is_infinite),
        cmocka_unit_test(test_residual_adds_no_square),
        cmocka_unit_test(test_direct_and_look_through_exposure),
        cmocka_unit_test(test_exposure_groups_sectors),
        cmocka_unit_test(test_exposure_errors),
        cmocka_unit_test(test_bridge_from_io_model),
        cmocka_unit_test(test_dyads_from_dataset),
        cmocka_unit_test(test_profile_and_flags_from_dataset),
        cmocka_unit_test(test_persistence_over_calendar_years),
        cmocka_unit_test(test_extra_bloc_share),
        cmocka_unit_test(test_rankings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
