/* chrome.c — what surrounds every screen: the title bar (row 0), the status
 * line (row LINES-2), the key bar (row LINES-1), and the notice shown
 * instead of all of it when the terminal is too small. */
#include <stdio.h>
#include <string.h>

#include "src/date.h"
#include "src/i18n.h"
#include "src/store.h"
#include "src/text.h"
#include "ui/kit/app.h"
#include "ui/kit/draw.h"
#include "ui/kit/keys.h"
#include "ui/kit/term.h"

/* Row 0: " dutydesk  <community>  <title>" on the left, "<operator>  <date>"
 * on the right; the right side keeps at most half the row. */
void chrome_title(struct app *a)
{
    const struct screen_ops *top = app_top(a);
    attr_t attr = term_attr(ROLE_TITLE);
    char left[1024], right[512], who[400], date[16], marked[256];
    const char *title;
    int rw, room;

    /* The date always shows; the operator's name gets what is left of half
     * the row. */
    date_format(clock_today(), date, sizeof date);
    room = a->cols / 2 - text_width(date) - 3;
    text_fit_mark(who, sizeof who, a->s->operator_name, room > 0 ? room : 0, false);
    snprintf(right, sizeof right, "%s  %s", who, date);
    rw = text_width(right);
    if (rw > a->cols / 2)
        rw = a->cols / 2;
    room = a->cols - rw - 1;

    /* The screen's title always shows; the community gets what is left. */
    title = top ? _(top->title) : "";
    if (a->s->db && store_readonly(a->s->db)) {
        /* TRANSLATORS: after the screen's title when nothing can be saved. */
        snprintf(marked, sizeof marked, "%s [%s]", title, _("read-only"));
        title = marked;
    }
    if (*a->community) {
        char place[512];
        int cw = room - text_width(" dutydesk    ") - text_width(title);
        text_fit_mark(place, sizeof place, a->community, cw > 0 ? cw : 0, false);
        snprintf(left, sizeof left, " dutydesk  %s  %s", place, title);
    } else {
        snprintf(left, sizeof left, " dutydesk  %s", title);
    }
    draw_text(stdscr, 0, 0, a->cols, "", attr, true);
    draw_text_right(stdscr, 0, a->cols - rw, rw, right, attr);
    draw_text_mark(stdscr, 0, 0, room, left, attr, false);
}

void chrome_status(struct app *a)
{
    int y = a->lines - 2;
    char text[600];
    attr_t attr = term_attr(ROLE_NORMAL);

    if (a->asking_quit) {
        snprintf(text, sizeof text, "%s", _("Unsaved input will be lost. Quit anyway? (y/n)"));
        attr = term_attr(ROLE_ERROR);
    } else if (a->status_level == MSG_INFO || !*a->status) {
        snprintf(text, sizeof text, "%s", a->status);
    } else {
        attr = term_attr(ROLE_ERROR);
        if (!term_colors() && a->status_level == MSG_ERROR)
            snprintf(text, sizeof text, _("Error: %s"), a->status);
        else
            snprintf(text, sizeof text, "%s", a->status);
    }
    /* A message is never cut: one longer than the row wraps upwards over
     * the bottom of the body (at most STATUS_MAX_ROWS rows). */
    enum { STATUS_MAX_ROWS = 4 };
    size_t start[STATUS_MAX_ROWS], len[STATUS_MAX_ROWS];
    int n = 0;
    for (const char *p = text; n < STATUS_MAX_ROWS;) {
        size_t next;
        len[n] = text_line_break(p, a->cols, &next);
        start[n++] = (size_t)(p - text);
        p += next;
        if (!*p)
            break;
    }
    for (int i = 0; i < n; i++) {
        char row[sizeof text];
        snprintf(row, sizeof row, "%.*s", (int)len[i], text + start[i]);
        draw_text_mark(stdscr, y - (n - 1) + i, 0, a->cols, row, attr, n > 1);
    }
}

/* The label of ACTION on the screen on top. */
static const char *label_of(struct app *a, int act)
{
    const struct binding *b = keymap_binding(&a->keys, app_top(a), act);

    return b ? _(b->def->label) : "";
}

/* One item "KeyLabel" at X of row Y of W, COLS wide; returns the new X, X
 * itself when the action has no key, -1 when the item does not fit.  With
 * W NULL only measures. */
static int bar_item(struct app *a, WINDOW *w, int y, int cols, int x, int act)
{
    int code = keymap_first(&a->keys, app_top(a), act);
    char key[32];
    const char *label;
    int need;

    if (code == KEYS_NONE)
        return x;
    keys_format(code, key, sizeof key);
    label = label_of(a, act);
    need = (x > 0 ? 1 : 0) + text_width(key) + text_width(label);
    if (x + need > cols)
        return -1;
    if (!w)
        return x + need;
    if (x > 0)
        x++;
    x += draw_text(w, y, x, cols - x, key, term_attr(ROLE_BAR_KEY), false);
    x += draw_text(w, y, x, cols - x, label, term_attr(ROLE_BAR_LABEL), false);
    return x;
}

/* Lays out LIST (ACT_NONE-ended) from *X; false when an item did not fit
 * (the items before it are drawn). */
static bool bar_items(struct app *a, WINDOW *w, int y, int cols, int *x, const int *list)
{
    for (const int *p = list; *p != ACT_NONE; p++) {
        int nx = bar_item(a, w, y, cols, *x, *p);
        if (nx < 0)
            return false;
        *x = nx;
    }
    return true;
}

/* Help, the base screens' function keys, quit: the table of base screens
 * decides which. */
static const int *global_bar(void)
{
    static int bar[16];

    if (bar[0] == 0) {
        int n = 0;
        bar[n++] = ACT_HELP;
        for (const struct base_screen *b = ui_base_screens; b->action != ACT_NONE && n < 14; b++)
            bar[n++] = b->action;
        bar[n++] = ACT_QUIT;
        bar[n] = ACT_NONE;
    }
    return bar;
}

void chrome_keybar(struct app *a)
{
    struct frame *top = app_top_frame(a);
    int x = 0;

    /* The screen's keys here when they all fit; else they have a line of
     * their own above (app_paint), and the bar keeps the global ones. */
    if (bar_items(a, stdscr, a->lines - 1, a->cols, &x, global_bar()) && top
        && chrome_keybar_fits(a, screen_bar(top->ops, a, top->state)))
        bar_items(a, stdscr, a->lines - 1, a->cols, &x, screen_bar(top->ops, a, top->state));
}

bool chrome_keybar_fits(struct app *a, const int *own)
{
    int x = 0;

    return bar_items(a, NULL, 0, a->cols, &x, global_bar()) &&
           bar_items(a, NULL, 0, a->cols, &x, own);
}

void chrome_keys_line(struct app *a, WINDOW *w, int y, const int *own)
{
    int x = 0;

    bar_items(a, w, y, getmaxx(w), &x, own);
}

void chrome_too_small(struct app *a)
{
    char need[128];
    int mid = a->lines / 2;

    snprintf(need, sizeof need, _("Need at least %dx%d, now %dx%d."), APP_MIN_COLS,
             APP_MIN_LINES, a->cols, a->lines);
    draw_centre(stdscr, mid > 0 ? mid - 1 : 0, _("Terminal too small"), term_attr(ROLE_HEADING));
    if (a->lines > 1)
        draw_centre(stdscr, mid, need, term_attr(ROLE_NORMAL));
    if (a->asking_quit && a->lines > 2)
        draw_centre(stdscr, a->lines - 1, _("Unsaved input will be lost. Quit anyway? (y/n)"),
                    term_attr(ROLE_ERROR));
}
