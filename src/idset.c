/* idset.c — a set of 64-bit keys; see idset.h. */
#include "src/idset.h"

#include <stdbool.h>
#include <stdlib.h>

/* The finaliser of MurmurHash3: spreads keys that differ in a few low bits
 * (row ids, consecutive numbers) over the whole table. */
static uint64_t mix(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
}

static bool grow(struct idset *s)
{
    size_t cap = s->cap ? s->cap * 2 : 256;
    uint64_t *slot = calloc(cap, sizeof *slot);

    if (!slot)
        return false;
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->slot[i])
            continue;
        size_t j = mix(s->slot[i]) & (cap - 1);
        while (slot[j])
            j = (j + 1) & (cap - 1);
        slot[j] = s->slot[i];
    }
    free(s->slot);
    s->slot = slot;
    s->cap = cap;
    return true;
}

int idset_add(struct idset *s, uint64_t k)
{
    size_t j;

    if ((s->used + 1) * 2 > s->cap && !grow(s))
        return -1;
    j = mix(k) & (s->cap - 1);
    while (s->slot[j]) {
        if (s->slot[j] == k)
            return 0;
        j = (j + 1) & (s->cap - 1);
    }
    s->slot[j] = k;
    s->used++;
    return 1;
}

void idset_free(struct idset *s)
{
    free(s->slot);
    s->slot = NULL;
    s->cap = s->used = 0;
}
