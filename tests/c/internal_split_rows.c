/*
 * internal_split_rows.c - flow_i_split_rows covers every row exactly once,
 * in contiguous ranges, whatever the number of parts asked for.
 */
#include "support.h"

#include "internal.h"

#include <string.h>

struct coverage {
    int hits[100];
    int part_of[100];
};

static void mark(void *ctx, int part, int64_t begin, int64_t end)
{
    struct coverage *c = ctx;
    for (int64_t i = begin; i < end; i++) {
        c->hits[i]++;
        c->part_of[i] = part;
    }
}

static void check_split(int64_t count, int parts, int expected_parts)
{
    struct coverage c;
    memset(&c, 0, sizeof c);
    flow_i_split_rows(count, parts, mark, &c);
    int seen = count > 0 ? 1 : 0;
    for (int64_t i = 0; i < count; i++) {
        assert_int_equal(c.hits[i], 1);
        if (i > 0) {
            /* Parts are contiguous and in order: part numbers never go back. */
            assert_true(c.part_of[i] == c.part_of[i - 1] || c.part_of[i] == c.part_of[i - 1] + 1);
            seen += c.part_of[i] != c.part_of[i - 1];
        }
    }
    assert_int_equal(seen, expected_parts);
}

static void test_every_row_once(void **state)
{
    (void)state;
    check_split(100, 2, 2);
    check_split(100, 3, 3);
    check_split(97, FLOW_I_MAX_PARTS, FLOW_I_MAX_PARTS);
    check_split(100, 1000, FLOW_I_MAX_PARTS); /* clamped */
    check_split(100, 0, 1);
    check_split(3, 8, 3); /* never more parts than rows */
    check_split(0, 2, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_row_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
