/* editbox.h — a line of text to type in: a form's field, a search box, a
 * picker's filter.  One set of editing keys everywhere:
 *   printable characters     typed at the caret
 *   Backspace, Delete / ^D   delete before / at the caret
 *   Left / ^B, Right / ^F    move by a character
 *   Home / ^A, End / ^E      to the start / the end
 *   ^K, ^U                   delete to the end / to the start
 * The text is a line editor of src/kit/lineedit.h (wide characters, columns by
 * display width); drawing shows the part around the caret, with '<' or '>'
 * beside the box when text is hidden on that side. */
#ifndef DD_UI_EDITBOX_H
#define DD_UI_EDITBOX_H

#include <curses.h>
#include <stdbool.h>

#include "src/kit/lineedit.h"

/* Applies KEY to E when it is an editing key (printable characters
 * included): true when it was one; *CHANGED says whether the text changed
 * (false for a caret move or a character refused). */
bool editbox_key(struct ledit *e, int key, bool *changed);

/* Is KEY one of the editing keys that are not printable characters? */
bool editbox_is_edit_key(int key);

/* Draws E in WIDTH columns at Y, X of W in ATTR (the markers in A_BOLD);
 * *CARET_X gets the caret's column in W. */
void editbox_draw(WINDOW *w, int y, int x, int width, struct ledit *e, attr_t attr,
                  int *caret_x);

#endif
