/* operator.c — the operator form ('o'): who is on duty.  Name (required, at
 * most 20 characters) and Phone (optional, checked as a phone number).  A
 * save makes the name the operator of the session: the title bar and the
 * audit trail use it from then on.  The phone is kept for the run. */
#include <stddef.h>
#include <stdio.h>

#include "src/i18n.h"
#include "src/msg.h"
#include "src/text.h"
#include "ui/kit/app.h"
#include "ui/kit/formscreen.h"

struct operator_rec {
    char name[64];
    char phone[32];
};

static const struct form_field fields[] = {
    { .label = N_("Name"), .kind = FIELD_TEXT, .width = 41, .max_chars = 20, .required = true,
      .offset = offsetof(struct operator_rec, name),
      .size = sizeof ((struct operator_rec *)0)->name },
    { .label = N_("Phone"), .kind = FIELD_PHONE, .width = 20,
      .offset = offsetof(struct operator_rec, phone),
      .size = sizeof ((struct operator_rec *)0)->phone,
      .hint = N_("mobile or landline with area code; may stay empty") },
};

static bool load(struct app *a, void *record, void *ctx, const void *arg, bool *editing)
{
    struct operator_rec *r = record;

    text_copy(r->name, sizeof r->name, a->s->operator_name);
    snprintf(r->phone, sizeof r->phone, "%s", a->operator_phone);
    return true;
}

static void save(struct app *a, void *record, void *ctx, struct form_reply *reply)
{
    const struct operator_rec *r = record;

    session_set_operator(a->s, r->name);
    snprintf(a->operator_phone, sizeof a->operator_phone, "%s", r->phone);
    msg_info(_("Operator is now %s"), a->s->operator_name);
    reply->outcome = FORM_SAVED;
}

static const struct form_spec spec = {
    .title = N_("Operator"), .fields = fields, .nfields = sizeof fields / sizeof fields[0],
    .record_size = sizeof(struct operator_rec), .load = load, .save = save,
};

const struct screen_ops screen_operator = FORM_SCREEN("operator", N_("Operator"), &spec);
