/* app.c — the main loop: the stack of frames, layout, paint, and the
 * dispatch of keys. */
#include "ui/kit/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "src/date.h"
#include "src/i18n.h"
#include "src/store.h"
#include "ui/kit/keys.h"
#include "ui/kit/term.h"

#define READ_TIMEOUT_MS 200
#define RETRY_MS 1000 /* between two tries of a save the database was busy for */
#define KEY_CTRL_C 3

/* ---- screens ---------------------------------------------------------- */

bool screen_typing(const struct screen_ops *ops, struct app *a, void *st)
{
    if (ops->typing)
        return ops->typing(a, st);
    return ops->kind == SCREEN_FORM;
}

const int *screen_bar(const struct screen_ops *ops, struct app *a, void *st)
{
    static const int none[] = { ACT_NONE };

    if (ops->bar_now)
        return ops->bar_now(a, st);
    return ops->bar ? ops->bar : none;
}

const struct action_def *screen_action(const struct screen_ops *ops, int id)
{
    for (const struct action_def *d = ops->actions; d && d->name; d++)
        if (d->id == id)
            return d;
    return NULL;
}

/* ---- the stack -------------------------------------------------------- */

struct frame *app_top_frame(struct app *a)
{
    return a->depth > 0 ? &a->stack[a->depth - 1] : NULL;
}

const struct screen_ops *app_top(const struct app *a)
{
    return a->depth > 0 ? a->stack[a->depth - 1].ops : NULL;
}

const struct frame *app_below(const struct app *a)
{
    return a->depth > 1 ? &a->stack[a->depth - 2] : NULL;
}

void app_after_close(struct app *a, void (*fn)(struct app *a, void *data), void *data)
{
    a->after_fn = fn;
    a->after_data = data;
}

/* Runs what a frame that just closed left to do. */
static void run_after(struct app *a)
{
    void (*fn)(struct app *, void *) = a->after_fn;
    void *data = a->after_data;

    a->after_fn = NULL;
    a->after_data = NULL;
    if (fn)
        fn(a, data);
}

void *app_find(struct app *a, const struct screen_ops *ops)
{
    for (int i = a->depth - 1; i >= 0; i--)
        if (a->stack[i].ops == ops)
            return a->stack[i].state;
    return NULL;
}

static void *open_frame(struct app *a, const struct screen_ops *ops, const void *arg)
{
    struct frame *f = &a->stack[a->depth];

    f->ops = ops;
    f->state = calloc(1, ops->state_size ? ops->state_size : 1);
    if (!f->state)
        msg_fatal("%s", _("out of memory"));
    a->depth++;
    if (ops->open)
        ops->open(a, f->state, arg);
    return f->state;
}

static void close_frame(struct app *a)
{
    struct frame *f = &a->stack[a->depth - 1];

    if (a->retry_state == f->state)
        a->retry_state = NULL;
    if (f->ops->close)
        f->ops->close(a, f->state);
    free(f->state);
    f->state = NULL;
    f->ops = NULL;
    a->depth--;
}

void *app_push(struct app *a, const struct screen_ops *ops, const void *arg)
{
    if (a->depth >= APP_STACK) {
        msg_error("%s", _("Too many screens are open: press Esc first."));
        return NULL;
    }
    return open_frame(a, ops, arg);
}

void app_pop(struct app *a)
{
    struct frame *top;

    if (a->depth <= 1)
        return;
    close_frame(a);
    top = app_top_frame(a);
    if (top->ops->resume)
        top->ops->resume(a, top->state);
}

void app_close_all(struct app *a)
{
    while (a->depth > 0)
        close_frame(a);
}

void app_switch(struct app *a, const struct screen_ops *ops)
{
    while (a->depth > 1)
        app_pop(a);
    if (a->depth == 1 && a->stack[0].ops == ops)
        return;
    app_close_all(a);
    open_frame(a, ops, NULL);
}

/* ---- the status line ---------------------------------------------------- */

void app_progress(struct app *a, const char *text)
{
    app_status(a, MSG_INFO, text);
    if (a->too_small || !a->body)
        return;
    move(a->lines - 2, 0);
    clrtoeol();
    chrome_status(a);
    wnoutrefresh(stdscr);
    doupdate();
}

int app_body_rows(struct app *a)
{
    struct frame *top = app_top_frame(a);
    bool line = top && !chrome_keybar_fits(a, screen_bar(top->ops, a, top->state));

    return a->body_lines - (line ? 1 : 0);
}

int app_body_cols(const struct app *a)
{
    return a->body_cols;
}

void app_set_cursor(struct app *a, int y, int x)
{
    a->cursor_y = y;
    a->cursor_x = x;
}

void app_status(struct app *a, enum msg_level level, const char *text)
{
    size_t used = strlen(a->status);

    /* Errors given before the person has seen the first one are added to
     * it (two bad lines in the config), not put over it. */
    if (level == MSG_ERROR && a->status_level == MSG_ERROR && used > 0) {
        if (used + 2 < sizeof a->status)
            snprintf(a->status + used, sizeof a->status - used, "; %s", text);
        return;
    }
    snprintf(a->status, sizeof a->status, "%s", text);
    a->status_level = level;
}

const char *app_key_name(struct app *a, int action, char *buf, size_t bufsz)
{
    int code = keymap_first(&a->keys, app_top(a), action);

    if (code == KEYS_NONE)
        snprintf(buf, bufsz, "-");
    else
        keys_format(code, buf, bufsz);
    return buf;
}

/* ---- a save the database was busy for ------------------------------------ */

static long long now_ms(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

bool app_retry_busy(struct app *a, int action, int key)
{
    char text[sizeof a->status], why[200];

    if (!store_busy(a->s->db))
        return false;
    store_busy_reason(a->s->db, why, sizeof why);
    a->retry_state = app_top_frame(a)->state;
    a->retry_action = action;
    a->retry_key = key;
    a->retry_at_ms = now_ms() + RETRY_MS;
    snprintf(text, sizeof text,
             _("Not saved yet: %s. What you typed is kept and is saved by itself as soon as "
               "the database is free; Ctrl-S tries now, Esc cancels."),
             why);
    app_status(a, MSG_WARN, text);
    return true;
}

/* The main loop's idle moment: the save waiting for a busy database is
 * tried again when its time has come (its frame still on top). */
static bool retry_due(struct app *a)
{
    struct frame *top = app_top_frame(a);

    if (!a->retry_state || now_ms() < a->retry_at_ms)
        return false;
    if (!top || top->state != a->retry_state || !top->ops->key) {
        a->retry_state = NULL;
        return false;
    }
    a->retry_state = NULL; /* set again by the screen if still busy */
    unsigned flags = top->ops->key(a, top->state, a->retry_action, a->retry_key);
    if (flags & SCR_BACK)
        app_pop(a);
    run_after(a);
    return true;
}

static bool any_dirty(struct app *a)
{
    for (int i = 0; i < a->depth; i++) {
        const struct frame *f = &a->stack[i];
        if (f->ops->dirty && f->ops->dirty(a, f->state))
            return true;
    }
    return false;
}

/* ---- layout and paint ------------------------------------------------- */

static void layout(struct app *a)
{
    if (a->body)
        delwin(a->body);
    a->body = NULL;
    a->lines = LINES;
    a->cols = COLS;
    a->too_small = a->lines < APP_MIN_LINES || a->cols < APP_MIN_COLS;
    if (!a->too_small) {
        a->body_lines = a->lines - 3;
        a->body_cols = a->cols;
        a->body = derwin(stdscr, a->body_lines, a->body_cols, 1, 0);
    }
    clearok(curscr, TRUE);
}

void app_paint(struct app *a)
{
    struct frame *top = app_top_frame(a);

    if (top && top->ops->prepare && !a->too_small && a->body)
        top->ops->prepare(a, top->state); /* may say something on the status line */
    werase(stdscr);
    a->cursor_y = a->cursor_x = -1;
    if (a->too_small || !a->body) {
        chrome_too_small(a);
    } else {
        chrome_title(a);
        if (top && top->ops->draw)
            top->ops->draw(a, top->state, a->body);
        if (top && !chrome_keybar_fits(a, screen_bar(top->ops, a, top->state)))
            chrome_keys_line(a, a->body, a->body_lines - 1,
                             screen_bar(top->ops, a, top->state));
        chrome_status(a);
        chrome_keybar(a);
        touchwin(stdscr);
    }
    if (a->body && a->cursor_y >= 0 && a->cursor_y < a->body_lines && a->cursor_x >= 0 &&
        a->cursor_x < a->body_cols)
        term_cursor(1 + a->cursor_y, a->cursor_x);
    else
        term_cursor(-1, 0);
    wnoutrefresh(stdscr);
    doupdate();
}

/* ---- keys ------------------------------------------------------------- */

static void ask_quit(struct app *a)
{
    if (!any_dirty(a)) {
        a->quit = true;
        return;
    }
    a->asking_quit = true;
}

static void answer_quit(struct app *a, int key)
{
    a->asking_quit = false;
    if (key == 'y' || key == 'Y')
        a->quit = true;
}

static const struct screen_ops *base_for(int act)
{
    for (const struct base_screen *b = ui_base_screens; b->action != ACT_NONE; b++)
        if (b->action == act)
            return b->ops;
    return NULL;
}

extern const struct screen_ops screen_help, screen_operator;

/* The global actions, for what the screen on top handed back. */
static void global_action(struct app *a, int act)
{
    const struct screen_ops *top = app_top(a);
    const struct screen_ops *base = base_for(act);

    if (base) {
        if (any_dirty(a)) {
            app_status(a, MSG_WARN, _("Finish the form first: Ctrl-S saves, Esc cancels."));
            return;
        }
        app_switch(a, base);
        return;
    }
    switch (act) {
    case ACT_HELP:
        if (top == &screen_help)
            app_pop(a);
        else
            app_push(a, &screen_help, NULL);
        break;
    case ACT_QUIT:
        ask_quit(a);
        break;
    case ACT_OPERATOR:
        /* Not over a form: one form at a time is being typed in. */
        if (top->kind != SCREEN_FORM)
            app_push(a, &screen_operator, NULL);
        break;
    case ACT_BACK:
        app_pop(a);
        break;
    default:
        break;
    }
}

void app_handle_key(struct app *a, int key)
{
    struct frame *top = app_top_frame(a);
    unsigned flags = SCR_UNHANDLED;
    bool typing;
    int act;

    if (a->asking_quit) {
        answer_quit(a, key);
        return;
    }
    typing = screen_typing(top->ops, a, top->state);
    act = keymap_lookup(&a->keys, top->ops, typing, key);
    if (a->too_small) {
        if (act == ACT_QUIT)
            ask_quit(a);
        return;
    }
    a->status[0] = '\0';
    if (key == KEY_CTRL_C) {
        char quit[32];
        snprintf(a->status, sizeof a->status,
                 _("Ctrl-C does not quit here: %s quits (it asks first when a form has "
                   "unsaved input)."),
                 app_key_name(a, ACT_QUIT, quit, sizeof quit));
        a->status_level = MSG_WARN;
        return;
    }
    if (top->ops->key)
        flags = top->ops->key(a, top->state, act, key);
    if (flags & SCR_BACK)
        app_pop(a);
    run_after(a);
    if (flags & SCR_QUIT)
        ask_quit(a);
    if (flags == SCR_UNHANDLED && act != ACT_NONE)
        global_action(a, act);
}

static bool date_changed(char *shown, size_t shownsz)
{
    char today[16];

    date_format(clock_today(), today, sizeof today);
    if (strcmp(today, shown) == 0)
        return false;
    snprintf(shown, shownsz, "%s", today);
    return true;
}

int app_loop(struct app *a)
{
    char shown_date[16] = "";
    bool repaint = true;

    layout(a);
    date_changed(shown_date, sizeof shown_date);
    while (!a->quit) {
        int key;

        if (repaint)
            app_paint(a);
        repaint = false;
        key = term_read_key(READ_TIMEOUT_MS);
        if (term_signal()) {
            a->exit_status = 128 + term_signal();
            break;
        }
        if (key == KEYS_NONE) {
            repaint = date_changed(shown_date, sizeof shown_date);
            repaint |= retry_due(a);
            continue;
        }
        a->retry_state = NULL; /* the person's key decides what happens now */
        if (key == keys_fn(KEY_RESIZE))
            layout(a);
        else
            app_handle_key(a, key);
        repaint = true;
    }
    if (a->body)
        delwin(a->body);
    a->body = NULL;
    return a->exit_status;
}
