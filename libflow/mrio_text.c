/*
 * mrio_text.c - the tab-separated layout of EXIOBASE 3 and of pymrio: a
 * folder (or zip archive) with Z.txt or A.txt, Y.txt, optional x.txt, and
 * satellite accounts as subfolders holding F.txt (F_Y.txt / F_hh.txt), or as
 * files NAME.txt (FDNAME.txt) beside Z in pymrio's test MRIO.
 *
 * Each file has header rows (region, then sector or category, optionally a
 * row naming the index columns) and index columns (region, sector[, unit] or
 * stressor[, compartment][, unit]); how many of each is read off the file's
 * first records: header rows are those before the first record whose fields
 * after its leading text fields are all numbers.
 */
#include "io_internal.h"
#include "mrio_internal.h"
#include "reader_internal.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---------------------------------------------------------------- listing */

struct listing {
    const char *path; /* folder or archive */
    int zip;
    char **names; /* relative paths (folder) or member names (archive) */
    int64_t count;
};

static int push_name(struct listing *l, const char *name)
{
    char **grown = realloc(l->names, (size_t)(l->count + 1) * sizeof *grown);
    if (grown == NULL)
        return flow_i_fail_status(FLOW_ERR_NOMEM);
    l->names = grown;
    if ((grown[l->count] = flow_i_strdup(name)) == NULL)
        return FLOW_ERR_NOMEM;
    l->count++;
    return FLOW_OK;
}

/* Files of a folder and of its direct subfolders, as "name" and "sub/name". */
static int list_folder(struct listing *l, const char *sub)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s%s%s", l->path, sub[0] ? "/" : "", sub);
    DIR *d = opendir(dir);
    if (d == NULL)
        return flow_i_fail(FLOW_ERR_IO, "%s: cannot open the folder", dir);
    int rc = FLOW_OK;
    struct dirent *e;
    while (rc == FLOW_OK && (e = readdir(d)) != NULL) {
        char rel[4096], full[8192];
        struct stat st;
        if (e->d_name[0] == '.')
            continue;
        snprintf(rel, sizeof rel, "%s%s%s", sub, sub[0] ? "/" : "", e->d_name);
        snprintf(full, sizeof full, "%s/%s", l->path, rel);
        if (stat(full, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode) && sub[0] == '\0')
            rc = list_folder(l, rel);
        else if (S_ISREG(st.st_mode))
            rc = push_name(l, rel);
    }
    closedir(d);
    return rc;
}

static int list_input(struct listing *l, const char *path)
{
    struct stat st;
    memset(l, 0, sizeof *l);
    l->path = path;
    if (stat(path, &st) != 0)
        return flow_i_fail(FLOW_ERR_IO, "%s: no such file or folder", path);
    if (S_ISDIR(st.st_mode))
        return list_folder(l, "");
    l->zip = 1;
    return flow_i_zip_members(path, &l->names, &l->count);
}

static void listing_clear(struct listing *l)
{
    for (int64_t i = 0; i < l->count; i++)
        free(l->names[i]);
    free(l->names);
}

static const char *base_name(const char *name)
{
    const char *s = strrchr(name, '/');
    return s != NULL ? s + 1 : name;
}

/* Length of name's folder part (0 for none), without the '/'. */
static size_t dir_len(const char *name)
{
    const char *s = strrchr(name, '/');
    return s != NULL ? (size_t)(s - name) : 0;
}

/* The file name without .txt / .txt.gz, in buf; 0 when it is no .txt file. */
static int stem(const char *name, char *buf, size_t cap)
{
    const char *b = base_name(name);
    size_t n = strlen(b);
    size_t cut = n >= 7 && strcmp(b + n - 7, ".txt.gz") == 0 ? 7
                 : n >= 4 && strcmp(b + n - 4, ".txt") == 0  ? 4
                                                             : 0;
    if (cut == 0 || n - cut >= cap)
        return 0;
    memcpy(buf, b, n - cut);
    buf[n - cut] = '\0';
    return 1;
}

/* A file in folder dir (dlen bytes of some name) whose stem is `want` or ends in "_want". */
static const char *find_in(const struct listing *l, const char *dir, size_t dlen, const char *want,
                           int suffix_ok)
{
    char s[256];
    for (int64_t i = 0; i < l->count; i++) {
        const char *name = l->names[i];
        if (dir_len(name) != dlen || strncmp(name, dir, dlen) != 0 || !stem(name, s, sizeof s))
            continue;
        size_t n = strlen(s), w = strlen(want);
        if (strcmp(s, want) == 0 ||
            (suffix_ok && n > w + 1 && s[n - w - 1] == '_' && strcmp(s + n - w, want) == 0))
            return name;
    }
    return NULL;
}

static void input_for(struct flow_i_input *in, const struct listing *l, const char *name, char *buf,
                      size_t cap)
{
    if (l->zip) {
        flow_i_input_set(in, l->path, name);
    } else {
        snprintf(buf, cap, "%s/%s", l->path, name);
        flow_i_input_set(in, buf, NULL);
    }
}

/* ---------------------------------------------------------------- layout */

static int is_number(const char *s)
{
    double v;
    return s[0] != '\0' && flow_i_parse_double(s, strlen(s), 0, '.', &v) == FLOW_I_NUMBER_OK;
}

/* Leading text fields of a record, and whether all later fields are numbers or empty (and one is a
 * number). */
static int64_t leading_text(const struct flow_i_head *h, int64_t r, int *numeric_rest)
{
    int64_t lead = 0, f;
    int any = 0;
    while (lead < h->nfields[r] && !is_number(h->fields[r][lead]))
        lead++;
    *numeric_rest = 1;
    for (f = lead; f < h->nfields[r]; f++) {
        if (h->fields[r][f][0] != '\0' && !is_number(h->fields[r][f]))
            *numeric_rest = 0;
        any |= h->fields[r][f][0] != '\0';
    }
    *numeric_rest = *numeric_rest && any && lead > 0;
    return lead;
}

/*
 * Header rows and index columns of a file. by_region: columns are (region,
 * sector) pairs, rows (region, sector[, unit]); otherwise rows are
 * (stressor[, compartment][, unit]) and the group is the last index column.
 */
static int sniff_layout(const struct flow_i_input *in, int rows_by_region,
                        struct flow_i_layout *layout)
{
    struct flow_i_head h;
    int rc = flow_i_mrio_read_head(&h, in, '\t');
    int64_t header = -1, idx = 0;
    for (int64_t r = 0; rc == FLOW_OK && r < h.nrec && header < 0; r++) {
        int numeric = 0;
        int64_t lead = leading_text(&h, r, &numeric);
        if (numeric) {
            header = r;
            idx = lead;
        }
    }
    flow_i_mrio_free_head(&h);
    if (rc != FLOW_OK)
        return rc;
    if (header < 1)
        return flow_i_fail(FLOW_ERR_PARSE,
                           "%s: no header rows followed by a data row in the first 8 lines",
                           in->name);
    layout->label_rows = header;
    layout->label_cols = idx;
    layout->col_group_row = header >= 2 ? 0 : -1;
    layout->col_label_row = header >= 2 ? 1 : 0;
    if (rows_by_region) {
        layout->row_group_col = idx >= 2 ? 0 : -1;
        layout->row_label_col = idx >= 2 ? 1 : 0;
    } else {
        layout->row_label_col = 0;
        layout->row_group_col = idx >= 2 ? idx - 1 : -1;
    }
    layout->delimiter = '\t';
    return FLOW_OK;
}

static int read_file(flow_mrio *m, struct flow_i_parts *parts, const struct listing *l,
                     const char *name, int rows_by_region, flow_table **out)
{
    struct flow_i_input in;
    struct flow_i_layout layout;
    char buf[8192];
    input_for(&in, l, name, buf, sizeof buf);
    int rc = sniff_layout(&in, rows_by_region, &layout);
    if (rc == FLOW_OK)
        rc = flow_i_mrio_read_table(out, &in, &layout, flow_i_mrio_report(m));
    size_t used = strlen(parts->files);
    if (rc == FLOW_OK && used + 2 < sizeof parts->files)
        snprintf(parts->files + used, sizeof parts->files - used, "%s%s", used ? ", " : "", name);
    return rc;
}

/* ---------------------------------------------------------------- core blocks */

/* Model index of every row of t (group = region, label = sector). */
static int map_rows(const flow_table *t, const struct flow_i_parts *parts, const char *file,
                    int64_t *map)
{
    for (int64_t i = 0; i < flow_table_rows(t); i++)
        if ((map[i] = flow_i_axis_index(&parts->axis, flow_table_row_group(t, i),
                                        flow_table_row_label(t, i))) < 0)
            return flow_i_fail(FLOW_ERR_DIMENSION, "%s: row %lld (%s/%s) is no industry of Z", file,
                               (long long)i + 1, flow_table_row_group(t, i),
                               flow_table_row_label(t, i));
    return FLOW_OK;
}

static int build_axis(struct flow_i_parts *parts, const flow_table *z, const char *file)
{
    int64_t n = flow_table_rows(z);
    const char **regions = flow_i_calloc(n, sizeof *regions);
    const char **sectors = flow_i_calloc(n, sizeof *sectors);
    int rc = regions != NULL && sectors != NULL ? FLOW_OK : FLOW_ERR_NOMEM;
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++) {
        regions[i] = flow_table_row_group(z, i);
        sectors[i] = flow_table_row_label(z, i);
    }
    if (rc == FLOW_OK)
        rc = flow_i_axis_build(&parts->axis, n, regions, sectors, file);
    if (rc == FLOW_OK && parts->axis.nregions * parts->axis.nsectors != n)
        rc = flow_i_fail(FLOW_ERR_DIMENSION, "%s: %lld rows are not regions x sectors", file,
                         (long long)n);
    free(regions);
    free(sectors);
    return rc;
}

/* Z (or A) into parts->z in model order, rows and columns mapped through the grid. */
static int core_matrix(struct flow_i_parts *parts, const flow_table *t, const char *file)
{
    flow_table *cols = NULL;
    int64_t n = flow_table_rows(t);
    int64_t *rows = flow_i_malloc(n, sizeof *rows);
    int rc = rows != NULL ? FLOW_OK : FLOW_ERR_NOMEM;
    if (rc == FLOW_OK && (rc = map_rows(t, parts, file, rows)) == FLOW_OK &&
        (rc = flow_i_mrio_columns_to_model(&cols, t, parts, file)) == FLOW_OK &&
        (parts->z = flow_i_calloc(n * n, sizeof *parts->z)) == NULL)
        rc = FLOW_ERR_NOMEM;
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++)
        memcpy(parts->z + rows[i] * n, flow_table_values(cols) + i * n, (size_t)n * sizeof(double));
    flow_table_free(cols);
    free(rows);
    return rc;
}

static int final_demand(struct flow_i_parts *parts, const flow_table *t, const char *file)
{
    int64_t n = flow_table_rows(t), k = flow_table_cols(t);
    int64_t *rows = flow_i_malloc(n, sizeof *rows), *cols = flow_i_malloc(k, sizeof *cols);
    int rc = rows != NULL && cols != NULL ? FLOW_OK : FLOW_ERR_NOMEM;
    if (rc == FLOW_OK && n != parts->axis.nregions * parts->axis.nsectors)
        rc = flow_i_fail(FLOW_ERR_DIMENSION, "%s: %lld rows, Z has %lld", file, (long long)n,
                         (long long)(parts->axis.nregions * parts->axis.nsectors));
    if (rc == FLOW_OK)
        rc = map_rows(t, parts, file, rows);
    for (int64_t c = 0; rc == FLOW_OK && c < k; c++)
        rc = flow_i_mrio_fd_index(parts, flow_table_col_group(t, c), flow_table_col_label(t, c),
                                  &cols[c]);
    if (rc == FLOW_OK && (parts->y = flow_i_calloc(n * parts->k, sizeof *parts->y)) == NULL)
        rc = FLOW_ERR_NOMEM;
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++)
        for (int64_t c = 0; c < k; c++)
            parts->y[rows[i] * parts->k + cols[c]] += flow_table_values(t)[i * k + c];
    free(rows);
    free(cols);
    return rc;
}

static int given_output(struct flow_i_parts *parts, const flow_table *t, const char *file)
{
    int64_t n = flow_table_rows(t), nodes = parts->axis.nregions * parts->axis.nsectors;
    int64_t *rows = flow_i_malloc(n, sizeof *rows);
    int rc = rows != NULL ? FLOW_OK : FLOW_ERR_NOMEM;
    if (rc == FLOW_OK && flow_table_cols(t) != 1)
        rc = flow_i_fail(FLOW_ERR_DIMENSION, "%s: gross output needs one column, not %lld", file,
                         (long long)flow_table_cols(t));
    /* One entry per industry of Z (the file may list fewer): NaN where none is given. */
    if (rc == FLOW_OK && (rc = map_rows(t, parts, file, rows)) == FLOW_OK &&
        (parts->given_x = flow_i_malloc(nodes, sizeof *parts->given_x)) == NULL)
        rc = FLOW_ERR_NOMEM;
    for (int64_t j = 0; rc == FLOW_OK && j < nodes; j++)
        parts->given_x[j] = NAN;
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++) {
        double *x = &parts->given_x[rows[i]];
        *x = (isnan(*x) ? 0.0 : *x) + flow_table_values(t)[i];
    }
    free(rows);
    return rc;
}

/*
 * Z from coefficients: Z = A diag(x), with x the given output or, without
 * one, x = (I - A)^-1 Y 1 by one solve.
 */
static int flows_from_coefficients(struct flow_i_parts *parts)
{
    int64_t n = parts->axis.nregions * parts->axis.nsectors;
    double *x = flow_i_calloc(n, sizeof *x);
    flow_i_lu *lu = NULL;
    int rc = x != NULL ? FLOW_OK : FLOW_ERR_NOMEM;
    if (rc == FLOW_OK && parts->given_x != NULL) {
        memcpy(x, parts->given_x, (size_t)n * sizeof *x);
    } else if (rc == FLOW_OK) {
        for (int64_t i = 0; i < n; i++)
            for (int64_t c = 0; c < parts->k; c++)
                x[i] += parts->y[i * parts->k + c];
        if ((rc = flow_i_io_factor_unchecked(&lu, parts->z, n)) == FLOW_OK)
            rc = flow_i_lu_solve(lu, 0, x, 1);
    }
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++)
        for (int64_t j = 0; j < n; j++)
            parts->z[i * n + j] *= x[j];
    flow_i_lu_free(lu);
    free(x);
    return rc;
}

/* ---------------------------------------------------------------- extensions */

/* F_Y's columns onto the final-demand columns that Y defined. */
static int fd_extension(flow_table **out, struct flow_i_parts *parts, const flow_table *t,
                        const char *file)
{
    int64_t rows = flow_table_rows(t), cols = flow_table_cols(t), k = parts->k;
    int rc = flow_table_new(out, rows, k, NULL, k);
    for (int64_t c = 0; rc == FLOW_OK && c < cols; c++) {
        int64_t idx = -1;
        if ((rc = flow_i_mrio_fd_index(parts, flow_table_col_group(t, c),
                                       flow_table_col_label(t, c), &idx)) != FLOW_OK)
            break;
        if (idx >= k) {
            rc = flow_i_fail(FLOW_ERR_DIMENSION,
                             "%s: column %lld (%s/%s) is no final-demand "
                             "column of Y",
                             file, (long long)c + 1, flow_table_col_group(t, c),
                             flow_table_col_label(t, c));
            break;
        }
        for (int64_t i = 0; i < rows; i++)
            flow_i_table_cells(*out)[i * k + idx] += flow_table_values(t)[i * cols + c];
    }
    for (int64_t c = 0; rc == FLOW_OK && c < k; c++)
        rc = flow_table_set_col_label(
            *out, c, parts->fd_labels[c],
            parts->fd_owner[c] >= 0 ? parts->axis.regions[parts->fd_owner[c]] : "");
    for (int64_t i = 0; rc == FLOW_OK && i < rows; i++)
        rc = flow_table_set_row_label(*out, i, flow_table_row_label(t, i),
                                      flow_table_row_group(t, i));
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}

static int add_extension(flow_mrio *m, struct flow_i_parts *parts, const struct listing *l,
                         const char *name, const char *f_name, const char *fy_name)
{
    flow_table *raw = NULL, *f = NULL, *fy = NULL, *raw_y = NULL;
    int rc = read_file(m, parts, l, f_name, 0, &raw);
    if (rc == FLOW_OK)
        rc = flow_i_mrio_columns_to_model(&f, raw, parts, f_name);
    if (rc == FLOW_OK && fy_name != NULL &&
        (rc = read_file(m, parts, l, fy_name, 0, &raw_y)) == FLOW_OK)
        rc = fd_extension(&fy, parts, raw_y, fy_name);
    flow_table_free(raw);
    flow_table_free(raw_y);
    if (rc != FLOW_OK) {
        flow_table_free(f);
        flow_table_free(fy);
        return rc;
    }
    return flow_i_mrio_add_extension(m, name, f, fy);
}

static int is_core_stem(const char *s)
{
    static const char *const core[] = {"Z", "Y", "x", "A", "L", "unit", "G", "B", "v", "V"};
    for (size_t i = 0; i < sizeof core / sizeof *core; i++) {
        size_t n = strlen(s), w = strlen(core[i]);
        if (strcmp(s, core[i]) == 0 ||
            (n > w && s[n - w - 1] == '_' && strcmp(s + n - w, core[i]) == 0))
            return 1;
    }
    return 0;
}

/* Extension subfolders of the root (a folder with F.txt) and, beside Z, NAME.txt files. */
static int extensions(flow_mrio *m, struct flow_i_parts *parts, const struct listing *l,
                      const char *root, size_t rlen, int exiobase)
{
    int rc = FLOW_OK;
    char s[256];
    for (int64_t i = 0; rc == FLOW_OK && i < l->count; i++) {
        const char *name = l->names[i];
        size_t d = dir_len(name);
        if (!stem(name, s, sizeof s))
            continue;
        if (strcmp(s, "F") == 0 && d > rlen && strncmp(name, root, rlen) == 0) {
            const char *fy = find_in(l, name, d, "F_Y", 0);
            char ext[256];
            fy = fy != NULL ? fy : find_in(l, name, d, "F_hh", 0);
            snprintf(ext, sizeof ext, "%.*s", (int)(d - rlen - (rlen > 0)),
                     name + rlen + (rlen > 0));
            rc = add_extension(m, parts, l, ext, name, fy);
        } else if (!exiobase && d == rlen && strncmp(name, root, rlen) == 0 && !is_core_stem(s) &&
                   strncmp(s, "FD", 2) != 0) {
            char fd[300];
            snprintf(fd, sizeof fd, "FD%s", s);
            struct flow_i_head h;
            struct flow_i_input in;
            char buf[8192];
            input_for(&in, l, name, buf, sizeof buf);
            /* Only region x sector tables are extensions (population.txt, metadata are not). */
            if ((rc = flow_i_mrio_read_head(&h, &in, '\t')) != FLOW_OK)
                break;
            int table = h.nrec >= 3;
            for (int64_t r = 0; table && r < 2; r++) {
                int numeric = 0;
                leading_text(&h, r, &numeric);
                table = !numeric;
            }
            flow_i_mrio_free_head(&h);
            if (table)
                rc = add_extension(m, parts, l, s, name, find_in(l, root, rlen, fd, 0));
        }
    }
    return rc;
}

int flow_i_mrio_read_text(flow_mrio *m, struct flow_i_parts *parts, const char *path,
                          const flow_mrio_options *opts, int exiobase)
{
    struct listing l;
    flow_table *t = NULL;
    int rc = list_input(&l, path);
    parts->format_name = exiobase ? "EXIOBASE 3" : "pymrio text layout";
    const char *z = NULL, *a = NULL;
    for (int64_t i = 0; rc == FLOW_OK && i < l.count && z == NULL && a == NULL; i++) {
        const char *name = l.names[i];
        size_t d = dir_len(name);
        char dir[4096];
        snprintf(dir, sizeof dir, "%.*s", (int)d, name);
        z = find_in(&l, dir, d, "Z", 1);
        a = z == NULL ? find_in(&l, dir, d, "A", 1) : NULL;
    }
    const char *core = z != NULL ? z : a;
    if (rc == FLOW_OK && core == NULL)
        rc = flow_i_fail(FLOW_ERR_NOT_FOUND, "%s: no Z.txt (or A.txt) in the folder or archive",
                         path);
    if (rc != FLOW_OK)
        goto done;
    char root[4096];
    size_t rlen = dir_len(core);
    snprintf(root, sizeof root, "%.*s", (int)rlen, core);
    const char *y = find_in(&l, root, rlen, "Y", 1), *x = find_in(&l, root, rlen, "x", 1);
    if (y == NULL) {
        rc = flow_i_fail(FLOW_ERR_NOT_FOUND, "%s: no Y.txt beside %s", path, core);
        goto done;
    }
    if ((rc = read_file(m, parts, &l, core, 1, &t)) != FLOW_OK ||
        (rc = build_axis(parts, t, core)) != FLOW_OK ||
        (rc = core_matrix(parts, t, core)) != FLOW_OK)
        goto done;
    flow_table_free(t);
    t = NULL;
    if ((rc = read_file(m, parts, &l, y, 1, &t)) != FLOW_OK ||
        (rc = final_demand(parts, t, y)) != FLOW_OK)
        goto done;
    flow_table_free(t);
    t = NULL;
    if (x != NULL && ((rc = read_file(m, parts, &l, x, 1, &t)) != FLOW_OK ||
                      (rc = given_output(parts, t, x)) != FLOW_OK))
        goto done;
    if (a != NULL && (rc = flows_from_coefficients(parts)) != FLOW_OK)
        goto done;
    if ((rc = extensions(m, parts, &l, root, rlen, exiobase)) != FLOW_OK)
        goto done;
    rc = flow_i_mrio_finish(m, parts, opts);
done:
    flow_table_free(t);
    listing_clear(&l);
    return rc;
}
