/*
 * util_options.c - option parsing shared by the flowtool subcommands.
 */
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void flowtool_common_init(struct flowtool_common *c)
{
    memset(c, 0, sizeof *c);
    c->year = FLOWTOOL_NO_YEAR;
    c->top = 5;
    c->format = FLOWTOOL_TABLE;
}

static void print_help(const char *usage, const char *description,
                       const struct flowtool_option *options)
{
    printf("usage: %s\n\n%s\n\noptions:\n", usage, description);
    for (const struct flowtool_option *o = options; o->name != NULL; o++) {
        char left[48];
        snprintf(left, sizeof left, "--%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
        printf("  %-24s %s\n", left, o->help);
    }
    printf("\nexit status: 0 ok, 1 analysis failed (libflow's message on stderr), 2 usage error\n");
}

static int set_value(const struct flowtool_option *o, const char *value)
{
    char *end = NULL;
    errno = 0;
    switch (o->kind) {
        case FLOWTOOL_STRING:
            *(const char **)o->target = value;
            return 0;
        case FLOWTOOL_INT: {
            long long v = strtoll(value, &end, 10);
            if (errno != 0 || end == value || *end != '\0')
                break;
            *(int64_t *)o->target = (int64_t)v;
            return 0;
        }
        case FLOWTOOL_DOUBLE: {
            double v = strtod(value, &end);
            if (errno != 0 || end == value || *end != '\0' || !isfinite(v))
                break;
            *(double *)o->target = v;
            return 0;
        }
        case FLOWTOOL_FORMAT:
            if (strcmp(value, "table") == 0)
                *(int *)o->target = FLOWTOOL_TABLE;
            else if (strcmp(value, "csv") == 0)
                *(int *)o->target = FLOWTOOL_CSV;
            else if (strcmp(value, "json") == 0)
                *(int *)o->target = FLOWTOOL_JSON;
            else
                break;
            return 0;
        default:
            break;
    }
    fprintf(stderr, "flowtool: --%s: invalid value '%s'\n", o->name, value);
    return -1;
}

static const struct flowtool_option *find_option(const struct flowtool_option *options,
                                                 const char *name, size_t len)
{
    for (const struct flowtool_option *o = options; o->name != NULL; o++)
        if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
            return o;
    return NULL;
}

/* What flowtool_parse does, returning -1 to go on or the exit status. */
static int parse(int argc, char **argv, const char *usage, const char *description,
                 const struct flowtool_option *options, char **positional, int *npositional)
{
    *npositional = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            print_help(usage, description, options);
            return 0;
        }
        if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
            positional[(*npositional)++] = argv[i];
            continue;
        }
        const char *name = arg + 2;
        const char *eq = strchr(name, '=');
        const struct flowtool_option *o =
            find_option(options, name, eq ? (size_t)(eq - name) : strlen(name));
        if (o == NULL) {
            fprintf(stderr, "flowtool: unknown option '%s' (see --help)\nusage: %s\n", arg, usage);
            return 2;
        }
        if (o->kind == FLOWTOOL_FLAG) {
            if (eq != NULL) {
                fprintf(stderr, "flowtool: --%s takes no value\n", o->name);
                return 2;
            }
            *(int *)o->target = 1;
            continue;
        }
        const char *value = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
        if (value == NULL) {
            fprintf(stderr, "flowtool: --%s needs a value (%s)\n", o->name, o->arg);
            return 2;
        }
        if (set_value(o, value) != 0)
            return 2;
    }
    return -1;
}

int flowtool_parse(int argc, char **argv, const char *usage, const char *description,
                   const struct flowtool_option *options, char **positional, int *npositional,
                   int *exit_status)
{
    int status = parse(argc, argv, usage, description, options, positional, npositional);
    if (status < 0)
        return 1;
    *exit_status = status;
    return 0;
}

int flowtool_fail(const char *what)
{
    fprintf(stderr, "flowtool: %s: %s\n", what, flow_last_error());
    return 1;
}
