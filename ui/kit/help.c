/* help.c — F1: every action of the action table with its keys, label and
 * help text, grouped by scope, generated from the table and the keys in
 * force (so overrides from the config show here too).  Scrolls with the
 * list keys; Esc, q or F1 go back. */
#include <stdlib.h>
#include <string.h>

#include "src/i18n.h"
#include "src/msg.h"
#include "src/text.h"
#include "ui/kit/app.h"
#include "ui/kit/draw.h"
#include "ui/kit/keys.h"
#include "ui/kit/term.h"

#define MARGIN 2
#define KEYS_COL_MAX 22

struct help_state {
    int top; /* first line shown */
};

/* The lines of the help text: an intro line, then per scope a blank line,
 * a heading and its actions.  Returns the count; OUT may be NULL. */
enum line_kind { LINE_BLANK, LINE_INTRO, LINE_HEADING, LINE_ACTION };

struct help_line {
    enum line_kind kind;
    int which; /* the scope of a heading, the action of an action line */
};

static int help_lines(struct help_line *out, int max)
{
    int n = 0;

#define ADD(k, w) do { if (out && n < max) out[n] = (struct help_line){ (k), (w) }; n++; } while (0)
    ADD(LINE_INTRO, 0);
    for (int sc = 0; sc < SCOPE_COUNT; sc++) {
        ADD(LINE_BLANK, 0);
        ADD(LINE_HEADING, sc);
        for (int act = 0; act < ACT_COUNT; act++)
            if ((int)action_get((enum action)act)->scope == sc)
                ADD(LINE_ACTION, act);
    }
#undef ADD
    return n;
}

static int keys_col(struct app *a)
{
    int w = 0;

    for (int act = 0; act < ACT_COUNT; act++) {
        char keys[128];
        keymap_describe(&a->keys, (enum action)act, keys, sizeof keys);
        if (text_width(keys) > w)
            w = text_width(keys);
    }
    return w > KEYS_COL_MAX ? KEYS_COL_MAX : w;
}

static int label_col(void)
{
    int w = 0;

    for (int act = 0; act < ACT_COUNT; act++) {
        int lw = text_width(_(action_get((enum action)act)->label));
        if (lw > w)
            w = lw;
    }
    return w;
}

static void draw_action(struct app *a, WINDOW *body, int y, enum action act, int kc, int lc)
{
    const struct action_def *def = action_get(act);
    int cols = getmaxx(body) - MARGIN;
    int x = MARGIN + 2;
    char keys[128];

    keymap_describe(&a->keys, act, keys, sizeof keys);
    if (!*keys)
        snprintf(keys, sizeof keys, "%s", "-");
    draw_text_mark(body, y, x, kc, keys, term_attr(ROLE_NORMAL), true);
    x += kc + 2;
    draw_text_mark(body, y, x, lc, _(def->label), term_attr(ROLE_BAR_LABEL), true);
    x += lc + 2;
    if (x < cols)
        draw_text_mark(body, y, x, cols - x, _(def->help), term_attr(ROLE_NORMAL), false);
}

static void draw(struct app *a, WINDOW *body)
{
    struct help_state *st = a->state[SCR_HELP];
    struct help_line lines[ACT_COUNT + 2 * SCOPE_COUNT + 2];
    int n = help_lines(lines, (int)(sizeof lines / sizeof lines[0]));
    int rows = getmaxy(body), cols = getmaxx(body) - 2 * MARGIN;
    int kc = keys_col(a), lc = label_col();

    if (st->top > n - rows)
        st->top = n - rows > 0 ? n - rows : 0;
    for (int y = 0; y < rows && st->top + y < n; y++) {
        const struct help_line *l = &lines[st->top + y];
        switch (l->kind) {
        case LINE_INTRO:
            draw_text_mark(body, y, MARGIN, cols,
                           _("Keys of dutydesk.  Up/Down/PgUp/PgDn scroll; Esc, q or F1 go back."),
                           term_attr(ROLE_NORMAL), false);
            break;
        case LINE_HEADING:
            draw_text_mark(body, y, MARGIN, cols,
                           _(action_scope_title((enum action_scope)l->which)),
                           term_attr(ROLE_HEADING), false);
            break;
        case LINE_ACTION:
            draw_action(a, body, y, (enum action)l->which, kc, lc);
            break;
        case LINE_BLANK:
            break;
        }
    }
    if (st->top + rows < n)
        draw_text(body, rows - 1, getmaxx(body) - 1, 1, "v", term_attr(ROLE_HEADING), false);
    if (st->top > 0)
        draw_text(body, 0, getmaxx(body) - 1, 1, "^", term_attr(ROLE_HEADING), false);
}

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static unsigned key(struct app *a, enum action act, int k)
{
    struct help_state *st = a->state[SCR_HELP];
    int page = a->body_lines > 1 ? a->body_lines - 1 : 1;
    int last = help_lines(NULL, 0) - a->body_lines;

    if (last < 0)
        last = 0;
    if (k == 'q' || act == ACT_BACK || act == ACT_HELP)
        return SCR_BACK;
    switch (act) {
    case ACT_UP:
        st->top--;
        break;
    case ACT_DOWN:
        st->top++;
        break;
    case ACT_PAGE_UP:
        st->top -= page;
        break;
    case ACT_PAGE_DOWN:
        st->top += page;
        break;
    case ACT_HOME:
        st->top = 0;
        break;
    case ACT_END:
        st->top = last;
        break;
    default:
        return SCR_UNHANDLED;
    }
    st->top = clamp(st->top, 0, last);
    return SCR_HANDLED | SCR_REDRAW;
}

static void open_help(struct app *a)
{
    a->state[SCR_HELP] = calloc(1, sizeof(struct help_state));
    if (!a->state[SCR_HELP])
        msg_fatal("%s", _("out of memory"));
}

static void close_help(struct app *a)
{
    free(a->state[SCR_HELP]);
    a->state[SCR_HELP] = NULL;
}

static const enum action bar[] = { ACT_BACK, ACT_NONE };

const struct screen_ops screen_help = {
    .id = SCR_HELP,
    .title = N_("Help"),
    .open = open_help,
    .draw = draw,
    .key = key,
    .close = close_help,
    .bar_actions = bar,
};
