/* formscreen.c — the one form screen every form is; see formscreen.h. */
#include "ui/kit/formscreen.h"

#include <stdlib.h>
#include <string.h>

#include "src/i18n.h"
#include "src/msg.h"
#include "ui/kit/app.h"
#include "ui/kit/keys.h"

enum { ASK_LEAVE = -1 }; /* the kit's own question: throw the changes away? */
enum { FORM_AGAIN = ACT_SCREEN + 99 }; /* not a key: a retry of an answer */

const int formscreen_bar[] = { ACT_SAVE, ACT_BACK, ACT_NONE };

static void *xcalloc(size_t size)
{
    void *p = calloc(1, size ? size : 1);

    if (!p)
        msg_fatal("%s", _("out of memory"));
    return p;
}

void formscreen_open(struct app *a, void *state, const void *arg)
{
    struct formscreen *st = state;

    st->spec = app_top(a)->kit;
    st->record = xcalloc(st->spec->record_size);
    st->ctx = xcalloc(st->spec->ctx_size);
    ledit_init(&st->ui.pick.filter, 32); /* closed cleanly even when load refuses */
    if (st->spec->load && !st->spec->load(a, st->record, st->ctx, arg, &st->editing)) {
        st->failed = true;
        return;
    }
    ledit_free(&st->ui.pick.filter);
    uiform_open(&st->ui,
                st->spec->fields_for ? st->spec->fields_for(st->ctx, st->record)
                                     : st->spec->fields,
                st->spec->nfields, st->record);
    form_set_context(&st->ui.form, st->ctx);
    if (st->spec->ready)
        st->spec->ready(a, &st->ui.form, st->ctx);
}

void formscreen_close(struct app *a, void *state)
{
    struct formscreen *st = state;

    uiform_close(&st->ui);
    free(st->record);
    free(st->ctx);
}

bool formscreen_dirty(struct app *a, void *state)
{
    struct formscreen *st = state;

    return !st->failed && form_dirty(&st->ui.form);
}

void *form_push(struct app *a, const struct screen_ops *ops, const void *arg)
{
    struct formscreen *st = app_push(a, ops, arg);

    if (st && st->failed) {
        app_pop(a);
        return NULL;
    }
    return st;
}

void formscreen_draw(struct app *a, void *state, WINDOW *body)
{
    struct formscreen *st = state;
    const char *title = st->editing && st->spec->title_edit ? st->spec->title_edit
                                                            : st->spec->title;

    uiform_draw(a, body, &st->ui, st->spec->title_now ? st->spec->title_now(st->ctx) : _(title));
    prompt_show(a, &st->prompt);
}

/* ---- after the form --------------------------------------------------- */

struct after {
    void (*fn)(struct app *a, const void *record, const void *ctx);
    void *record, *ctx;
};

static void run_after(struct app *a, void *data)
{
    struct after *af = data;

    af->fn(a, af->record, af->ctx);
    free(af->record);
    free(af->ctx);
    free(af);
}

/* The form closes: what comes after runs then, with copies of its record
 * and state (the frame is freed before). */
static unsigned close_then(struct app *a, struct formscreen *st,
                           void (*fn)(struct app *, const void *, const void *))
{
    if (fn) {
        struct after *af = xcalloc(sizeof *af);
        af->fn = fn;
        af->record = xcalloc(st->spec->record_size);
        af->ctx = xcalloc(st->spec->ctx_size);
        memcpy(af->record, st->record, st->spec->record_size);
        memcpy(af->ctx, st->ctx, st->spec->ctx_size);
        app_after_close(a, run_after, af);
    }
    return SCR_HANDLED | SCR_BACK;
}

/* What the spec said a save or an answer came to. */
static unsigned outcome(struct app *a, struct formscreen *st, struct form_reply *r)
{
    switch (r->outcome) {
    case FORM_SAVED:
        return close_then(a, st, r->after ? r->after : st->spec->then);
    case FORM_CLOSED:
        form_restore(&st->ui.form);
        return close_then(a, st, r->after);
    case FORM_REFUSED: {
        int i = r->by_member ? form_field_at(&st->ui.form, r->member) : (int)r->field;
        if (i < 0)
            i = (int)st->ui.form.cur;
        form_set_error(&st->ui.form, (size_t)i, r->why);
        form_focus(&st->ui.form, (size_t)i);
        uiform_report(&st->ui.form);
        break;
    }
    case FORM_ASK:
        prompt_ask(&st->prompt, r->ask, r->question);
        break;
    case FORM_FAILED:
        /* Busy: tried again by itself -- the save, or the yes that failed. */
        if (!app_retry_busy(a, st->retry_ask ? FORM_AGAIN : ACT_SAVE, 0))
            msg_error("%s", r->why);
        break;
    case FORM_STAY:
        break;
    }
    return SCR_HANDLED | SCR_REDRAW;
}

static unsigned save(struct app *a, struct formscreen *st)
{
    struct form_reply r = { .outcome = FORM_STAY };

    if (!form_read(&st->ui.form, st->record)) {
        uiform_report(&st->ui.form);
        return SCR_HANDLED | SCR_REDRAW;
    }
    st->spec->save(a, st->record, st->ctx, &r);
    return outcome(a, st, &r);
}

static unsigned answer(struct app *a, struct formscreen *st, int key)
{
    struct form_reply r = { .outcome = FORM_STAY };
    int ask;
    enum prompt_answer ans = prompt_key(&st->prompt, key, &ask);

    if (ans == PROMPT_NONE)
        return SCR_HANDLED | SCR_REDRAW; /* the question stays */
    if (ask == ASK_LEAVE) {
        if (ans == PROMPT_NO)
            return SCR_HANDLED | SCR_REDRAW;
        form_restore(&st->ui.form);
        return SCR_HANDLED | SCR_BACK;
    }
    if (!st->spec->answer)
        return ans == PROMPT_YES ? save(a, st) : SCR_HANDLED | SCR_REDRAW;
    if (!form_read(&st->ui.form, st->record)) {
        uiform_report(&st->ui.form);
        return SCR_HANDLED | SCR_REDRAW;
    }
    st->retry_ask = ans == PROMPT_YES ? ask : 0;
    st->spec->answer(a, st->record, st->ctx, ask, ans == PROMPT_YES, &r);
    unsigned flags = outcome(a, st, &r);
    if (r.outcome != FORM_FAILED)
        st->retry_ask = 0;
    return flags;
}

/* A yes the database was busy for, given again. */
static unsigned answer_again(struct app *a, struct formscreen *st)
{
    struct form_reply r = { .outcome = FORM_STAY };
    int ask = st->retry_ask;

    st->spec->answer(a, st->record, st->ctx, ask, true, &r);
    unsigned flags = outcome(a, st, &r);
    if (r.outcome != FORM_FAILED)
        st->retry_ask = 0;
    return flags;
}

unsigned formscreen_key(struct app *a, void *state, int action, int key)
{
    struct formscreen *st = state;

    if (action == FORM_AGAIN && st->retry_ask)
        return answer_again(a, st);
    st->retry_ask = 0;
    if (prompt_open(&st->prompt) && !keys_is_fn(key))
        return answer(a, st, key);
    switch (uiform_key(&st->ui, action, key)) {
    case UIFORM_CHANGED:
        return SCR_HANDLED | SCR_REDRAW;
    case UIFORM_SAVE:
        return save(a, st);
    case UIFORM_CANCEL:
        if (!form_dirty(&st->ui.form))
            return SCR_HANDLED | SCR_BACK;
        prompt_ask(&st->prompt, ASK_LEAVE, _("Throw away what you typed in this form?"));
        return SCR_HANDLED | SCR_REDRAW;
    case UIFORM_UNHANDLED:
        break;
    }
    return SCR_UNHANDLED;
}
