/* Tests of src/kit/listwin.c with a fake source: paging, the window fetched
 * only when needed, probing for the end, marks, a view that changes size,
 * a list that gets shorter, failures. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <string.h>

#include "src/kit/listwin.h"

/* A source of N rows whose key is 1000 + the row; it keeps the offset of
 * its window and counts what it is asked. */
struct fake {
    long n;
    bool countable;     /* answers count */
    bool probing;       /* has a probe callback */
    bool fail;          /* every fetch fails */
    long off;
    int got;
    int fetches, probes, counts;
    long biggest;       /* the most rows asked in one fetch */
};

static int f_fetch(void *ctx, long offset, int limit)
{
    struct fake *f = ctx;

    f->fetches++;
    if (limit > f->biggest)
        f->biggest = limit;
    if (f->fail)
        return -1;
    f->off = offset;
    f->got = offset >= f->n ? 0 : (int)(f->n - offset < limit ? f->n - offset : limit);
    return f->got;
}

static long f_count(void *ctx)
{
    struct fake *f = ctx;

    f->counts++;
    return f->countable ? f->n : -1;
}

static int f_probe(void *ctx, long i)
{
    struct fake *f = ctx;

    f->probes++;
    return i < f->n;
}

static int64_t f_key(void *ctx, long i)
{
    struct fake *f = ctx;

    cr_assert(i >= f->off && i < f->off + f->got, "key of row %ld outside the window", i);
    return 1000 + i;
}

static const struct listwin_source with_probe = { f_fetch, f_count, f_probe, f_key };
static const struct listwin_source without_probe = { f_fetch, f_count, NULL, f_key };

static struct fake fake;
static struct listwin w;

static void make(long n, bool countable, bool probing)
{
    memset(&fake, 0, sizeof fake);
    fake.n = n;
    fake.countable = countable;
    fake.probing = probing;
    listwin_init(&w, probing ? &with_probe : &without_probe, &fake);
}

static void done(void)
{
    listwin_free(&w);
}

TestSuite(listwin, .fini = done);

Test(listwin, shows_a_window_not_the_table)
{
    make(100000, false, true);
    cr_assert_eq(listwin_show(&w, 20), 0);
    cr_assert_eq(fake.fetches, 1);
    cr_assert_leq(fake.biggest, 40, "asked for %ld rows at once", fake.biggest);
    bool more;
    cr_assert_eq(listwin_known(&w, &more), 40);
    cr_assert(more);
    /* Moving inside the window fetches nothing. */
    for (int i = 0; i < 19; i++)
        cr_assert_eq(listwin_move(&w, LISTWIN_DOWN, 20), 0);
    cr_assert_eq(w.sel, 19);
    cr_assert_eq(fake.fetches, 1);
}

Test(listwin, paging_down_and_up)
{
    make(1000, false, true);
    listwin_show(&w, 10);
    cr_assert_eq(listwin_move(&w, LISTWIN_PAGE_DOWN, 10), 0);
    cr_assert_eq(w.sel, 9);
    cr_assert_eq(w.top, 9);
    cr_assert(listwin_has(&w, w.top));
    cr_assert(listwin_has(&w, w.top + 9));
    for (int i = 0; i < 10; i++)
        listwin_move(&w, LISTWIN_PAGE_DOWN, 10);
    cr_assert_eq(w.sel, 99);
    cr_assert(listwin_has(&w, w.sel));
    listwin_move(&w, LISTWIN_PAGE_UP, 10);
    cr_assert_eq(w.sel, 90);
    listwin_move(&w, LISTWIN_HOME, 10);
    cr_assert_eq(w.sel, 0);
    cr_assert_eq(w.top, 0);
    cr_assert(listwin_has(&w, 0));
}

Test(listwin, end_probes_a_long_search)
{
    make(54321, false, true);
    listwin_show(&w, 20);
    cr_assert_eq(listwin_move(&w, LISTWIN_END, 20), 0);
    cr_assert_eq(w.total, 54321);
    cr_assert_eq(w.sel, 54320);
    cr_assert_lt(fake.probes, 40, "%d probes", fake.probes);
    cr_assert(listwin_has(&w, 54320));
    cr_assert(listwin_has(&w, 54301));
    /* Down at the end stays there. */
    listwin_move(&w, LISTWIN_DOWN, 20);
    cr_assert_eq(w.sel, 54320);
}

Test(listwin, end_without_a_probe_callback)
{
    make(777, false, false);
    listwin_show(&w, 20);
    cr_assert_eq(listwin_move(&w, LISTWIN_END, 20), 0);
    cr_assert_eq(w.sel, 776);
    cr_assert(listwin_has(&w, 776));
}

Test(listwin, a_count_is_used_when_the_source_has_one)
{
    make(5000, true, true);
    listwin_show(&w, 20);
    cr_assert_eq(listwin_total(&w), 5000);
    cr_assert_eq(fake.probes, 0);
    cr_assert_eq(fake.counts, 1);
}

Test(listwin, a_short_list_knows_its_total)
{
    make(7, false, true);
    listwin_show(&w, 20);
    bool more;
    cr_assert_eq(listwin_known(&w, &more), 7);
    cr_assert_not(more);
    listwin_move(&w, LISTWIN_PAGE_DOWN, 20);
    cr_assert_eq(w.sel, 6);
    make(0, false, true);
    listwin_show(&w, 20);
    cr_assert_eq(listwin_known(&w, &more), 0);
    cr_assert_not(more);
    cr_assert_eq(listwin_move(&w, LISTWIN_DOWN, 20), 0);
    cr_assert_eq(w.sel, 0);
}

Test(listwin, the_view_changes_size)
{
    make(1000, false, true);
    listwin_show(&w, 20);
    listwin_select(&w, 30, 20);
    cr_assert_eq(w.top, 11);
    /* A smaller terminal: the selection stays in view. */
    listwin_show(&w, 5);
    cr_assert_geq(w.sel, w.top);
    cr_assert_lt(w.sel, w.top + 5);
    /* A bigger one: what it shows is fetched. */
    listwin_show(&w, 60);
    cr_assert(listwin_has(&w, w.top));
    cr_assert(listwin_has(&w, w.top + 59));
}

Test(listwin, a_list_that_got_shorter_keeps_a_selection)
{
    make(100, false, true);
    listwin_show(&w, 10);
    listwin_select(&w, 95, 10);
    fake.n = 50;
    listwin_reload(&w);
    cr_assert_eq(listwin_show(&w, 10), 0);
    cr_assert_eq(w.sel, 49);
    cr_assert(listwin_has(&w, 49));
}

Test(listwin, marks_are_keys_and_survive_a_reload)
{
    make(100, false, true);
    listwin_show(&w, 10);
    cr_assert(listwin_mark(&w));        /* row 0 */
    listwin_move(&w, LISTWIN_DOWN, 10);
    listwin_move(&w, LISTWIN_DOWN, 10);
    cr_assert(listwin_mark(&w));        /* row 2 */
    cr_assert_eq(listwin_nmarks(&w), 2);
    cr_assert(listwin_row_marked(&w, 0));
    cr_assert_not(listwin_row_marked(&w, 1));
    listwin_reload(&w);
    listwin_show(&w, 10);
    cr_assert(listwin_row_marked(&w, 2));
    /* An action applies to the marked rows... */
    int64_t keys[8];
    cr_assert_eq(listwin_targets(&w, keys, 8), 2);
    cr_assert_eq(keys[0], 1000);
    cr_assert_eq(keys[1], 1002);
    /* ... or, with none marked, to the selected one. */
    cr_assert_not(listwin_mark(&w));    /* row 2 again: unmarked */
    listwin_move(&w, LISTWIN_HOME, 10);
    cr_assert_not(listwin_mark(&w));
    cr_assert_eq(listwin_nmarks(&w), 0);
    cr_assert_eq(listwin_targets(&w, keys, 8), 1);
    cr_assert_eq(keys[0], 1000);
}

Test(listwin, mark_all_shown_then_none)
{
    make(100, false, true);
    listwin_show(&w, 10);
    listwin_mark(&w); /* row 0 already marked: "all" still marks the rest */
    cr_assert_eq(listwin_mark_shown(&w, 10), 10);
    for (long i = 0; i < 10; i++)
        cr_assert(listwin_row_marked(&w, i));
    cr_assert_not(listwin_row_marked(&w, 10));
    cr_assert_eq(listwin_mark_shown(&w, 10), 0);
}

Test(listwin, a_failing_source_is_said_not_hidden)
{
    make(100, false, true);
    fake.fail = true;
    cr_assert_eq(listwin_show(&w, 10), -1);
    cr_assert(w.failed);
    cr_assert_not(listwin_has(&w, 0));
    fake.fail = false;
    listwin_reload(&w);
    cr_assert_eq(listwin_show(&w, 10), 0);
    cr_assert_not(w.failed);
    cr_assert(listwin_has(&w, 0));
}
