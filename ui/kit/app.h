/* app.h — the state of the running interface and its main loop.
 *
 * One `struct app` lives for the whole run (made by ui_run).  It holds the
 * session, the keys in force, the stack of screen frames (a base screen
 * F2..F6, with cards, forms, reports and help opened over it; the same
 * screen may be there twice), the status line, and the layout of the last
 * paint.  The main loop reads a key, gives it to the screen on top, applies
 * what the screen handed back, and repaints: layout and paint are separate
 * steps, and only the loop paints. */
#ifndef DD_UI_APP_H
#define DD_UI_APP_H

#include <stdbool.h>

#include "src/cli.h"
#include "src/msg.h"
#include "ui/kit/keymap.h"
#include "ui/kit/screen.h"

#define APP_MIN_COLS 80
#define APP_MIN_LINES 24
#define APP_STACK 8

struct frame {
    const struct screen_ops *ops;
    void *state; /* ops->state_size bytes, owned by the engine */
};

struct app {
    struct session *s;
    const char *community;      /* from the database, else the config; "" */
    char operator_phone[32];    /* typed in the operator form, kept for the run */
    struct keymap keys;

    struct frame stack[APP_STACK];
    int depth;

    char status[512];           /* the status line */
    enum msg_level status_level;
    bool asking_quit;           /* the status line asks "Quit anyway?" */
    bool quit;
    int exit_status;

    int lines, cols;            /* the terminal at the last layout */
    bool too_small;
    WINDOW *body;               /* rows 1 .. lines-3, NULL when too small */
    int body_lines, body_cols;
    int cursor_y, cursor_x;     /* in the body, set by a form's draw; -1: hidden */

    /* A save the database refused because another program was writing (a
     * large import): the key that asked for it, given again to the same
     * frame every second while the person presses nothing
     * (app_retry_busy).  RETRY_STATE NULL: none. */
    void *retry_state;
    int retry_action;
    int retry_key;
    long long retry_at_ms;

    /* What to do once the frame on top has closed (app_after_close). */
    void (*after_fn)(struct app *a, void *data);
    void *after_data;
};

/* Runs the main loop until quit or a signal; returns the exit status. */
int app_loop(struct app *a);

/* Gives KEY (a key code, keys.h) to the screen on top, as the loop does for
 * every key read, and applies what it hands back (close, quit, a global
 * action).  Paints nothing: the tests of the kit drive screens with it. */
void app_handle_key(struct app *a, int key);

/* The frame on top, and its screen (NULL when the stack is empty). */
struct frame *app_top_frame(struct app *a);
const struct screen_ops *app_top(const struct app *a);

/* Pushes a frame of OPS over the current one, opened with ARG; returns its
 * state (never NULL for a screen with state), or NULL when the stack is
 * full (said on the status line: Esc first). */
void *app_push(struct app *a, const struct screen_ops *ops, const void *arg);
/* Closes the frame on top (never the base screen). */
void app_pop(struct app *a);
/* Makes OPS the base screen, closing every frame. */
void app_switch(struct app *a, const struct screen_ops *ops);
void app_close_all(struct app *a);

/* Once the frame on top has closed (its key handler returned SCR_BACK):
 * FN(A, DATA), which owns DATA (malloc'd) -- so a screen can open the next
 * one over the one below it, with what it needs copied out of its state. */
void app_after_close(struct app *a, void (*fn)(struct app *a, void *data), void *data);

/* The state of the topmost frame of OPS, or NULL when none is open (for a
 * screen that tells one below it what it did: a form, its card). */
void *app_find(struct app *a, const struct screen_ops *ops);

/* The frame under the one on top, or NULL (the help screen shows its keys). */
const struct frame *app_below(const struct app *a);

/* Long work inside a key handler (an import): puts TEXT on the status line
 * and shows it at once, without waiting for the main loop's paint. */
void app_progress(struct app *a, const char *text);

/* The rows of the body a screen may use: all, but the last when the
 * screen's keys do not fit the key bar (the kit shows them there). */
int app_body_rows(struct app *a);
/* The columns of the body. */
int app_body_cols(const struct app *a);

/* Puts the terminal cursor at Y, X of the body after the paint (a form's
 * caret).  Without a call during draw the cursor stays hidden. */
void app_set_cursor(struct app *a, int y, int x);

/* After a save failed: when the database was busy with another program's
 * writing (store_busy), says so in plain words -- the input is kept, it
 * will be saved by itself once the database is free, Ctrl-S tries at once
 * -- and has the main loop give ACTION / KEY to the frame on top again
 * every second until the save goes through or the person presses a key
 * (then their key decides).  True when it was busy (the caller returns),
 * false for any other failure (the caller says why). */
bool app_retry_busy(struct app *a, int action, int key);

/* The status line (what the msg sink writes into).  An error that comes
 * while another is still shown is added after it ("first; second"). */
void app_status(struct app *a, enum msg_level level, const char *text);

/* The name of the first key of ACTION on the screen on top ("m", "F2"), or
 * "-" when it has none. */
const char *app_key_name(struct app *a, int action, char *buf, size_t bufsz);

/* Paints the whole screen: title bar, body, status line, key bar (chrome.c
 * draws all but the body). */
void app_paint(struct app *a);
void chrome_title(struct app *a);
void chrome_status(struct app *a);
void chrome_keybar(struct app *a);
/* Does the key bar show every action of OWN (ACT_NONE-ended) after the
 * function keys?  When not, the kit shows the screen's keys on the last
 * line of the body with chrome_keys_line (row Y of W, as many as fit). */
bool chrome_keybar_fits(struct app *a, const int *own);
void chrome_keys_line(struct app *a, WINDOW *w, int y, const int *own);
void chrome_too_small(struct app *a);

#endif
