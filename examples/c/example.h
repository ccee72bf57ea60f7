/*
 * example.h - what the C examples share: stop with libflow's message when a
 * call fails. A program embedding libflow would recover instead; an example
 * shows the calls.
 */
#ifndef FLOW_EXAMPLE_H
#define FLOW_EXAMPLE_H

#include <libflow.h>
#include <stdio.h>
#include <stdlib.h>

/* Exits with status 1 and "what: <libflow's message>" when status is not FLOW_OK. */
static inline void check(int status, const char *what)
{
    if (status != FLOW_OK) {
        fprintf(stderr, "%s: %s (%s)\n", what, flow_last_error(), flow_strerror(status));
        exit(1);
    }
}

#endif /* FLOW_EXAMPLE_H */
