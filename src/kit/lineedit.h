/* lineedit.h — a one-line text editor as pure state.
 *
 * A wide-character buffer and a caret, with the operations a person uses
 * (insert, delete, backspace, left/right by character, home/end, kill to the
 * end or the start) and a horizontal scroll measured in columns.  Nothing
 * here draws: the interface asks for the visible slice and the caret column
 * and puts the terminal cursor there, so an input method's candidate window
 * follows the caret.  Tested without a terminal, with Chinese text.
 *
 * Requires a UTF-8 LC_CTYPE (widths come from text.h). */
#ifndef DD_LINEEDIT_H
#define DD_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

struct ledit {
    wchar_t *buf;    /* not NUL-terminated; LEN characters */
    size_t len, cap;
    size_t caret;    /* 0..len, in characters */
    size_t max_len;  /* 0: no limit */
    int scroll;      /* first visible column (in columns from the start) */
};

void ledit_init(struct ledit *e, size_t max_len);
void ledit_free(struct ledit *e);

/* Replaces the text with UTF-8 S (invalid bytes become U+FFFD); the caret
 * goes to the end.  Returns false when S was cut at max_len. */
bool ledit_set(struct ledit *e, const char *s);
/* The text as malloc'd UTF-8. */
char *ledit_get(const struct ledit *e);
/* The text as UTF-8 into a buffer (cut at a character boundary). */
void ledit_copy(const struct ledit *e, char *dst, size_t dstsz);

/* Editing.  Each returns true when the text or the caret changed. */
bool ledit_insert(struct ledit *e, wchar_t c);     /* control characters refused */
bool ledit_insert_str(struct ledit *e, const char *utf8);
bool ledit_backspace(struct ledit *e);
bool ledit_delete(struct ledit *e);
bool ledit_left(struct ledit *e);
bool ledit_right(struct ledit *e);
bool ledit_home(struct ledit *e);
bool ledit_end(struct ledit *e);
bool ledit_kill_eol(struct ledit *e);  /* Ctrl-K */
bool ledit_kill_bol(struct ledit *e);  /* Ctrl-U */
void ledit_clear(struct ledit *e);

bool ledit_empty(const struct ledit *e);
/* Columns of the whole text, and from the start to the caret. */
int ledit_width(const struct ledit *e);
int ledit_caret_col(const struct ledit *e);

/* Layout for a field COLS columns wide: moves the scroll so the caret is
 * visible (with room for one double-width character at the right edge), then
 * writes the visible slice as UTF-8 into OUT, exactly COLS columns (a
 * double-width character cut by either edge becomes a space), and the
 * caret's column inside the field into *CARET_X.  *MORE_LEFT / *MORE_RIGHT
 * say whether text is hidden on that side (may be NULL). */
void ledit_view(struct ledit *e, int cols, char *out, size_t outsz, int *caret_x,
                bool *more_left, bool *more_right);

#endif
