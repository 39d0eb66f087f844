/* app.c — the main loop: layout, paint, and the dispatch of keys. */
#include "ui/kit/app.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "src/date.h"
#include "src/i18n.h"
#include "src/store.h"
#include "ui/kit/keys.h"
#include "ui/kit/term.h"

#define READ_TIMEOUT_MS 200
#define RETRY_MS 1000 /* between two tries of a save the database was busy for */

const struct screen_ops *app_top(const struct app *a)
{
    return a->depth > 0 ? a->stack[a->depth - 1] : NULL;
}

static void open_screen(struct app *a, const struct screen_ops *ops)
{
    a->stack[a->depth++] = ops;
    if (ops->open)
        ops->open(a);
}

void app_pop(struct app *a)
{
    const struct screen_ops *top = app_top(a);

    if (a->depth <= 1)
        return;
    if (top->close)
        top->close(a);
    a->depth--;
    top = app_top(a);
    if (top->resume)
        top->resume(a);
}

void app_push(struct app *a, const struct screen_ops *ops)
{
    for (int i = 0; i < a->depth; i++) {
        if (a->stack[i] == ops) {
            while (a->depth > i + 1)
                app_pop(a);
            return;
        }
    }
    if (a->depth < APP_STACK)
        open_screen(a, ops);
}

void app_close_all(struct app *a)
{
    while (a->depth > 0) {
        const struct screen_ops *top = app_top(a);
        if (top->close)
            top->close(a);
        a->depth--;
    }
}

void app_switch(struct app *a, const struct screen_ops *ops)
{
    while (a->depth > 1)
        app_pop(a);
    if (a->depth == 1 && a->stack[0] == ops)
        return;
    app_close_all(a);
    open_screen(a, ops);
}

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

static long long now_ms(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

bool app_retry_busy(struct app *a, enum action action, int key)
{
    char text[sizeof a->status], why[200];

    if (!store_busy(a->s->db))
        return false;
    store_busy_reason(a->s->db, why, sizeof why);
    a->retry_ops = app_top(a);
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
 * tried again when its time has come (its screen still on top). */
static bool retry_due(struct app *a)
{
    const struct screen_ops *top = app_top(a);

    if (!a->retry_ops || now_ms() < a->retry_at_ms)
        return false;
    if (top != a->retry_ops || !top->key) {
        a->retry_ops = NULL;
        return false;
    }
    a->retry_ops = NULL; /* set again by the screen if still busy */
    unsigned flags = top->key(a, a->retry_action, a->retry_key);
    if (flags & SCR_BACK)
        app_pop(a);
    return true;
}

static bool any_dirty(struct app *a)
{
    for (int i = 0; i < a->depth; i++)
        if (a->stack[i]->dirty && a->stack[i]->dirty(a))
            return true;
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
    const struct screen_ops *top = app_top(a);

    werase(stdscr);
    a->cursor_y = a->cursor_x = -1;
    if (a->too_small || !a->body) {
        chrome_too_small(a);
    } else {
        chrome_title(a);
        if (top && top->draw)
            top->draw(a, a->body);
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

static const struct screen_ops *base_for(enum action act)
{
    switch (act) {
    case ACT_HOUSEHOLDS:
        return &screen_households;
    case ACT_QUARANTINE:
        return &screen_quarantine;
    case ACT_ROSTERS:
        return &screen_rosters;
    case ACT_SUPPLIES:
        return &screen_supplies;
    case ACT_SUMMARY:
        return &screen_summary;
    default:
        return NULL;
    }
}

/* The global actions, for what the screen on top handed back. */
static void global_action(struct app *a, enum action act)
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
            app_push(a, &screen_help);
        break;
    case ACT_QUIT:
        ask_quit(a);
        break;
    case ACT_OPERATOR:
        if (!top->is_form)
            app_push(a, &screen_operator);
        break;
    case ACT_BACK:
        app_pop(a);
        break;
    default:
        break;
    }
}

static void handle_key(struct app *a, int key)
{
    const struct screen_ops *top = app_top(a);
    enum action act;
    unsigned flags = SCR_UNHANDLED;

    if (a->asking_quit) {
        answer_quit(a, key);
        return;
    }
    act = keymap_lookup(&a->keys, key, top->is_form ? SCOPE_FORM : SCOPE_LIST);
    if (a->too_small) {
        if (act == ACT_QUIT)
            ask_quit(a);
        return;
    }
    a->status[0] = '\0';
    if (top->key)
        flags = top->key(a, act, key);
    if (flags & SCR_BACK)
        app_pop(a);
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
        a->retry_ops = NULL; /* the person's key decides what happens now */
        if (key == keys_fn(KEY_RESIZE))
            layout(a);
        else
            handle_key(a, key);
        repaint = true;
    }
    if (a->body)
        delwin(a->body);
    a->body = NULL;
    return a->exit_status;
}
