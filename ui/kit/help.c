/* help.c — F1: the keys of the screen below it first (its own actions,
 * then those of every list or every form, as the screen is one or the
 * other), then the keys that work everywhere, each with its keys, label
 * and help text, generated from the action tables and the keys in force
 * (so overrides from the config show here too); what the screen says about
 * itself (how its search works) comes after its own keys.  Nothing is cut:
 * a long help text wraps under itself.  A pager (ui/kit/listview.h):
 * scrolls with the list keys; Esc, q or F1 go back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/i18n.h"
#include "src/msg.h"
#include "src/text.h"
#include "ui/kit/app.h"
#include "ui/kit/draw.h"
#include "ui/kit/keys.h"
#include "ui/kit/listview.h"

#define MARGIN 2 /* columns left and right of the text */
#define INDENT 1 /* the list view puts one space before a row */
#define KEYS_COL_MAX 22
#define MAX_LINES 400
#define MAX_SHOWN 128

struct help_line {
    enum listview_style style;
    char text[512]; /* one row, wrapped */
};

struct help_state {
    const struct screen_ops *of; /* the screen whose keys are shown */
    struct help_line *lines;
    struct listwin_array n;
    struct listwin lw;
    struct listview view;
    int built_cols;              /* the width the lines were wrapped for */
};

static struct help_line *add(struct help_state *h, enum listview_style style)
{
    if (h->n.n >= MAX_LINES)
        return NULL;
    struct help_line *l = &h->lines[h->n.n++];
    l->style = style;
    l->text[0] = '\0';
    return l;
}

/* TEXT wrapped to COLS columns, a row each, after PREFIX on the first row
 * and as many spaces on the others (PREFIX_W columns). */
static void add_text(struct help_state *h, enum listview_style style, const char *prefix,
                     int prefix_w, const char *text, int cols)
{
    bool first = true;
    int room = cols - prefix_w > 10 ? cols - prefix_w : 10;

    do {
        size_t next, len = text_line_break(text, room, &next);
        struct help_line *l = add(h, style);
        if (!l)
            return;
        if (first)
            snprintf(l->text, sizeof l->text, "%*s%s%.*s", INDENT, "", prefix, (int)len, text);
        else
            snprintf(l->text, sizeof l->text, "%*s%.*s", INDENT + prefix_w, "", (int)len, text);
        first = false;
        text += next;
    } while (*text);
}

static bool own(const struct binding *b, const struct screen_ops *of)
{
    return of && b->owner == of;
}

static bool of_kind(const struct binding *b, const struct screen_ops *of)
{
    return !b->owner && action_scope_of(b->def->id) != SCOPE_GLOBAL
        && keymap_reachable(b, of);
}

static bool global(const struct binding *b, const struct screen_ops *of)
{
    return !b->owner && action_scope_of(b->def->id) == SCOPE_GLOBAL;
}

/* The keys of B as the keyboard has them now ("-" for none). */
static void keys_of(struct app *a, struct help_state *h, const struct binding *b, char *buf,
                    size_t bufsz)
{
    keymap_describe(&a->keys, b->owner ? b->owner : h->of, b->def->id, buf, bufsz);
    if (!*buf)
        snprintf(buf, bufsz, "%s", "-");
}

/* The widths of the keys and label columns over every action shown. */
static void measure(struct app *a, struct help_state *h, int *kc, int *lc)
{
    bool (*const scopes[])(const struct binding *, const struct screen_ops *) = {
        own, of_kind, global,
    };

    *kc = *lc = 0;
    for (size_t s = 0; s < sizeof scopes / sizeof scopes[0]; s++)
        for (int i = 0; i < a->keys.n; i++) {
            const struct binding *b = &a->keys.b[i];
            char keys[128];
            if (!scopes[s](b, h->of))
                continue;
            keys_of(a, h, b, keys, sizeof keys);
            if (text_width(keys) > *kc)
                *kc = text_width(keys);
            if (text_width(_(b->def->label)) > *lc)
                *lc = text_width(_(b->def->label));
        }
    if (*kc > KEYS_COL_MAX)
        *kc = KEYS_COL_MAX;
}

/* A heading and the actions IN takes, an action a row or more: its keys,
 * its label, its help wrapped under itself. */
static void add_scope(struct help_state *h, struct app *a, const char *heading,
                      bool (*in)(const struct binding *b, const struct screen_ops *of), int kc,
                      int lc, int cols)
{
    bool any = false;

    for (int i = 0; i < a->keys.n; i++) {
        const struct binding *b = &a->keys.b[i];
        char keys[128], k[4 * KEYS_COL_MAX + 8], l[256], prefix[512];
        if (!in(b, h->of))
            continue;
        if (!any) {
            add(h, LISTVIEW_NORMAL);
            add_text(h, LISTVIEW_HEADING, "", 0, heading, cols);
            any = true;
        }
        keys_of(a, h, b, keys, sizeof keys);
        text_fit_mark(k, sizeof k, keys, kc, true);
        text_fit_mark(l, sizeof l, _(b->def->label), lc, true);
        snprintf(prefix, sizeof prefix, "  %s  %s  ", k, l);
        add_text(h, LISTVIEW_NORMAL, prefix, text_width(prefix), _(b->def->help), cols);
    }
}

static void build(struct help_state *h, struct app *a, int cols)
{
    char heading[256];
    int kc, lc, width = cols - 2 * MARGIN;

    h->n.n = 0;
    h->built_cols = cols;
    measure(a, h, &kc, &lc);
    add_text(h, LISTVIEW_NORMAL, "", 0,
             _("Keys of dutydesk.  Up/Down/PgUp/PgDn scroll; Esc, q or F1 go back."), width);
    if (h->of) {
        snprintf(heading, sizeof heading, _("On this screen: %s"), _(h->of->title));
        add_scope(h, a, heading, own, kc, lc, width);
        for (const char *const *p = h->of->about; p && *p; p++) {
            add(h, LISTVIEW_NORMAL);
            add_text(h, LISTVIEW_NORMAL, "", 0, _(*p), width);
        }
        add_scope(h, a, _(action_scope_title(h->of->kind == SCREEN_FORM ? SCOPE_FORM
                                                                       : SCOPE_LIST)),
                  of_kind, kc, lc, width);
    }
    add_scope(h, a, _(action_scope_title(SCOPE_GLOBAL)), global, kc, lc, width);
    listwin_reset(&h->lw);
}

static void cells(void *ctx, long i, const char **cell, const int *width, char *buf,
                  size_t bufsz, enum listview_style *style)
{
    const struct help_state *h = ctx;

    cell[0] = h->lines[i].text;
    *style = h->lines[i].style;
}

static const struct list_column column[] = { { "", 78, 0, 1, 0, false, 0 } };

static void prepare(struct app *a, void *st)
{
    struct help_state *h = st;

    if (h->built_cols != app_body_cols(a))
        build(h, a, app_body_cols(a));
    listview_prepare(&h->view, app_body_rows(a));
}

static void draw(struct app *a, void *st, WINDOW *body)
{
    struct help_state *h = st;

    listview_draw(&h->view, body, 0, 0, getmaxx(body), getmaxy(body), false);
}

static unsigned key(struct app *a, void *st, int act, int k)
{
    struct help_state *h = st;

    if (k == 'q' || act == ACT_BACK || act == ACT_HELP)
        return SCR_BACK;
    if (!listview_key(&h->view, act, app_body_rows(a)))
        return SCR_UNHANDLED;
    return SCR_HANDLED | SCR_REDRAW;
}

static void open_help(struct app *a, void *st, const void *arg)
{
    struct help_state *h = st;
    const struct frame *below = app_below(a);

    h->of = below ? below->ops : NULL;
    h->lines = calloc(MAX_LINES, sizeof *h->lines);
    if (!h->lines)
        msg_fatal("%s", _("out of memory"));
    h->built_cols = -1;
    listwin_init(&h->lw, &listwin_array_source, &h->n);
    h->view = (struct listview){ .w = &h->lw, .cols = column, .ncols = 1, .cells = cells,
                                 .ctx = h, .no_heading = true, .pager = true };
}

static void close_help(struct app *a, void *st)
{
    struct help_state *h = st;

    listwin_free(&h->lw);
    free(h->lines);
}

static const int bar[] = { ACT_BACK, ACT_NONE };

const struct screen_ops screen_help = {
    .name = "help",
    .title = N_("Help"),
    .kind = SCREEN_LIST,
    .state_size = sizeof(struct help_state),
    .open = open_help,
    .prepare = prepare,
    .draw = draw,
    .key = key,
    .close = close_help,
    .bar = bar,
};
