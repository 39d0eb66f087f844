/* listwin.h — a list shown a window at a time: the selection, what is
 * shown, how many rows there are, and the rows marked.  Pure state: no
 * drawing (ui/kit/listview.h draws one), no database (the source fetches).
 *
 * A list never loads its whole table.  The source is asked for the rows
 * of a window -- the rows on screen and a screenful more -- and keeps them
 * itself; the window is fetched again when the selection leaves it.  How
 * many rows there are is known from the source's count when it has a cheap
 * one, or from a fetch that comes back short, or (End on a long search) by
 * probing: a doubling then halving search for the first row that is not
 * there, one row a probe, so the last screen of a hundred thousand hits
 * costs some twenty probes.
 *
 * Marks are a set of keys (a row's record id, from the source), so a mark
 * stays on its record when the list is fetched again, scrolls or is
 * filtered; an action applies to the marked rows, or else to the current
 * one (listwin_targets).
 *
 * Rows are numbered from 0.  Every function that may fetch returns -1 when
 * the source failed (the list then shows what it has; the source says
 * why). */
#ifndef DD_LISTWIN_H
#define DD_LISTWIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct listwin_source {
    /* Fetch rows OFFSET .. OFFSET + LIMIT - 1 and keep them: the count
     * fetched (fewer at the end of the list), or -1 on failure.  Until the
     * next fetch, row I of the window is the (I - OFFSET)th one kept. */
    int (*fetch)(void *ctx, long offset, int limit);
    /* The number of rows when it is cheap to know, else -1 (then the end
     * is found by probing).  May be NULL: -1. */
    long (*count)(void *ctx);
    /* Is there a row I?  Fetches one row and keeps nothing: 1, 0, or -1 on
     * failure.  May be NULL when count always answers. */
    int (*probe)(void *ctx, long i);
    /* The key that marks row I of the window (a record id).  May be NULL:
     * the list takes no marks. */
    int64_t (*key)(void *ctx, long i);
};

struct listwin {
    const struct listwin_source *src;
    void *ctx;
    long sel, top;          /* the selected row, the first row shown */
    long win_off;           /* the window: rows win_off .. win_off + win_n - 1 */
    int win_n;
    bool fetched;           /* the window belongs to the current rows */
    long total;             /* rows in all, -1 while not known */
    bool failed;            /* the last fetch failed */
    int64_t *marks;         /* the keys marked, in the order marked */
    size_t nmarks, capmarks;
};

/* A source over rows already in memory (a menu, a card's members, a
 * report): its context is a struct listwin_array holding their number;
 * a row's key is its index. */
struct listwin_array {
    long n;
};
extern const struct listwin_source listwin_array_source;

/* Searches are probed no further than this for End. */
#define LISTWIN_PROBE_LIMIT 1000000L

void listwin_init(struct listwin *w, const struct listwin_source *src, void *ctx);
void listwin_free(struct listwin *w);

/* The rows are others now (a new search): the selection goes back to the
 * first row; marks stay (they are keys). */
void listwin_reset(struct listwin *w);
/* The records may have changed: fetched again when next shown; the
 * selection stays (on the last row if the list got shorter). */
void listwin_reload(struct listwin *w);

/* Makes ROWS lines from .top show the selection, and fetches what they
 * show when it is not in the window.  0 or -1. */
int listwin_show(struct listwin *w, int rows);

enum listwin_move {
    LISTWIN_UP, LISTWIN_DOWN, LISTWIN_PAGE_UP, LISTWIN_PAGE_DOWN, LISTWIN_HOME, LISTWIN_END,
};
/* Moves the selection in a view of ROWS lines.  0 or -1. */
int listwin_move(struct listwin *w, enum listwin_move m, int rows);

/* Selects row I (clamped to the rows there are).  0 or -1. */
int listwin_select(struct listwin *w, long i, int rows);

/* Is row I in the window (its data with the source)? */
bool listwin_has(const struct listwin *w, long i);

/* Rows known to be there: the total when known, else how far the window
 * reaches; *MORE says whether there may be more. */
long listwin_known(const struct listwin *w, bool *more);

/* The exact number of rows, counting or probing for it when not known.
 * -1 on failure. */
long listwin_total(struct listwin *w);

/* Marks.  listwin_mark toggles the mark of the selected row (true when it
 * is marked now); listwin_mark_shown marks the rows from .top on ROWS lines
 * (every row in the window when ROWS <= 0), or unmarks them all when all
 * are marked already (returns how many are marked now). */
bool listwin_mark(struct listwin *w);
size_t listwin_mark_shown(struct listwin *w, int rows);
bool listwin_marked(const struct listwin *w, int64_t key);
bool listwin_row_marked(const struct listwin *w, long i);
void listwin_unmark_all(struct listwin *w);
size_t listwin_nmarks(const struct listwin *w);

/* The keys an action applies to: the marked ones when any, else the
 * selected row's (one), else none.  Into KEYS (up to MAX); the count. */
size_t listwin_targets(const struct listwin *w, int64_t *keys, size_t max);

#endif
