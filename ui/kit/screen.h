/* screen.h — what every screen provides to the main loop.
 *
 * A screen is one file ending in a constant `struct screen_ops`: its name
 * (the config's keys.NAME.ACTION), title, kind, the size of its state, its
 * own action table and its operations.  Screens are frames on a stack
 * (ui/kit/app.h): pushing one makes a frame, has the engine allocate
 * STATE_SIZE bytes of zeroed state and calls open with the pusher's
 * argument; the same screen may be on the stack more than once (a card
 * over another household's card).  The main loop calls draw whenever the
 * screen must be painted (into the body window, already cleared; drawing
 * never reads the database: a screen loads what it shows in open, key,
 * resume or prepare, which runs before each paint), key for each key the
 * person presses, and close when the frame
 * goes, before the engine frees the state.  resume is called when the
 * frame is on top again after the one above it closed.
 *
 * Keys: the main loop looks a key up in the screen's own table, then in
 * the generic actions of its kind (list or form), then in the global ones
 * (ui/kit/keymap.h), and hands the key with the action it means (ACT_NONE:
 * none) to key.  While the screen takes text (a form, a search box:
 * `typing`), a printable key means no action: it is text.  A handler
 * changes state and returns flags; it never draws.  What it does not use
 * it hands back (SCR_UNHANDLED) and the main loop applies the global
 * actions (function keys, help, operator, quit, back), written once. */
#ifndef DD_UI_SCREEN_H
#define DD_UI_SCREEN_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "ui/kit/actions.h"

struct app;

/* What a key handler returns (OR-ed). */
enum {
    SCR_UNHANDLED = 0,   /* not mine: the main loop may use it */
    SCR_HANDLED = 1 << 0,
    SCR_REDRAW = 1 << 1, /* something changed on screen */
    SCR_BACK = 1 << 2,   /* leave this screen, back to the one below */
    SCR_QUIT = 1 << 3,   /* ask to quit (the main loop asks about unsaved input) */
};

enum screen_kind {
    SCREEN_LIST, /* rows to move through: the list actions apply */
    SCREEN_FORM, /* fields to type in: the form actions apply, letters are text */
};

struct screen_ops {
    const char *name;    /* "households": keys.households.move in the config */
    const char *title;   /* N_(): shown in the title bar */
    enum screen_kind kind;
    size_t state_size;   /* allocated, zeroed, by the engine; 0: none */
    const struct action_def *actions; /* the screen's own, name NULL-ended; may be NULL */
    void (*open)(struct app *a, void *st, const void *arg);
    /* Before each paint, after the layout (a resize too): fetch what the
     * body will show, so draw only shows it.  May be NULL. */
    void (*prepare)(struct app *a, void *st);
    void (*draw)(struct app *a, void *st, WINDOW *body);
    /* ACTION is what KEY means here (ACT_NONE if nothing); KEY is the key
     * code of keys.h (characters as themselves, function keys with
     * KEYS_FN). */
    unsigned (*key)(struct app *a, void *st, int action, int key);
    void (*close)(struct app *a, void *st);
    void (*resume)(struct app *a, void *st);
    bool (*dirty)(struct app *a, void *st);  /* unsaved input?  NULL: never */
    /* Does the screen take text now (printable keys are not actions)?
     * NULL: a form always does, a list never. */
    bool (*typing)(struct app *a, void *st);
    /* The actions the key bar shows now, ACT_NONE-ended (they depend on
     * where the keyboard is).  NULL: BAR. */
    const int *(*bar_now)(struct app *a, void *st);
    const int *bar;      /* the actions the key bar shows, ACT_NONE-ended */
    /* N_() paragraphs the help screen shows under the screen's keys (how
     * its search works, what its marks mean), NULL-ended; may be NULL. */
    const char *const *about;
    /* What a kit screen is made of (the form screen's struct form_spec);
     * NULL for a screen written by hand. */
    const void *kit;
};

/* Does OPS take text now (see typing above)? */
bool screen_typing(const struct screen_ops *ops, struct app *a, void *st);

/* The actions its key bar shows now. */
const int *screen_bar(const struct screen_ops *ops, struct app *a, void *st);

/* The screen's own action ID, or NULL. */
const struct action_def *screen_action(const struct screen_ops *ops, int id);

/* The screens, for the config's key overrides, the help screen and the
 * key tests (ui/screens.c): every screen, NULL-ended. */
extern const struct screen_ops *const ui_screens[];

/* The base screens, one per function key: what the global actions
 * ACT_HOUSEHOLDS .. ACT_SUMMARY open (ui/screens.c), ACT_NONE-ended. */
struct base_screen {
    int action;
    const struct screen_ops *ops;
};
extern const struct base_screen ui_base_screens[];

#endif
