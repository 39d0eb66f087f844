/* idset.h — a set of 64-bit keys (open addressing, linear probing).
 *
 * For "have I seen this one already" over many keys, where a hash of
 * strings would cost more: the rows a search has shown, the ID numbers a
 * generator has handed out.  The key 0 is reserved (it marks an empty
 * slot); map it elsewhere before adding.  Zero-initialised is empty. */
#ifndef DD_IDSET_H
#define DD_IDSET_H

#include <stddef.h>
#include <stdint.h>

struct idset {
    uint64_t *slot; /* 0: empty */
    size_t cap, used;
};

/* Adds K (not 0): 1 when new, 0 when already there, -1 out of memory. */
int idset_add(struct idset *s, uint64_t k);

/* Frees the slots; the set is empty again. */
void idset_free(struct idset *s);

#endif
