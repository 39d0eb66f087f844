/* ui/households/resident_form.c — adding a member to a household, editing a resident.
 *
 * Thirteen fields in the compact box of hh_view.h.  The ID number is
 * checked as it is typed: once it has its 18 characters, a wrong check
 * character (or an impossible date inside it) is shown at the field at
 * once, and a good number fills in the birth date and the sex (unless the
 * person typed other ones).  On save:
 *   - resident_check's reason is shown at the field it is about;
 *   - a birth date or sex that disagrees with the ID number is a warning
 *     the person may accept (y/n on the status line);
 *   - an ID number already registered offers to open that person instead
 *     of making a second record (y/n).
 * A resident with another kind of document (passport ...) keeps it: the
 * field then takes the document's number as it is. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/date.h"
#include "src/form.h"
#include "src/hh_list.h"
#include "src/household.h"
#include "src/i18n.h"
#include "src/ident.h"
#include "src/msg.h"
#include "src/text.h"
#include "ui/kit/app.h"
#include "ui/kit/form.h"
#include "ui/households/hh.h"
#include "ui/households/view.h"
#include "ui/kit/keys.h"

/* What the form edits: the resident as text. */
struct res_rec {
    char name[96];
    char id_number[40];
    char sex[32];
    char birth_date[11];
    char phone[32];
    char relation[32];
    char population[32];
    char care[128];
    char hukou_place[128];
    char returned_from[96];
    char arrived_on[11];
    char travel_notes[256];
    char notes[256];
};

enum {
    F_NAME, F_ID, F_SEX, F_BIRTH, F_PHONE, F_RELATION, F_POPULATION, F_CARE, F_HUKOU,
    F_FROM, F_ARRIVED, F_TRAVEL, F_NOTES, NF
};

enum question { ASK_NONE, ASK_MISMATCH, ASK_EXISTING };

struct resform {
    struct form form;
    struct form_field fields[NF]; /* the ID field depends on the document */
    struct res_rec rec;
    struct resident base;         /* as read (or a new one): what the form leaves alone */
    char title[256];
    char auto_birth[11];          /* what the ID number filled in */
    char auto_sex[32];
    char accepted[96];            /* ID, birth date and sex the person said were right */
    enum question asking;
    int64_t existing, existing_hh;
    char question[768];
};

static const struct screen_ops screen_hh_resident_form;

static struct resform *state(struct app *a)
{
    return a->state[SCR_HH_RESIDENT_FORM];
}

/* Never half a character when a value is too long for its field. */
static void put(char *dst, size_t dstsz, const char *src)
{
    text_copy(dst, dstsz, src);
}

/* ---- validators ------------------------------------------------------------ */

static bool check_sex(const char *text, char *norm, size_t normsz, char *why, size_t whysz)
{
    const char *sex = hh_sex_parse(text);

    if (!sex) {
        put(why, whysz, _("Type 男 or 女 (M or F)."));
        return false;
    }
    put(norm, normsz, hh_sex_word(sex));
    return true;
}

static bool check_population(const char *text, char *norm, size_t normsz, char *why,
                             size_t whysz)
{
    int floating = hh_population_parse(text);

    if (floating < 0) {
        put(why, whysz, _("Type 常住 or 流动 (permanent or floating)."));
        return false;
    }
    put(norm, normsz, hh_population_word(floating == 1));
    return true;
}

static bool check_care(const char *text, char *norm, size_t normsz, char *why, size_t whysz)
{
    unsigned flags;
    char bad[64], all[256];

    if (hh_care_parse(text, &flags, bad, sizeof bad) != 0) {
        hh_care_marks(~0u, all, sizeof all);
        snprintf(why, whysz, _("\"%s\" is not a care mark; the marks are: %s"), bad, all);
        return false;
    }
    hh_care_marks(flags, norm, normsz);
    return true;
}

/* ---- the ID number as it is typed ------------------------------------------ */

static size_t count_chars(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80 && *s != ' ')
            n++;
    return n;
}

/* Puts VALUE into field I when the field is empty or holds what was filled
 * in before (*AUTO), so what the person typed there stays. */
static void fill(struct form *f, size_t i, const char *value, char *autofill, size_t autosz)
{
    char now[64];

    form_get_text(f, i, now, sizeof now);
    if (*now && strcmp(now, autofill) != 0)
        return;
    form_set_text(f, i, value);
    put(autofill, autosz, value);
}

static void id_changed(struct form *f, size_t i, void *ctx)
{
    struct resform *st = ctx;
    char id[64], why[256], birth[16];
    struct id_info info;
    enum id_status status;

    form_get_text(f, i, id, sizeof id);
    if (count_chars(id) < 18) {
        form_clear_error(f, i);
        return;
    }
    status = id_check(id, date_ymd(clock_today()), &info);
    if (status != ID_OK) {
        form_set_error(f, i, id_explain(status, &info, why, sizeof why));
        return;
    }
    form_clear_error(f, i);
    date_format((struct date){ info.birth_year, info.birth_month, info.birth_day }, birth,
                sizeof birth);
    fill(f, F_BIRTH, birth, st->auto_birth, sizeof st->auto_birth);
    fill(f, F_SEX, hh_sex_word(info.sex == 'M' ? "M" : "F"), st->auto_sex, sizeof st->auto_sex);
}

/* ---- the fields ------------------------------------------------------------- */

#define MEMBER(m) offsetof(struct res_rec, m), sizeof ((struct res_rec *)0)->m

static const struct form_field field_table[NF] = {
    [F_NAME] = { N_("Name"), FIELD_TEXT, 24, 30, true, NULL, MEMBER(name),
                 N_("the full name, as on the ID card"), NULL },
    [F_ID] = { N_("ID number"), FIELD_IDNUM, 20, 18, false, NULL, MEMBER(id_number),
               N_("18 characters; fills in the birth date and the sex"), id_changed },
    [F_SEX] = { N_("Sex"), FIELD_TEXT, 8, 8, false, check_sex, MEMBER(sex),
                N_("男 or 女 (M or F)"), NULL },
    [F_BIRTH] = { N_("Birth date"), FIELD_DATE, 12, 12, false, NULL, MEMBER(birth_date),
                  N_("YYYY-MM-DD"), NULL },
    [F_PHONE] = { N_("Phone"), FIELD_PHONE, 20, 24, false, NULL, MEMBER(phone),
                  N_("mobile or landline with area code; may stay empty"), NULL },
    [F_RELATION] = { N_("Relation"), FIELD_TEXT, 12, 10, false, NULL, MEMBER(relation),
                     N_("to the head of the household: 户主 (the head), 配偶, 子, 女 ..."),
                     NULL },
    [F_POPULATION] = { N_("Population"), FIELD_TEXT, 10, 10, false, check_population,
                       MEMBER(population), N_("常住 (permanent) or 流动 (floating)"), NULL },
    [F_CARE] = { N_("Care"), FIELD_TEXT, 30, 40, false, check_care, MEMBER(care),
                 N_("any of: alone, disabled, pregnant, chronic, infant, key person"), NULL },
    [F_HUKOU] = { N_("Registered in"), FIELD_TEXT, 30, 40, false, NULL, MEMBER(hukou_place),
                  N_("the place of household registration (户籍地), when it is not here"),
                  NULL },
    [F_FROM] = { N_("Returned from"), FIELD_TEXT, 24, 30, false, NULL, MEMBER(returned_from),
                 N_("for a returnee: where they came from"), NULL },
    [F_ARRIVED] = { N_("Arrived on"), FIELD_DATE, 12, 12, false, NULL, MEMBER(arrived_on),
                    N_("for a returnee: the day they arrived"), NULL },
    [F_TRAVEL] = { N_("Travel notes"), FIELD_TEXT, 40, 80, false, NULL, MEMBER(travel_notes),
                   NULL, NULL },
    [F_NOTES] = { N_("Notes"), FIELD_TEXT, 40, 80, false, NULL, MEMBER(notes), NULL, NULL },
};

/* A document other than the resident ID: its number as typed. */
static bool other_document(const struct resident *r)
{
    return *r->id_number && r->id_kind != IDK_RESIDENT && r->id_kind != IDK_NONE;
}

static void rec_from_resident(struct res_rec *c, const struct resident *r)
{
    memset(c, 0, sizeof *c);
    put(c->name, sizeof c->name, r->name);
    put(c->id_number, sizeof c->id_number, r->id_number);
    put(c->sex, sizeof c->sex, hh_sex_word(r->sex));
    put(c->birth_date, sizeof c->birth_date, r->birth_date);
    put(c->phone, sizeof c->phone, r->phone);
    put(c->relation, sizeof c->relation, r->relation);
    if (r->id)
        put(c->population, sizeof c->population, hh_population_word(r->floating));
    hh_care_marks(r->flags, c->care, sizeof c->care);
    put(c->hukou_place, sizeof c->hukou_place, r->hukou_place);
    put(c->returned_from, sizeof c->returned_from, r->returned_from);
    put(c->arrived_on, sizeof c->arrived_on, r->arrived_on);
    put(c->travel_notes, sizeof c->travel_notes, r->travel_notes);
    put(c->notes, sizeof c->notes, r->notes);
}

static void resident_from_rec(struct resident *r, const struct res_rec *c,
                              const struct resident *base)
{
    const char *sex = hh_sex_parse(c->sex);
    unsigned flags = 0;

    *r = *base;
    put(r->name, sizeof r->name, c->name);
    put(r->id_number, sizeof r->id_number, c->id_number);
    put(r->sex, sizeof r->sex, sex ? sex : "");
    put(r->birth_date, sizeof r->birth_date, c->birth_date);
    put(r->phone, sizeof r->phone, c->phone);
    put(r->relation, sizeof r->relation, c->relation);
    r->floating = hh_population_parse(c->population) == 1;
    if (hh_care_parse(c->care, &flags, NULL, 0) == 0)
        r->flags = flags;
    put(r->hukou_place, sizeof r->hukou_place, c->hukou_place);
    put(r->returned_from, sizeof r->returned_from, c->returned_from);
    put(r->arrived_on, sizeof r->arrived_on, c->arrived_on);
    put(r->travel_notes, sizeof r->travel_notes, c->travel_notes);
    put(r->notes, sizeof r->notes, c->notes);
    if (!other_document(base))
        r->id_kind = *r->id_number ? IDK_RESIDENT : IDK_NONE;
}

/* ---- saving ---------------------------------------------------------------- */

/* The field resident_check refused R for: the first whose clearing lets R
 * pass (the name cannot be cleared: an empty one is the reason itself). */
static size_t culprit(const struct resident *r)
{
    static const struct {
        size_t field, offset, size;
    } candidates[] = {
        { F_ID, offsetof(struct resident, id_number), sizeof r->id_number },
        { F_SEX, offsetof(struct resident, sex), sizeof r->sex },
        { F_PHONE, offsetof(struct resident, phone), sizeof r->phone },
        { F_BIRTH, offsetof(struct resident, birth_date), sizeof r->birth_date },
        { F_ARRIVED, offsetof(struct resident, arrived_on), sizeof r->arrived_on },
    };

    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        struct resident t = *r;
        memset((char *)&t + candidates[i].offset, 0, candidates[i].size);
        if (resident_check(&t, NULL, 0) == 0)
            return candidates[i].field;
    }
    return F_NAME;
}

static void error_at(struct resform *st, size_t field, const char *why)
{
    form_set_error(&st->form, field, why);
    form_focus(&st->form, field);
    uiform_report(&st->form);
}

/* Birth date and sex against the ID number: 0 when they agree (or the
 * person accepted them), else the question is asked. */
static int disagrees(struct resform *st, const struct resident *r)
{
    struct id_info info;
    enum id_status status;
    char birth[16], key[sizeof st->accepted];
    const char *sex;
    bool birth_differs, sex_differs;

    if (other_document(r) || !*r->id_number)
        return 0;
    status = id_check(r->id_number, date_ymd(clock_today()), &info);
    if (status != ID_OK && status != ID_OK_LEGACY)
        return 0;
    date_format((struct date){ info.birth_year, info.birth_month, info.birth_day }, birth,
                sizeof birth);
    sex = hh_sex_word(info.sex == 'M' ? "M" : "F");
    birth_differs = *r->birth_date && strcmp(r->birth_date, birth) != 0;
    sex_differs = *r->sex && r->sex[0] != info.sex;
    snprintf(key, sizeof key, "%s|%s|%s", r->id_number, r->birth_date, r->sex);
    if ((!birth_differs && !sex_differs) || strcmp(key, st->accepted) == 0)
        return 0;
    if (birth_differs && sex_differs)
        snprintf(st->question, sizeof st->question,
                 _("Birth date and sex differ from the ID (%s, %s). Save anyway? (y/n)"),
                 birth, sex);
    else if (birth_differs)
        snprintf(st->question, sizeof st->question,
                 _("Birth date differs from the ID number (%s). Save anyway? (y/n)"),
                 birth);
    else
        snprintf(st->question, sizeof st->question,
                 _("Sex differs from the ID number (%s). Save anyway? (y/n)"),
                 sex);
    st->asking = ASK_MISMATCH;
    msg_warn("%s", st->question);
    return -1;
}

static void ask_existing(struct app *a, struct resform *st, int64_t existing)
{
    struct resident other;
    char address[256] = "";

    st->existing = existing;
    st->existing_hh = 0;
    if (resident_get(a->s->db, existing, &other) != 0) {
        error_at(st, F_ID, _("This ID number is already registered for another person."));
        return;
    }
    st->existing_hh = other.household_id;
    hh_address_of(a, other.household_id, address, sizeof address);
    snprintf(st->question, sizeof st->question,
             _("ID already registered: %s, %s. Open them instead? (y/n)"),
             other.name, address);
    st->asking = ASK_EXISTING;
    msg_warn("%s", st->question);
}

static unsigned save(struct app *a, struct resform *st)
{
    db *d = a->s->db;
    struct resident r;
    char why[256];
    int64_t existing = 0;

    if (!form_read(&st->form, &st->rec)) {
        uiform_report(&st->form);
        return SCR_HANDLED | SCR_REDRAW;
    }
    resident_from_rec(&r, &st->rec, &st->base);
    if (resident_check(&r, why, sizeof why) != 0) {
        error_at(st, culprit(&r), why);
        return SCR_HANDLED | SCR_REDRAW;
    }
    if (disagrees(st, &r) != 0)
        return SCR_HANDLED | SCR_REDRAW;
    if (resident_save(d, &r, &existing) != 0) {
        if (existing > 0)
            ask_existing(a, st, existing);
        else if (!app_retry_busy(a, ACT_SAVE, 0))
            msg_error(_("The resident could not be saved: %s"), db_errmsg(d));
        return SCR_HANDLED | SCR_REDRAW;
    }
    msg_info(_("Saved %s"), r.name);
    hh_card_select(a, r.id);
    return SCR_HANDLED | SCR_BACK;
}

static unsigned answer(struct app *a, struct resform *st, int k)
{
    enum question q = st->asking;
    bool yes = k == 'y' || k == 'Y';

    if (!yes && k != 'n' && k != 'N' && k != KEYS_ESC) {
        msg_warn("%s", st->question);
        return SCR_HANDLED | SCR_REDRAW;
    }
    st->asking = ASK_NONE;
    if (q == ASK_EXISTING) {
        if (yes) {
            int64_t who = st->existing, where = st->existing_hh;
            app_pop(a);
            hh_card_open(a, where, who);
            return SCR_HANDLED | SCR_REDRAW;
        }
        error_at(st, F_ID, _("This ID number is already registered for another person."));
        return SCR_HANDLED | SCR_REDRAW;
    }
    if (yes) {
        struct resident r;
        resident_from_rec(&r, &st->rec, &st->base);
        snprintf(st->accepted, sizeof st->accepted, "%s|%s|%s", r.id_number, r.birth_date,
                 r.sex);
        return save(a, st);
    }
    form_focus(&st->form, F_BIRTH);
    msg_info("%s", _("Not saved: correct the birth date or the sex, or the ID number."));
    return SCR_HANDLED | SCR_REDRAW;
}

/* ---- the screen ----------------------------------------------------------- */

static unsigned key(struct app *a, enum action act, int k)
{
    struct resform *st = state(a);

    if (st->asking != ASK_NONE && !keys_is_fn(k))
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
    struct resform *st = state(a);

    hh_form_draw(a, body, &st->form, st->title);
    if (st->asking != ASK_NONE)
        app_status(a, MSG_WARN, st->question);
}

static void open_form(struct app *a)
{
    struct resform *st = calloc(1, sizeof *st);

    if (!st)
        msg_fatal("%s", _("out of memory"));
    a->state[SCR_HH_RESIDENT_FORM] = st;
}

static void close_form(struct app *a)
{
    struct resform *st = state(a);

    if (!st)
        return;
    form_close(&st->form);
    free(st);
    a->state[SCR_HH_RESIDENT_FORM] = NULL;
}

static bool dirty(struct app *a)
{
    struct resform *st = state(a);

    return st && form_dirty(&st->form);
}

/* The fields for R: the ID field takes another document's number as is. */
static void choose_fields(struct resform *st, const struct resident *r)
{
    memcpy(st->fields, field_table, sizeof st->fields);
    if (other_document(r)) {
        st->fields[F_ID].kind = FIELD_TEXT;
        st->fields[F_ID].max_chars = 32;
        st->fields[F_ID].on_change = NULL;
        st->fields[F_ID].hint = N_("the number of the passport or other document");
    }
}

void hh_resident_form_open(struct app *a, int64_t household_id, int64_t resident_id)
{
    db *d = a->s->db;
    struct resident r;
    struct resform *st;
    char address[256];

    memset(&r, 0, sizeof r);
    if (resident_id && resident_get(d, resident_id, &r) != 0) {
        msg_error("%s", _("This resident could not be read from the database."));
        return;
    }
    if (!resident_id) {
        r.household_id = household_id;
        /* the first member is, as a rule, the head */
        if (household_members(d, household_id, NULL, NULL) == 0)
            put(r.relation, sizeof r.relation, "户主");
    }
    app_push(a, &screen_hh_resident_form);
    st = state(a);
    if (app_top(a) != &screen_hh_resident_form || !st) {
        msg_error("%s", _("Too many screens are open: press Esc first."));
        return;
    }
    form_close(&st->form);
    st->base = r;
    st->asking = ASK_NONE;
    st->accepted[0] = st->auto_birth[0] = st->auto_sex[0] = '\0';
    if (resident_id) {
        snprintf(st->title, sizeof st->title, _("Edit resident: %s"), r.name);
    } else {
        hh_address_of(a, household_id, address, sizeof address);
        snprintf(st->title, sizeof st->title, _("New member: %s"), address);
    }
    choose_fields(st, &r);
    rec_from_resident(&st->rec, &r);
    form_open(&st->form, st->fields, NF, &st->rec);
    form_set_context(&st->form, st);
}

static const enum action bar[] = { ACT_SAVE, ACT_BACK, ACT_NONE };

static const struct screen_ops screen_hh_resident_form = {
    .id = SCR_HH_RESIDENT_FORM,
    .title = N_("Resident"),
    .is_form = true,
    .open = open_form,
    .draw = draw,
    .key = key,
    .close = close_form,
    .dirty = dirty,
    .bar_actions = bar,
};
