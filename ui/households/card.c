/* card.c — the household card: the household (address, grid, grid worker,
 * kind, phone, notes), its members as a column table (head first, then
 * pinyin order, those who moved out last, dimmed), then the sections other
 * screens add to a card (hh_card_sections: quarantines, orders).
 *
 * The selection is on a member, or on the household's own line above
 * them (Up from the first member): e or Enter edits what is selected, a
 * adds a member, m moves the selected member to another household, x marks
 * them moved out.  The card of another household opens over this one (a
 * frame of its own).  When a form or a move closes, the card reads the
 * household again (resume). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/households/list.h"
#include "src/households/vocab.h"
#include "src/households/household.h"
#include "src/i18n.h"
#include "src/msg.h"
#include "src/text.h"
#include "ui/households/hh.h"
#include "ui/kit/app.h"
#include "ui/kit/draw.h"
#include "ui/kit/listview.h"
#include "ui/kit/term.h"

#define MEMBERS_Y 5   /* the members' column headings; "Members (n)" above */
#define SECTION_LINES 8

static const struct action_def actions[] = {
    { HH_ADD, "add", { "a" }, N_("Add"), N_("Add a member to this household") },
    { HH_EDIT, "edit", { "e" }, N_("Edit"), N_("Edit the selected member, or the household") },
    { HH_MOVE, "move", { "m" }, N_("Move"), N_("Move the member to another household") },
    { HH_MOVE_OUT, "move_out", { "x" }, N_("Moved out"),
      N_("Mark the member moved out: date, where to") },
    { 0 },
};

static const int bar[] = { HH_ADD, HH_EDIT, HH_MOVE, HH_MOVE_OUT, ACT_BACK, ACT_NONE };

struct section_text {
    const struct card_section *s;
    char lines[SECTION_LINES][256];
    int n;
};

struct card {
    struct household h;
    bool found;
    struct resident *m;
    int cap;
    struct listwin_array members;
    struct listwin lw;
    struct listview view;
    bool on_household;  /* the selection is on the household's line */
    int64_t want;       /* the resident to select when the members are read next */
    struct section_text sections[8];
    int nsections;
};

enum { M_REL, M_NAME, M_SEX, M_BORN, M_ID, M_PHONE, M_MARKS, M_NCOLS };

static const struct list_column columns[M_NCOLS] = {
    [M_REL] = { N_("Relation"), 8, 4, 0, 0, false, 0 },
    [M_NAME] = { N_("Name"), 12, 8, 1, 0, false, 20 },
    [M_SEX] = { N_("Sex"), 6, 2, 0, 0, false, 0 },
    [M_BORN] = { N_("Born"), 10, 4, 0, 1, false, 0 },
    [M_ID] = { N_("ID number"), 18, 18, 0, 3, false, 0 },
    [M_PHONE] = { N_("Phone"), 13, 11, 0, 2, false, 0 },
    [M_MARKS] = { N_("Marks"), 4, 4, 3, 0, false, 0 },
};

/* Moved out, floating, returnee, then the care marks. */
static void member_marks(const struct resident *r, char *buf, size_t bufsz)
{
    char care[256];
    size_t used = 0;

    buf[0] = '\0';
    if (*r->moved_out_on)
        used += (size_t)snprintf(buf + used, bufsz - used, "%s ", _("moved out"));
    if (r->floating && used < bufsz)
        used += (size_t)snprintf(buf + used, bufsz - used, "%s ",
                                 vocab_label(&hh_vocab_population, 1));
    /* TRANSLATORS: a mark on the household card: registered as a returnee (返乡). */
    if (*r->arrived_on && used < bufsz)
        used += (size_t)snprintf(buf + used, bufsz - used, "%s ", _("returnee"));
    vocab_join(&hh_vocab_care, r->flags, false, " ", care, sizeof care);
    if (used < bufsz)
        snprintf(buf + used, bufsz - used, "%s", care);
    text_trim(buf);
}

static void cells(void *ctx, long i, const char **cell, const int *width, char *buf,
                  size_t bufsz, enum listview_style *style)
{
    const struct card *c = ctx;
    const struct resident *r = &c->m[i];
    size_t part = bufsz / 4;

    text_mask_id(buf, part, r->id_number);
    text_mask_phone(buf + part, part, r->phone);
    resident_birth_shown(buf + 2 * part, part, r, true);
    member_marks(r, buf + 3 * part, bufsz - 3 * part);
    cell[M_REL] = r->relation;
    cell[M_NAME] = r->name;
    cell[M_SEX] = r->sex[0] ? vocab_label(&hh_vocab_sex, r->sex[0]) : "";
    cell[M_BORN] = buf + 2 * part;
    cell[M_ID] = buf;
    cell[M_PHONE] = buf + part;
    cell[M_MARKS] = buf + 3 * part;
    *style = *r->moved_out_on != '\0' ? LISTVIEW_DIM : LISTVIEW_NORMAL;
}

static void add_member(const struct resident *r, void *ctx)
{
    struct card *c = ctx;

    if (c->members.n == c->cap) {
        int cap = c->cap ? 2 * c->cap : 8;
        struct resident *m = realloc(c->m, (size_t)cap * sizeof *m);
        if (!m)
            msg_fatal("%s", _("out of memory"));
        c->m = m;
        c->cap = cap;
    }
    c->m[c->members.n++] = *r;
}

static int member_rows(struct app *a, const struct card *c)
{
    int used = 0;

    for (int i = 0; i < c->nsections; i++)
        used += 1 + (c->sections[i].n > 0 ? c->sections[i].n : 1);
    int n = app_body_rows(a) - (MEMBERS_Y + 1) - used - (used ? 1 : 0);
    return n > 1 ? n : 1;
}

/* Reads the household, its members and its sections; the selection follows
 * the wanted resident, else the one selected before. */
static void load(struct app *a, struct card *c, int64_t household_id)
{
    db *d = a->s->db;
    int64_t keep = c->want;

    if (!keep && !c->on_household && c->lw.sel < c->members.n)
        keep = c->m[c->lw.sel].id;
    c->members.n = 0;
    c->want = 0;
    int rc = household_get(d, household_id, &c->h);
    c->found = rc == 0;
    if (rc < 0)
        msg_error(_("The household could not be read: %s"), db_errmsg(d));
    if (rc == 1)
        msg_error("%s", _("This household is no longer in the database."));
    if (c->found && household_members(d, household_id, add_member, c) < 0)
        msg_error(_("The members could not be read: %s"), db_errmsg(d));
    listwin_reset(&c->lw);
    c->on_household = c->members.n == 0;
    for (long i = 0; i < c->members.n; i++)
        if (c->m[i].id == keep)
            c->lw.sel = i;
    c->nsections = 0;
    for (const struct card_section *const *s = hh_card_sections; c->found && *s; s++) {
        struct section_text *t = &c->sections[c->nsections++];
        t->s = *s;
        t->n = (*s)->load(a, household_id, t->lines, SECTION_LINES);
        if (c->nsections == (int)(sizeof c->sections / sizeof c->sections[0]))
            break;
    }
    listview_prepare(&c->view, member_rows(a, c));
}

/* ---- drawing -------------------------------------------------------------- */

/* "Label: value" pairs on one line, two spaces between. */
static void add_pair(char *buf, size_t bufsz, const char *label, const char *value)
{
    size_t used = strlen(buf);

    snprintf(buf + used, bufsz - used, "%s%s: %s", used ? "   " : "", label,
             *value ? value : "-");
}

static void draw_household(struct card *c, WINDOW *body)
{
    int cols = getmaxx(body);
    char addr[256], line[1024] = "", phone[40];

    household_address(&c->h, addr, sizeof addr);
    draw_text_mark(body, 0, 1, cols - 2, addr,
                   c->on_household ? A_REVERSE | A_BOLD : term_attr(ROLE_HEADING),
                   c->on_household);
    text_mask_phone(phone, sizeof phone, c->h.phone);
    add_pair(line, sizeof line, _("Grid"), c->h.grid);
    add_pair(line, sizeof line, _("Grid worker"), c->h.grid_worker);
    add_pair(line, sizeof line, _("Kind"), vocab_label(&hh_vocab_kind, c->h.kind));
    add_pair(line, sizeof line, _("Phone"), phone);
    draw_text_mark(body, 1, 1, cols - 2, line, A_NORMAL, false);
    line[0] = '\0';
    add_pair(line, sizeof line, _("Notes"), c->h.notes);
    draw_text_mark(body, 2, 1, cols - 2, line, A_NORMAL, false);
}

static void draw(struct app *a, void *st, WINDOW *body)
{
    struct card *c = st;
    int cols = getmaxx(body), rows = member_rows(a, c), y;
    char heading[128], add[32], text[256];

    if (!c->found) {
        draw_text_mark(body, 1, 1, cols - 2,
                       _("This household is not in the database. Esc goes back."),
                       term_attr(ROLE_ERROR), false);
        return;
    }
    draw_household(c, body);
    snprintf(heading, sizeof heading, _("Members (%ld)"), c->members.n);
    draw_text_mark(body, MEMBERS_Y - 1, 1, cols - 2, heading, term_attr(ROLE_HEADING), false);
    listview_draw(&c->view, body, MEMBERS_Y, 0, cols, rows, !c->on_household);
    if (c->members.n == 0) {
        snprintf(text, sizeof text, _("Nobody is registered here yet: %s adds a member."),
                 app_key_name(a, HH_ADD, add, sizeof add));
        draw_text_mark(body, MEMBERS_Y + 1, 1, cols - 2, text, A_DIM, false);
    }
    y = MEMBERS_Y + 1 + (c->members.n < rows ? (int)c->members.n : rows) + 1;
    for (int i = 0; i < c->nsections; i++) {
        const struct section_text *t = &c->sections[i];
        draw_text_mark(body, y++, 1, cols - 2, _(t->s->title), term_attr(ROLE_HEADING), false);
        if (t->n == 0)
            draw_text_mark(body, y++, 3, cols - 4, _("none"), A_DIM, false);
        for (int k = 0; k < t->n; k++)
            draw_text_mark(body, y++, 3, cols - 4, t->lines[k], A_NORMAL, false);
    }
}

/* ---- keys ----------------------------------------------------------------- */

static const struct resident *selected_member(struct card *c)
{
    if (!c->on_household && c->lw.sel < c->members.n)
        return &c->m[c->lw.sel];
    msg_warn("%s", _("Select a member first (Up and Down)."));
    return NULL;
}

static bool move_selection(struct app *a, struct card *c, int act)
{
    int rows = member_rows(a, c);

    if (act == ACT_UP && !c->on_household && c->lw.sel == 0) {
        c->on_household = true;
        return true;
    }
    if (act == ACT_HOME) {
        c->on_household = true;
        listview_key(&c->view, act, rows);
        return true;
    }
    if (c->on_household && (act == ACT_DOWN || act == ACT_PAGE_DOWN || act == ACT_END)) {
        if (c->members.n == 0)
            return true;
        c->on_household = false;
        if (act == ACT_DOWN)
            return true;
    }
    return listview_key(&c->view, act, rows);
}

static unsigned key(struct app *a, void *st, int act, int k)
{
    struct card *c = st;
    const struct resident *r;

    if (act == ACT_BACK)
        return SCR_HANDLED | SCR_BACK;
    if (!c->found)
        return SCR_UNHANDLED;
    if (act != ACT_MARK && act != ACT_MARK_ALL && move_selection(a, c, act))
        return SCR_HANDLED | SCR_REDRAW;
    switch (act) {
    case HH_ADD:
        hh_resident_form_open(a, c->h.id, 0);
        break;
    case ACT_OPEN:
    case HH_EDIT:
        if (c->on_household)
            hh_household_form_open(a, c->h.id);
        else
            hh_resident_form_open(a, c->h.id, c->m[c->lw.sel].id);
        break;
    case HH_MOVE:
        if ((r = selected_member(c)))
            hh_move_open(a, r->id);
        break;
    case HH_MOVE_OUT:
        if ((r = selected_member(c)))
            hh_move_out_open(a, r->id);
        break;
    default:
        return SCR_UNHANDLED;
    }
    return SCR_HANDLED | SCR_REDRAW;
}

/* ---- the screen ----------------------------------------------------------- */

struct card_arg {
    int64_t household_id, resident_id;
};

static void open_card(struct app *a, void *st, const void *arg)
{
    struct card *c = st;
    const struct card_arg *ca = arg;

    listwin_init(&c->lw, &listwin_array_source, &c->members);
    c->view = (struct listview){ .w = &c->lw, .cols = columns, .ncols = M_NCOLS,
                                 .cells = cells, .ctx = c };
    c->want = ca->resident_id;
    load(a, c, ca->household_id);
}

static void close_card(struct app *a, void *st)
{
    struct card *c = st;

    free(c->m);
    listwin_free(&c->lw);
}

static void resume(struct app *a, void *st)
{
    struct card *c = st;

    load(a, c, c->h.id);
}

static void prepare(struct app *a, void *st)
{
    struct card *c = st;

    listview_prepare(&c->view, member_rows(a, c));
}

const struct screen_ops screen_hh_card = {
    .name = "card",
    .title = N_("Household card"),
    .kind = SCREEN_LIST,
    .state_size = sizeof(struct card),
    .actions = actions,
    .open = open_card,
    .prepare = prepare,
    .draw = draw,
    .key = key,
    .close = close_card,
    .resume = resume,
    .bar = bar,
};

void hh_card_open(struct app *a, int64_t household_id, int64_t resident_id)
{
    struct card_arg arg = { household_id, resident_id };

    app_push(a, &screen_hh_card, &arg);
}

void hh_card_select(struct app *a, int64_t resident_id)
{
    struct card *c = app_find(a, &screen_hh_card);

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
