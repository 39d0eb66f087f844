/* ui/households/filter.c — the filter menu (f): the lists supervisors ask for.
 *
 *   1  care-flagged residents
 *   2  returnees who arrived on a date        asks the date (today)
 *   3  residents of one building              asks compound and building
 *   4  households of one grid worker          asks the worker
 *
 * A digit or Enter chooses; a list that needs something asks for it in a
 * small form, where part of a compound's or a worker's name is enough when
 * it names only one.  The list is then shown on the households list
 * (households_show_list) and this screen closes. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/date.h"
#include "src/form.h"
#include "src/hh_list.h"
#include "src/i18n.h"
#include "src/msg.h"
#include "src/text.h"
#include "ui/kit/app.h"
#include "ui/kit/draw.h"
#include "ui/kit/form.h"
#include "ui/households/hh.h"
#include "ui/kit/keys.h"
#include "ui/kit/term.h"

#define MAX_NAMES 4 /* names listed when a fragment names several */

struct choice {
    enum hh_list_kind kind;
    const char *label;
};

static const struct choice choices[] = {
    { HH_LIST_CARE, N_("Care-flagged residents") },
    { HH_LIST_ARRIVED, N_("Returnees who arrived on a date") },
    { HH_LIST_BUILDING, N_("Residents of one building") },
    { HH_LIST_WORKER, N_("Households of one grid worker") },
};
#define NCHOICES ((int)(sizeof choices / sizeof choices[0]))

struct filter_rec {
    char date[11];
    char compound[96];
    char building[16];
    char worker[48];
};

#define FMEMBER(m) offsetof(struct filter_rec, m), sizeof ((struct filter_rec *)0)->m

static const struct form_field date_fields[] = {
    { N_("Arrived on"), FIELD_DATE, 12, 12, true, NULL, FMEMBER(date),
      N_("YYYY-MM-DD, today or yesterday"), NULL },
};
static const struct form_field building_fields[] = {
    { N_("Compound"), FIELD_TEXT, 30, 30, false, NULL, FMEMBER(compound),
      N_("part of its name is enough"), NULL },
    { N_("Building"), FIELD_TEXT, 8, 8, true, NULL, FMEMBER(building), N_("12 or 12幢"), NULL },
};
static const struct form_field worker_fields[] = {
    { N_("Grid worker"), FIELD_TEXT, 20, 15, true, NULL, FMEMBER(worker),
      N_("part of the name is enough"), NULL },
};

struct filter {
    int sel;          /* the choice under the cursor */
    bool in_form;     /* asking what the choice needs */
    struct form form;
    struct filter_rec rec;
};

static const struct screen_ops screen_hh_filter;

static struct filter *state(struct app *a)
{
    return a->state[SCR_HH_FILTER];
}

/* ---- the menu ------------------------------------------------------------- */

static void draw_menu(struct app *a, struct filter *f, WINDOW *body)
{
    int cols = getmaxx(body), w = 0, h = NCHOICES + 4, y, x;
    char line[256];

    for (int i = 0; i < NCHOICES; i++) {
        int lw = text_width(_(choices[i].label)) + 4;
        if (lw > w)
            w = lw;
    }
    w += 6;
    if (w < 40)
        w = 40;
    if (w > cols - 2)
        w = cols - 2;
    x = (cols - w) / 2;
    y = (getmaxy(body) - h) / 3;
    draw_box(body, y, x, h, w, _("Show a list"), term_attr(ROLE_FRAME));
    for (int i = 0; i < NCHOICES; i++) {
        snprintf(line, sizeof line, " %d  %s", i + 1, _(choices[i].label));
        draw_text_mark(body, y + 2 + i, x + 2, w - 4, line,
                       i == f->sel ? A_REVERSE : A_NORMAL, true);
    }
}

static const struct form_field *fields_of(enum hh_list_kind kind, size_t *n)
{
    switch (kind) {
    case HH_LIST_ARRIVED:
        *n = sizeof date_fields / sizeof date_fields[0];
        return date_fields;
    case HH_LIST_BUILDING:
        *n = sizeof building_fields / sizeof building_fields[0];
        return building_fields;
    case HH_LIST_WORKER:
        *n = sizeof worker_fields / sizeof worker_fields[0];
        return worker_fields;
    default:
        *n = 0;
        return NULL;
    }
}

static unsigned show(struct app *a, const struct hh_list_query *q)
{
    households_show_list(a, q);
    return SCR_HANDLED | SCR_BACK;
}

static unsigned choose(struct app *a, struct filter *f, int i)
{
    size_t n;
    const struct form_field *fields;

    f->sel = i;
    fields = fields_of(choices[i].kind, &n);
    if (!fields) {
        struct hh_list_query q = { .kind = choices[i].kind };
        return show(a, &q);
    }
    form_close(&f->form);
    date_format(clock_today(), f->rec.date, sizeof f->rec.date);
    form_open(&f->form, fields, n, &f->rec);
    f->in_form = true;
    return SCR_HANDLED | SCR_REDRAW;
}

static unsigned menu_key(struct app *a, struct filter *f, enum action act, int k)
{
    if (k >= '1' && k < '1' + NCHOICES)
        return choose(a, f, k - '1');
    switch (act) {
    case ACT_UP:
        f->sel = f->sel > 0 ? f->sel - 1 : NCHOICES - 1;
        break;
    case ACT_DOWN:
        f->sel = f->sel + 1 < NCHOICES ? f->sel + 1 : 0;
        break;
    case ACT_HOME:
        f->sel = 0;
        break;
    case ACT_END:
        f->sel = NCHOICES - 1;
        break;
    case ACT_OPEN:
        return choose(a, f, f->sel);
    case ACT_BACK:
        return SCR_HANDLED | SCR_BACK;
    default:
        return SCR_UNHANDLED;
    }
    return SCR_HANDLED | SCR_REDRAW;
}

/* ---- what a choice needs -------------------------------------------------- */

struct names {
    char list[512];
    char first[96];
    int n;
};

static void take_name(const char *name, void *ctx)
{
    struct names *ns = ctx;
    size_t used = strlen(ns->list);

    if (ns->n++ == 0)
        snprintf(ns->first, sizeof ns->first, "%s", name);
    snprintf(ns->list + used, sizeof ns->list - used, "%s%s", used ? ", " : "", name);
}

/* The one stored name FRAGMENT stands for, into OUT; false with the reason
 * at field FIELD. */
static bool resolve(struct app *a, struct filter *f, enum hh_name_kind which,
                    const char *fragment, size_t field, char *out, size_t outsz)
{
    struct names ns = { "", "", 0 };
    char why[768];
    int count = hh_list_names(a->s->db, which, fragment, MAX_NAMES, take_name, &ns);

    if (count < 0) {
        msg_error(_("The names could not be read: %s"), db_errmsg(a->s->db));
        return false;
    }
    if (count == 1 || (count > 1 && strcmp(ns.first, fragment) == 0)) {
        snprintf(out, outsz, "%s", ns.first);
        return true;
    }
    if (count == 0)
        snprintf(why, sizeof why,
                 which == HH_NAME_COMPOUND ? _("No compound's name contains \"%s\".")
                                           : _("No grid worker's name contains \"%s\"."),
                 fragment);
    else
        snprintf(why, sizeof why, _("\"%s\" matches %s%s: type more of the name."), fragment,
                 ns.list, count > MAX_NAMES ? " ..." : "");
    form_set_error(&f->form, field, why);
    form_focus(&f->form, field);
    uiform_report(&f->form);
    return false;
}

static unsigned form_done(struct app *a, struct filter *f)
{
    struct hh_list_query q = { .kind = choices[f->sel].kind };

    if (!form_read(&f->form, &f->rec)) {
        uiform_report(&f->form);
        return SCR_HANDLED | SCR_REDRAW;
    }
    switch (q.kind) {
    case HH_LIST_ARRIVED:
        snprintf(q.date, sizeof q.date, "%s", f->rec.date);
        break;
    case HH_LIST_BUILDING:
        if (*f->rec.compound
            && !resolve(a, f, HH_NAME_COMPOUND, f->rec.compound, 0, q.compound,
                        sizeof q.compound))
            return SCR_HANDLED | SCR_REDRAW;
        snprintf(q.building, sizeof q.building, "%s", f->rec.building);
        break;
    case HH_LIST_WORKER:
        if (!resolve(a, f, HH_NAME_WORKER, f->rec.worker, 0, q.worker, sizeof q.worker))
            return SCR_HANDLED | SCR_REDRAW;
        break;
    default:
        break;
    }
    return show(a, &q);
}

static unsigned form_key(struct app *a, struct filter *f, int k)
{
    enum action act = keymap_lookup(&a->keys, k, SCOPE_FORM);

    switch (uiform_key(&f->form, act, k)) {
    case UIFORM_CHANGED:
        return SCR_HANDLED | SCR_REDRAW;
    case UIFORM_SAVE:
        return form_done(a, f);
    case UIFORM_CANCEL:
        form_close(&f->form);
        f->in_form = false;
        return SCR_HANDLED | SCR_REDRAW;
    case UIFORM_UNHANDLED:
        break;
    }
    return SCR_UNHANDLED;
}

/* ---- the screen ----------------------------------------------------------- */

static void draw(struct app *a, WINDOW *body)
{
    struct filter *f = state(a);
    int y, x;

    if (!f->in_form) {
        draw_menu(a, f, body);
        return;
    }
    uiform_draw(body, &f->form, _(choices[f->sel].label), &y, &x);
    if (y >= 0)
        app_set_cursor(a, y, x);
}

static unsigned key(struct app *a, enum action act, int k)
{
    struct filter *f = state(a);

    return f->in_form ? form_key(a, f, k) : menu_key(a, f, act, k);
}

static void open_filter(struct app *a)
{
    struct filter *f = calloc(1, sizeof *f);

    if (!f)
        msg_fatal("%s", _("out of memory"));
    a->state[SCR_HH_FILTER] = f;
}

static void close_filter(struct app *a)
{
    struct filter *f = state(a);

    if (!f)
        return;
    form_close(&f->form);
    free(f);
    a->state[SCR_HH_FILTER] = NULL;
}

static bool dirty(struct app *a)
{
    struct filter *f = state(a);

    return f && f->in_form && form_dirty(&f->form);
}

void hh_filter_open(struct app *a)
{
    app_push(a, &screen_hh_filter);
    if (app_top(a) != &screen_hh_filter)
        msg_error("%s", _("Too many screens are open: press Esc first."));
}

static const enum action bar[] = { ACT_OPEN, ACT_BACK, ACT_NONE };

static const struct screen_ops screen_hh_filter = {
    .id = SCR_HH_FILTER,
    .title = N_("Filter"),
    .open = open_filter,
    .draw = draw,
    .key = key,
    .close = close_filter,
    .dirty = dirty,
    .bar_actions = bar,
};
