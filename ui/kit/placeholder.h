/* placeholder.h — the body of a screen that is not built yet: the notice
 * "Placeholder: this screen is not built yet." on its own line, then what
 * the screen will hold (N_() strings, translated here), wrapped to the
 * body's width. */
#ifndef DD_UI_PLACEHOLDER_H
#define DD_UI_PLACEHOLDER_H

#include <curses.h>

/* WHAT: N_() paragraphs, NULL-ended. */
void placeholder_draw(WINDOW *body, const char *const *what);

#endif
