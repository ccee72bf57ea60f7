/*
 * test_labels.c - label sets: the ISO 3166-1 table, aliases, mapping CSVs and
 * aggregation. References: ISO 3166-1 (China = CHN = 156, Afghanistan = AFG =
 * 004), CEPII BACI's country-code file conventions (251 = France incl.
 * Monaco, 699 = India, 490 = "Other Asia, nes" coded S19).
 */
#include "support.h"

#include <libflow.h>
#include <string.h>

static flow_labels *iso(void)
{
    flow_labels *labels = NULL;
    assert_int_equal(flow_labels_new_iso3166(&labels), FLOW_OK);
    return labels;
}

static void test_iso_table_resolves_alpha3_and_numeric(void **state)
{
    (void)state;
    flow_labels *labels = iso();
    int64_t a = -1, b = -1, c = -1, d = -1;
    /* ISO 3166-1 lists 249 officially assigned codes. */
    assert_int_equal(flow_labels_count(labels), 249);
    assert_int_equal(flow_labels_find(labels, "CHN", &a), FLOW_OK);
    assert_int_equal(flow_labels_find(labels, "156", &b), FLOW_OK);
    assert_int_equal(a, b);
    assert_string_equal(flow_labels_code(labels, a), "CHN");
    assert_string_equal(flow_labels_name(labels, a), "China");
    /* Numeric codes match with or without leading zeros. */
    assert_int_equal(flow_labels_find(labels, "4", &c), FLOW_OK);
    assert_int_equal(flow_labels_find(labels, "004", &d), FLOW_OK);
    assert_int_equal(c, d);
    assert_string_equal(flow_labels_code(labels, c), "AFG");
    /* Codes are in alpha-3 order: ABW (Aruba) first. */
    assert_string_equal(flow_labels_code(labels, 0), "ABW");
    assert_null(flow_labels_code(labels, 249));
    assert_null(flow_labels_code(labels, -1));
    flow_labels_free(labels);
}

static void test_unknown_code_is_not_found_with_its_name(void **state)
{
    (void)state;
    flow_labels *labels = iso();
    int64_t index = 0;
    assert_int_equal(flow_labels_find(labels, "XYZ", &index), FLOW_ERR_NOT_FOUND);
    assert_non_null(strstr(flow_last_error(), "'XYZ'"));
    assert_int_equal(flow_labels_find(labels, "chn", &index), FLOW_ERR_NOT_FOUND);
    flow_labels_free(labels);
}

static void test_user_codes_and_aliases(void **state)
{
    (void)state;
    flow_labels *labels = iso();
    int64_t eu = -1, again = -1, index = -1;
    assert_int_equal(flow_labels_add(labels, "EU", "European Union", &eu), FLOW_OK);
    assert_int_equal(eu, 249);
    /* Adding an existing code (or alias) is idempotent. */
    assert_int_equal(flow_labels_add(labels, "EU", "other name", &again), FLOW_OK);
    assert_int_equal(again, eu);
    assert_string_equal(flow_labels_name(labels, eu), "European Union");
    assert_int_equal(flow_labels_add(labels, "156", NULL, &again), FLOW_OK);
    assert_string_equal(flow_labels_code(labels, again), "CHN");
    assert_int_equal(flow_labels_count(labels), 250);
    /* Energy Institute names as aliases of ISO codes. */
    assert_int_equal(flow_labels_add_alias(labels, "Russian Federation", "RUS"), FLOW_OK);
    assert_int_equal(flow_labels_find(labels, "Russian Federation", &index), FLOW_OK);
    assert_string_equal(flow_labels_code(labels, index), "RUS");
    /* An alias cannot be moved to another label, nor point at nothing. */
    assert_int_equal(flow_labels_add_alias(labels, "Russian Federation", "CHN"), FLOW_ERR_STATE);
    assert_int_equal(flow_labels_add_alias(labels, "Atlantis", "ATL"), FLOW_ERR_NOT_FOUND);
    assert_int_equal(flow_labels_add(labels, "", NULL, NULL), FLOW_ERR_INVALID_ARG);
    flow_labels_free(labels);
}

static void test_baci_country_code_file(void **state)
{
    (void)state;
    flow_labels *labels = iso();
    const char *path = flow_test_data_file("baci_country_codes.csv");
    int64_t fra = -1, b251 = -1, ind = -1, b699 = -1, s19 = -1;
    assert_non_null(path);
    assert_int_equal(flow_labels_read_mapping_csv(labels, path, "country_code", "country_iso3",
                                                  "country_name", 1),
                     FLOW_OK);
    assert_int_equal(flow_labels_find(labels, "FRA", &fra), FLOW_OK);
    assert_int_equal(flow_labels_find(labels, "251", &b251), FLOW_OK);
    assert_int_equal(fra, b251);
    assert_int_equal(flow_labels_find(labels, "IND", &ind), FLOW_OK);
    assert_int_equal(flow_labels_find(labels, "699", &b699), FLOW_OK);
    assert_int_equal(ind, b699);
    /* BACI's 490 has no ISO code: it becomes a label of its own. */
    assert_int_equal(flow_labels_find(labels, "490", &s19), FLOW_OK);
    assert_string_equal(flow_labels_code(labels, s19), "S19");
    assert_string_equal(flow_labels_name(labels, s19), "Other Asia, nes");
    assert_int_equal(flow_labels_count(labels), 250);
    flow_labels_free(labels);
}

static void test_mapping_file_rejects_unknown_targets_when_asked(void **state)
{
    (void)state;
    flow_labels *labels = iso();
    const char *path = flow_test_data_file("baci_country_codes.csv");
    assert_int_equal(
        flow_labels_read_mapping_csv(labels, path, "country_code", "country_iso3", NULL, 0),
        FLOW_ERR_UNKNOWN_LABEL);
    /* Line 5 holds 490 -> S19. */
    assert_non_null(strstr(flow_last_error(), "line 5"));
    assert_non_null(strstr(flow_last_error(), "'S19'"));
    assert_int_equal(flow_labels_read_mapping_csv(labels, path, "code", "country_iso3", NULL, 0),
                     FLOW_ERR_MISSING_COLUMN);
    assert_non_null(strstr(flow_last_error(), "\"code\""));
    flow_labels_free(labels);
}

static void test_aggregation_merges_members(void **state)
{
    (void)state;
    flow_labels *labels = iso();
    flow_aggregation *agg = NULL;
    flow_labels *eu = NULL;
    int64_t map[249];
    int64_t deu = 0, fra = 0, ita = 0, chn = 0, index = 0;
    assert_int_equal(flow_aggregation_new(&agg), FLOW_OK);
    assert_int_equal(
        flow_aggregation_read_csv(agg, flow_test_data_file("eu_mapping.csv"), "code", "group"),
        FLOW_OK);
    assert_int_equal(flow_labels_aggregate(&eu, map, 249, labels, agg), FLOW_OK);
    /* Three members become one label: 249 - 3 + 1. */
    assert_int_equal(flow_labels_count(eu), 247);
    flow_labels_find(labels, "DEU", &deu);
    flow_labels_find(labels, "FRA", &fra);
    flow_labels_find(labels, "ITA", &ita);
    flow_labels_find(labels, "CHN", &chn);
    assert_int_equal(map[deu], map[fra]);
    assert_int_equal(map[deu], map[ita]);
    assert_string_equal(flow_labels_code(eu, map[deu]), "EU");
    assert_string_equal(flow_labels_code(eu, map[chn]), "CHN");
    /* Unmapped labels keep their aliases; members do not resolve any more. */
    assert_int_equal(flow_labels_find(eu, "156", &index), FLOW_OK);
    assert_int_equal(index, map[chn]);
    assert_int_equal(flow_labels_find(eu, "DEU", &index), FLOW_ERR_NOT_FOUND);
    flow_labels_free(eu);
    assert_int_equal(flow_labels_aggregate(&eu, map, 10, labels, agg), FLOW_ERR_BUFFER_TOO_SMALL);
    assert_null(eu);
    flow_aggregation_free(agg);
    flow_labels_free(labels);
}

static void test_clone_is_independent(void **state)
{
    (void)state;
    flow_labels *labels = iso();
    flow_labels *copy = NULL;
    int64_t index = 0;
    assert_int_equal(flow_labels_clone(&copy, labels), FLOW_OK);
    assert_int_equal(flow_labels_add(copy, "EU", NULL, NULL), FLOW_OK);
    assert_int_equal(flow_labels_count(copy), 250);
    assert_int_equal(flow_labels_count(labels), 249);
    assert_int_equal(flow_labels_find(copy, "643", &index), FLOW_OK);
    assert_string_equal(flow_labels_code(copy, index), "RUS");
    flow_labels_free(copy);
    flow_labels_free(labels);
    flow_labels_free(NULL);
    flow_aggregation_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iso_table_resolves_alpha3_and_numeric),
        cmocka_unit_test(test_unknown_code_is_not_found_with_its_name),
        cmocka_unit_test(test_user_codes_and_aliases),
        cmocka_unit_test(test_baci_country_code_file),
        cmocka_unit_test(test_mapping_file_rejects_unknown_targets_when_asked),
        cmocka_unit_test(test_aggregation_merges_members),
        cmocka_unit_test(test_clone_is_independent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
