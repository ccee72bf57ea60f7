/*
 * test_core.c - status codes, thread-local errors and version information.
 */
#include "support.h"

#include <libflow.h>
#include <stdio.h>
#include <string.h>

static void test_version_agrees_with_header(void **state)
{
    (void)state;
    char expected[32];
    snprintf(expected, sizeof expected, "%d.%d.%d", FLOW_VERSION_MAJOR, FLOW_VERSION_MINOR,
             FLOW_VERSION_PATCH);
    assert_string_equal(flow_version_string(), expected);
    assert_int_equal(flow_version_number(), FLOW_VERSION_NUMBER);
    assert_int_equal(flow_abi_version(), FLOW_ABI_VERSION);
}

static void test_strerror_covers_every_code(void **state)
{
    (void)state;
    for (int code = FLOW_ERR_CANCELLED; code <= FLOW_OK; code++)
        assert_string_not_equal(flow_strerror(code), "unknown status");
    assert_string_equal(flow_strerror(-9999), "unknown status");
    assert_string_equal(flow_strerror(FLOW_ERR_NOMEM), "out of memory");
}

static void test_last_error_copy_truncates_and_reports_length(void **state)
{
    (void)state;
    /* A buffer-size failure is the simplest public way to record an error:
     * its message is longer than the buffer, so the copy must truncate. */
    flow_table *t = NULL;
    double one[2];
    assert_int_equal(flow_table_new(&t, 1, 2, NULL, 2), FLOW_OK);
    assert_int_equal(flow_table_copy_to(t, one, 1, 2), FLOW_ERR_BUFFER_TOO_SMALL);
    flow_table_free(t);
    const char *message = flow_last_error();
    int64_t full = (int64_t)strlen(message);
    assert_true(full > 7);
    assert_int_equal(flow_last_error_copy(NULL, 0), full);
    char buf[8];
    memset(buf, 'x', sizeof buf);
    int64_t len = flow_last_error_copy(buf, (int64_t)sizeof buf);
    assert_int_equal(len, full);
    assert_int_equal(buf[7], '\0');
    assert_memory_equal(buf, message, 7);
    /* A buffer large enough receives the whole message. */
    char whole[512];
    assert_int_equal(flow_last_error_copy(whole, (int64_t)sizeof whole), full);
    assert_string_equal(whole, message);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_agrees_with_header),
        cmocka_unit_test(test_strerror_covers_every_code),
        cmocka_unit_test(test_last_error_copy_truncates_and_reports_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
