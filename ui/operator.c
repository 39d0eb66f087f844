/* operator.c — the operator form ('o'): who is on duty.  Name (required, at
 * most 20 characters) and Phone (optional, checked as a phone number).  A
 * good save calls session_set_operator, so the title bar and the audit
 * trail use the new name from then on, and says so on the status line; Esc
 * puts back what was there and closes the form.  The phone is kept for
 * the rest of the session (it is shown again the next time). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "src/form.h"
#include "src/i18n.h"
#include "src/msg.h"
#include "src/text.h"
#include "ui/kit/app.h"
#include "ui/kit/form.h"

struct operator_rec {
    char name[64];
    char phone[32];
};

static const struct form_field fields[] = {
    { .label = N_("Name"), .kind = FIELD_TEXT, .width = 41, .max_chars = 20, .required = true,
      .offset = offsetof(struct operator_rec, name),
      .size = sizeof ((struct operator_rec *)0)->name },
    { .label = N_("Phone"), .kind = FIELD_PHONE, .width = 20, .validate = field_check_phone,
      .offset = offsetof(struct operator_rec, phone),
      .size = sizeof ((struct operator_rec *)0)->phone,
      .hint = N_("mobile or landline with area code; may stay empty") },
};

struct operator_state {
    struct operator_rec rec;
    struct form form;
};

static void open_form(struct app *a)
{
    struct operator_state *st = calloc(1, sizeof *st);

    if (!st)
        msg_fatal("%s", _("out of memory"));
    /* Cut, if it must be, at a character boundary. */
    text_fit(st->rec.name, sizeof st->rec.name, a->s->operator_name, (int)sizeof st->rec.name,
             false);
    snprintf(st->rec.phone, sizeof st->rec.phone, "%s", a->operator_phone);
    form_open(&st->form, fields, sizeof fields / sizeof fields[0], &st->rec);
    a->state[SCR_OPERATOR] = st;
}

static void close_form(struct app *a)
{
    struct operator_state *st = a->state[SCR_OPERATOR];

    if (!st)
        return;
    form_close(&st->form);
    free(st);
    a->state[SCR_OPERATOR] = NULL;
}

static void draw(struct app *a, WINDOW *body)
{
    struct operator_state *st = a->state[SCR_OPERATOR];
    int y, x;

    uiform_draw(body, &st->form, _("Operator"), &y, &x);
    if (y >= 0)
        app_set_cursor(a, y, x);
}

static unsigned save(struct app *a, struct operator_state *st)
{
    if (!form_save(&st->form, &st->rec)) {
        uiform_report(&st->form);
        return SCR_HANDLED | SCR_REDRAW;
    }
    session_set_operator(a->s, st->rec.name);
    snprintf(a->operator_phone, sizeof a->operator_phone, "%s", st->rec.phone);
    msg_info(_("Operator is now %s"), a->s->operator_name);
    return SCR_HANDLED | SCR_BACK;
}

static unsigned key(struct app *a, enum action act, int k)
{
    struct operator_state *st = a->state[SCR_OPERATOR];

    switch (uiform_key(&st->form, act, k)) {
    case UIFORM_CHANGED:
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

static bool dirty(struct app *a)
{
    struct operator_state *st = a->state[SCR_OPERATOR];

    return st && form_dirty(&st->form);
}

static const enum action bar[] = { ACT_SAVE, ACT_BACK, ACT_NONE };

const struct screen_ops screen_operator = {
    .id = SCR_OPERATOR,
    .title = N_("Operator"),
    .is_form = true,
    .open = open_form,
    .draw = draw,
    .key = key,
    .close = close_form,
    .dirty = dirty,
    .bar_actions = bar,
};
