/* draw.h — writing text into a curses window by display columns.
 *
 * Every function fits its text with src/text.h first (never a character cut
 * in half, never more than the columns given), so a caller never counts
 * bytes.  Text wider than the room is cut; the *_mark forms show a '~' in
 * the last column when they cut.  Borders are plain ASCII ('+', '-', '|'),
 * which every terminal draws one column wide.  Nothing here reads state
 * other than its arguments. */
#ifndef DD_UI_DRAW_H
#define DD_UI_DRAW_H

#include <curses.h>
#include <stdbool.h>

/* The widest line drawn; wider windows are drawn up to this. */
#define DRAW_MAX_COLS 512

/* Writes S at Y, X in at most COLS columns; with PAD fills the rest with
 * spaces (in ATTR).  Returns the columns written. */
int draw_text(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr, bool pad);
int draw_text_mark(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr, bool pad);

/* Writes S at Y, X right-aligned in COLS columns (cut with '~' if wider). */
void draw_text_right(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr);

/* Writes S centred on line Y of W. */
void draw_centre(WINDOW *w, int y, const char *s, attr_t attr);

/* Writes S from Y, X in lines of at most COLS columns, breaking after a
 * space where there is one and between characters otherwise (Chinese),
 * using at most MAXROWS lines.  Returns the lines used. */
int draw_wrap(WINDOW *w, int y, int x, int cols, int maxrows, const char *s, attr_t attr);

/* The lines draw_wrap would use for S in COLS columns (no limit). */
int draw_wrap_rows(const char *s, int cols);

/* A box of H lines and W columns at Y, X, its inside cleared; TITLE (may be
 * NULL) is written into the top border. */
void draw_box(WINDOW *w, int y, int x, int h, int width, const char *title, attr_t attr);

#endif
