/*
 * product_tags.c - one-byte product ids per matrix, and the full tags of the
 * cells whose product has none (see product_tags.h).
 */
#include "product_tags.h"

#include <stdlib.h>

void flow_i_tag_dict_init(struct flow_i_tag_dict *d, const struct flow_i_tag_dict *from)
{
    for (size_t s = 0; s < FLOW_I_TAG_SLOTS; s++) {
        atomic_init(&d->slot_tag[s],
                    from != NULL ? atomic_load_explicit(&from->slot_tag[s], memory_order_relaxed)
                                 : 0);
        d->slot_id[s] = from != NULL ? from->slot_id[s] : 0;
    }
    for (size_t k = 0; k <= FLOW_I_TAG_IDS; k++)
        d->tag_of[k] = from != NULL ? from->tag_of[k] : 0;
    atomic_init(&d->count,
                from != NULL ? atomic_load_explicit(&from->count, memory_order_relaxed) : 0);
}

unsigned flow_i_tag_id_insert(struct flow_i_tag_dict *d, uint32_t tag, pthread_mutex_t *lock)
{
    /* Full stays full: no lock needed to see it. */
    if (atomic_load_explicit(&d->count, memory_order_acquire) == FLOW_I_TAG_IDS)
        return FLOW_I_TAG_OVERFLOW;
    if (lock != NULL)
        pthread_mutex_lock(lock);
    unsigned id = FLOW_I_TAG_OVERFLOW;
    size_t s = flow_i_tag_slot(tag);
    for (;; s = (s + 1) & (FLOW_I_TAG_SLOTS - 1)) {
        uint32_t t = atomic_load_explicit(&d->slot_tag[s], memory_order_relaxed);
        if (t == tag) /* given out by another thread since the lookup */
            id = d->slot_id[s];
        if (t == tag || t == 0)
            break;
    }
    int count = atomic_load_explicit(&d->count, memory_order_relaxed);
    if (id == FLOW_I_TAG_OVERFLOW && count < FLOW_I_TAG_IDS) {
        id = (unsigned)count + 1;
        d->tag_of[id] = tag;
        d->slot_id[s] = (uint8_t)id;
        atomic_store_explicit(&d->slot_tag[s], tag, memory_order_release);
        atomic_store_explicit(&d->count, (int)id, memory_order_release);
    }
    if (lock != NULL)
        pthread_mutex_unlock(lock);
    return id;
}

/* ---------------------------------------------------------------- cells */

int flow_i_tags_overflow(struct flow_i_tags *t, pthread_mutex_t *lock)
{
    int rc = FLOW_OK;
    if (lock != NULL)
        pthread_mutex_lock(lock);
    if (atomic_load_explicit(&t->over, memory_order_relaxed) == NULL) {
        uint32_t *over = flow_i_calloc(t->cells, sizeof *over);
        if (over != NULL)
            atomic_store_explicit(&t->over, over, memory_order_release);
        else
            rc = FLOW_ERR_NOMEM;
    }
    if (lock != NULL)
        pthread_mutex_unlock(lock);
    return rc;
}

uint32_t flow_i_tags_get(const struct flow_i_tag_dict *d, const struct flow_i_tags *t, int64_t cell)
{
    unsigned id = t->id[cell];
    return id == FLOW_I_TAG_OVERFLOW ? atomic_load_explicit(&t->over, memory_order_relaxed)[cell]
                                     : d->tag_of[id];
}

int flow_i_tags_restride(struct flow_i_tags **out, const struct flow_i_tags *t, int64_t n,
                         int64_t old_cap, int64_t new_cap, uint8_t *id)
{
    *out = NULL;
    int64_t cells = 0;
    int rc = flow_i_mul_size(new_cap, new_cap, &cells);
    if (rc != FLOW_OK)
        return rc;
    struct flow_i_tags *res = flow_i_calloc(1, sizeof *res);
    if (res == NULL)
        return FLOW_ERR_NOMEM;
    res->cells = cells;
    res->owns_id = id == NULL;
    atomic_init(&res->over, NULL);
    uint32_t *old_over = t != NULL ? atomic_load_explicit(&t->over, memory_order_relaxed) : NULL;
    uint32_t *over = old_over != NULL ? flow_i_calloc(cells, sizeof *over) : NULL;
    if ((res->id = id != NULL ? id : flow_i_calloc(cells, 1)) == NULL ||
        (old_over != NULL && over == NULL)) {
        free(over);
        flow_i_tags_free(res);
        return flow_last_error_code() != FLOW_OK ? flow_last_error_code() : FLOW_ERR_NOMEM;
    }
    if (t != NULL)
        flow_i_relay(res->id, t->id, n, old_cap, new_cap, 1);
    if (over != NULL) {
        flow_i_relay(over, old_over, n, old_cap, new_cap, sizeof *over);
        atomic_store_explicit(&res->over, over, memory_order_relaxed);
    }
    *out = res;
    return FLOW_OK;
}

void flow_i_tags_free(struct flow_i_tags *t)
{
    if (t == NULL)
        return;
    if (t->owns_id)
        free(t->id);
    free(atomic_load_explicit(&t->over, memory_order_relaxed));
    free(t);
}
