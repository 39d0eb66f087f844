/* filter.c — the filter menu (f): the lists supervisors ask for.
 *
 *   1  care-flagged residents
 *   2  returnees who arrived on a date        asks the date (today)
 *   3  residents of one building              asks compound and building
 *   4  households of one grid worker          asks the worker
 *
 * A digit, or Enter on a row, chooses; a list that needs something asks
 * for it in a small form, where part of a compound's or a worker's name is
 * enough when it names only one.  The list is then shown on the households
 * list (households_show_list) and the menu closes. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "src/date.h"
#include "src/households/list.h"
#include "src/i18n.h"
#include "src/msg.h"
#include "src/text.h"
#include "ui/households/hh.h"
#include "ui/kit/app.h"
#include "ui/kit/draw.h"
#include "ui/kit/formscreen.h"
#include "ui/kit/listview.h"
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
#define NCHOICES ((long)(sizeof choices / sizeof choices[0]))

/* ---- what a choice needs: a form of its own -------------------------------- */

struct filter_rec {
    char date[11];
    char compound[96];
    char building[16];
    char worker[48];
};

#define FMEMBER(m) .offset = offsetof(struct filter_rec, m), \
                   .size = sizeof ((struct filter_rec *)0)->m

static const struct form_field date_fields[] = {
    { N_("Arrived on"), FIELD_DATE, 12, 12, true, NULL, FMEMBER(date),
      .hint = N_("YYYY-MM-DD, today or yesterday") },
};
static const struct form_field building_fields[] = {
    { N_("Compound"), FIELD_TEXT, 30, 30, false, NULL, FMEMBER(compound),
      .hint = N_("part of its name is enough") },
    { N_("Building"), FIELD_TEXT, 8, 8, true, NULL, FMEMBER(building),
      .hint = N_("12 or 12幢") },
};
static const struct form_field worker_fields[] = {
    { N_("Grid worker"), FIELD_TEXT, 20, 15, true, NULL, FMEMBER(worker),
      .hint = N_("part of the name is enough") },
};

static bool load(struct app *a, void *record, void *ctx, const void *arg, bool *editing)
{
    struct filter_rec *r = record;

    date_format(clock_today(), r->date, sizeof r->date);
    return true;
}

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
 * at FIELD in R. */
static bool resolve(struct app *a, enum hh_name_kind which, const char *fragment, size_t field,
                    char *out, size_t outsz, struct form_reply *r)
{
    struct names ns = { "", "", 0 };
    int count = hh_list_names(a->s->db, which, fragment, MAX_NAMES, take_name, &ns);

    if (count < 0) {
        r->outcome = FORM_FAILED;
        snprintf(r->why, sizeof r->why, _("The names could not be read: %s"),
                 db_errmsg(a->s->db));
        return false;
    }
    if (count == 1 || (count > 1 && strcmp(ns.first, fragment) == 0)) {
        snprintf(out, outsz, "%s", ns.first);
        return true;
    }
    r->outcome = FORM_REFUSED;
    r->field = field;
    if (count == 0)
        snprintf(r->why, sizeof r->why,
                 which == HH_NAME_COMPOUND ? _("No compound's name contains \"%s\".")
                                           : _("No grid worker's name contains \"%s\"."),
                 fragment);
    else
        snprintf(r->why, sizeof r->why, _("\"%s\" matches %s%s: type more of the name."),
                 fragment, ns.list, count > MAX_NAMES ? " ..." : "");
    return false;
}

static void close_menu(struct app *a, const void *record, const void *ctx)
{
    app_pop(a); /* the menu, under the form that just closed */
}

static void show(struct app *a, const struct hh_list_query *q, struct form_reply *r)
{
    households_show_list(a, q);
    r->outcome = FORM_SAVED;
    r->after = close_menu;
}

static void save_arrived(struct app *a, void *record, void *ctx, struct form_reply *r)
{
    const struct filter_rec *f = record;
    struct hh_list_query q = { .kind = HH_LIST_ARRIVED };

    snprintf(q.date, sizeof q.date, "%s", f->date);
    show(a, &q, r);
}

static void save_building(struct app *a, void *record, void *ctx, struct form_reply *r)
{
    const struct filter_rec *f = record;
    struct hh_list_query q = { .kind = HH_LIST_BUILDING };

    if (*f->compound
        && !resolve(a, HH_NAME_COMPOUND, f->compound, 0, q.compound, sizeof q.compound, r))
        return;
    snprintf(q.building, sizeof q.building, "%s", f->building);
    show(a, &q, r);
}

static void save_worker(struct app *a, void *record, void *ctx, struct form_reply *r)
{
    const struct filter_rec *f = record;
    struct hh_list_query q = { .kind = HH_LIST_WORKER };

    if (resolve(a, HH_NAME_WORKER, f->worker, 0, q.worker, sizeof q.worker, r))
        show(a, &q, r);
}

#define FILTER_SPEC(TITLE, FIELDS, SAVE)                                                 \
    {                                                                                   \
        .title = (TITLE), .fields = (FIELDS),                                           \
        .nfields = sizeof(FIELDS) / sizeof(FIELDS)[0],                                   \
        .record_size = sizeof(struct filter_rec), .load = load, .save = (SAVE),         \
    }

static const struct form_spec arrived_spec =
    FILTER_SPEC(N_("Returnees who arrived on a date"), date_fields, save_arrived);
static const struct form_spec building_spec =
    FILTER_SPEC(N_("Residents of one building"), building_fields, save_building);
static const struct form_spec worker_spec =
    FILTER_SPEC(N_("Households of one grid worker"), worker_fields, save_worker);

const struct screen_ops screen_hh_filter_arrived =
    FORM_SCREEN("filter_arrived", N_("Show a list"), &arrived_spec);
const struct screen_ops screen_hh_filter_building =
    FORM_SCREEN("filter_building", N_("Show a list"), &building_spec);
const struct screen_ops screen_hh_filter_worker =
    FORM_SCREEN("filter_worker", N_("Show a list"), &worker_spec);

/* ---- the menu ------------------------------------------------------------- */

struct menu {
    struct listwin_array items;
    struct listwin lw;
    struct listview view;
};

static const struct list_column menu_columns[] = {
    { N_("List"), 40, 20, 1, 0, false, 0 },
};

static void menu_cells(void *ctx, long i, const char **cell, const int *width, char *buf,
                       size_t bufsz, enum listview_style *style)
{
    snprintf(buf, bufsz, "%ld  %s", i + 1, _(choices[i].label));
    cell[0] = buf;
}

static unsigned choose(struct app *a, long i)
{
    switch (choices[i].kind) {
    case HH_LIST_ARRIVED:
        form_push(a, &screen_hh_filter_arrived, NULL);
        break;
    case HH_LIST_BUILDING:
        form_push(a, &screen_hh_filter_building, NULL);
        break;
    case HH_LIST_WORKER:
        form_push(a, &screen_hh_filter_worker, NULL);
        break;
    default: {
        struct hh_list_query q = { .kind = choices[i].kind };
        households_show_list(a, &q);
        return SCR_HANDLED | SCR_BACK;
    }
    }
    return SCR_HANDLED | SCR_REDRAW;
}

static unsigned menu_key(struct app *a, void *st, int act, int k)
{
    struct menu *m = st;

    if (k >= '1' && k < '1' + NCHOICES)
        return choose(a, k - '1');
    if (act == ACT_OPEN)
        return choose(a, m->lw.sel);
    if (act == ACT_BACK)
        return SCR_HANDLED | SCR_BACK;
    if (listview_key(&m->view, act, (int)NCHOICES))
        return SCR_HANDLED | SCR_REDRAW;
    return SCR_UNHANDLED;
}

static void menu_draw(struct app *a, void *st, WINDOW *body)
{
    struct menu *m = st;
    int cols = getmaxx(body), w = 0, h = (int)NCHOICES + 4, y, x;

    for (long i = 0; i < NCHOICES; i++) {
        int lw = text_width(_(choices[i].label)) + 6;
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
    listview_draw(&m->view, body, y + 2, x + 1, w - 4, (int)NCHOICES, true);
}

static void menu_open(struct app *a, void *st, const void *arg)
{
    struct menu *m = st;

    m->items.n = NCHOICES;
    listwin_init(&m->lw, &listwin_array_source, &m->items);
    m->view = (struct listview){ .w = &m->lw, .cols = menu_columns, .ncols = 1,
                                 .cells = menu_cells, .ctx = m, .no_heading = true };
    listview_prepare(&m->view, (int)NCHOICES);
}

static void menu_close(struct app *a, void *st)
{
    listwin_free(&((struct menu *)st)->lw);
}

static const int bar[] = { ACT_OPEN, ACT_BACK, ACT_NONE };

static const char *const about[] = {
    N_("A digit chooses the list of that number; Enter chooses the list selected."),
    NULL,
};

const struct screen_ops screen_hh_filter = {
    .name = "filter",
    .title = N_("Lists"),
    .kind = SCREEN_LIST,
    .state_size = sizeof(struct menu),
    .open = menu_open,
    .draw = menu_draw,
    .key = menu_key,
    .close = menu_close,
    .bar = bar,
    .about = about,
};

void hh_filter_open(struct app *a)
{
    app_push(a, &screen_hh_filter, NULL);
}
