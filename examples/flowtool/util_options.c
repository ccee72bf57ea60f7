/*
 * util_options.c - option parsing shared by the flowtool subcommands, with
 * getopt_long: "--name value", "--name=value", unambiguous abbreviations,
 * options and files in any order, "--" ending the options and "-" as a file
 * (standard input). Every command also takes --table NAME (util_table.c).
 */
#include "util.h"

#include <errno.h>
#include <getopt.h>
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

/* Options every command has, handled here rather than by its array. */
enum { OPT_HELP = 'h', OPT_TABLE = 0x100, OPT_FIRST = 0x200 };

/* The command's own "help" entry, if it lists one. */
static const struct flowtool_option *find_help(const struct flowtool_option *options)
{
    for (const struct flowtool_option *o = options; o->name != NULL; o++)
        if (strcmp(o->name, "help") == 0)
            return o;
    return NULL;
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
    if (find_help(options) == NULL)
        printf("  %-24s %s\n", "--help", "show this help");
    printf("  %-24s %s\n", "--table NAME",
           "print only the table NAME (see the names in --format json); with --format csv\n"
           "                           the output is then one CSV document");
    printf("\nFILE '-' reads standard input; '--' ends the options.\n"
           "exit status: 0 ok, 1 analysis failed (libflow's message on stderr), 2 usage error\n");
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

/* getopt_long's table for options (count entries) plus --help and --table; NULL on OOM. */
static struct option *long_options(const struct flowtool_option *options, int count)
{
    struct option *table = calloc((size_t)count + 3, sizeof *table);
    if (table == NULL)
        return NULL;
    for (int k = 0; k < count; k++) /* a command's own "help" entry is only for --help's list */
        table[k] = (struct option){
            options[k].name, options[k].kind == FLOWTOOL_FLAG ? no_argument : required_argument,
            NULL, strcmp(options[k].name, "help") == 0 ? OPT_HELP : OPT_FIRST + k};
    table[count] = (struct option){"help", no_argument, NULL, OPT_HELP};
    table[count + 1] = (struct option){"table", required_argument, NULL, OPT_TABLE};
    return table;
}

/* What flowtool_parse does, returning -1 to go on or the exit status. */
static int parse(int argc, char **argv, const char *usage, const char *description,
                 const struct flowtool_option *options, char **positional, int *npositional)
{
    int count = 0;
    while (options[count].name != NULL)
        count++;
    struct option *table = long_options(options, count);
    int status = -1;
    if (table == NULL) {
        fprintf(stderr, "flowtool: out of memory\n");
        return 1;
    }
    *npositional = 0;
    opterr = 0; /* the messages below name the command's --help */
    optind = 1;
    int opt, index = 0;
    while (status < 0 && (opt = getopt_long(argc, argv, ":h", table, &index)) != -1) {
        if (opt == OPT_HELP) {
            print_help(usage, description, options);
            status = 0;
        } else if (opt == OPT_TABLE) {
            flowtool_output_select(optarg);
        } else if (opt >= OPT_FIRST && opt < OPT_FIRST + count) {
            const struct flowtool_option *o = &options[opt - OPT_FIRST];
            if (o->kind == FLOWTOOL_FLAG)
                *(int *)o->target = 1;
            else if (set_value(o, optarg) != 0)
                status = 2;
        } else if (opt == ':') {
            fprintf(stderr, "flowtool: %s needs a value (see --help)\n", argv[optind - 1]);
            status = 2;
        } else {
            const char *arg = argv[optind - 1];
            if (optopt != 0 && strncmp(arg, "--", 2) != 0)
                fprintf(stderr, "flowtool: unknown option '-%c' (see --help)\n", optopt);
            else
                fprintf(stderr,
                        "flowtool: unknown option '%s' (or an ambiguous abbreviation; "
                        "see --help)\n",
                        arg);
            fprintf(stderr, "usage: %s\n", usage);
            status = 2;
        }
    }
    for (int i = optind; status < 0 && i < argc; i++)
        positional[(*npositional)++] = argv[i];
    free(table);
    return status;
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

int flowtool_parse_files(int argc, char **argv, const char *usage, const char *description,
                         const struct flowtool_option *options, char ***files, int *nfiles,
                         int *exit_status)
{
    *files = calloc((size_t)argc + 1, sizeof **files);
    if (*files == NULL) {
        fprintf(stderr, "flowtool: out of memory\n");
        *exit_status = 1;
        return 0;
    }
    return flowtool_parse(argc, argv, usage, description, options, *files, nfiles, exit_status);
}

int flowtool_fail(const char *what)
{
    fprintf(stderr, "flowtool: %s: %s\n", what, flow_last_error());
    return 1;
}

void flowtool_usage_error(const char *message, const char *value)
{
    fprintf(stderr, "flowtool: %s '%s'\n", message, value);
    flowtool_output_finish();
    exit(2);
}
