/* ui/households/card.c — the household card: the household (address, grid, grid
 * worker, kind, phone, notes) and its members, head first, then pinyin
 * order, those who moved out last (household_members).
 *
 * The selection is on a member, or on the household's own line above
 * them: Up and Down move it; e (or Enter) edits what is selected, a adds a
 * member, m moves the selected member to another household, x marks them
 * moved out.  Esc goes back to the list.  When a form or a move closes,
 * the card reads the household again (resume). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/hh_list.h"
#include "src/household.h"
#include "src/i18n.h"
#include "src/msg.h"
#include "src/text.h"
#include "ui/kit/app.h"
#include "ui/kit/draw.h"
#include "ui/households/hh.h"
#include "ui/households/view.h"
#include "ui/kit/term.h"

#define MEMBERS_Y 6 /* the first member line */

struct card {
    struct household h;
    bool found;
    struct resident *m;
    int n, cap;
    int sel;      /* -1: the household's line; 0 .. n-1: a member */
    int top;      /* the first member shown */
    int64_t want; /* the resident to select when the members are read next */
};

static const enum action own_keys[] = {
    ACT_ADD, ACT_EDIT, ACT_MOVE, ACT_MOVE_OUT, ACT_BACK, ACT_NONE,
};

static const struct screen_ops screen_hh_card;

static struct card *state(struct app *a)
{
    return a->state[SCR_HH_CARD];
}

static bool keys_line_shown(struct app *a)
{
    return !chrome_keybar_fits(a, own_keys);
}

/* Member lines: all but the household's lines, a blank line and the note
 * about quarantines and orders at the bottom. */
static int member_rows(struct app *a)
{
    int n = a->body_lines - MEMBERS_Y - 2 - (keys_line_shown(a) ? 1 : 0);
    return n > 1 ? n : 1;
}

static void add_member(const struct resident *r, void *ctx)
{
    struct card *c = ctx;

    if (c->n == c->cap) {
        int cap = c->cap ? 2 * c->cap : 8;
        struct resident *m = realloc(c->m, (size_t)cap * sizeof *m);
        if (!m)
            msg_fatal("%s", _("out of memory"));
        c->m = m;
        c->cap = cap;
    }
    c->m[c->n++] = *r;
}

/* Reads the household and its members; the selection follows the wanted
 * resident, else the one selected before. */
static void load(struct app *a, struct card *c, int64_t household_id)
{
    db *d = a->s->db;
    int64_t keep = c->want;

    if (!keep && c->sel >= 0 && c->sel < c->n)
        keep = c->m[c->sel].id;
    c->n = 0;
    c->want = 0;
    int rc = household_get(d, household_id, &c->h);
    c->found = rc == 0;
    if (rc < 0)
        msg_error(_("The household could not be read: %s"), db_errmsg(d));
    if (rc == 1)
        msg_error("%s", _("This household is no longer in the database."));
    if (c->found && household_members(d, household_id, add_member, c) < 0)
        msg_error(_("The members could not be read: %s"), db_errmsg(d));
    c->sel = c->n > 0 ? 0 : -1;
    for (int i = 0; i < c->n; i++)
        if (c->m[i].id == keep)
            c->sel = i;
    c->top = 0;
}

/* ---- drawing -------------------------------------------------------------- */

/* "Label: value" pairs on one line, two spaces between. */
static void add_pair(char *buf, size_t bufsz, const char *label, const char *value)
{
    size_t used = strlen(buf);

    snprintf(buf + used, bufsz - used, "%s%s: %s", used ? "   " : "", label,
             *value ? value : "-");
}

static void draw_household(struct app *a, struct card *c, WINDOW *body)
{
    int cols = getmaxx(body);
    char addr[256], line[1024] = "", phone[40];

    household_address(&c->h, addr, sizeof addr);
    draw_text_mark(body, 0, 1, cols - 2, addr,
                   c->sel < 0 ? A_REVERSE | A_BOLD : term_attr(ROLE_HEADING), c->sel < 0);
    text_mask_phone(phone, sizeof phone, c->h.phone);
    add_pair(line, sizeof line, _("Grid"), c->h.grid);
    add_pair(line, sizeof line, _("Grid worker"), c->h.grid_worker);
    add_pair(line, sizeof line, _("Kind"), hh_kind_word(c->h.kind));
    add_pair(line, sizeof line, _("Phone"), phone);
    draw_text_mark(body, 1, 1, cols - 2, line, A_NORMAL, false);
    line[0] = '\0';
    add_pair(line, sizeof line, _("Notes"), c->h.notes);
    draw_text_mark(body, 2, 1, cols - 2, line, A_NORMAL, false);
}

enum { M_REL, M_NAME, M_SEX, M_BORN, M_ID, M_PHONE, M_MARKS, M_NCOLS };

static int widest(int w, const char *s)
{
    int sw = text_width(s);
    return sw > w ? sw : w;
}

/* Column widths for COLS columns: relation and sex as wide as their
 * heading and the widest value (relation at most 8), the rest as in the
 * list; what is left goes to the marks. */
static void plan(const struct card *c, int cols, const char *const head[M_NCOLS],
                 int w[M_NCOLS])
{
    int used = 0;

    w[M_REL] = widest(4, head[M_REL]);
    w[M_SEX] = widest(widest(widest(2, head[M_SEX]), hh_sex_word("M")), hh_sex_word("F"));
    for (int i = 0; i < c->n; i++)
        w[M_REL] = widest(w[M_REL], c->m[i].relation);
    if (w[M_REL] > 8)
        w[M_REL] = 8;
    w[M_NAME] = 12;
    w[M_BORN] = 10;
    w[M_ID] = 18;
    w[M_PHONE] = 13;
    if (cols > 80)
        w[M_NAME] += (cols - 80) / 4;
    for (int i = 0; i < M_MARKS; i++)
        used += 1 + w[i];
    w[M_MARKS] = cols - used - 1;
    if (w[M_MARKS] < 4)
        w[M_MARKS] = 4;
}

static void line_of(const int w[M_NCOLS], const char *const cell[M_NCOLS], char *out,
                    size_t outsz)
{
    size_t used = 0;

    out[0] = '\0';
    for (int i = 0; i < M_NCOLS && used + 1 < outsz; i++) {
        char fitted[4 * DRAW_MAX_COLS + 1];
        text_fit_mark(fitted, sizeof fitted, cell[i], w[i], true);
        used += (size_t)snprintf(out + used, outsz - used, " %s", fitted);
        if (used >= outsz)
            used = outsz - 1;
    }
}

/* Moved out, floating, returnee, then the care marks. */
static void member_marks(const struct resident *r, char *buf, size_t bufsz)
{
    char care[256];
    size_t used = 0;

    buf[0] = '\0';
    if (*r->moved_out_on)
        used += (size_t)snprintf(buf + used, bufsz - used, "%s ", _("moved out"));
    if (r->floating && used < bufsz)
        used += (size_t)snprintf(buf + used, bufsz - used, "%s ", hh_population_word(true));
    /* TRANSLATORS: a mark on the household card: registered as a returnee (返乡). */
    if (*r->arrived_on && used < bufsz)
        used += (size_t)snprintf(buf + used, bufsz - used, "%s ", _("returnee"));
    hh_care_marks(r->flags, care, sizeof care);
    if (used < bufsz)
        snprintf(buf + used, bufsz - used, "%s", care);
    text_trim(buf);
}

static void draw_members(struct app *a, struct card *c, WINDOW *body)
{
    int cols = getmaxx(body), w[M_NCOLS], rows = member_rows(a);
    char line[8 * DRAW_MAX_COLS + 1], heading[128];
    const char *head[M_NCOLS] = { _("Relation"), _("Name"), _("Sex"), _("Born"),
                                  _("ID number"), _("Phone"), _("Marks") };

    snprintf(heading, sizeof heading, _("Members (%d)"), c->n);
    draw_text_mark(body, MEMBERS_Y - 2, 1, cols - 2, heading, term_attr(ROLE_HEADING), false);
    plan(c, cols, head, w);
    line_of(w, head, line, sizeof line);
    draw_text(body, MEMBERS_Y - 1, 0, cols, line, A_BOLD, true);
    if (c->n == 0) {
        char add[32], text[256];
        snprintf(text, sizeof text, _("Nobody is registered here yet: %s adds a member."),
                 hh_key_name(a, ACT_ADD, add, sizeof add));
        draw_text_mark(body, MEMBERS_Y, 1, cols - 2, text, A_DIM, false);
    }
    if (c->sel >= 0 && c->sel < c->top)
        c->top = c->sel;
    if (c->sel >= c->top + rows)
        c->top = c->sel - rows + 1;
    for (int i = 0; i < rows && c->top + i < c->n; i++) {
        const struct resident *r = &c->m[c->top + i];
        char id[40], phone[40], marks[512], born[16];
        text_mask_id(id, sizeof id, r->id_number);
        text_mask_phone(phone, sizeof phone, r->phone);
        resident_birth_shown(born, sizeof born, r, true);
        member_marks(r, marks, sizeof marks);
        const char *cell[M_NCOLS] = { r->relation, r->name, hh_sex_word(r->sex),
                                      born, id, phone, marks };
        attr_t attr = *r->moved_out_on ? A_DIM : A_NORMAL;
        if (c->top + i == c->sel)
            attr = A_REVERSE;
        line_of(w, cell, line, sizeof line);
        draw_text(body, MEMBERS_Y + i, 0, cols, line, attr, true);
    }
}

static void draw(struct app *a, WINDOW *body)
{
    struct card *c = state(a);
    int bottom = getmaxy(body) - 1 - (keys_line_shown(a) ? 1 : 0);

    if (!c->found) {
        draw_text_mark(body, 1, 1, getmaxx(body) - 2,
                       _("This household is not in the database. Esc goes back."),
                       term_attr(ROLE_ERROR), false);
    } else {
        draw_household(a, c, body);
        draw_members(a, c, body);
        draw_text_mark(body, bottom, 1, getmaxx(body) - 2,
                       _("Quarantines and supply orders will be listed here once those "
                         "screens exist."),
                       A_DIM, false);
    }
    if (keys_line_shown(a))
        chrome_keys_line(a, body, getmaxy(body) - 1, own_keys);
}

/* ---- keys ----------------------------------------------------------------- */

static const struct resident *selected_member(struct card *c)
{
    if (c->sel >= 0 && c->sel < c->n)
        return &c->m[c->sel];
    msg_warn("%s", _("Select a member first (Up and Down)."));
    return NULL;
}

static bool move_selection(struct app *a, struct card *c, enum action act)
{
    int page = member_rows(a) - 1;

    switch (act) {
    case ACT_UP:
        c->sel = c->sel > -1 ? c->sel - 1 : -1;
        return true;
    case ACT_DOWN:
        c->sel = c->sel + 1 < c->n ? c->sel + 1 : c->sel;
        return true;
    case ACT_PAGE_UP:
        c->sel = c->sel - page > -1 ? c->sel - page : -1;
        return true;
    case ACT_PAGE_DOWN:
        c->sel = c->sel + page < c->n ? c->sel + page : c->n - 1;
        return true;
    case ACT_HOME:
        c->sel = -1;
        return true;
    case ACT_END:
        c->sel = c->n - 1;
        return true;
    default:
        return false;
    }
}

static unsigned key(struct app *a, enum action act, int k)
{
    struct card *c = state(a);
    const struct resident *r;

    if (act == ACT_BACK)
        return SCR_HANDLED | SCR_BACK;
    if (!c->found)
        return SCR_UNHANDLED;
    if (move_selection(a, c, act))
        return SCR_HANDLED | SCR_REDRAW;
    switch (act) {
    case ACT_ADD:
        hh_resident_form_open(a, c->h.id, 0);
        break;
    case ACT_OPEN:
    case ACT_EDIT:
        if (c->sel < 0)
            hh_household_form_open(a, c->h.id);
        else
            hh_resident_form_open(a, c->h.id, c->m[c->sel].id);
        break;
    case ACT_MOVE:
        if ((r = selected_member(c)))
            hh_move_open(a, r->id);
        break;
    case ACT_MOVE_OUT:
        if ((r = selected_member(c)))
            hh_move_out_open(a, r->id);
        break;
    default:
        return SCR_UNHANDLED;
    }
    return SCR_HANDLED | SCR_REDRAW;
}

/* ---- the screen ----------------------------------------------------------- */

static void open_card(struct app *a)
{
    struct card *c = calloc(1, sizeof *c);

    if (!c)
        msg_fatal("%s", _("out of memory"));
    c->sel = -1;
    a->state[SCR_HH_CARD] = c;
}

static void close_card(struct app *a)
{
    struct card *c = state(a);

    if (!c)
        return;
    free(c->m);
    free(c);
    a->state[SCR_HH_CARD] = NULL;
}

static void resume(struct app *a)
{
    struct card *c = state(a);

    load(a, c, c->h.id);
}

void hh_card_open(struct app *a, int64_t household_id, int64_t resident_id)
{
    app_push(a, &screen_hh_card);
    struct card *c = state(a);
    if (app_top(a) != &screen_hh_card || !c) {
        msg_error("%s", _("Too many screens are open: press Esc first."));
        return;
    }
    c->want = resident_id;
    c->sel = -1;
    load(a, c, household_id);
}

void hh_card_select(struct app *a, int64_t resident_id)
{
    struct card *c = state(a);

    if (c)
        c->want = resident_id;
}

void hh_address_of(struct app *a, int64_t household_id, char *buf, size_t bufsz)
{
    struct household h;

    if (household_get(a->s->db, household_id, &h) == 0)
        household_address(&h, buf, bufsz);
    else
        snprintf(buf, bufsz, "%s", "");
}

static const struct screen_ops screen_hh_card = {
    .id = SCR_HH_CARD,
    .title = N_("Household card"),
    .open = open_card,
    .draw = draw,
    .key = key,
    .close = close_card,
    .resume = resume,
    .bar_actions = own_keys,
};
