/* form.h (ui) — draws a form of src/form.h and turns keys into form edits.
 *
 * The engine (src/form.c) holds the state; this module only shows it and
 * feeds it keys.  A form is drawn in a box centred in the body: one field per
 * line, a label column on the left, the field's editor drawn with
 * ledit_view into exactly the field's width (underlined, and on a coloured
 * background when colours are on), '<' / '>' beside the field when text is
 * hidden on that side, and under each field its error (for the field that
 * failed) or its hint.  The caret's position is handed back so the caller
 * puts the terminal cursor there (an input method's window follows it).
 *
 * Keys: printable characters are typed into the current field; Backspace,
 * Delete, Left, Right, Home / ^A, End / ^E, ^K and ^U edit; next_field
 * (Tab, Enter, Down) and prev_field (Shift-Tab, Up) move, Tab and Shift-Tab
 * wrapping round; Enter on the last field and save (^S) ask to save; back
 * (Esc) asks to cancel.  The caller saves (form_save) or restores
 * (form_restore), since only it knows the record. */
#ifndef DD_UI_FORM_H
#define DD_UI_FORM_H

#include <curses.h>

#include "src/form.h"
#include "ui/kit/actions.h"

enum uiform_result {
    UIFORM_UNHANDLED, /* not a form key */
    UIFORM_CHANGED,   /* text, caret or field changed */
    UIFORM_SAVE,      /* the person asks to save */
    UIFORM_CANCEL,    /* the person asks to cancel */
};

/* Draws F titled TITLE (translated) in BODY; *CARET_Y / *CARET_X get the
 * caret's position in BODY (-1 when the form did not fit). */
void uiform_draw(WINDOW *body, struct form *f, const char *title, int *caret_y, int *caret_x);

/* Applies KEY (a key code of keys.h) meaning ACTION (looked up in
 * SCOPE_FORM) to F. */
enum uiform_result uiform_key(struct form *f, enum action action, int key);

/* After a failed form_save: says "Label: reason" on the status line
 * (msg_error). */
void uiform_report(const struct form *f);

#endif
