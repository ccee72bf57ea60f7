/*
 * flowtool - the example command-line program of libflow.
 *
 * Dispatches "flowtool <command> [options]" to the subcommands generated from
 * the cmd_*.c files. Exit statuses: 0 success, 1 the analysis failed (bad
 * input, singular system, ...: libflow's message is printed), 2 usage error.
 */
#include "util.h"

#include <libflow.h>
#include <stdio.h>
#include <string.h>

#define FLOWTOOL_COMMAND(name)                                                                     \
    int flowtool_cmd_##name(int argc, char **argv);                                                \
    extern const char flowtool_about_##name[];
#include "flowtool_commands.def"
#undef FLOWTOOL_COMMAND

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *about;
};

static const struct command commands[] = {
#define FLOWTOOL_COMMAND(name) {#name, flowtool_cmd_##name, flowtool_about_##name},
#include "flowtool_commands.def"
#undef FLOWTOOL_COMMAND
    {NULL, NULL, NULL}};

static void usage(FILE *to)
{
    fprintf(to,
            "usage: flowtool <command> [options]   (flowtool help <command> for details)\n"
            "       flowtool --version\n\n"
            "libflow %s: trade, energy and finance dependency analysis.\n\ncommands:\n",
            flow_version_string());
    for (const struct command *c = commands; c->name != NULL; c++)
        fprintf(to, "  %-14s %s\n", c->name, c->about);
    fprintf(to, "\nexit status: 0 ok, 1 analysis failed (message on stderr), 2 usage error\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        (strcmp(argv[1], "help") == 0 && argc == 2)) {
        usage(stdout);
        return 0;
    }
    /* "flowtool help COMMAND" is "flowtool COMMAND --help". */
    char help_option[] = "--help";
    char *help_argv[] = {argv[0], argc > 2 ? argv[2] : NULL, help_option, NULL};
    if (strcmp(argv[1], "help") == 0) {
        argc = 3;
        argv = help_argv;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("flowtool (libflow %s)\n", flow_version_string());
        return 0;
    }
    for (const struct command *c = commands; c->name != NULL; c++)
        if (strcmp(argv[1], c->name) == 0) {
            int status = c->run(argc - 1, argv + 1);
            int output = flowtool_output_finish();
            return status != 0 ? status : output;
        }
    fprintf(stderr, "flowtool: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return 2;
}
