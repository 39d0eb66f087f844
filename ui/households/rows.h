/* rows.h — the residents of a search or of a supervisors' list, as a list
 * source (src/kit/listwin.h) and a column table (ui/kit/listview.h).
 *
 * The rows come from the search (src/households/search.h) or from one of the lists of
 * src/households/list.h; only the window the list asks for is fetched.  Columns:
 * address, name, masked ID, masked phone, care marks (a moved-out resident
 * is marked so, and dimmed).  On a narrow terminal the address gives way
 * first, and in it the compound's name (cut at its start) before the
 * building, unit and room; then the marks, the phone, the ID; the name
 * keeps its width.  A row's mark key is the resident (or, for a household
 * with nobody living there, the household: negative). */
#ifndef DD_UI_HH_ROWS_H
#define DD_UI_HH_ROWS_H

#include <stdbool.h>

#include "db/db.h"
#include "src/households/list.h"
#include "src/kit/listwin.h"
#include "src/households/search.h"
#include "ui/kit/listview.h"

struct hh_rows {
    db *d;
    bool is_search;            /* the source: the search, else .list */
    char query[256];
    struct hh_list_query list;
    struct search_hit *win;    /* the window the list fetched last */
    long off;
    int n, cap;
    bool failure_said;         /* one message per failure */
    struct listwin lw;
    struct listview view;
};

void hh_rows_init(struct hh_rows *r, db *d);
void hh_rows_free(struct hh_rows *r);

/* New sources: the selection goes back to the first row. */
void hh_rows_set_search(struct hh_rows *r, const char *query);
void hh_rows_set_list(struct hh_rows *r, const struct hh_list_query *q);
/* The records may have changed: fetched again, the selection kept. */
void hh_rows_reload(struct hh_rows *r);

/* The selected row, or NULL when there is none. */
const struct search_hit *hh_rows_selected(const struct hh_rows *r);

/* The status line's count: "12 found" or "more than 40 found". */
void hh_rows_count_text(const struct hh_rows *r, char *buf, size_t bufsz);

/* The care column of a row: "moved out" and the care marks, translated. */
void hh_rows_marks(const struct search_hit *h, char *buf, size_t bufsz);

#endif
