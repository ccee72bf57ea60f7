/*
 * test_dataset_present.c - datasets on a present-economies axis
 * (flow_dataset_new_present): economies join the axis as rows name them,
 * so matrices are sized by the data, and every matrix equals the one read
 * on the full ISO 3166-1 axis.
 */
#include "support.h"

#include <libflow.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static flow_dataset *read_sample(int present, int64_t threads, const char *path)
{
    flow_dataset *ds = NULL;
    flow_read_options *ro = NULL;
    assert_int_equal(present ? flow_dataset_new_present(&ds, NULL) : flow_dataset_new(&ds, NULL),
                     FLOW_OK);
    assert_int_equal(flow_dataset_set_product_digits(ds, 6), FLOW_OK);
    assert_int_equal(flow_read_options_new(&ro), FLOW_OK);
    assert_int_equal(flow_read_options_set(ro, "preset", "baci"), FLOW_OK);
    assert_int_equal(flow_read_options_set(ro, "quantity_layer", "trade_q"), FLOW_OK);
    assert_int_equal(flow_test_read_set(ro, "threads", "%lld", (long long)(threads)), FLOW_OK);
    assert_int_equal(flow_dataset_read_csv(ds, path, ro, NULL), FLOW_OK);
    flow_read_options_free(ro);
    return ds;
}

/* Every cell of every matrix of a equals b's, matched by economy code. */
static void assert_same_flows(const flow_dataset *a, const flow_dataset *b)
{
    assert_int_equal(flow_dataset_matrix_count(a), flow_dataset_matrix_count(b));
    const flow_labels *la = flow_dataset_economies(a), *lb = flow_dataset_economies(b);
    for (int64_t k = 0; k < flow_dataset_matrix_count(a); k++) {
        const char *layer = NULL, *product = NULL;
        int64_t year = 0, na = 0, nb = 0, sa = 0, sb = 0;
        const double *va = NULL, *vb = NULL;
        assert_int_equal(flow_dataset_matrix_key(a, k, &layer, &year, &product), FLOW_OK);
        assert_int_equal(flow_dataset_matrix_view(a, layer, year, product, &va, &na, &sa), FLOW_OK);
        assert_int_equal(flow_dataset_matrix_view(b, layer, year, product, &vb, &nb, &sb), FLOW_OK);
        assert_string_equal(flow_dataset_matrix_unit(a, layer, year, product),
                            flow_dataset_matrix_unit(b, layer, year, product));
        double sum_a = 0, sum_b = 0;
        for (int64_t i = 0; i < na; i++)
            for (int64_t j = 0; j < na; j++) {
                int64_t bi = -1, bj = -1;
                sum_a += va[i * sa + j];
                if (va[i * sa + j] == 0.0)
                    continue;
                assert_int_equal(flow_labels_find(lb, flow_labels_code(la, i), &bi), FLOW_OK);
                assert_int_equal(flow_labels_find(lb, flow_labels_code(la, j), &bj), FLOW_OK);
                assert_true(va[i * sa + j] == vb[bi * sb + bj]);
            }
        for (int64_t i = 0; i < nb; i++)
            for (int64_t j = 0; j < nb; j++)
                sum_b += vb[i * sb + j];
        assert_true(sum_a == sum_b);
    }
}

static void test_axis_holds_the_economies_of_the_file(void **state)
{
    (void)state;
    const char *path = flow_test_data_file("baci_panel_sample.csv");
    flow_dataset *present = read_sample(1, 1, path), *full = read_sample(0, 1, path);
    /* The rows name 276, 398, 643, 51 and 417, in that order of appearance. */
    static const char *const joined[] = {"DEU", "KAZ", "RUS", "ARM", "KGZ"};
    const flow_labels *axis = flow_dataset_economies(present);
    assert_int_equal(flow_dataset_economy_count(present), 5);
    for (int i = 0; i < 5; i++)
        assert_string_equal(flow_labels_code(axis, i), joined[i]);
    int64_t e = -1;
    assert_int_equal(flow_labels_find(axis, "276", &e), FLOW_OK); /* the alias joined too */
    assert_int_equal(e, 0);
    assert_string_equal(flow_labels_name(axis, 0), "Germany");
    assert_same_flows(present, full);
    assert_same_flows(full, present);

    /* drop_empty lists a present axis in the reference's order: as on the full axis. */
    flow_dataset *a = NULL, *b = NULL;
    assert_int_equal(flow_dataset_drop_empty(&a, present), FLOW_OK);
    assert_int_equal(flow_dataset_drop_empty(&b, full), FLOW_OK);
    assert_int_equal(flow_dataset_economy_count(a), flow_dataset_economy_count(b));
    for (int64_t i = 0; i < flow_dataset_economy_count(a); i++)
        assert_string_equal(flow_labels_code(flow_dataset_economies(a), i),
                            flow_labels_code(flow_dataset_economies(b), i));
    assert_same_flows(a, b);

    /* Codes the reference lacks stay unknown; add_flow joins known ones. */
    assert_int_equal(flow_dataset_add_flow(present, "trade", 2021, "847130", "DEU", "XXX", 1.0),
                     FLOW_ERR_UNKNOWN_LABEL);
    assert_int_equal(flow_dataset_add_flow(present, "trade", 2021, "847130", "DEU", "FRA", 1.0),
                     FLOW_OK);
    assert_int_equal(flow_dataset_economy_count(present), 6);
    flow_dataset_free(a);
    flow_dataset_free(b);
    flow_dataset_free(present);
    flow_dataset_free(full);
}

/* A parallel read onto a present axis gives the serial read's flows (axis order may differ). */
static void test_parallel_read_onto_a_present_axis(void **state)
{
    (void)state;
    static const char *const codes[] = {"276", "398", "643", "51", "417", "156", "840", "392"};
    enum { NC = 8, ROWS = 40000 };
    size_t cap = (size_t)ROWS * 48 + 64, used = 0;
    char *csv = malloc(cap);
    assert_non_null(csv);
    used += (size_t)snprintf(csv + used, cap - used, "t,i,j,k,v,q\n");
    for (int r = 0; r < ROWS; r++)
        used +=
            (size_t)snprintf(csv + used, cap - used, "%d,%s,%s,8471%02d,%d.25,%d\n", 2021 + r % 2,
                             codes[(r / 97) % NC], codes[(r / 7) % NC], r % 97, r % 311, r % 13);
    const char *path = flow_test_write_temp("present_parallel.csv", csv);
    free(csv);
    flow_dataset *serial = read_sample(1, 1, path), *parallel = read_sample(1, 4, path);
    flow_dataset *full = read_sample(0, 1, path);
    assert_int_equal(flow_dataset_economy_count(parallel), NC);
    assert_same_flows(parallel, serial);
    assert_same_flows(serial, full);
    flow_dataset_free(serial);
    flow_dataset_free(parallel);
    flow_dataset_free(full);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_axis_holds_the_economies_of_the_file),
        cmocka_unit_test(test_parallel_read_onto_a_present_axis),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
