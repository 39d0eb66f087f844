/* household_form.c — adding and editing a household: address (compound,
 * building, unit, room), grid, grid worker, kind, phone, notes.
 *
 * A new household starts with the compound, building, unit, grid and grid
 * worker of the last household saved in this run, and the caret in Room,
 * so a whole building is keyed without typing its address again.  A save
 * the core refuses is shown at the field it names; an address already
 * registered offers that household's card instead.  A new household, once
 * saved, opens its card with the form of its first member over it. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "src/households/list.h"
#include "src/households/vocab.h"
#include "src/households/household.h"
#include "src/i18n.h"
#include "src/msg.h"
#include "src/text.h"
#include "ui/households/hh.h"
#include "ui/kit/app.h"
#include "ui/kit/formscreen.h"

#define MEMBER(m) .offset = offsetof(struct household, m), \
                  .size = sizeof ((struct household *)0)->m

enum { F_COMPOUND, F_BUILDING, F_UNIT, F_ROOM, F_GRID, F_WORKER, F_KIND, F_PHONE, F_NOTES, NF };

static const struct form_field fields[NF] = {
    [F_COMPOUND] = { N_("Compound"), FIELD_TEXT, 30, 30, false, NULL, MEMBER(compound),
                     .hint = N_("the residential compound (小区), e.g. 大美南苑") },
    [F_BUILDING] = { N_("Building"), FIELD_TEXT, 8, 8, false, NULL, MEMBER(building),
                     .hint = N_("12 or 12幢") },
    [F_UNIT] = { N_("Unit"), FIELD_TEXT, 8, 8, false, NULL, MEMBER(unit),
                 .hint = N_("2 or 2单元; may stay empty") },
    [F_ROOM] = { N_("Room"), FIELD_TEXT, 8, 8, false, NULL, MEMBER(room),
                 .hint = N_("301 or 301室") },
    [F_GRID] = { N_("Grid"), FIELD_TEXT, 20, 15, false, NULL, MEMBER(grid) },
    [F_WORKER] = { N_("Grid worker"), FIELD_TEXT, 20, 15, false, NULL, MEMBER(grid_worker),
                   .hint = N_("the grid worker responsible for the household") },
    [F_KIND] = { N_("Kind"), FIELD_CHOICE, 16, 20, false, NULL, MEMBER(kind),
                 .hint = N_("自住 owner-occupied, 出租 rented, 群租 group rental: Space picks"),
                 .vocab = &hh_vocab_kind },
    [F_PHONE] = { N_("Phone"), FIELD_PHONE, 20, 24, false, NULL, MEMBER(phone),
                  .hint = N_("the household's phone; may stay empty") },
    [F_NOTES] = { N_("Notes"), FIELD_TEXT, 40, 80, false, NULL, MEMBER(notes) },
};

enum { ASK_OPEN_EXISTING = 1, ASK_NEW_COMPOUND };

struct ctx {
    int64_t existing; /* the household already at the address typed */
    bool is_new;
    char new_compound[96]; /* a compound not registered yet, said yes to */
};

/* The address parts of the last household saved in this run. */
static struct household last;
static bool last_set;

static bool load(struct app *a, void *record, void *ctxp, const void *arg, bool *editing)
{
    struct household *h = record;
    struct ctx *c = ctxp;
    int64_t id = *(const int64_t *)arg;

    c->is_new = id == 0;
    *editing = id != 0;
    if (id) {
        if (household_get(a->s->db, id, h) != 0) {
            msg_error("%s", _("This household could not be read from the database."));
            return false;
        }
        return true;
    }
    if (last_set) {
        text_copy(h->compound, sizeof h->compound, last.compound);
        text_copy(h->building, sizeof h->building, last.building);
        text_copy(h->unit, sizeof h->unit, last.unit);
        text_copy(h->grid, sizeof h->grid, last.grid);
        text_copy(h->grid_worker, sizeof h->grid_worker, last.grid_worker);
    }
    return true;
}

static void ready(struct app *a, struct form *f, void *ctxp)
{
    const struct ctx *c = ctxp;

    if (c->is_new && last_set)
        form_focus(f, F_ROOM);
}

static void refuse(struct form_reply *r, size_t field, const char *why)
{
    r->outcome = FORM_REFUSED;
    r->field = field;
    snprintf(r->why, sizeof r->why, "%s", why);
}

struct names {
    char text[256];
    bool exact;
    const char *typed;
};

static void add_name(const char *name, void *ctxp)
{
    struct names *n = ctxp;
    size_t used = strlen(n->text);

    if (strcmp(name, n->typed) == 0)
        n->exact = true;
    snprintf(n->text + used, sizeof n->text - used, "%s%s", used ? _(", ") : "", name);
}

/* A compound is picked from those registered; a new one is registered
 * after a question (a typo would make a compound of its own).  The first
 * compound of an empty desk is not asked about.  False when R asks. */
static bool compound_known(struct app *a, struct ctx *c, const char *compound,
                           struct form_reply *r)
{
    struct names like = { .typed = compound }, any = { .typed = compound };
    int n;

    if (!*compound || strcmp(c->new_compound, compound) == 0)
        return true;
    n = hh_list_names(a->s->db, HH_NAME_COMPOUND, compound, 3, add_name, &like);
    if (n < 0 || like.exact)
        return true; /* a failed read is said by the save that follows */
    if (n == 0 && hh_list_names(a->s->db, HH_NAME_COMPOUND, "", 3, add_name, &any) <= 0)
        return true;
    r->outcome = FORM_ASK;
    r->ask = ASK_NEW_COMPOUND;
    if (n > 0)
        snprintf(r->question, sizeof r->question,
                 _("No compound is called %s; registered ones like it: %s. Register %s as a new "
                   "compound?"),
                 compound, like.text, compound);
    else
        snprintf(r->question, sizeof r->question,
                 _("No compound is called %s (registered: %s). Register %s as a new compound?"),
                 compound, any.text, compound);
    return false;
}

static void open_card_of_existing(struct app *a, const void *record, const void *ctxp)
{
    hh_card_open(a, ((const struct ctx *)ctxp)->existing, 0);
}

static void save(struct app *a, void *record, void *ctxp, struct form_reply *r)
{
    struct household *h = record;
    struct ctx *c = ctxp;
    char why[256], address[256];
    size_t at = offsetof(struct household, compound);
    int64_t found;

    if (household_check_at(h, &at, why, sizeof why) != 0) {
        refuse(r, 0, why);
        r->by_member = true;
        r->member = at;
        return;
    }
    if (!compound_known(a, c, h->compound, r))
        return;
    found = household_find(a->s->db, h);
    household_normalize(h);
    household_address(h, address, sizeof address);
    if (found < 0 || (found == 0 && household_save(a->s->db, h) != 0)) {
        r->outcome = FORM_FAILED;
        snprintf(r->why, sizeof r->why, _("The household could not be saved: %s"),
                 db_errmsg(a->s->db));
        return;
    }
    if (found > 0 && found != h->id) {
        if (!c->is_new) {
            refuse(r, F_ROOM, _("Another household is registered at this address."));
            return;
        }
        c->existing = found;
        r->outcome = FORM_ASK;
        r->ask = ASK_OPEN_EXISTING;
        snprintf(r->question, sizeof r->question,
                 _("A household is already registered at %s. Open its card?"), address);
        return;
    }
    if (found > 0 && household_save(a->s->db, h) != 0) {
        r->outcome = FORM_FAILED;
        snprintf(r->why, sizeof r->why, _("The household could not be saved: %s"),
                 db_errmsg(a->s->db));
        return;
    }
    last = *h;
    last_set = true;
    msg_info(_("Saved the household %s"), address);
    r->outcome = FORM_SAVED;
}

static void answer(struct app *a, void *record, void *ctxp, int ask, bool yes,
                   struct form_reply *r)
{
    struct ctx *c = ctxp;

    if (ask == ASK_NEW_COMPOUND) {
        if (!yes) {
            refuse(r, F_COMPOUND,
                   _("not a registered compound: correct it, or save and answer y to register "
                     "it"));
            return;
        }
        text_copy(c->new_compound, sizeof c->new_compound,
                  ((const struct household *)record)->compound);
        save(a, record, ctxp, r);
        return;
    }
    if (yes) {
        r->outcome = FORM_CLOSED;
        r->after = open_card_of_existing;
        return;
    }
    refuse(r, F_ROOM, _("A household is already registered at this address."));
}

/* A new household, saved: its card, with the form of its first member. */
static void then(struct app *a, const void *record, const void *ctxp)
{
    const struct household *h = record;

    if (!((const struct ctx *)ctxp)->is_new)
        return;
    hh_card_open(a, h->id, 0);
    hh_resident_form_open(a, h->id, 0);
}

static const struct form_spec spec = {
    .title = N_("New household"),
    .title_edit = N_("Edit household"),
    .fields = fields,
    .nfields = NF,
    .record_size = sizeof(struct household),
    .ctx_size = sizeof(struct ctx),
    .load = load,
    .ready = ready,
    .save = save,
    .answer = answer,
    .then = then,
};

const struct screen_ops screen_hh_household_form = FORM_SCREEN("household", N_("Household"),
                                                               &spec);

void hh_household_form_open(struct app *a, int64_t household_id)
{
    form_push(a, &screen_hh_household_form, &household_id);
}
