/*
 * dataset_internal.h - what the readers need from datasets (never installed).
 */
#ifndef LIBFLOW_DATASET_INTERNAL_H
#define LIBFLOW_DATASET_INTERNAL_H

#include "internal.h"
#include "product_tags.h"

#include <stddef.h>
#include <string.h>

/*
 * Index of the matrix of (layer, year, group of product), created when new.
 * Strings are (pointer, length) pairs, not NUL-terminated. In a dataset made
 * by flow_i_dataset_clone_empty the row's unit is part of the key too (one
 * matrix per unit, created with that unit), so that the merge can decide, as
 * a serial read would, which unit's rows a matrix keeps; elsewhere unit is
 * ignored (may be NULL). Returns FLOW_OK or FLOW_ERR_NOMEM / FLOW_ERR_OVERFLOW.
 */
int flow_i_dataset_matrix(flow_dataset *ds, const char *layer, size_t layer_len, int64_t year,
                          const char *product, size_t product_len, const char *unit,
                          size_t unit_len, int64_t *matrix);

/*
 * Index of an economy code or alias of the axis. On a present-economies axis
 * (flow_dataset_new_present) a code the axis lacks but the reference knows
 * joins the axis here. Returns 1 (found, *index set), 0 (unknown) or a
 * failure status.
 */
/*
 * Copies attribute name (one value per economy, NaN where unknown) into dst
 * (len >= n entries). Returns FLOW_OK, FLOW_ERR_NOT_FOUND,
 * FLOW_ERR_INVALID_ARG or FLOW_ERR_BUFFER_TOO_SMALL.
 */
int flow_i_dataset_attribute(const flow_dataset *ds, const char *name, double *dst, int64_t len);

int flow_i_dataset_find_economy(flow_dataset *ds, const char *code, size_t len, int64_t *index);

/*
 * Tag of a product code for duplicate detection (never 0, which marks a cell
 * no row has written yet). Inline, as the readers take it for every row.
 * Codes of up to 8 bytes (every HS code) are packed into one word that one
 * multiplication mixes, instead of FNV-1a's multiplication per byte, which
 * longer codes still get; distinct codes rarely share a tag either way.
 */
static inline uint32_t flow_i_product_tag(const char *product, size_t len)
{
    uint64_t h = 0;
    if (len <= 8) {
        for (size_t i = 0; i < len; i++)
            h |= (uint64_t)(unsigned char)product[i] << (8 * i);
        h = (h ^ ((uint64_t)len << 59)) * UINT64_C(0x9e3779b97f4a7c15);
        h ^= h >> 32;
    } else {
        h = UINT64_C(14695981039346656037);
        for (size_t i = 0; i < len; i++)
            h = (h ^ (unsigned char)product[i]) * UINT64_C(1099511628211);
    }
    uint32_t tag = (uint32_t)h;
    return tag != 0 ? tag : 1;
}

/*
 * flow_i_product_tag of a product whose first 8 bytes may be read whatever
 * its length (a record field, padded): a code of up to 8 bytes is one load
 * under a mask instead of a loop with a length-dependent exit, the same tag.
 */
static inline uint32_t flow_i_product_tag_padded(const char *product, size_t len)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (len <= 8) {
        uint64_t h = 0;
        memcpy(&h, product, 8);
        h &= len == 8 ? UINT64_MAX : (UINT64_C(1) << (8 * len)) - 1;
        h = (h ^ ((uint64_t)len << 59)) * UINT64_C(0x9e3779b97f4a7c15);
        h ^= h >> 32;
        uint32_t tag = (uint32_t)h;
        return tag != 0 ? tag : 1;
    }
#endif
    return flow_i_product_tag(product, len);
}

/*
 * How many leading bytes of a product code of length len decide its group
 * (and so its matrix): 0 when the dataset does not group products, the
 * product digits when it groups by digits, len when it has prefix groups.
 */
size_t flow_i_dataset_group_key_len(const flow_dataset *ds, size_t len);

/*
 * Adds value to cell (origin, destination) of matrix; returns 1 when the cell
 * was last written by a row with the same product tag (a duplicate), else 0,
 * or FLOW_ERR_NOMEM (nothing added). missing says the value was a missing
 * value read as 0 (kept per matrix for merges).
 */
int flow_i_dataset_add(flow_dataset *ds, int64_t matrix, int64_t origin, int64_t destination,
                       double value, uint32_t tag, int missing);

/*
 * Checks a row's unit against the matrix's: the first non-empty unit becomes
 * the matrix's; an empty unit agrees with any. Returns 1 when it agrees (or
 * was set), 0 when it differs, FLOW_ERR_NOMEM.
 */
int flow_i_dataset_unit(flow_dataset *ds, int64_t matrix, const char *unit, size_t len);

/* The kind declared for layer (flow_dataset_set_layer_kind, a kind column), -1 when none is. */
int flow_i_dataset_declared_kind(const flow_dataset *ds, const char *layer);

/*
 * The kinds src declares, declared on dst too (a private read's into the
 * dataset read into). FLOW_ERR_VALUE, naming file and layer, when dst
 * declares another kind for one of them; FLOW_ERR_NOMEM.
 */
int flow_i_dataset_merge_kinds(flow_dataset *dst, const flow_dataset *src, const char *file);

/*
 * Fallback reports of flows (flow_mirror_policy): a read puts each row of the
 * non-preferred report into layer FLOW_I_FALLBACK_PREFIX + layer, and 1 per
 * row into FLOW_I_ROWS_PREFIX + layer; flow_i_dataset_resolve_mirrors then
 * fills every empty cell of the layer's matrix from the fallback, counts the
 * rows of the other cells as filtered in report (may be NULL) and removes
 * the reserved matrices. Returns FLOW_OK or FLOW_ERR_NOMEM.
 */
#define FLOW_I_FALLBACK_PREFIX                                                                     \
    "\x1f"                                                                                         \
    "fallback:"
#define FLOW_I_ROWS_PREFIX                                                                         \
    "\x1f"                                                                                         \
    "rows:"
int flow_i_dataset_resolve_mirrors(flow_dataset *ds, flow_read_report *report);

/*
 * Empty dataset with a copy of ds's economy axis and product grouping, which
 * also remembers the first product tag of every cell so that
 * flow_i_dataset_merge can count duplicates across the seam.
 */
int flow_i_dataset_clone_empty(flow_dataset **out, const flow_dataset *ds);

/* What a merge changes in the accounting of the rows merged. */
struct flow_i_merge_counts {
    int64_t duplicates;      /* cells whose first tag in src equals their last tag in dst */
    int64_t unit_rows;       /* rows of src matrices whose unit differs from dst's: dropped */
    int64_t unit_duplicates; /* of those, rows that src counted as duplicates */
    int64_t unit_missing;    /* of those, rows that src counted as missing values */
    int64_t unit_cells;      /* cells of the cell layer dropped for their unit */
};

/*
 * Adds every matrix of src into dst, matching economies by code (adding
 * those dst lacks) and keys by (layer, year, group). A src matrix whose unit
 * differs from dst's is not added: its rows are counted in counts so that
 * the caller can move them from accepted to rejected, as a serial read would.
 * Matrices of cell_layer (NULL: none) hold cells of rows counted elsewhere
 * (quantities): they count no duplicates, and one in another unit counts
 * its cells in unit_cells instead.
 */
int flow_i_dataset_merge(flow_dataset *dst, const flow_dataset *src, const char *cell_layer,
                         struct flow_i_merge_counts *counts);

/*
 * Shared cells of a parallel read (parallel_read.c, reader_accum.c): several
 * threads write into the caller's matrices, each into cells no other thread
 * touches. flow_i_dataset_shared_ok says whether ds allows it (no matrices
 * yet and an axis that cannot grow during the read, so that no matrix is
 * re-laid while threads hold its cells); flow_i_dataset_cells gives the
 * cells of a matrix (valid until an economy is added), row stride
 * flow_i_dataset_stride: the values, the product tags that last wrote them
 * and the matrix's dictionary of tag ids (product_tags.h);
 * flow_i_dataset_count adds the per-matrix row counts a thread kept itself;
 * flow_i_dataset_truncate removes the matrices from index keep on (the read
 * is then done again another way).
 */
int flow_i_dataset_shared_ok(const flow_dataset *ds);
int64_t flow_i_dataset_stride(const flow_dataset *ds);
void flow_i_dataset_cells(flow_dataset *ds, int64_t matrix, double **values,
                          struct flow_i_tags **last, struct flow_i_tag_dict **dict);
void flow_i_dataset_count(flow_dataset *ds, int64_t matrix, int64_t rows, int64_t duplicates,
                          int64_t missing);
void flow_i_dataset_truncate(flow_dataset *ds, int64_t keep);

/*
 * Storage for the numeric attribute name (cap entries, all NaN) or the text
 * attribute name (cap entries, all NULL; the dataset owns the strings put
 * there), replacing an existing attribute of that name. FLOW_ERR_NOMEM.
 */
int flow_i_dataset_numeric_slot(flow_dataset *ds, const char *name, double **values);
int flow_i_dataset_text_slot(flow_dataset *ds, const char *name, char ***values);

#endif /* LIBFLOW_DATASET_INTERNAL_H */
