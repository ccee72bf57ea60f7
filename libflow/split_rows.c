/*
 * split_rows.c - one memory-bound pass cut across threads.
 */
#include "internal.h"

#include <pthread.h>

struct split_part {
    void (*fn)(void *ctx, int part, int64_t begin, int64_t end);
    void *ctx;
    int part;
    int64_t begin, end;
};

static void *run_part(void *arg)
{
    struct split_part *p = arg;
    p->fn(p->ctx, p->part, p->begin, p->end);
    return NULL;
}

void flow_i_split_rows(int64_t count, int parts,
                       void (*fn)(void *ctx, int part, int64_t begin, int64_t end), void *ctx)
{
    struct split_part job[FLOW_I_MAX_PARTS];
    pthread_t ids[FLOW_I_MAX_PARTS];
    int started[FLOW_I_MAX_PARTS] = {0};
    parts = parts < 1 ? 1 : (parts > FLOW_I_MAX_PARTS ? FLOW_I_MAX_PARTS : parts);
    if (count < parts)
        parts = count > 0 ? (int)count : 1;
    for (int p = 0; p < parts; p++) {
        job[p] = (struct split_part){fn, ctx, p, count * p / parts, count * (p + 1) / parts};
        started[p] = p > 0 && pthread_create(&ids[p], NULL, run_part, &job[p]) == 0;
    }
    for (int p = 0; p < parts; p++)
        if (!started[p])
            run_part(&job[p]);
    for (int p = 1; p < parts; p++)
        if (started[p])
            pthread_join(ids[p], NULL);
}
