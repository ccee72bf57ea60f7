/*
 * sector_cut_internal.h - the sector-specific part of a scenario (sector
 * groups and blocks), shared by its statements (sector_cut.c), the scenario
 * (scenario.c, scenario_io.c) and its lenses (sector_cut_run.c).
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

typedef struct flow_i_sector_cut {
    char source[1024];
    struct flow_i_cut_group *groups;
    int64_t ngroups;
    struct flow_i_cut_block *blocks;
    int64_t nblocks;
} flow_i_sector_cut;

/* An empty part ("<setters>" as its source). FLOW_OK or FLOW_ERR_NOMEM; *out NULL on failure. */
int flow_i_sector_cut_new(flow_i_sector_cut **out);
void flow_i_sector_cut_free(flow_i_sector_cut *cut);

/* Adds member to the region group (or, with sectors = 1, the sector group) group. */
int flow_i_sector_cut_add_group_member(flow_i_sector_cut *cut, int sectors, const char *group,
                                       const char *member);

/*
 * Adds a block: sellers, products and buyers are comma-separated lists of
 * codes or groups (copied); severity in [0, 1]; channels a
 * flow_sector_channel. FLOW_OK, FLOW_ERR_INVALID_ARG, FLOW_ERR_NOMEM.
 */
int flow_i_sector_cut_add_block(flow_i_sector_cut *cut, const char *sellers, const char *products,
                                const char *buyers, double severity, int channels);

/*
 * The statements a sector cut shares with the sanctions scenario format
 * (scenario.c): "sectors", "sectors_from" (a relative file is taken from dir;
 * NULL: the working directory) and the five- or six-word "cut". Sets
 * *handled to 0, touching nothing, for any other statement; errors name
 * source and line.
 */
int flow_i_sector_cut_statement(flow_i_sector_cut *cut, const char *source, const char *dir,
                                int64_t line, char **w, int n, int *handled);

/* A copy of src's groups (region and sector) and blocks into dst. */
int flow_i_sector_cut_append(flow_i_sector_cut *dst, const flow_i_sector_cut *src);

/*
 * Resolves every block of cut against the region and sector codes of m into
 * the IO blocks of plan (masks, severity, channels), counting group members
 * m lacks in plan->io_skipped (sector_cut_run.c).
 */
struct flow_i_cut_plan;
int flow_i_sector_cut_resolve(struct flow_i_cut_plan *plan, const flow_i_sector_cut *cut,
                              const flow_io_model *m);

#endif /* LIBFLOW_SECTOR_CUT_INTERNAL_H */
