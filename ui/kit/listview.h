/* listview.h — one way to show a list: a column table over a list window
 * (src/kit/listwin.h).
 *
 * A list is declared by its columns (heading, width at 80 columns, the
 * narrowest it may become, its share of a wider terminal, its priority:
 * on a terminal too narrow for all, the columns of lowest priority go
 * first; how wide it may grow for a long cell) and a cells callback that
 * gives the text of each cell of a row.  The widths follow the rows shown:
 * a column whose cells are narrower than its width (no care marks on this
 * screen) gives the room to one that needs it (a long name), before any
 * column is shortened.
 * Columns are measured in display width (src/text.h): a Chinese name lines
 * up with a Latin one, and a cell too wide for its column is cut with '~',
 * never in the middle of a character.  The selected row is in reverse video
 * while the list has the keyboard; a marked row shows '*' in the column
 * left of its first cell (a space otherwise); the cells callback may show
 * a row dimmed or as a heading.
 *
 * Drawing never fetches: the screen calls listview_prepare (which fetches
 * what the view will show) from its prepare hook or a key handler, and the
 * draw shows what is there.  listview_key applies the list actions of
 * ui/kit/actions.h: Up, Down, PgUp, PgDn, Home, End, and Space and * for
 * marks when the list takes them. */
#ifndef DD_UI_LISTVIEW_H
#define DD_UI_LISTVIEW_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "src/kit/listwin.h"

struct list_column {
    const char *heading;  /* N_() */
    int width;            /* at 80 columns */
    int min;              /* the narrowest it may become; 0: WIDTH */
    int grow;             /* its share of the columns beyond 80; 0: none */
    int priority;         /* the lowest goes first when the terminal is too
                             narrow; 0: never */
    bool right;           /* right-aligned (numbers) */
    int max;              /* wider than WIDTH, up to MAX, when a cell shown
                             needs it (a long name); 0: WIDTH at most */
};

#define LISTVIEW_MAX_COLS 12

/* How a row is shown (besides the selection). */
enum listview_style { LISTVIEW_NORMAL, LISTVIEW_DIM, LISTVIEW_HEADING };

struct listview {
    struct listwin *w;
    const struct list_column *cols;
    int ncols;
    /* The cells of row I (in the window): CELL[0..ncols-1] point into BUF
     * (BUFSZ bytes) or at strings that live on; WIDTH says how wide each
     * column is drawn (0: left out), for a cell that shortens itself
     * better than a cut at its end would; *STYLE: how the row is shown
     * (LISTVIEW_NORMAL unless set). */
    void (*cells)(void *ctx, long i, const char **cell, const int *width, char *buf,
                  size_t bufsz, enum listview_style *style);
    void *ctx;
    bool marks;           /* space and * mark rows */
    bool no_heading;      /* rows only (a report, a menu) */
    bool pager;           /* no selection: the movement keys scroll (a report,
                             help); ^ and v at the right say there is more */
};

/* The widths of the columns for COLS columns into WIDTH (0: the column is
 * dropped), for cells at most WANT wide (NULL: as wide as the columns);
 * the columns used in all. */
int listview_plan(const struct listview *v, int cols, const int *want,
                  int width[LISTVIEW_MAX_COLS]);

/* Fetches what a view of ROWS rows shows (the heading not counted).  0, or
 * -1 when the source failed. */
int listview_prepare(struct listview *v, int rows);

/* Draws the heading at row Y of W and ROWS rows under it, COLS columns
 * from X.  FOCUSED: show the selection. */
void listview_draw(const struct listview *v, WINDOW *win, int y, int x, int cols, int rows,
                   bool focused);

/* Applies a list action for a view of ROWS rows: true when it was one (the
 * view changed).  Marks only when the view takes them. */
bool listview_key(struct listview *v, int action, int rows);

/* Where the selection is: "12/265", or "12/40+" while the end is not known. */
void listview_position(const struct listview *v, char *buf, size_t bufsz);

#endif
