/*
 * misuse_main.c - runs the generated misuse cases (every public function with
 * NULL pointers and out-of-range sizes) and reports contract breaches. Meant
 * to run under AddressSanitizer and UndefinedBehaviorSanitizer, which turn a
 * crash, a read outside caller memory or a leak into a failure.
 */
#include "misuse_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

char misuse_sentinel[1];
const char *misuse_path;

const char *const fixture_codes[] = {"CHN", "RUS", "USA", "DEU", "IND", "TUR", "ARE", "KAZ"};
const double fixture_flows[] = {0, 10, 5, 8, 0, 3, 4, 6, 0};
const double fixture_sizes[] = {100, 80, 60, 50, 40, 30, 20, 10};
const char fixture_csv[] = "origin,destination,value,year\n"
                           "CHN,RUS,10,2023\nRUS,USA,5,2023\nUSA,CHN,7,2023\nRUS,CHN,4,2023\n";
const char fixture_scenario[] = "name fixture\nsanctioning USA\ntarget RUS\ncut * * 1\n"
                                "reroute * * 0.5\nvia CHN\n";

enum { BUFFERS = 8, ELEMENTS = 1 << 16 };
static double doubles[BUFFERS][ELEMENTS];
static int64_t int64s[BUFFERS][ELEMENTS];
static int ints[BUFFERS][ELEMENTS];
static char chars[BUFFERS][ELEMENTS];
static int next_doubles, next_int64s, next_ints, next_chars;
static int failures;

double *misuse_doubles(void)
{
    double *b = doubles[next_doubles++ % BUFFERS];
    for (int i = 0; i < ELEMENTS; i++)
        b[i] = 0.1;
    return b;
}

int64_t *misuse_int64s(void)
{
    int64_t *b = int64s[next_int64s++ % BUFFERS];
    memset(b, 0, sizeof int64s[0]);
    return b;
}

int *misuse_ints(void)
{
    int *b = ints[next_ints++ % BUFFERS];
    memset(b, 0, sizeof ints[0]);
    return b;
}

char *misuse_chars(void)
{
    char *b = chars[next_chars++ % BUFFERS];
    memset(b, 0, sizeof chars[0]);
    return b;
}

/* Every case starts from a known message (a parse error naming this
 * marker), so that a stale message is not taken for the case's own. */
static const char marker[] = "misuse-marker";

void misuse_clear_error(void)
{
    flow_scenario *scenario = NULL;
    flow_scenario_parse(&scenario, "no_such_keyword", marker);
    flow_scenario_free(scenario);
}

void misuse_expect_message(const char *function, const char *label, int rc)
{
    const char *message = flow_last_error();
    if (message == NULL || message[0] == '\0' || strstr(message, marker) != NULL) {
        fprintf(stderr, "%s (%s): status %d without a message\n", function, label, rc);
        failures++;
    }
}

int misuse_valid_status;
static size_t zero_statements_checked;

void misuse_expect_status(const char *function, const char *label, int rc, int stated)
{
    if (misuse_valid_status != FLOW_OK) {
        fprintf(stderr, "%s (%s): not checked, the call with the fixture's sizes fails (%d)\n",
                function, label, misuse_valid_status);
        return;
    }
    zero_statements_checked++;
    if (rc != stated) {
        fprintf(stderr, "%s (%s): status %d, its documentation states %d\n", function, label, rc,
                stated);
        failures++;
    }
}

void misuse_expect_null(const char *function, const char *label, int is_null)
{
    if (!is_null) {
        fprintf(stderr, "%s (%s): failed but left *out set\n", function, label);
        failures++;
    }
}

static const char *write_fixture_file(void)
{
    static char path[] = "/tmp/flow_misuse_XXXXXX";
    FILE *f = NULL;
    int fd = mkstemp(path);
    if (fd < 0 || (f = fdopen(fd, "w")) == NULL)
        return NULL;
    fputs(fixture_csv, f);
    fclose(f);
    return path;
}

int main(int argc, char **argv)
{
    const char *only = argc > 1 ? argv[1] : NULL;
    misuse_path = write_fixture_file();
    if (misuse_path == NULL) {
        perror("misuse: temporary file");
        return 1;
    }
    /* The library never prints: whatever reaches stdout during the cases (as
     * LAPACK's error handler does) is a failure. */
    fflush(stdout);
    int saved_stdout = dup(STDOUT_FILENO);
    FILE *captured = tmpfile();
    if (saved_stdout < 0 || captured == NULL || dup2(fileno(captured), STDOUT_FILENO) < 0) {
        perror("misuse: capturing stdout");
        return 1;
    }
    size_t ran = 0;
    for (size_t i = 0; i < misuse_case_count; i++) {
        if (only != NULL && strcmp(only, misuse_cases[i].function) != 0)
            continue;
        if (getenv("MISUSE_VERBOSE") != NULL)
            fprintf(stderr, "%s (%s)\n", misuse_cases[i].function, misuse_cases[i].label);
        misuse_cases[i].run();
        ran++;
    }
    fflush(stdout);
    dup2(saved_stdout, STDOUT_FILENO);
    close(saved_stdout);
    char printed[256];
    size_t nprinted =
        (fseek(captured, 0, SEEK_SET), fread(printed, 1, sizeof printed - 1, captured));
    printed[nprinted] = '\0';
    fclose(captured);
    if (nprinted > 0) {
        fprintf(stderr, "the library printed to stdout: %s\n", printed);
        failures++;
    }
    remove(misuse_path);
    printf("misuse: %zu functions, %zu cases run, %zu documented size-0 statuses checked, %d "
           "contract failures\n",
           misuse_function_count, ran, zero_statements_checked, failures);
    return failures == 0 && ran > 0 ? 0 : 1;
}
