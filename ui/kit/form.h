/* form.h (ui) — shows a form of src/kit/form.h and turns keys into edits.
 *
 * The engine (src/kit/form.c) holds the fields; struct uiform adds what only
 * the screen needs: the picker of a choice field.  A form is drawn in a
 * box centred in the body: one field per line, a label column on the
 * left, the field's editor drawn with ledit_view into exactly the field's
 * width (on a coloured background when colours are on), '<' / '>' beside
 * the field when text is hidden on that side.  Under each field its error
 * (for the field that failed) or its hint; when the form would not fit the
 * body so, the compact layout keeps a note only under the current field
 * and a field in error (the thirteen fields of a resident fit 80x24).  The
 * caret is where the terminal cursor goes (app_set_cursor): an input
 * method's window follows it.
 *
 * Keys: printable characters are typed into the current field; Backspace,
 * Delete, Left, Right, Home / ^A, End / ^E, ^K and ^U edit; next_field
 * (Tab, Enter, Down) and prev_field (Shift-Tab, Up) move, Tab and
 * Shift-Tab wrapping round; Enter on the last field and save (^S) ask to
 * save; back (Esc) asks to leave.  A choice field (FIELD_PICKED) is picked,
 * not typed: Space, or the first letter typed, opens its list under the
 * field -- typing filters it, Up and Down choose, Enter takes the word
 * (Space marks words of a set), Esc closes the list and keeps the field. */
#ifndef DD_UI_FORM_H
#define DD_UI_FORM_H

#include <curses.h>

#include "src/kit/form.h"
#include "src/kit/lineedit.h"

struct app;

enum uiform_result {
    UIFORM_UNHANDLED, /* not a form key */
    UIFORM_CHANGED,   /* text, caret, field or picker changed */
    UIFORM_SAVE,      /* the person asks to save */
    UIFORM_CANCEL,    /* the person asks to leave */
};

struct picker {
    bool open;
    size_t field;       /* the field it picks for */
    struct ledit filter;
    int sel, top;       /* among the words that match the filter */
    unsigned marked;    /* a set: the bits marked so far */
};

struct uiform {
    struct form form;
    struct picker pick;
};

/* Opens U over RECORD (form_open), and closes it. */
void uiform_open(struct uiform *u, const struct form_field *fields, size_t n,
                 const void *record);
void uiform_close(struct uiform *u);

/* Draws U titled TITLE (translated) in BODY; puts the cursor at its caret. */
void uiform_draw(struct app *a, WINDOW *body, struct uiform *u, const char *title);

/* Applies KEY meaning ACTION (looked up for a form screen) to U; the field
 * hooks run after every change (form_changed). */
enum uiform_result uiform_key(struct uiform *u, int action, int key);

/* After a failed form_save or form_read: says "Label: reason" on the
 * status line (msg_error). */
void uiform_report(const struct form *f);

#endif
