/* ui/households/move.c — a resident who changes household, and one who leaves.
 *
 * Move (m): the screen asks for the new household the way the list finds
 * one — type its address (12-2-302, 大美南苑12幢2单元302) or the name of
 * someone living there — and Enter moves the resident to the household of
 * the selected row (resident_move).  An address with nobody living there
 * is found too.
 *
 * Moved out (x): a small form, the date (today unless changed) and where
 * to; the resident is marked, not deleted (resident_move_out), and keeps
 * their history. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/date.h"
#include "src/form.h"
#include "src/household.h"
#include "src/i18n.h"
#include "src/lineedit.h"
#include "src/msg.h"
#include "ui/kit/app.h"
#include "ui/kit/draw.h"
#include "ui/kit/form.h"
#include "ui/households/hh.h"
#include "ui/households/rows.h"
#include "ui/kit/keys.h"
#include "ui/kit/term.h"

#define QUERY_MAX_CHARS 64
#define LIST_Y 3

/* ---- move ---------------------------------------------------------------- */

struct mover {
    struct resident r;
    char from[256];      /* the address they live at now */
    struct ledit box;
    struct hh_rows rows;
};

static const struct screen_ops screen_hh_move;

static struct mover *mover(struct app *a)
{
    return a->state[SCR_HH_MOVE];
}

static int move_rows(struct app *a)
{
    int n = a->body_lines - LIST_Y - 1;
    return n > 1 ? n : 1;
}

static void move_draw(struct app *a, WINDOW *body)
{
    struct mover *m = mover(a);
    int cols = getmaxx(body), x = 1, cx = 0, width;
    char text[512], label[64], view[4 * DRAW_MAX_COLS + 1];
    bool left = false, right = false;

    snprintf(text, sizeof text, _("Move %s (now at %s) to the household of the selected row."),
             m->r.name, m->from);
    draw_text_mark(body, 0, 1, cols - 2, text, term_attr(ROLE_HEADING), false);
    snprintf(label, sizeof label, "%s:", _("Search"));
    x += draw_text(body, 1, x, cols - x, label, A_BOLD, false) + 1;
    width = cols - x - 2 < 50 ? cols - x - 2 : 50;
    ledit_view(&m->box, width, view, sizeof view, &cx, &left, &right);
    draw_text(body, 1, x, width, view, term_attr(ROLE_FIELD), true);
    app_set_cursor(a, 1, x + cx);
    if (ledit_empty(&m->box)) {
        draw_text_mark(body, 2, 1, cols - 2,
                       _("Type the new address (12-2-302) or the name of someone living there; "
                         "Enter moves, Esc cancels."),
                       A_DIM, false);
        return;
    }
    hh_rows_show(&m->rows, a->s->db, move_rows(a));
    hh_rows_draw(&m->rows, body, LIST_Y, move_rows(a), true);
}

static unsigned move_to_selected(struct app *a, struct mover *m)
{
    const struct search_hit *h = hh_rows_selected(&m->rows);

    if (!h) {
        msg_warn("%s", _("Find the new household first: type its address."));
        return SCR_HANDLED | SCR_REDRAW;
    }
    if (h->household_id == m->r.household_id) {
        msg_warn(_("%s already lives at %s."), m->r.name, h->address);
        return SCR_HANDLED | SCR_REDRAW;
    }
    if (resident_move(a->s->db, m->r.id, h->household_id) != 0) {
        if (!app_retry_busy(a, ACT_OPEN, KEYS_ENTER))
            msg_error(_("%s could not be moved: %s"), m->r.name, db_errmsg(a->s->db));
        return SCR_HANDLED | SCR_REDRAW;
    }
    msg_info(_("Moved %s to %s"), m->r.name, h->address);
    return SCR_HANDLED | SCR_BACK;
}

static unsigned move_key(struct app *a, enum action act, int k)
{
    struct mover *m = mover(a);
    bool changed = false;

    if (keys_is_text(k)) {
        ledit_insert(&m->box, (wchar_t)k);
        changed = true;
    } else if (k == keys_fn(KEY_BACKSPACE)) {
        changed = ledit_backspace(&m->box);
    } else if (k == keys_fn(KEY_LEFT)) {
        ledit_left(&m->box);
        return SCR_HANDLED | SCR_REDRAW;
    } else if (k == keys_fn(KEY_RIGHT)) {
        ledit_right(&m->box);
        return SCR_HANDLED | SCR_REDRAW;
    } else if (k == 21) { /* ^U */
        changed = ledit_kill_bol(&m->box);
    } else if (act == ACT_BACK) {
        return SCR_HANDLED | SCR_BACK;
    } else if (act == ACT_OPEN) {
        return move_to_selected(a, m);
    } else if (hh_rows_move(&m->rows, a->s->db, act, move_rows(a))) {
        return SCR_HANDLED | SCR_REDRAW;
    } else {
        return SCR_UNHANDLED;
    }
    if (changed) {
        char q[4 * QUERY_MAX_CHARS + 1];
        ledit_copy(&m->box, q, sizeof q);
        hh_rows_set_search(&m->rows, q);
    }
    return SCR_HANDLED | SCR_REDRAW;
}

static void move_open_state(struct app *a)
{
    struct mover *m = calloc(1, sizeof *m);

    if (!m)
        msg_fatal("%s", _("out of memory"));
    ledit_init(&m->box, QUERY_MAX_CHARS);
    hh_rows_init(&m->rows);
    a->state[SCR_HH_MOVE] = m;
}

static void move_close_state(struct app *a)
{
    struct mover *m = mover(a);

    if (!m)
        return;
    ledit_free(&m->box);
    hh_rows_free(&m->rows);
    free(m);
    a->state[SCR_HH_MOVE] = NULL;
}

void hh_move_open(struct app *a, int64_t resident_id)
{
    struct resident r;
    struct mover *m;

    if (resident_get(a->s->db, resident_id, &r) != 0) {
        msg_error("%s", _("This resident could not be read from the database."));
        return;
    }
    app_push(a, &screen_hh_move);
    m = mover(a);
    if (app_top(a) != &screen_hh_move || !m) {
        msg_error("%s", _("Too many screens are open: press Esc first."));
        return;
    }
    m->r = r;
    hh_address_of(a, r.household_id, m->from, sizeof m->from);
    ledit_clear(&m->box);
    hh_rows_set_search(&m->rows, "");
}

static const enum action move_bar[] = { ACT_OPEN, ACT_BACK, ACT_NONE };

static const struct screen_ops screen_hh_move = {
    .id = SCR_HH_MOVE,
    .title = N_("Move a resident"),
    .open = move_open_state,
    .draw = move_draw,
    .key = move_key,
    .close = move_close_state,
    .bar_actions = move_bar,
};

/* ---- moved out --------------------------------------------------------------- */

struct leaving_rec {
    char date[11];
    char where[128];
};

#define LMEMBER(m) offsetof(struct leaving_rec, m), sizeof ((struct leaving_rec *)0)->m

static const struct form_field leaving_fields[] = {
    { N_("Moved out on"), FIELD_DATE, 12, 12, true, NULL, LMEMBER(date),
      N_("YYYY-MM-DD, today or yesterday"), NULL },
    { N_("Moved to"), FIELD_TEXT, 30, 40, false, NULL, LMEMBER(where),
      N_("where they went, e.g. 杭州市西湖区; may stay empty"), NULL },
};

struct leaving {
    struct resident r;
    struct leaving_rec rec;
    struct form form;
    char title[256];
};

static const struct screen_ops screen_hh_move_out;

static struct leaving *leaving(struct app *a)
{
    return a->state[SCR_HH_MOVE_OUT];
}

static void out_draw(struct app *a, WINDOW *body)
{
    struct leaving *l = leaving(a);
    int y, x;

    uiform_draw(body, &l->form, l->title, &y, &x);
    if (y >= 0)
        app_set_cursor(a, y, x);
}

static unsigned out_save(struct app *a, struct leaving *l)
{
    if (!form_read(&l->form, &l->rec)) {
        uiform_report(&l->form);
        return SCR_HANDLED | SCR_REDRAW;
    }
    if (resident_move_out(a->s->db, l->r.id, l->rec.date, l->rec.where) != 0) {
        if (!app_retry_busy(a, ACT_SAVE, 0))
            msg_error(_("%s could not be marked moved out: %s"), l->r.name,
                      db_errmsg(a->s->db));
        return SCR_HANDLED | SCR_REDRAW;
    }
    msg_info(_("%s is marked moved out on %s"), l->r.name, l->rec.date);
    return SCR_HANDLED | SCR_BACK;
}

static unsigned out_key(struct app *a, enum action act, int k)
{
    struct leaving *l = leaving(a);

    switch (uiform_key(&l->form, act, k)) {
    case UIFORM_CHANGED:
        return SCR_HANDLED | SCR_REDRAW;
    case UIFORM_SAVE:
        return out_save(a, l);
    case UIFORM_CANCEL:
        form_restore(&l->form);
        return SCR_HANDLED | SCR_BACK;
    case UIFORM_UNHANDLED:
        break;
    }
    return SCR_UNHANDLED;
}

static void out_open_state(struct app *a)
{
    struct leaving *l = calloc(1, sizeof *l);

    if (!l)
        msg_fatal("%s", _("out of memory"));
    a->state[SCR_HH_MOVE_OUT] = l;
}

static void out_close_state(struct app *a)
{
    struct leaving *l = leaving(a);

    if (!l)
        return;
    form_close(&l->form);
    free(l);
    a->state[SCR_HH_MOVE_OUT] = NULL;
}

static bool out_dirty(struct app *a)
{
    struct leaving *l = leaving(a);

    return l && form_dirty(&l->form);
}

void hh_move_out_open(struct app *a, int64_t resident_id)
{
    struct resident r;
    struct leaving *l;

    if (resident_get(a->s->db, resident_id, &r) != 0) {
        msg_error("%s", _("This resident could not be read from the database."));
        return;
    }
    app_push(a, &screen_hh_move_out);
    l = leaving(a);
    if (app_top(a) != &screen_hh_move_out || !l) {
        msg_error("%s", _("Too many screens are open: press Esc first."));
        return;
    }
    form_close(&l->form);
    l->r = r;
    memset(&l->rec, 0, sizeof l->rec);
    if (*r.moved_out_on) {
        snprintf(l->rec.date, sizeof l->rec.date, "%s", r.moved_out_on);
        snprintf(l->rec.where, sizeof l->rec.where, "%s", r.moved_to);
        msg_info(_("%s moved out on %s already: change the date or the place, or Esc."), r.name,
                 r.moved_out_on);
    } else {
        date_format(clock_today(), l->rec.date, sizeof l->rec.date);
    }
    snprintf(l->title, sizeof l->title, _("Moved out: %s"), r.name);
    form_open(&l->form, leaving_fields, sizeof leaving_fields / sizeof leaving_fields[0],
              &l->rec);
}

static const enum action out_bar[] = { ACT_SAVE, ACT_BACK, ACT_NONE };

static const struct screen_ops screen_hh_move_out = {
    .id = SCR_HH_MOVE_OUT,
    .title = N_("Moved out"),
    .is_form = true,
    .open = out_open_state,
    .draw = out_draw,
    .key = out_key,
    .close = out_close_state,
    .dirty = out_dirty,
    .bar_actions = out_bar,
};
