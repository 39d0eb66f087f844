/* screen.h — what every screen provides to the main loop.
 *
 * A screen is one file ending in a constant `struct screen_ops`.  The main
 * loop (app.c) calls open when the screen is entered, draw whenever the
 * screen must be painted (into the body window, already cleared), key for
 * each key the person presses, and close when the screen is left.  A key
 * handler changes state and returns flags; it never draws.  What a screen
 * does not use it hands back (SCR_UNHANDLED), and the main loop applies the
 * global actions (function keys, help, operator, quit, back), so those are
 * written once.  A screen keeps its state in app->state[its id], allocated
 * in open and freed in close; resume is called when it is on top again
 * after the screen above it closed. */
#ifndef DD_UI_SCREEN_H
#define DD_UI_SCREEN_H

#include <curses.h>
#include <stdbool.h>
#include <wchar.h>

#include "ui/kit/actions.h"

struct app;

enum screen_id {
    SCR_HELP,
    SCR_HOUSEHOLDS,
    SCR_QUARANTINE,
    SCR_ROSTERS,
    SCR_SUPPLIES,
    SCR_SUMMARY,
    SCR_OPERATOR,
    SCR_HH_CARD,          /* the households screens (ui/hh.h) */
    SCR_HH_HOUSEHOLD_FORM,
    SCR_HH_RESIDENT_FORM,
    SCR_HH_MOVE,
    SCR_HH_MOVE_OUT,
    SCR_HH_FILTER,
    SCR_HH_IMPORT,
    SCR_COUNT
};

/* What a key handler returns (OR-ed). */
enum {
    SCR_UNHANDLED = 0,   /* not mine: the main loop may use it */
    SCR_HANDLED = 1 << 0,
    SCR_REDRAW = 1 << 1, /* something changed on screen */
    SCR_BACK = 1 << 2,   /* leave this screen, back to the one below */
    SCR_QUIT = 1 << 3,   /* ask to quit (the main loop asks about unsaved input) */
};

struct screen_ops {
    enum screen_id id;
    const char *title;   /* N_(): shown in the title bar */
    bool is_form;        /* takes typed text: printable keys are input,
                            keys are looked up in SCOPE_FORM */
    void (*open)(struct app *a);
    void (*draw)(struct app *a, WINDOW *body);
    /* ACTION is what KEY means here (ACT_NONE if nothing); KEY is the
     * key code of keys.h (characters as themselves, function keys with
     * KEYS_FN). */
    unsigned (*key)(struct app *a, enum action action, int key);
    void (*close)(struct app *a);
    /* The screen above this one has closed and this one is on top again:
     * reload what that screen may have changed.  NULL: nothing to do. */
    void (*resume)(struct app *a);
    bool (*dirty)(struct app *a); /* unsaved input?  NULL: never */
    const enum action *bar_actions; /* the screen's own keys, ACT_NONE-ended */
};

extern const struct screen_ops screen_help;
extern const struct screen_ops screen_households;
extern const struct screen_ops screen_quarantine;
extern const struct screen_ops screen_rosters;
extern const struct screen_ops screen_supplies;
extern const struct screen_ops screen_summary;
extern const struct screen_ops screen_operator;

#endif
