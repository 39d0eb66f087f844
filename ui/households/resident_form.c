/* resident_form.c — adding a member to a household, editing a resident.
 *
 * Thirteen fields over the resident's own record (the compact layout fits
 * them at 80x24).  The ID number is checked as it is typed: once it has
 * its 18 characters, a wrong check character (or an impossible date inside
 * it) is shown at the field at once, and a good number fills in the birth
 * date and the sex (unless the person typed other ones).  Sex, relation,
 * population and care are picked from their vocabularies.  On save:
 *   - the core's reason is shown at the field it names;
 *   - a birth date or sex that disagrees with the ID number is asked about
 *     (yes saves as typed; no goes back to the field in question);
 *   - an ID number already registered offers to open that person instead
 *     of making a second record.
 * A resident with another kind of document (passport ...) keeps it: the
 * field then takes the document's number as it is. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "src/date.h"
#include "src/households/vocab.h"
#include "src/households/household.h"
#include "src/i18n.h"
#include "src/numbers.h"
#include "src/msg.h"
#include "src/text.h"
#include "ui/households/hh.h"
#include "ui/kit/app.h"
#include "ui/kit/formscreen.h"

enum {
    F_NAME, F_ID, F_SEX, F_BIRTH, F_PHONE, F_RELATION, F_POPULATION, F_CARE, F_HUKOU,
    F_FROM, F_ARRIVED, F_TRAVEL, F_NOTES, NF
};

enum { ASK_MISMATCH = 1, ASK_EXISTING };

struct ctx {
    struct form_field fields[NF]; /* the ID field depends on the document */
    bool editing;
    int doc_kind;                 /* the document of the resident as read */
    char title[256];
    char auto_birth[16];          /* what the ID number filled in */
    char auto_sex[32];
    char accepted[96];            /* ID, birth date and sex the person said were right */
    bool sex_only;                /* the mismatch asked about is the sex alone */
    int64_t existing, existing_hh;
};

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
    text_copy(autofill, autosz, value);
}

static void id_changed(struct form *f, size_t i, void *ctxp)
{
    struct ctx *c = ctxp;
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
    fill(f, F_BIRTH, birth, c->auto_birth, sizeof c->auto_birth);
    fill(f, F_SEX, vocab_label(&hh_vocab_sex, info.sex), c->auto_sex, sizeof c->auto_sex);
}

/* ---- the fields ------------------------------------------------------------- */

#define MEMBER(m) .offset = offsetof(struct resident, m), \
                  .size = sizeof ((struct resident *)0)->m

static const struct form_field field_table[NF] = {
    [F_NAME] = { N_("Name"), FIELD_TEXT, 24, 30, true, NULL, MEMBER(name),
                 .hint = N_("the full name, as on the ID card") },
    [F_ID] = { N_("ID number"), FIELD_IDNUM, 20, 18, false, NULL, MEMBER(id_number),
               .hint = N_("18 characters; fills in the birth date and the sex"),
               .on_change = id_changed },
    [F_SEX] = { N_("Sex"), FIELD_CHOICE, 8, 8, false, NULL, MEMBER(sex),
                .hint = N_("男 or 女: Space picks"), .vocab = &hh_vocab_sex },
    [F_BIRTH] = { N_("Birth date"), FIELD_DATE, 12, 12, false, NULL, MEMBER(birth_date),
                  .hint = N_("YYYY-MM-DD") },
    [F_PHONE] = { N_("Phone"), FIELD_PHONE, 20, 24, false, NULL, MEMBER(phone),
                  .hint = N_("mobile or landline with area code; may stay empty") },
    [F_RELATION] = { N_("Relation"), FIELD_WORD, 16, 16, false, NULL, MEMBER(relation),
                     .hint = N_("to the head of the household (户主): Space picks"),
                     .vocab = &hh_vocab_relation },
    [F_POPULATION] = { N_("Population"), FIELD_CHOICE, 10, 10, false, NULL, MEMBER(floating),
                       .hint = N_("常住 (permanent) or 流动 (floating): Space picks"),
                       .vocab = &hh_vocab_population },
    [F_CARE] = { N_("Care"), FIELD_SET, 30, 40, false, NULL, MEMBER(flags),
                 .hint = N_("alone, disabled, pregnant, chronic, infant, key person: Space "
                            "picks"),
                 .vocab = &hh_vocab_care },
    [F_HUKOU] = { N_("Registered in"), FIELD_TEXT, 30, 40, false, NULL, MEMBER(hukou_place),
                  .hint = N_("the place of household registration (户籍地), when it is not "
                             "here") },
    [F_FROM] = { N_("Returned from"), FIELD_TEXT, 24, 30, false, NULL, MEMBER(returned_from),
                 .hint = N_("for a returnee: where they came from") },
    [F_ARRIVED] = { N_("Arrived on"), FIELD_DATE, 12, 12, false, NULL, MEMBER(arrived_on),
                    .hint = N_("for a returnee: the day they arrived") },
    [F_TRAVEL] = { N_("Travel notes"), FIELD_TEXT, 40, 80, false, NULL, MEMBER(travel_notes) },
    [F_NOTES] = { N_("Notes"), FIELD_TEXT, 40, 80, false, NULL, MEMBER(notes) },
};

/* A document other than the resident ID. */
static bool other_document(int kind)
{
    return kind != IDK_RESIDENT && kind != IDK_NONE;
}

struct open_arg {
    int64_t household_id, resident_id;
};

static bool load(struct app *a, void *record, void *ctxp, const void *arg, bool *editing)
{
    struct resident *r = record;
    struct ctx *c = ctxp;
    const struct open_arg *oa = arg;
    char address[256];

    if (oa->resident_id && resident_get(a->s->db, oa->resident_id, r) != 0) {
        msg_error("%s", _("This resident could not be read from the database."));
        return false;
    }
    *editing = c->editing = oa->resident_id != 0;
    if (!oa->resident_id) {
        r->household_id = oa->household_id;
        /* the first member is, as a rule, the head */
        if (household_members(a->s->db, oa->household_id, NULL, NULL) == 0)
            text_copy(r->relation, sizeof r->relation, "户主");
        hh_address_of(a, oa->household_id, address, sizeof address);
        snprintf(c->title, sizeof c->title, _("New member: %s"), address);
    } else {
        snprintf(c->title, sizeof c->title, _("Edit resident: %s"), r->name);
    }
    c->doc_kind = *r->id_number ? r->id_kind : IDK_NONE;
    return true;
}

static const struct form_field *fields_for(void *ctxp, const void *record)
{
    struct ctx *c = ctxp;

    memcpy(c->fields, field_table, sizeof c->fields);
    if (other_document(c->doc_kind)) {
        c->fields[F_ID].kind = FIELD_TEXT;
        c->fields[F_ID].max_chars = 32;
        c->fields[F_ID].on_change = NULL;
        c->fields[F_ID].hint = N_("the number of the passport or other document");
    }
    return c->fields;
}

static const char *title_now(void *ctxp)
{
    return ((struct ctx *)ctxp)->title;
}

/* ---- saving ---------------------------------------------------------------- */

/* Birth date and sex against the ID number: false when they agree (or the
 * person accepted them), else true with the question in R. */
static bool disagrees(struct ctx *c, const struct resident *r, struct form_reply *reply)
{
    struct id_info info;
    enum id_status status;
    char birth[16], key[sizeof c->accepted];
    const char *sex;
    bool birth_differs, sex_differs;

    if (other_document(c->doc_kind) || !*r->id_number)
        return false;
    status = id_check(r->id_number, date_ymd(clock_today()), &info);
    if (status != ID_OK && status != ID_OK_LEGACY)
        return false;
    date_format((struct date){ info.birth_year, info.birth_month, info.birth_day }, birth,
                sizeof birth);
    sex = vocab_label(&hh_vocab_sex, info.sex);
    birth_differs = *r->birth_date && strcmp(r->birth_date, birth) != 0;
    sex_differs = *r->sex && r->sex[0] != info.sex;
    snprintf(key, sizeof key, "%s|%s|%s", r->id_number, r->birth_date, r->sex);
    if ((!birth_differs && !sex_differs) || strcmp(key, c->accepted) == 0)
        return false;
    c->sex_only = !birth_differs;
    reply->outcome = FORM_ASK;
    reply->ask = ASK_MISMATCH;
    if (birth_differs && sex_differs)
        snprintf(reply->question, sizeof reply->question,
                 _("Birth date and sex differ from the ID (%s, %s). Save anyway?"), birth, sex);
    else if (birth_differs)
        snprintf(reply->question, sizeof reply->question,
                 _("Birth date differs from the ID number (%s). Save anyway?"), birth);
    else
        snprintf(reply->question, sizeof reply->question,
                 _("Sex differs from the ID number (%s). Save anyway?"), sex);
    return true;
}

static void ask_existing(struct app *a, struct ctx *c, int64_t existing, struct form_reply *r)
{
    struct resident other;
    char address[256] = "";

    c->existing = existing;
    c->existing_hh = 0;
    if (resident_get(a->s->db, existing, &other) != 0) {
        r->outcome = FORM_REFUSED;
        r->field = F_ID;
        snprintf(r->why, sizeof r->why, "%s",
                 _("This ID number is already registered for another person."));
        return;
    }
    c->existing_hh = other.household_id;
    hh_address_of(a, other.household_id, address, sizeof address);
    r->outcome = FORM_ASK;
    r->ask = ASK_EXISTING;
    snprintf(r->question, sizeof r->question, _("ID already registered: %s, %s. Open them instead?"),
             other.name, address);
}

static void save(struct app *a, void *record, void *ctxp, struct form_reply *reply)
{
    struct resident *r = record;
    struct ctx *c = ctxp;
    char why[256];
    size_t at = offsetof(struct resident, name);
    int64_t existing = 0;

    if (!other_document(c->doc_kind))
        r->id_kind = *r->id_number ? IDK_RESIDENT : IDK_NONE;
    if (resident_check_at(r, &at, why, sizeof why) != 0) {
        reply->outcome = FORM_REFUSED;
        reply->by_member = true;
        reply->member = at;
        snprintf(reply->why, sizeof reply->why, "%s", why);
        return;
    }
    if (disagrees(c, r, reply))
        return;
    if (resident_save(a->s->db, r, &existing) != 0) {
        if (existing > 0) {
            ask_existing(a, c, existing, reply);
            return;
        }
        reply->outcome = FORM_FAILED;
        snprintf(reply->why, sizeof reply->why, _("The resident could not be saved: %s"),
                 db_errmsg(a->s->db));
        return;
    }
    msg_info(_("Saved %s"), r->name);
    hh_card_select(a, r->id);
    reply->outcome = FORM_SAVED;
}

static void open_existing(struct app *a, const void *record, const void *ctxp)
{
    const struct ctx *c = ctxp;

    hh_card_open(a, c->existing_hh, c->existing);
}

static void answer(struct app *a, void *record, void *ctxp, int ask, bool yes,
                   struct form_reply *reply)
{
    struct resident *r = record;
    struct ctx *c = ctxp;

    if (ask == ASK_EXISTING) {
        if (yes) {
            reply->outcome = FORM_CLOSED;
            reply->after = open_existing;
            return;
        }
        reply->outcome = FORM_REFUSED;
        reply->field = F_ID;
        snprintf(reply->why, sizeof reply->why, "%s",
                 _("This ID number is already registered for another person."));
        return;
    }
    if (yes) {
        snprintf(c->accepted, sizeof c->accepted, "%s|%s|%s", r->id_number, r->birth_date,
                 r->sex);
        save(a, record, ctxp, reply);
        return;
    }
    /* Back to the field the question was about. */
    reply->outcome = FORM_REFUSED;
    reply->field = c->sex_only ? F_SEX : F_BIRTH;
    snprintf(reply->why, sizeof reply->why, "%s",
             _("Not saved: correct this, or the ID number."));
}

static const struct form_spec spec = {
    .title = N_("New member"),
    .fields = field_table,
    .nfields = NF,
    .record_size = sizeof(struct resident),
    .ctx_size = sizeof(struct ctx),
    .load = load,
    .fields_for = fields_for,
    .title_now = title_now,
    .save = save,
    .answer = answer,
};

const struct screen_ops screen_hh_resident_form = FORM_SCREEN("resident", N_("Resident"),
                                                              &spec);

void hh_resident_form_open(struct app *a, int64_t household_id, int64_t resident_id)
{
    struct open_arg arg = { household_id, resident_id };

    form_push(a, &screen_hh_resident_form, &arg);
}
