/*
 * sector_cut_internal.h - the sector-specific cut handle, shared by its
 * parser (sector_cut.c) and its lenses (sector_cut_run.c).
 */
#ifndef LIBFLOW_SECTOR_CUT_INTERNAL_H
#define LIBFLOW_SECTOR_CUT_INTERNAL_H

#include "internal.h"
#include "mrio_internal.h"

struct flow_i_cut_group {
    char *name;
    int sectors; /* 1: a group of sectors, 0: of regions */
    char **members;
    int64_t count;
};

struct flow_i_cut_block {
    char *sellers, *products, *buyers; /* comma-separated codes or groups */
    double severity;
    int channels;
    int64_t line; /* in the scenario file, 0 when set by a setter */
};

struct flow_sector_cut {
    char *name;
    char source[1024];
    struct flow_i_cut_group *groups;
    int64_t ngroups;
    struct flow_i_cut_block *blocks;
    int64_t nblocks;
};

/*
 * The statements a sector cut shares with the sanctions scenario format
 * (scenario.c): "sectors", "sectors_from" (a relative file is taken from dir;
 * NULL: the working directory) and the five- or six-word "cut". Sets
 * *handled to 0, touching nothing, for any other statement; errors name
 * source and line.
 */
int flow_i_sector_cut_statement(flow_sector_cut *cut, const char *source, const char *dir,
                                int64_t line, char **w, int n, int *handled);

/* A copy of src's sector groups and blocks into dst (region groups too when regions != 0). */
int flow_i_sector_cut_append(flow_sector_cut *dst, const flow_sector_cut *src, int regions);

/*
 * Resolves every block of cut against the region and sector codes of m into
 * the IO blocks of plan (masks, severity, channels), counting group members
 * m lacks in plan->io_skipped (sector_cut_run.c).
 */
struct flow_i_cut_plan;
int flow_i_sector_cut_resolve(struct flow_i_cut_plan *plan, const flow_sector_cut *cut,
                              const flow_io_model *m);

#endif /* LIBFLOW_SECTOR_CUT_INTERNAL_H */
