/* sheet.h — text sheets to print: columns that line up in display width.
 *
 * Everything the desk prints (the daily summary, check sheets, rosters,
 * buying and delivery lists, a lookup) is a sheet: a title, a header line,
 * column headings, rows, optionally grouped under group headings, cut into
 * numbered pages.  The caller declares the columns once and hands over the
 * rows one at a time; each row is written as it comes, so a sheet of a
 * million rows needs the memory of one.  Nothing here reads the clock, the
 * configuration or the database: the caller passes in what the header says.
 *
 * Widths are decided once, in sheet_begin, from the declared rules and the
 * page width, never from the rows:
 *   - every column gets its MIN columns;
 *   - while the columns and the gaps between them (SHEET_GAP) are wider
 *     than the page, the column of lowest PRIORITY is left out (of equal
 *     priorities, the rightmost) — a column is shown whole or not at all,
 *     never cut at the page's edge.  The last column left is kept, narrowed
 *     to the page width when it must be;
 *   - the width left over is shared among the GROW columns shown, a column
 *     at a time in turn, each up to its MAX (0: no limit).  What none of
 *     them may take stays empty on the right.
 * A cell wider than its column is cut at a character boundary and ends in
 * '~'; a cell never spills into the next column.  Cells, headings and the
 * header are cleaned: tabs and line breaks become spaces, every other
 * control character and invalid byte is shown as U+FFFD (as text_clean
 * does), so nothing from a spreadsheet can act on a terminal or a printer.
 * Lines carry no trailing spaces.
 *
 * The layout of a sheet:
 *
 *   title, centred (at most 2 lines)           } the first page only
 *   community            written  operator     }
 *   (blank line)                               }
 *   column headings                            } every page
 *   ------  ----  -------  (one rule a column) }
 *   group heading (a blank line before it, unless it opens the page)
 *   rows ...
 *   (blank line)                               } the footer: pages only
 *   page N, centred                            }
 *
 * Pages (PAGE_LENGTH > 0): a page holds PAGE_LENGTH lines at most, its
 * footer included.  A group heading never ends a page (it moves to the next
 * with its first row), and a group that goes on over a page break is
 * named again under the headings with "(continued)".  Page breaks are
 * written one of two ways:
 *   - FORM_FEED false: every page is padded with blank lines to exactly
 *     PAGE_LENGTH lines, the footer on its last line.  Plain lines only,
 *     good on a terminal and for a printer set to the same page length;
 *   - FORM_FEED true: each page after the first starts with a form feed
 *     (\f, no line of its own) and pages are not padded: a printer starts a
 *     new sheet of paper whatever its page length.  A terminal shows the
 *     form feed oddly (as a line break, or ^L in less).
 * PAGE_LENGTH 0 writes one long page without footer or page breaks. */
#ifndef DD_SHEET_H
#define DD_SHEET_H

#include <stdbool.h>
#include <stdio.h>

enum {
    SHEET_GAP = 2,             /* spaces between two columns */
    SHEET_DEFAULT_WIDTH = 80,  /* page width when the spec says 0 */
    SHEET_MAX_WIDTH = 1000,
    /* The shortest page: the first page's title, header and blank line (5
     * lines at most), the headings and their rule, a group heading, one
     * row and the footer. */
    SHEET_MIN_PAGE_LENGTH = 11,
};

struct sheet_column {
    const char *heading;
    int min;       /* columns, at least 1: the column's width, or the least it may have */
    int max;       /* with GROW: the most it may have (0: no limit); else unused */
    bool grow;     /* takes a share of the page width left over */
    bool right;    /* right-aligned (numbers), heading too */
    int priority;  /* higher is more important: the lowest is left out first */
};

struct sheet_spec {
    const struct sheet_column *columns;
    int ncolumns;              /* at least 1 */
    const char *title;         /* NULL or "": none */
    /* The header line; each NULL or "" is left out (all three: no line). */
    const char *community;     /* on the left */
    const char *written;       /* when it was written, as the caller formats it */
    const char *operator_name; /* who wrote it */
    int page_width;            /* display columns; 0: SHEET_DEFAULT_WIDTH */
    int page_length;           /* lines a page, footer included; 0: no pages */
    bool form_feed;            /* pages break with \f instead of blank lines */
};

typedef struct sheet sheet;

/* Starts a sheet written to OUT (which stays the caller's).  The spec and
 * its strings are copied: they need not outlive the call.  Writes nothing
 * yet (the first group, row or sheet_end writes the page head).  NULL with
 * errno EINVAL when the spec is unusable (no columns, a MIN below 1, a page
 * width outside 0..SHEET_MAX_WIDTH, a page length between 1 and
 * SHEET_MIN_PAGE_LENGTH - 1), or ENOMEM. */
sheet *sheet_begin(FILE *out, const struct sheet_spec *spec);

/* The width a column got, in display columns; 0 when it was left out (or
 * COL is not a column).  For callers that say what did not fit. */
int sheet_column_width(const sheet *s, int col);

/* Starts a group: HEADING on a line of its own before the rows that
 * follow (cut with '~' to the page width). */
void sheet_group(sheet *s, const char *heading);

/* Writes one row.  CELLS holds one string per declared column (NULL: an
 * empty cell); cells of columns left out are not written. */
void sheet_row(sheet *s, const char *const *cells);

/* Ends the sheet (the last page's footer), flushes OUT, frees the sheet and
 * sets *S to NULL.  0, or -1 when writing to OUT failed at any point (errno
 * says why) or memory ran out.  A NULL *S gives 0. */
int sheet_end(sheet **s);

#endif
