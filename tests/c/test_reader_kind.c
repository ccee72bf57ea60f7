/*
 * test_reader_kind.c - a layer's kind declared in the data: the long
 * reader's kind column ("flow" or "stock") declares it at read time, beside
 * the unit column; a bad word is a rejected row, a layer declared both ways
 * fails the read, naming line and column, on one thread and on several.
 */
#include "support.h"

#include <libflow.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int read_text(flow_dataset **ds, flow_read_report **rep, const char *name, const char *text,
                     const char *threads)
{
    flow_read_options *o = NULL;
    assert_int_equal(flow_dataset_new(ds, NULL), FLOW_OK);
    assert_int_equal(flow_read_report_new(rep), FLOW_OK);
    assert_int_equal(flow_read_options_new(&o), FLOW_OK);
    if (threads != NULL)
        assert_int_equal(flow_read_options_set(o, "threads", threads), FLOW_OK);
    int rc = flow_dataset_read_csv(*ds, flow_test_write_temp(name, text), o, *rep);
    flow_read_options_free(o);
    return rc;
}

static void test_kind_column_declares_layers(void **state)
{
    (void)state;
    flow_dataset *ds = NULL;
    flow_read_report *rep = NULL;
    const char *text = "origin,destination,value,year,layer,unit,layer_kind\n"
                       "USA,RUS,5,2022,positions,USD_bn,stock\n"
                       "DEU,RUS,3,2022,positions,USD_bn,\n"
                       "CHN,RUS,7,2022,finance,USD_bn,flow\n"
                       "CHN,IND,2,2022,trade,USD_bn,bond\n"
                       "CHN,IND,4,2022,trade,USD_bn,\n";
    assert_int_equal(read_text(&ds, &rep, "kinds.csv", text, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_layer_kind(ds, "positions"), FLOW_LAYER_STOCK);
    /* "finance" is a stock by default; its rows say otherwise. */
    assert_int_equal(flow_dataset_layer_kind(ds, "finance"), FLOW_LAYER_FLOW);
    assert_int_equal(flow_dataset_layer_kind(ds, "trade"), FLOW_LAYER_FLOW);
    assert_int_equal(flow_test_report_accepted(rep), 4);
    assert_int_equal(flow_test_report_rejected(rep), 1); /* "bond" */
    flow_read_report_free(rep);
    flow_dataset_free(ds);
}

static void test_a_layer_declared_both_ways_fails(void **state)
{
    (void)state;
    flow_dataset *ds = NULL;
    flow_read_report *rep = NULL;
    const char *text = "origin,destination,value,year,layer,layer_kind\n"
                       "USA,RUS,5,2022,positions,stock\n"
                       "DEU,RUS,3,2022,positions,flow\n";
    assert_int_equal(read_text(&ds, &rep, "both.csv", text, NULL), FLOW_ERR_VALUE);
    assert_non_null(strstr(flow_last_error(), "line 3"));
    assert_non_null(strstr(flow_last_error(), "differs from the kind declared before"));
    flow_read_report_free(rep);
    flow_dataset_free(ds);
    /* The dataset's own declaration counts as one. */
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_set_layer_kind(ds, "positions", FLOW_LAYER_FLOW), FLOW_OK);
    assert_int_equal(
        flow_dataset_read_csv(ds,
                              flow_test_write_temp("one.csv", "origin,destination,value,year,"
                                                              "layer,layer_kind\n"
                                                              "USA,RUS,5,2022,positions,stock\n"),
                              NULL, NULL),
        FLOW_ERR_VALUE);
    flow_dataset_free(ds);
}

/* A file large enough to be read in ranges on two threads: the kinds merge, and conflict. */
static void test_kinds_on_two_threads(void **state)
{
    (void)state;
    size_t cap = 40u << 20, used = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    used += (size_t)snprintf(text, cap, "origin,destination,value,year,layer,layer_kind\n");
    for (int i = 0; i < 60000; i++)
        used += (size_t)snprintf(text + used, cap - used, "USA,RUS,%d,2022,positions,stock\n",
                                 i % 9 + 1);
    flow_dataset *ds = NULL;
    flow_read_report *rep = NULL;
    assert_int_equal(read_text(&ds, &rep, "big.csv", text, "2"), FLOW_OK);
    assert_int_equal(flow_dataset_layer_kind(ds, "positions"), FLOW_LAYER_STOCK);
    assert_int_equal(flow_test_report_accepted(rep), 60000);
    flow_read_report_free(rep);
    flow_dataset_free(ds);
    /* The last row declares the layer a flow: the merge of the ranges refuses it. */
    snprintf(text + used, cap - used, "USA,RUS,1,2022,positions,flow\n");
    assert_int_equal(read_text(&ds, &rep, "big_conflict.csv", text, "2"), FLOW_ERR_VALUE);
    assert_non_null(strstr(flow_last_error(), "positions"));
    flow_read_report_free(rep);
    flow_dataset_free(ds);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kind_column_declares_layers),
        cmocka_unit_test(test_a_layer_declared_both_ways_fails),
        cmocka_unit_test(test_kinds_on_two_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
