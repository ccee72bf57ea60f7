/*
 * product_tags.h - the product tag of the last row that wrote each cell of a
 * matrix, in one byte a cell (never installed).
 *
 * A row counts as a duplicate when its cell was last written by the same
 * product (flow_i_product_tag, 32 bits). Storing that tag per cell cost 4
 * bytes, as much as half the values of a float matrix. Instead each matrix
 * numbers the tags it meets, in order of arrival: the first 254 distinct tags
 * get ids 1..254 (flow_i_tag_dict), and a cell stores its tag's id (0: no row
 * has written it). Once 254 ids are given out, a cell written by any other
 * tag stores FLOW_I_TAG_OVERFLOW and its full tag beside (flow_i_tags). A tag that has an id is
 * always stored by it (ids are only given out, never taken back, and a tag without one arrives only
 * when all are given out), so two cells hold equal ids exactly when they hold equal tags, and the
 * duplicate counts are those of the 4-byte tags, bit for bit. After its first
 * overflow a matrix stores full tags (flow_i_tags_replace), so a cell may then
 * hold FLOW_I_TAG_OVERFLOW for a tag that has an id: compare tags, not ids,
 * once t->over is set.
 *
 * Threads: in a read with shared cells several threads write one matrix,
 * each into cells no other thread touches. Looking an id up
 * (flow_i_tag_id) takes no lock; giving a new id out, and allocating the
 * overflowing cells' tags, take the lock passed (NULL when one thread
 * writes).
 */
#ifndef LIBFLOW_PRODUCT_TAGS_H
#define LIBFLOW_PRODUCT_TAGS_H

#include "internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

enum {
    FLOW_I_TAG_IDS = 254,      /* ids 1..254 name tags exactly */
    FLOW_I_TAG_OVERFLOW = 255, /* the cell's tag is in flow_i_tags.over */
    FLOW_I_TAG_SLOTS = 512     /* hash slots of a dictionary: more than twice the ids */
};

/* The ids of one matrix's tags. */
struct flow_i_tag_dict {
    _Atomic uint32_t slot_tag[FLOW_I_TAG_SLOTS]; /* 0: empty (no tag is 0) */
    uint8_t slot_id[FLOW_I_TAG_SLOTS];           /* written before slot_tag is published */
    uint32_t tag_of[FLOW_I_TAG_IDS + 1];         /* tag of each id; tag_of[0] = 0 */
    atomic_int count;                            /* ids given out */
};

/*
 * The tags of a matrix's cells: one id a cell, and the full tags of the cells
 * that hold FLOW_I_TAG_OVERFLOW, one a cell, allocated when a first cell
 * overflows (most matrices never do; one written by thousands of products
 * mostly does, and then keeps 5 bytes a cell instead of 4).
 */
struct flow_i_tags {
    uint8_t *id;
    uint32_t *_Atomic over; /* NULL until a cell overflows */
    int64_t cells;
    int owns_id; /* 0: id lives in the caller's block */
};

/* Makes d a copy of from (NULL: an empty dictionary); one thread only. */
void flow_i_tag_dict_init(struct flow_i_tag_dict *d, const struct flow_i_tag_dict *from);

/* flow_i_tag_id when tag has no id yet: gives one out under lock (may be NULL). */
unsigned flow_i_tag_id_insert(struct flow_i_tag_dict *d, uint32_t tag, pthread_mutex_t *lock);

static inline size_t flow_i_tag_slot(uint32_t tag)
{
    return (size_t)((tag * UINT32_C(0x9e3779b1)) >> 23); /* 9 bits: FLOW_I_TAG_SLOTS */
}

/*
 * The id of tag (non-zero) in d, given out when new: 1..254, or
 * FLOW_I_TAG_OVERFLOW when all ids are taken by other tags. Without lock
 * for a tag that has its id; lock (NULL: none) guards giving one out.
 */
static inline unsigned flow_i_tag_id(struct flow_i_tag_dict *d, uint32_t tag, pthread_mutex_t *lock)
{
    for (size_t s = flow_i_tag_slot(tag);; s = (s + 1) & (FLOW_I_TAG_SLOTS - 1)) {
        uint32_t t = atomic_load_explicit(&d->slot_tag[s], memory_order_acquire);
        if (t == tag)
            return d->slot_id[s];
        if (t == 0)
            return flow_i_tag_id_insert(d, tag, lock);
    }
}

/* Allocates t->over (under lock, NULL: none) if no thread has. FLOW_OK or FLOW_ERR_NOMEM. */
int flow_i_tags_overflow(struct flow_i_tags *t, pthread_mutex_t *lock);

/* 1 when cell holds tag, whose id in the cell's dictionary is id. */
static inline int flow_i_tags_same(const struct flow_i_tags *t, int64_t cell, unsigned id,
                                   uint32_t tag)
{
    if (t->id[cell] != id)
        return 0;
    /* the cell overflowed before, so over was allocated before, by this thread or seen by it */
    return id != FLOW_I_TAG_OVERFLOW ||
           atomic_load_explicit(&t->over, memory_order_acquire)[cell] == tag;
}

/*
 * Stores tag (id: its id in the cell's dictionary) in cell, allocating the
 * overflow tags under lock (NULL: none) on the first overflow. FLOW_OK or
 * FLOW_ERR_NOMEM.
 */
static inline int flow_i_tags_put(struct flow_i_tags *t, int64_t cell, unsigned id, uint32_t tag,
                                  pthread_mutex_t *lock)
{
    if (id == FLOW_I_TAG_OVERFLOW) {
        uint32_t *over = atomic_load_explicit(&t->over, memory_order_acquire);
        if (over == NULL) {
            int rc = flow_i_tags_overflow(t, lock);
            if (rc != FLOW_OK)
                return rc;
            over = atomic_load_explicit(&t->over, memory_order_acquire);
        }
        over[cell] = tag;
    }
    t->id[cell] = (uint8_t)id;
    return FLOW_OK;
}

/*
 * Makes tag the last tag of cell: *dup = 1 when it already was, *id = what the
 * cell now holds (an id, or FLOW_I_TAG_OVERFLOW). Once a matrix has
 * overflowed (t->over allocated) it keeps full tags for every cell it writes
 * from then on and skips the dictionary: a matrix written by thousands of
 * products (country x country) would otherwise search the dictionary for a
 * tag it cannot hold on every row. The cell's previous tag is then read back
 * through the dictionary, so counts stay those of the full tags. The calling
 * thread must own cell (see the top). FLOW_OK or FLOW_ERR_NOMEM.
 */
static inline int flow_i_tags_replace(struct flow_i_tag_dict *d, struct flow_i_tags *t,
                                      int64_t cell, uint32_t tag, pthread_mutex_t *lock, int *dup,
                                      unsigned *id)
{
    uint32_t *over = atomic_load_explicit(&t->over, memory_order_acquire);
    if (over != NULL) {
        unsigned held = t->id[cell];
        *dup = (held == FLOW_I_TAG_OVERFLOW ? over[cell] : d->tag_of[held]) == tag;
        over[cell] = tag;
        t->id[cell] = FLOW_I_TAG_OVERFLOW;
        *id = FLOW_I_TAG_OVERFLOW;
        return FLOW_OK;
    }
    *id = flow_i_tag_id(d, tag, lock);
    *dup = flow_i_tags_same(t, cell, *id, tag);
    return flow_i_tags_put(t, cell, *id, tag, lock);
}

/* The tag stored in cell (0: none), d its dictionary. One thread only. */
uint32_t flow_i_tags_get(const struct flow_i_tag_dict *d, const struct flow_i_tags *t,
                         int64_t cell);

/*
 * The first n x n cells of t laid out again in a new *out with row stride
 * new_cap instead of old_cap (t NULL: new cells, all 0); t stays as it is.
 * The ids go to id (new_cap^2 zero bytes that outlive *out) or, when NULL,
 * to an array *out owns. FLOW_OK or FLOW_ERR_NOMEM / FLOW_ERR_OVERFLOW (*out
 * NULL).
 */
int flow_i_tags_restride(struct flow_i_tags **out, const struct flow_i_tags *t, int64_t n,
                         int64_t old_cap, int64_t new_cap, uint8_t *id);
void flow_i_tags_free(struct flow_i_tags *t);

#endif /* LIBFLOW_PRODUCT_TAGS_H */
