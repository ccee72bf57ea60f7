#include "support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* relative under the folder named by env, else under fallback (may be NULL). */
static const char *path_under(const char *env, const char *fallback, const char *relative)
{
    static char path[4096];
    const char *root = getenv(env);
    if (root == NULL || *root == '\0')
        root = fallback;
    if (root == NULL)
        return NULL;
    snprintf(path, sizeof path, "%s/%s", root, relative);
    return access(path, R_OK) == 0 ? path : NULL;
}

const char *flow_test_shared_file(const char *relative)
{
    return path_under("FLOW_SHARED_DATA", NULL, relative);
}

const char *flow_test_data_file(const char *relative)
{
    /* The bundled data is always there: a test run by hand, outside ctest,
     * finds it too. */
    return path_under("FLOW_TEST_DATA", FLOW_TEST_DATA_DIR, relative);
}

const char *flow_test_write_temp(const char *name, const char *text)
{
    static char path[4096];
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/flowtest-%ld-%s", dir ? dir : "/tmp", (long)getpid(), name);
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        fail_msg("cannot create %s", path);
    fputs(text, f);
    fclose(f);
    return path;
}

double flow_test_uniform(unsigned *state)
{
    *state = *state * 1103515245u + 12345u;
    return (double)((*state >> 8) & 0xFFFF) / 65536.0;
}

uint64_t flow_test_next_u64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void flow_test_text_put(struct flow_test_text *t, const char *str)
{
    size_t n = strlen(str);
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->s = realloc(t->s, t->cap);
        assert_non_null(t->s);
    }
    memcpy(t->s + t->len, str, n + 1);
    t->len += n;
}

void flow_test_assert_close(double actual, double expected, double tol, const char *what,
                            const char *file, int line)
{
    double scale = fabs(expected) > 1.0 ? fabs(expected) : 1.0;
    if (!(fabs(actual - expected) <= tol * scale)) {
        fail_msg("%s:%d: %s = %.17g, expected %.17g (tol %g)", file, line, what, actual, expected,
                 tol);
    }
}

const char *const flow_test_column_keys[] = {
    "origin_column",  "destination_column", "value_column", "year_column",     "layer_column",
    "product_column", "unit_column",        "flow_column",  "quantity_column", "kind_column"};

const char *flow_test_join(const char *const *items, size_t count)
{
    static char joined[4096];
    size_t used = 0;
    joined[0] = '\0';
    for (size_t i = 0; i < count && used < sizeof joined; i++)
        used +=
            (size_t)snprintf(joined + used, sizeof joined - used, "%s%s", i ? "," : "", items[i]);
    return joined;
}

const char *flow_test_intern(const char *text)
{
    static char pool[4096][512];
    static int used;
    for (int i = 0; i < used; i++)
        if (strcmp(pool[i], text) == 0)
            return pool[i];
    assert_true(used < 4096 && strlen(text) < sizeof pool[0]);
    snprintf(pool[used], sizeof pool[0], "%s", text);
    return pool[used++];
}
