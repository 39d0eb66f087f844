/* ui/households/household_form.c — adding and editing a household: address (compound,
 * building, unit, room), grid, grid worker, kind, phone, notes.
 *
 * A new household starts with the compound, building, unit, grid and grid
 * worker of the last household saved in this run, and the caret in Room,
 * so a whole building is keyed without typing its address again.  On save
 * household_check gives the reason shown at the field it is about; an
 * address already registered offers that household's card instead (y/n on
 * the status line).  A new household, once saved, opens its card with the
 * form of its first member over it. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/form.h"
#include "src/hh_list.h"
#include "src/household.h"
#include "src/i18n.h"
#include "src/msg.h"
#include "src/text.h"
#include "ui/kit/app.h"
#include "ui/kit/form.h"
#include "ui/households/hh.h"
#include "ui/households/view.h"
#include "ui/kit/keys.h"

/* What the form edits: the household as text. */
struct hh_rec {
    char compound[96];
    char building[16];
    char unit[16];
    char room[16];
    char grid[48];
    char grid_worker[48];
    char kind[64];
    char phone[32];
    char notes[256];
};

enum { F_COMPOUND, F_BUILDING, F_UNIT, F_ROOM, F_GRID, F_WORKER, F_KIND, F_PHONE, F_NOTES, NF };

static bool check_kind(const char *text, char *norm, size_t normsz, char *why, size_t whysz)
{
    int kind = hh_kind_parse(text);

    if (kind < 0) {
        snprintf(why, whysz, "%s",
                 _("Type 自住, 出租 or 群租 (owner-occupied, rented, group rental)."));
        return false;
    }
    snprintf(norm, normsz, "%s", hh_kind_word(kind));
    return true;
}

#define MEMBER(m) offsetof(struct hh_rec, m), sizeof ((struct hh_rec *)0)->m

static const struct form_field fields[NF] = {
    [F_COMPOUND] = { N_("Compound"), FIELD_TEXT, 30, 30, false, NULL, MEMBER(compound),
                     N_("the residential compound (小区), e.g. 大美南苑"), NULL },
    [F_BUILDING] = { N_("Building"), FIELD_TEXT, 8, 8, false, NULL, MEMBER(building),
                     N_("12 or 12幢"), NULL },
    [F_UNIT] = { N_("Unit"), FIELD_TEXT, 8, 8, false, NULL, MEMBER(unit),
                 N_("2 or 2单元; may stay empty"), NULL },
    [F_ROOM] = { N_("Room"), FIELD_TEXT, 8, 8, false, NULL, MEMBER(room),
                 N_("301 or 301室"), NULL },
    [F_GRID] = { N_("Grid"), FIELD_TEXT, 20, 15, false, NULL, MEMBER(grid), NULL, NULL },
    [F_WORKER] = { N_("Grid worker"), FIELD_TEXT, 20, 15, false, NULL, MEMBER(grid_worker),
                   N_("the grid worker responsible for the household"), NULL },
    [F_KIND] = { N_("Kind"), FIELD_TEXT, 16, 20, false, check_kind, MEMBER(kind),
                 N_("自住 owner-occupied, 出租 rented, 群租 group rental"), NULL },
    [F_PHONE] = { N_("Phone"), FIELD_PHONE, 20, 24, false, NULL, MEMBER(phone),
                  N_("the household's phone; may stay empty"), NULL },
    [F_NOTES] = { N_("Notes"), FIELD_TEXT, 40, 80, false, NULL, MEMBER(notes), NULL, NULL },
};

struct hhform {
    struct form form;
    struct hh_rec rec;
    int64_t id;       /* 0: a new household */
    int64_t existing; /* asking: open this household's card? */
    char question[512];
};

/* The address parts of the last household saved in this run. */
static struct {
    bool set;
    char compound[96], building[16], unit[16], grid[48], grid_worker[48];
} last;

static const struct screen_ops screen_hh_household_form;

static struct hhform *state(struct app *a)
{
    return a->state[SCR_HH_HOUSEHOLD_FORM];
}

/* Never half a character when a value is too long for its field. */
static void put(char *dst, size_t dstsz, const char *src)
{
    text_copy(dst, dstsz, src);
}

static void rec_from_household(struct hh_rec *r, const struct household *h)
{
    memset(r, 0, sizeof *r);
    put(r->compound, sizeof r->compound, h->compound);
    put(r->building, sizeof r->building, h->building);
    put(r->unit, sizeof r->unit, h->unit);
    put(r->room, sizeof r->room, h->room);
    put(r->grid, sizeof r->grid, h->grid);
    put(r->grid_worker, sizeof r->grid_worker, h->grid_worker);
    put(r->kind, sizeof r->kind, hh_kind_word(h->kind));
    put(r->phone, sizeof r->phone, h->phone);
    put(r->notes, sizeof r->notes, h->notes);
}

static void household_from_rec(struct household *h, const struct hh_rec *r, int64_t id)
{
    int kind = hh_kind_parse(r->kind);

    memset(h, 0, sizeof *h);
    h->id = id;
    put(h->compound, sizeof h->compound, r->compound);
    put(h->building, sizeof h->building, r->building);
    put(h->unit, sizeof h->unit, r->unit);
    put(h->room, sizeof h->room, r->room);
    put(h->grid, sizeof h->grid, r->grid);
    put(h->grid_worker, sizeof h->grid_worker, r->grid_worker);
    h->kind = kind < 0 ? HH_OWNER : kind;
    put(h->phone, sizeof h->phone, r->phone);
    put(h->notes, sizeof h->notes, r->notes);
}

static void remember(const struct household *h)
{
    last.set = true;
    put(last.compound, sizeof last.compound, h->compound);
    put(last.building, sizeof last.building, h->building);
    put(last.unit, sizeof last.unit, h->unit);
    put(last.grid, sizeof last.grid, h->grid);
    put(last.grid_worker, sizeof last.grid_worker, h->grid_worker);
}

/* ---- saving ---------------------------------------------------------------- */

/* household_check refused H: the reason at the field it is about. */
static void refused(struct hhform *st, const struct household *h, const char *why)
{
    struct household without_phone = *h;
    char scratch[256];
    size_t field = F_COMPOUND;

    without_phone.phone[0] = '\0';
    if (household_check(&without_phone, scratch, sizeof scratch) == 0)
        field = F_PHONE;
    form_set_error(&st->form, field, why);
    form_focus(&st->form, field);
    uiform_report(&st->form);
}

static void ask(struct app *a, struct hhform *st, int64_t existing, const char *address)
{
    st->existing = existing;
    snprintf(st->question, sizeof st->question,
             _("A household is already registered at %s. Open its card? (y/n)"), address);
    msg_warn("%s", st->question);
}

static unsigned saved(struct app *a, struct hhform *st, const struct household *h)
{
    char address[256];
    int64_t id = h->id;
    bool was_new = st->id == 0;

    remember(h);
    household_address(h, address, sizeof address);
    msg_info(_("Saved the household %s"), address);
    if (!was_new)
        return SCR_HANDLED | SCR_BACK;
    /* On to its first member, over its card. */
    app_pop(a);
    hh_card_open(a, id, 0);
    hh_resident_form_open(a, id, 0);
    return SCR_HANDLED | SCR_REDRAW;
}

static unsigned save(struct app *a, struct hhform *st)
{
    db *d = a->s->db;
    struct household h;
    char why[256], address[256];
    int64_t found;

    if (!form_read(&st->form, &st->rec)) {
        uiform_report(&st->form);
        return SCR_HANDLED | SCR_REDRAW;
    }
    household_from_rec(&h, &st->rec, st->id);
    if (household_check(&h, why, sizeof why) != 0) {
        refused(st, &h, why);
        return SCR_HANDLED | SCR_REDRAW;
    }
    found = household_find(d, &h);
    if (found < 0) {
        msg_error(_("The household could not be saved: %s"), db_errmsg(d));
        return SCR_HANDLED | SCR_REDRAW;
    }
    household_normalize(&h);
    household_address(&h, address, sizeof address);
    if (found > 0 && found != st->id) {
        if (st->id == 0) {
            ask(a, st, found, address);
        } else {
            form_set_error(&st->form, F_ROOM,
                           _("Another household is registered at this address."));
            form_focus(&st->form, F_ROOM);
            uiform_report(&st->form);
        }
        return SCR_HANDLED | SCR_REDRAW;
    }
    if (household_save(d, &h) != 0) {
        if (!app_retry_busy(a, ACT_SAVE, 0))
            msg_error(_("The household could not be saved: %s"), db_errmsg(d));
        return SCR_HANDLED | SCR_REDRAW;
    }
    return saved(a, st, &h);
}

static unsigned answer(struct app *a, struct hhform *st, int k)
{
    int64_t existing = st->existing;

    if (k == 'y' || k == 'Y') {
        app_pop(a);
        hh_card_open(a, existing, 0);
        return SCR_HANDLED | SCR_REDRAW;
    }
    if (k == 'n' || k == 'N' || k == 27) {
        st->existing = 0;
        form_set_error(&st->form, F_ROOM,
                       _("A household is already registered at this address."));
        form_focus(&st->form, F_ROOM);
        return SCR_HANDLED | SCR_REDRAW;
    }
    msg_warn("%s", st->question);
    return SCR_HANDLED | SCR_REDRAW;
}

/* ---- the screen ----------------------------------------------------------- */

static unsigned key(struct app *a, enum action act, int k)
{
    struct hhform *st = state(a);

    if (st->existing && !keys_is_fn(k))
        return answer(a, st, k);
    switch (uiform_key(&st->form, act, k)) {
    case UIFORM_CHANGED:
        form_changed(&st->form);
        return SCR_HANDLED | SCR_REDRAW;
    case UIFORM_SAVE:
        return save(a, st);
    case UIFORM_CANCEL:
        form_restore(&st->form);
        return SCR_HANDLED | SCR_BACK;
    case UIFORM_UNHANDLED:
        break;
    }
    return SCR_UNHANDLED;
}

static void draw(struct app *a, WINDOW *body)
{
    struct hhform *st = state(a);

    hh_form_draw(a, body, &st->form, st->id ? _("Edit household") : _("New household"));
    if (st->existing)
        app_status(a, MSG_WARN, st->question);
}

static void open_form(struct app *a)
{
    struct hhform *st = calloc(1, sizeof *st);

    if (!st)
        msg_fatal("%s", _("out of memory"));
    a->state[SCR_HH_HOUSEHOLD_FORM] = st;
}

static void close_form(struct app *a)
{
    struct hhform *st = state(a);

    if (!st)
        return;
    form_close(&st->form);
    free(st);
    a->state[SCR_HH_HOUSEHOLD_FORM] = NULL;
}

static bool dirty(struct app *a)
{
    struct hhform *st = state(a);

    return st && form_dirty(&st->form);
}

void hh_household_form_open(struct app *a, int64_t household_id)
{
    struct household h = { 0 };
    struct hhform *st;

    if (household_id && household_get(a->s->db, household_id, &h) != 0) {
        msg_error("%s", _("This household could not be read from the database."));
        return;
    }
    app_push(a, &screen_hh_household_form);
    st = state(a);
    if (app_top(a) != &screen_hh_household_form || !st) {
        msg_error("%s", _("Too many screens are open: press Esc first."));
        return;
    }
    form_close(&st->form);
    st->id = household_id;
    st->existing = 0;
    if (household_id) {
        rec_from_household(&st->rec, &h);
    } else {
        memset(&st->rec, 0, sizeof st->rec);
        if (last.set) {
            put(st->rec.compound, sizeof st->rec.compound, last.compound);
            put(st->rec.building, sizeof st->rec.building, last.building);
            put(st->rec.unit, sizeof st->rec.unit, last.unit);
            put(st->rec.grid, sizeof st->rec.grid, last.grid);
            put(st->rec.grid_worker, sizeof st->rec.grid_worker, last.grid_worker);
        }
    }
    form_open(&st->form, fields, NF, &st->rec);
    if (!household_id && last.set)
        form_focus(&st->form, F_ROOM);
}

static const enum action bar[] = { ACT_SAVE, ACT_BACK, ACT_NONE };

static const struct screen_ops screen_hh_household_form = {
    .id = SCR_HH_HOUSEHOLD_FORM,
    .title = N_("Household"),
    .is_form = true,
    .open = open_form,
    .draw = draw,
    .key = key,
    .close = close_form,
    .dirty = dirty,
    .bar_actions = bar,
};
