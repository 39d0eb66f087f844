/* ui/households/rows.h — a list of residents (search hits) shown a window at a time.
 *
 * The rows come from the search (src/search.h) or from one of the lists of
 * src/hh_list.h.  Only a window of them is held: the rows on screen and a
 * screenful more, fetched again when the selection leaves it, so a search
 * that matches a hundred thousand people costs what one screenful costs.
 * How many rows there are is known once a fetch comes back short, from the
 * list's count, or (End on a search) by probing.
 *
 * Drawing: a header line, then one line per row with the columns address,
 * name, masked ID, masked phone and care marks (a moved-out resident is
 * marked so, and dimmed), aligned by display width (src/text.h), the
 * selected row in reverse video.  At 80 columns: 22, 12, 18, 13 and 10
 * columns with a space between; wider terminals widen address, name and
 * marks. */
#ifndef DD_UI_HH_ROWS_H
#define DD_UI_HH_ROWS_H

#include <curses.h>
#include <stdbool.h>

#include "db/db.h"
#include "src/hh_list.h"
#include "src/search.h"
#include "ui/kit/actions.h"

struct hh_rows {
    bool is_search;            /* the source: the search, else .list */
    char query[256];
    struct hh_list_query list;
    struct search_hit *win;    /* rows win_off .. win_off + win_n - 1 */
    int win_off, win_n, win_cap;
    bool fetched;              /* the window belongs to the current source */
    long total;                /* rows in all, -1 while not known */
    bool failed;               /* the last fetch failed (said on the status line) */
    int sel, top;              /* the selected row, the first row shown */
};

void hh_rows_init(struct hh_rows *r);
void hh_rows_free(struct hh_rows *r);

/* New sources: the selection goes back to the first row. */
void hh_rows_set_search(struct hh_rows *r, const char *query);
void hh_rows_set_list(struct hh_rows *r, const struct hh_list_query *q);
/* The records may have changed: fetch again, keep the selection. */
void hh_rows_reload(struct hh_rows *r);

/* Fetches what ROWS lines from .top show (moving .top so the selection is
 * among them).  0, or -1 when the database failed (said with msg_error). */
int hh_rows_show(struct hh_rows *r, db *d, int rows);

/* Applies a movement action (up, down, page up / down, home, end) for a
 * view of ROWS lines.  Returns true when it was one. */
bool hh_rows_move(struct hh_rows *r, db *d, enum action act, int rows);

/* The selected row, or NULL when there is none (or it is not fetched). */
const struct search_hit *hh_rows_selected(const struct hh_rows *r);

/* Rows known to be there: the total when known, else how far the window
 * reaches; *MORE says whether there may be more. */
long hh_rows_known(const struct hh_rows *r, bool *more);

/* The status line's count: "12 found" or "more than 40 found". */
void hh_rows_count_text(const struct hh_rows *r, char *buf, size_t bufsz);

/* Draws the header at line Y of W and ROWS rows under it (call
 * hh_rows_show first).  SELECTED: show the selection. */
void hh_rows_draw(const struct hh_rows *r, WINDOW *w, int y, int rows, bool selected);

/* The care column of a row: "moved out" and the care marks, translated. */
void hh_rows_marks(const struct search_hit *h, char *buf, size_t bufsz);

#endif
