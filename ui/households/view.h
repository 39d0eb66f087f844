/* ui/households/view.h — drawing shared by the households screens.
 *
 * hh_form_draw shows a form of src/form.h in a compact box: one line per
 * field, and a note (the field's error, else its hint) only under the
 * current field and under a field that has an error, so the thirteen
 * fields of a resident fit in an 80x24 terminal (ui/kit/form.c gives every
 * field a note line and fits eight).  Keys go to the form through
 * uiform_key (ui/form.h) as for any form; the caret is where the terminal
 * cursor goes.
 */
#ifndef DD_UI_HH_VIEW_H
#define DD_UI_HH_VIEW_H

#include <curses.h>
#include <stdbool.h>

#include "src/form.h"
#include "ui/kit/actions.h"
#include "ui/kit/app.h"

/* Draws F titled TITLE (translated) in BODY and puts the cursor at its
 * caret (app_set_cursor). */
void hh_form_draw(struct app *a, WINDOW *body, struct form *f, const char *title);

/* The first key of ACT as its name ("a", "Enter"), "" when it has none. */
const char *hh_key_name(struct app *a, enum action act, char *buf, size_t bufsz);

#endif
