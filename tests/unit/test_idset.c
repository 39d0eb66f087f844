/* Tests of src/idset.c: a set of 64-bit keys. */
#include <criterion/criterion.h>

#include "src/idset.h"

Test(idset, adds_each_key_once)
{
    struct idset s = { 0 };

    cr_assert_eq(idset_add(&s, 42), 1);
    cr_assert_eq(idset_add(&s, 42), 0);
    cr_assert_eq(idset_add(&s, 43), 1);
    cr_assert_eq(s.used, 2);
    idset_free(&s);
    cr_assert_null(s.slot);
    cr_assert_eq(s.used, 0);
    cr_assert_eq(idset_add(&s, 42), 1, "a freed set is empty and usable");
    idset_free(&s);
}

Test(idset, grows_and_keeps_every_key)
{
    struct idset s = { 0 };

    /* consecutive keys, negative ones as search.c adds them, and large ones */
    for (uint64_t k = 1; k <= 100000; k++)
        cr_assert_eq(idset_add(&s, k), 1, "key %llu", (unsigned long long)k);
    for (int64_t k = -1; k >= -1000; k--)
        cr_assert_eq(idset_add(&s, (uint64_t)k), 1);
    cr_assert_eq(idset_add(&s, 33010219800101001ULL), 1);
    cr_assert_eq(s.used, 101001);
    cr_assert_leq(s.used * 2, s.cap, "kept at most half full");
    for (uint64_t k = 1; k <= 100000; k++)
        cr_assert_eq(idset_add(&s, k), 0, "key %llu lost when the set grew",
                     (unsigned long long)k);
    cr_assert_eq(idset_add(&s, (uint64_t)(int64_t)-1000), 0);
    cr_assert_eq(idset_add(&s, 33010219800101001ULL), 0);
    idset_free(&s);
}
