/* Tests of src/extsort.c: sorting more records than memory should hold. */
#include <criterion/criterion.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/extsort.h"

/* Record I of a reproducible mix: lengths 0 to 40, bytes of any value
 * (zero included), and many records that start like others. */
static size_t make(unsigned i, unsigned char *out)
{
    uint32_t x = i * 2654435761u + 12345u;
    size_t n = (x >> 8) % 41;

    for (size_t k = 0; k < n; k++) {
        x = x * 1103515245u + 12345u;
        out[k] = (unsigned char)(k < 2 ? (x >> 16) % 3 : (x >> 16));
    }
    return n;
}

struct rec {
    unsigned char b[48];
    size_t n;
};

static int rec_cmp(const void *x, const void *y)
{
    const struct rec *a = x, *b = y;
    int c = memcmp(a->b, b->b, a->n < b->n ? a->n : b->n);
    return c ? c : (a->n > b->n) - (a->n < b->n);
}

static void sort_and_check(size_t budget, unsigned count, bool want_runs)
{
    extsort *s = extsort_new(budget);
    struct rec *all = calloc(count ? count : 1, sizeof *all);

    cr_assert_not_null(s);
    for (unsigned i = 0; i < count; i++) {
        all[i].n = make(i, all[i].b);
        cr_assert_eq(extsort_add(s, all[i].b, all[i].n), 0, "errno %d", extsort_error(s));
    }
    cr_assert_eq(extsort_finish(s), 0);
    cr_assert_eq(extsort_runs(s) > 0, want_runs, "%zu runs", extsort_runs(s));
    qsort(all, count, sizeof *all, rec_cmp);
    const void *r;
    size_t n;
    for (unsigned i = 0; i < count; i++) {
        cr_assert_eq(extsort_next(s, &r, &n), 1, "record %u of %u missing", i, count);
        cr_assert_eq(n, all[i].n, "record %u: length %zu, not %zu", i, n, all[i].n);
        cr_assert(memcmp(r, all[i].b, n) == 0, "record %u out of order", i);
    }
    cr_assert_eq(extsort_next(s, &r, &n), 0);
    cr_assert_eq(extsort_next(s, &r, &n), 0);
    cr_assert_eq(extsort_error(s), 0);
    extsort_free(&s);
    cr_assert_null(s);
    free(all);
}

Test(extsort, in_memory)
{
    sort_and_check(1 << 20, 5000, false);
}

Test(extsort, through_the_file_in_many_runs)
{
    /* 16 KiB of memory for about a megabyte: some sixty runs. */
    sort_and_check(16 * 1024, 40000, true);
}

Test(extsort, nothing_and_one)
{
    sort_and_check(16 * 1024, 0, false);
    sort_and_check(16 * 1024, 1, false);
}

Test(extsort, a_run_for_every_few_records)
{
    sort_and_check(100, 3000, true);
}

Test(extsort, a_prefix_comes_first_and_equal_records_all_come)
{
    extsort *s = extsort_new(0);
    const void *r;
    size_t n;

    cr_assert_eq(extsort_add(s, "ab", 2), 0);
    cr_assert_eq(extsort_add(s, "a", 1), 0);
    cr_assert_eq(extsort_add(s, "ab", 2), 0);
    cr_assert_eq(extsort_add(s, "", 0), 0);
    cr_assert_eq(extsort_add(s, "a\0", 2), 0);
    cr_assert_eq(extsort_finish(s), 0);
    const char *want[] = { "", "a", "a\0", "ab", "ab" };
    size_t len[] = { 0, 1, 2, 2, 2 };
    for (int i = 0; i < 5; i++) {
        cr_assert_eq(extsort_next(s, &r, &n), 1);
        cr_assert_eq(n, len[i], "record %d", i);
        cr_assert(memcmp(r, want[i], n) == 0, "record %d", i);
    }
    cr_assert_eq(extsort_next(s, &r, &n), 0);
    extsort_free(&s);
    extsort_free(&s);
}

Test(extsort, refuses_too_long_records_and_misuse)
{
    static char big[EXTSORT_MAX + 1];
    extsort *s = extsort_new(0);
    const void *r;
    size_t n;

    cr_assert_eq(extsort_add(s, big, sizeof big), -1);
    cr_assert_eq(extsort_error(s), EINVAL);
    cr_assert_eq(extsort_next(s, &r, &n), -1, "not finished yet");
    cr_assert_eq(extsort_add(s, big, EXTSORT_MAX), 0, "the longest record");
    cr_assert_eq(extsort_finish(s), 0);
    cr_assert_eq(extsort_add(s, "x", 1), -1, "no record after the end");
    cr_assert_eq(extsort_next(s, &r, &n), 1);
    cr_assert_eq(n, EXTSORT_MAX);
    extsort_free(&s);
}

Test(extsort, says_why_when_the_file_cannot_be_made)
{
    unsigned char b[48];
    extsort *s = extsort_new(0);
    int rc = 0;

    setenv("TMPDIR", "/nonexistent-dutydesk-dir", 1);
    for (unsigned i = 0; rc == 0 && i < 10000; i++)
        rc = extsort_add(s, b, make(i, b));
    unsetenv("TMPDIR");
    cr_assert_eq(rc, -1);
    cr_assert_eq(extsort_error(s), ENOENT);
    extsort_free(&s);
}
