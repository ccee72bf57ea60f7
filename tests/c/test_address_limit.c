/*
 * test_address_limit.c - a factorisation under an address-space limit
 * (setrlimit(RLIMIT_AS), in a child process) fails with FLOW_ERR_NOMEM when
 * OpenBLAS would find no room for its work buffer, instead of hanging in
 * OpenBLAS's retry loop; with room to spare it succeeds. A child that does
 * not answer within 20 s counts as hung. Skipped under AddressSanitizer,
 * whose shadow memory does not fit under such limits.
 */
#include "support.h"

#include <libflow.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define FLOW_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FLOW_TEST_ASAN 1
#endif
#endif

enum { ORDER = 1000 };

#ifndef FLOW_TEST_ASAN

/* Address space the process maps now (VmSize), in bytes; 0 if unknown. */
static long long mapped_bytes(void)
{
    char line[256];
    long long kb = 0;
    FILE *f = fopen("/proc/self/status", "r");
    if (f == NULL)
        return 0;
    while (fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "VmSize: %lld kB", &kb) == 1)
            break;
    fclose(f);
    return kb * 1024;
}

/*
 * In a child: builds a model of ORDER sectors, limits the address space to
 * what is mapped plus headroom bytes and factors. Exit status: 0 factored,
 * 1 FLOW_ERR_NOMEM with a message, 2 anything else.
 */
static int child_factor(long long headroom)
{
    double *z = calloc((size_t)ORDER * ORDER, sizeof *z), *y = malloc((size_t)ORDER * sizeof *y);
    flow_io_model *m = NULL;
    if (z == NULL || y == NULL)
        return 2;
    for (size_t i = 0; i < ORDER; i++) {
        y[i] = 10.0;
        for (size_t j = 0; j < ORDER; j++)
            z[i * ORDER + j] = i == j ? 0.0 : 0.5 / ORDER;
    }
    if (flow_io_model_new(&m, ORDER, z, 1, y, NULL, NULL) != FLOW_OK)
        return 2;
    free(z);
    free(y);
    long long limit = mapped_bytes() + headroom;
    struct rlimit rl = {(rlim_t)limit, (rlim_t)limit};
    if (limit <= headroom || setrlimit(RLIMIT_AS, &rl) != 0)
        return 2;
    alarm(20);
    int rc = flow_io_model_factor(m);
    if (rc == FLOW_ERR_NOMEM)
        fprintf(stderr, "under the limit: %s\n", flow_last_error());
    flow_io_model_free(m);
    return rc == FLOW_OK ? 0 : rc == FLOW_ERR_NOMEM && strstr(flow_last_error(), "memory") ? 1 : 2;
}

static int run_child(long long headroom)
{
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(child_factor(headroom));
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (WIFSIGNALED(status))
        fail_msg("the factorisation did not return (signal %d: hung in OpenBLAS?)",
                 WTERMSIG(status));
    return WEXITSTATUS(status);
}

#endif

static void test_factor_under_address_limit(void **state)
{
    (void)state;
#ifdef FLOW_TEST_ASAN
    skip();
#else
    if (mapped_bytes() == 0)
        skip();
    /* Room for the model's own n x n work (8 MB) but not for OpenBLAS's buffer. */
    assert_int_equal(run_child(40LL << 20), 1);
    /* Room for both. */
    assert_int_equal(run_child(400LL << 20), 0);
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_factor_under_address_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
