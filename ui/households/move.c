/* move.c — a resident who changes household, and one who leaves.
 *
 * Move (m): the screen asks for the new household the way the list finds
 * one -- type its address (12-2-302, 大美南苑12幢2单元302) or the name of
 * someone living there -- and Enter on the household's row asks, with both
 * addresses, before it moves the resident (resident_move).  An address with
 * nobody living there is found too.  The keyboard is in the search box;
 * Up and Down move in the list under it.
 *
 * Moved out (x): a form over the resident's own record, the date (today
 * unless changed) and where to; it asks before it marks the resident (not
 * deleted: resident_move_out), who keeps their history. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "src/date.h"
#include "src/households/household.h"
#include "src/i18n.h"
#include "src/kit/lineedit.h"
#include "src/msg.h"
#include "ui/households/hh.h"
#include "ui/households/rows.h"
#include "ui/kit/app.h"
#include "ui/kit/draw.h"
#include "ui/kit/editbox.h"
#include "ui/kit/formscreen.h"
#include "ui/kit/keys.h"
#include "ui/kit/prompt.h"
#include "ui/kit/term.h"

#define QUERY_MAX_CHARS 64

/* ---- move ---------------------------------------------------------------- */

enum { ASK_MOVE = 1 };
enum { MOVE_AGAIN = ACT_SCREEN + 50 }; /* not a key: a retry */

struct mover {
    struct resident r;
    char from[256];      /* the address they live at now */
    struct ledit box;
    struct hh_rows rows;
    struct prompt prompt;
    int64_t to;          /* the household asked about */
    char to_address[256];
    char heading[768];   /* what the screen does, wrapped over the top rows */
};

/* The rows the heading takes (it wraps, it is never cut). */
static int heading_rows(struct app *a, const struct mover *m)
{
    return draw_wrap_rows(m->heading, app_body_cols(a) - 2);
}

/* The rows of the list: under the heading, the box and the list's own
 * heading. */
static int move_rows(struct app *a, const struct mover *m)
{
    int n = app_body_rows(a) - heading_rows(a, m) - 2;
    return n > 1 ? n : 1;
}

static void move_prepare(struct app *a, void *st)
{
    struct mover *m = st;

    if (!ledit_empty(&m->box))
        listview_prepare(&m->rows.view, move_rows(a, m));
}

static void move_draw(struct app *a, void *st, WINDOW *body)
{
    struct mover *m = st;
    int cols = getmaxx(body), x = 1, width, caret, y, rows = app_body_rows(a);
    char label[64];

    y = draw_wrap(body, 0, 1, cols - 2, rows, m->heading, term_attr(ROLE_HEADING));
    snprintf(label, sizeof label, "%s:", _("Search"));
    x += draw_text(body, y, x, cols - x, label, A_BOLD, false) + 1;
    width = cols - x - 2 < 50 ? cols - x - 2 : 50;
    editbox_draw(body, y, x, width, &m->box, term_attr(ROLE_FIELD), &caret);
    app_set_cursor(a, y, caret);
    y++;
    if (ledit_empty(&m->box))
        draw_wrap(body, y, 1, cols - 2, rows - y,
                  _("Type the new address (12-2-302) or the name of someone living there; "
                    "Enter asks before it moves, Esc cancels."),
                  A_DIM);
    else
        listview_draw(&m->rows.view, body, y, 0, cols, move_rows(a, m), true);
    prompt_show(a, &m->prompt);
}

static unsigned ask_move(struct app *a, struct mover *m)
{
    const struct search_hit *h = hh_rows_selected(&m->rows);
    char question[768];

    if (!h) {
        msg_warn("%s", _("Find the new household first: type its address."));
        return SCR_HANDLED | SCR_REDRAW;
    }
    if (h->household_id == m->r.household_id) {
        msg_warn(_("%s already lives at %s."), m->r.name, h->address);
        return SCR_HANDLED | SCR_REDRAW;
    }
    m->to = h->household_id;
    snprintf(m->to_address, sizeof m->to_address, "%s", h->address);
    snprintf(question, sizeof question, _("Move %s from %s to %s?"), m->r.name, m->from,
             h->address);
    prompt_ask(&m->prompt, ASK_MOVE, question);
    return SCR_HANDLED | SCR_REDRAW;
}

static unsigned do_move(struct app *a, struct mover *m)
{
    if (resident_move(a->s->db, m->r.id, m->to) != 0) {
        if (!app_retry_busy(a, MOVE_AGAIN, 0))
            msg_error(_("%s could not be moved: %s"), m->r.name, db_errmsg(a->s->db));
        return SCR_HANDLED | SCR_REDRAW;
    }
    msg_info(_("Moved %s to %s"), m->r.name, m->to_address);
    return SCR_HANDLED | SCR_BACK;
}

static unsigned move_key(struct app *a, void *st, int act, int k)
{
    struct mover *m = st;
    bool changed;
    int id;

    if (prompt_open(&m->prompt) && !keys_is_fn(k)) {
        enum prompt_answer ans = prompt_key(&m->prompt, k, &id);
        if (ans == PROMPT_YES)
            return do_move(a, m);
        if (ans == PROMPT_NO)
            msg_info("%s", _("Not moved."));
        return SCR_HANDLED | SCR_REDRAW;
    }
    /* A move the database was busy for, tried again (app_retry_busy). */
    if (act == MOVE_AGAIN)
        return do_move(a, m);
    if (editbox_key(&m->box, k, &changed)) {
        if (changed) {
            char q[4 * QUERY_MAX_CHARS + 1];
            ledit_copy(&m->box, q, sizeof q);
            hh_rows_set_search(&m->rows, q);
            listview_prepare(&m->rows.view, move_rows(a, m));
        }
        return SCR_HANDLED | SCR_REDRAW;
    }
    if (act == ACT_BACK)
        return SCR_HANDLED | SCR_BACK;
    if (act == ACT_OPEN)
        return ask_move(a, m);
    if (listview_key(&m->rows.view, act, move_rows(a, m)))
        return SCR_HANDLED | SCR_REDRAW;
    return SCR_UNHANDLED;
}

static void move_open_state(struct app *a, void *st, const void *arg)
{
    struct mover *m = st;
    int64_t resident_id = *(const int64_t *)arg;

    ledit_init(&m->box, QUERY_MAX_CHARS);
    hh_rows_init(&m->rows, a->s->db);
    m->rows.view.marks = false;
    if (resident_get(a->s->db, resident_id, &m->r) != 0)
        return;
    hh_address_of(a, m->r.household_id, m->from, sizeof m->from);
    snprintf(m->heading, sizeof m->heading,
             _("Move %s (now at %s) to the household of the selected row."), m->r.name, m->from);
}

static void move_close_state(struct app *a, void *st)
{
    struct mover *m = st;

    ledit_free(&m->box);
    hh_rows_free(&m->rows);
}

static bool move_typing(struct app *a, void *st)
{
    return !prompt_open(&((struct mover *)st)->prompt);
}

static const int move_bar[] = { ACT_OPEN, ACT_BACK, ACT_NONE };

const struct screen_ops screen_hh_move = {
    .name = "move",
    .title = N_("Move a resident"),
    .kind = SCREEN_LIST,
    .state_size = sizeof(struct mover),
    .open = move_open_state,
    .prepare = move_prepare,
    .draw = move_draw,
    .key = move_key,
    .close = move_close_state,
    .typing = move_typing,
    .bar = move_bar,
};

void hh_move_open(struct app *a, int64_t resident_id)
{
    struct resident r;

    if (resident_get(a->s->db, resident_id, &r) != 0) {
        msg_error("%s", _("This resident could not be read from the database."));
        return;
    }
    app_push(a, &screen_hh_move, &resident_id);
}

/* ---- moved out --------------------------------------------------------------- */

#define RMEMBER(m) .offset = offsetof(struct resident, m), \
                   .size = sizeof ((struct resident *)0)->m

static const struct form_field leaving_fields[] = {
    { N_("Moved out on"), FIELD_DATE, 12, 12, true, NULL, RMEMBER(moved_out_on),
      .hint = N_("YYYY-MM-DD, today or yesterday") },
    { N_("Moved to"), FIELD_TEXT, 30, 40, false, NULL, RMEMBER(moved_to),
      .hint = N_("where they went, e.g. 杭州市西湖区; may stay empty") },
};

enum { ASK_MOVE_OUT = 1 };

struct leaving {
    char title[256];
};

static bool out_load(struct app *a, void *record, void *ctxp, const void *arg, bool *editing)
{
    struct resident *r = record;
    struct leaving *l = ctxp;

    if (resident_get(a->s->db, *(const int64_t *)arg, r) != 0) {
        msg_error("%s", _("This resident could not be read from the database."));
        return false;
    }
    if (*r->moved_out_on)
        msg_info(_("%s moved out on %s already: change the date or the place, or Esc."), r->name,
                 r->moved_out_on);
    else
        date_format(clock_today(), r->moved_out_on, sizeof r->moved_out_on);
    snprintf(l->title, sizeof l->title, _("Moved out: %s"), r->name);
    return true;
}

static const char *out_title(void *ctxp)
{
    return ((struct leaving *)ctxp)->title;
}

static void out_save(struct app *a, void *record, void *ctxp, struct form_reply *reply)
{
    const struct resident *r = record;

    reply->outcome = FORM_ASK;
    reply->ask = ASK_MOVE_OUT;
    if (*r->moved_to)
        snprintf(reply->question, sizeof reply->question,
                 _("Mark %s moved out on %s, to %s?"), r->name, r->moved_out_on, r->moved_to);
    else
        snprintf(reply->question, sizeof reply->question, _("Mark %s moved out on %s?"),
                 r->name, r->moved_out_on);
}

static void out_answer(struct app *a, void *record, void *ctxp, int ask, bool yes,
                       struct form_reply *reply)
{
    const struct resident *r = record;

    if (!yes) {
        reply->outcome = FORM_STAY;
        msg_info("%s", _("Not marked: nothing was changed."));
        return;
    }
    if (resident_move_out(a->s->db, r->id, r->moved_out_on, r->moved_to) != 0) {
        reply->outcome = FORM_FAILED;
        snprintf(reply->why, sizeof reply->why, _("%s could not be marked moved out: %s"),
                 r->name, db_errmsg(a->s->db));
        return;
    }
    msg_info(_("%s is marked moved out on %s"), r->name, r->moved_out_on);
    reply->outcome = FORM_SAVED;
}

static const struct form_spec leaving_spec = {
    .title = N_("Moved out"),
    .fields = leaving_fields,
    .nfields = sizeof leaving_fields / sizeof leaving_fields[0],
    .record_size = sizeof(struct resident),
    .ctx_size = sizeof(struct leaving),
    .load = out_load,
    .title_now = out_title,
    .save = out_save,
    .answer = out_answer,
};

const struct screen_ops screen_hh_move_out = FORM_SCREEN("move_out", N_("Moved out"),
                                                         &leaving_spec);

void hh_move_out_open(struct app *a, int64_t resident_id)
{
    form_push(a, &screen_hh_move_out, &resident_id);
}
