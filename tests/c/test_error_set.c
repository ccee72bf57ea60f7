/*
 * test_error_set.c - flow_error_set records a status and message as the
 * calling thread's last error, the way companion libraries (libflow_mpi)
 * report their failures through flow_last_error.
 */
#include "support.h"

#include <libflow.h>
#include <string.h>

static void test_message_and_status_are_recorded(void **state)
{
    (void)state;
    assert_int_equal(flow_error_set(FLOW_ERR_SINGULAR, "rank 2: I - A is singular"),
                     FLOW_ERR_SINGULAR);
    assert_string_equal(flow_last_error(), "rank 2: I - A is singular");
    assert_int_equal(flow_last_error_code(), FLOW_ERR_SINGULAR);
}

static void test_null_message_gives_the_status_text(void **state)
{
    (void)state;
    assert_int_equal(flow_error_set(FLOW_ERR_NOMEM, NULL), FLOW_ERR_NOMEM);
    assert_string_equal(flow_last_error(), flow_strerror(FLOW_ERR_NOMEM));
}

static void test_long_message_is_truncated_not_overrun(void **state)
{
    (void)state;
    char message[5000];
    memset(message, 'x', sizeof message - 1);
    message[sizeof message - 1] = '\0';
    flow_error_set(FLOW_ERR_VALUE, message);
    size_t len = strlen(flow_last_error());
    assert_true(len > 0 && len < sizeof message - 1);
    assert_int_equal(flow_last_error_copy(NULL, 0), (int64_t)len);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_message_and_status_are_recorded),
        cmocka_unit_test(test_null_message_gives_the_status_text),
        cmocka_unit_test(test_long_message_is_truncated_not_overrun),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
