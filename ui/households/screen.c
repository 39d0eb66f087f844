/* screen.c — F2, households (一户一档): one search box, the hits as you
 * type, the household card behind Enter.
 *
 * The body: the search box on the first line, a line saying what the list
 * is and where the selection is (12/265), then the list (rows.h).
 *
 * Where the keyboard is shows, and decides what keys do.  The screen opens
 * with the keyboard in the search box (the terminal cursor is there):
 * every character is text, so a search may start with any letter, and the
 * key bar shows the keys that work there -- Tab or Down to the list, Enter
 * to open the selected hit.  In the list (the selection in reverse video,
 * no cursor) the letters are the screen's actions, shown on the key bar:
 * a add, e edit, f filter, i import, m move, x moved out, Space marks; /
 * or Tab go back to the box, and so does a character that is no action
 * (it is typed there).  Esc in the box clears it; in the list, it clears
 * the search or the filter and shows the recently changed households. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/households/household.h"
#include "src/i18n.h"
#include "src/kit/lineedit.h"
#include "src/msg.h"
#include "src/text.h"
#include "ui/households/hh.h"
#include "ui/households/rows.h"
#include "ui/kit/app.h"
#include "ui/kit/draw.h"
#include "ui/kit/editbox.h"
#include "ui/kit/keys.h"
#include "ui/kit/term.h"

#define QUERY_MAX_CHARS 64
#define BOX_MAX_WIDTH 50
#define LIST_Y 2 /* the header line; the rows start under it */

static const struct action_def actions[] = {
    { HH_ADD, "add", { "a" }, N_("Add"), N_("Add a household, then its first member") },
    { HH_EDIT, "edit", { "e" }, N_("Edit"), N_("Edit the selected resident or household") },
    { HH_FILTER, "filter", { "f" }, N_("Filter"),
      N_("Lists: care flags, returnees, building, worker") },
    { HH_IMPORT, "import", { "i" }, N_("Import"),
      N_("Import residents from a spreadsheet (CSV), after a preview") },
    { HH_MOVE, "move", { "m" }, N_("Move"), N_("Move the resident to another household") },
    { HH_MOVE_OUT, "move_out", { "x" }, N_("Moved out"),
      N_("Mark the resident moved out: date, where to") },
    { HH_FOCUS, "focus", { "Tab" }, N_("List"),
      N_("Move the keyboard between the search box and the list") },
    { 0 },
};

static const char *const about[] = {
    N_("The search box finds a person or a household as you type: part of a name (张), "
       "pinyin initials (zsf), an address as people write it (12-2-301, 南苑 12), the last "
       "digits of an ID number or a phone number."),
    N_("While the keyboard is in the search box, every key is text.  Down or Tab take it "
       "to the list, where the letters are the keys above; / or Tab take it back.  Enter "
       "opens the selected row from either."),
    N_("Space marks a resident; an action applies to the marked residents, else to the "
       "selected one."),
    NULL,
};

struct households {
    struct ledit box;
    bool in_box;               /* the keyboard is in the search box */
    bool listing;              /* a filter's list is shown, not the search */
    long list_count;
    struct hh_rows rows;
};

static const int box_bar[] = { HH_FOCUS, ACT_OPEN, ACT_NONE };
static const int list_bar[] = {
    ACT_OPEN, HH_ADD, HH_EDIT, HH_FILTER, HH_IMPORT, HH_MOVE, HH_MOVE_OUT, ACT_MARK, ACT_SEARCH,
    ACT_NONE,
};

static const int *bar_now(struct app *a, void *st)
{
    return ((struct households *)st)->in_box ? box_bar : list_bar;
}

static bool typing(struct app *a, void *st)
{
    return ((struct households *)st)->in_box;
}

/* Lines of the body the rows take. */
static int list_rows(struct app *a)
{
    int n = app_body_rows(a) - LIST_Y - 1;
    return n > 1 ? n : 1;
}

/* The rows follow the box (or the filter's list). */
static void choose_source(struct households *st)
{
    char q[4 * QUERY_MAX_CHARS + 1];

    if (st->listing)
        return;
    ledit_copy(&st->box, q, sizeof q);
    if (*text_trim(q) == '\0') {
        struct hh_list_query recent = { .kind = HH_LIST_RECENT };
        hh_rows_set_list(&st->rows, &recent);
    } else {
        hh_rows_set_search(&st->rows, q);
    }
}

static void say_count(struct households *st)
{
    char text[128];

    if ((!st->rows.is_search && !st->listing) || st->rows.lw.failed)
        return;
    hh_rows_count_text(&st->rows, text, sizeof text);
    msg_info("%s", text);
}

/* The box changed: search again and say how many were found. */
static unsigned query_changed(struct app *a, struct households *st)
{
    st->listing = false;
    choose_source(st);
    listview_prepare(&st->rows.view, list_rows(a));
    say_count(st);
    return SCR_HANDLED | SCR_REDRAW;
}

static void clear_search(struct households *st)
{
    ledit_clear(&st->box);
    st->listing = false;
    choose_source(st);
}

/* ---- the list's actions --------------------------------------------------- */

static const struct search_hit *selected_or_say(struct households *st)
{
    const struct search_hit *h = hh_rows_selected(&st->rows);

    if (!h)
        msg_warn("%s", _("Nothing is selected: search for a household first."));
    return h;
}

static const struct search_hit *selected_resident(struct households *st)
{
    const struct search_hit *h = selected_or_say(st);

    if (h && h->resident_id == 0) {
        msg_warn("%s", _("Nobody lives in this household: select a resident."));
        return NULL;
    }
    return h;
}

static unsigned list_action(struct app *a, struct households *st, int act)
{
    const struct search_hit *h;

    switch (act) {
    case ACT_OPEN:
        if ((h = selected_or_say(st)))
            hh_card_open(a, h->household_id, h->resident_id);
        break;
    case HH_ADD:
        hh_household_form_open(a, 0);
        break;
    case HH_EDIT:
        if ((h = selected_or_say(st))) {
            if (h->resident_id)
                hh_resident_form_open(a, h->household_id, h->resident_id);
            else
                hh_household_form_open(a, h->household_id);
        }
        break;
    case HH_MOVE:
        if ((h = selected_resident(st)))
            hh_move_open(a, h->resident_id);
        break;
    case HH_MOVE_OUT:
        if ((h = selected_resident(st)))
            hh_move_out_open(a, h->resident_id);
        break;
    case HH_FILTER:
        hh_filter_open(a);
        break;
    case HH_IMPORT:
        hh_import_open(a);
        break;
    case ACT_SEARCH:
    case HH_FOCUS:
        st->in_box = true;
        break;
    case ACT_BACK:
        if (ledit_empty(&st->box) && !st->listing)
            return SCR_UNHANDLED;
        clear_search(st);
        break;
    default:
        if (!listview_key(&st->rows.view, act, list_rows(a)))
            return SCR_UNHANDLED;
        say_count(st);
        break;
    }
    return SCR_HANDLED | SCR_REDRAW;
}

static bool is_movement(int act)
{
    return act == ACT_UP || act == ACT_DOWN || act == ACT_PAGE_UP || act == ACT_PAGE_DOWN
        || act == ACT_HOME || act == ACT_END;
}

static unsigned box_key(struct app *a, struct households *st, int act, int k)
{
    bool changed;

    if (editbox_key(&st->box, k, &changed)) {
        if (!changed && keys_is_text(k))
            msg_warn(_("The search takes at most %d characters."), QUERY_MAX_CHARS);
        return changed ? query_changed(a, st) : SCR_HANDLED | SCR_REDRAW;
    }
    if (act == HH_FOCUS || act == ACT_DOWN) {
        st->in_box = false;
        return SCR_HANDLED | SCR_REDRAW;
    }
    if (act == ACT_OPEN || is_movement(act))
        return list_action(a, st, act);
    if (act == ACT_BACK) {
        if (ledit_empty(&st->box))
            return SCR_UNHANDLED;
        clear_search(st);
        return SCR_HANDLED | SCR_REDRAW;
    }
    return SCR_UNHANDLED;
}

static unsigned key(struct app *a, void *state, int act, int k)
{
    struct households *st = state;

    if (st->in_box)
        return box_key(a, st, act, k);
    if (act == ACT_NONE && (keys_is_text(k) || k == keys_fn(KEY_BACKSPACE))) {
        /* No action: the character goes into the box, and the keyboard with it. */
        st->in_box = true;
        return box_key(a, st, act, k);
    }
    if (act == ACT_NONE)
        return SCR_UNHANDLED;
    return list_action(a, st, act);
}

/* ---- drawing -------------------------------------------------------------- */

static void draw_box_line(struct app *a, struct households *st, WINDOW *body)
{
    int cols = getmaxx(body);
    char label[64];
    int x = 1, caret, width;

    snprintf(label, sizeof label, "%s:", _("Search"));
    x += draw_text(body, 0, x, cols - x, label, A_BOLD, false) + 1;
    width = cols - x - 2;
    if (width > BOX_MAX_WIDTH)
        width = BOX_MAX_WIDTH;
    editbox_draw(body, 0, x, width, &st->box, term_attr(ROLE_FIELD), &caret);
    if (st->in_box)
        app_set_cursor(a, 0, caret);
}

/* What the list is, on the line under the box. */
static void describe(struct app *a, struct households *st, char *buf, size_t bufsz)
{
    const struct hh_list_query *q = &st->rows.list;
    char back[64], where[160];
    bool more;

    app_key_name(a, ACT_BACK, back, sizeof back);
    buf[0] = '\0';
    if (st->listing) {
        char what[400];
        switch (q->kind) {
        case HH_LIST_CARE:
            snprintf(what, sizeof what, "%s", _("Care-flagged residents"));
            break;
        case HH_LIST_ARRIVED:
            snprintf(what, sizeof what, _("Returnees who arrived on %s"), q->date);
            break;
        case HH_LIST_BUILDING: {
            struct household h = { 0 };
            snprintf(h.compound, sizeof h.compound, "%s", q->compound);
            snprintf(h.building, sizeof h.building, "%s", q->building);
            household_address(&h, where, sizeof where);
            snprintf(what, sizeof what, _("Residents of %s"), where);
            break;
        }
        case HH_LIST_WORKER:
            snprintf(what, sizeof what, _("Households of grid worker %s"), q->worker);
            break;
        default:
            snprintf(what, sizeof what, "%s", "");
            break;
        }
        snprintf(buf, bufsz, _("%s: %ld  (%s: back to the search)"), what, st->list_count,
                 back);
    } else if (st->rows.is_search) {
        if (listwin_known(&st->rows.lw, &more) == 0 && !more)
            snprintf(buf, bufsz, "%s", _("Nothing found. Try fewer characters, or another "
                                         "part of the name or address."));
    } else if (listwin_known(&st->rows.lw, &more) > 0) {
        snprintf(buf, bufsz, "%s", _("Recently changed households"));
    }
}

/* Shown in place of the list when there is nothing to show yet. */
static void draw_hints(struct app *a, WINDOW *body, int y, int rows)
{
    char search[32], add[32], import[32], filter[32], focus[32], text[3][1024];
    int cols = getmaxx(body) - 4, end = y + rows;

    app_key_name(a, ACT_SEARCH, search, sizeof search);
    app_key_name(a, HH_ADD, add, sizeof add);
    app_key_name(a, HH_IMPORT, import, sizeof import);
    app_key_name(a, HH_FILTER, filter, sizeof filter);
    app_key_name(a, HH_FOCUS, focus, sizeof focus);
    snprintf(text[0], sizeof text[0], "%s",
             _("Type to search: part of a name (张), pinyin initials (zsf), an address "
               "(12-2-301), the last digits of an ID number or a phone number."));
    snprintf(text[1], sizeof text[1],
             _("The keys of the list work once the keyboard is in the list: %s takes it there "
               "and back (%s too)."),
             focus, search);
    snprintf(text[2], sizeof text[2],
             _("In the list, %s adds a household, %s imports a survey spreadsheet, %s shows the "
               "lists supervisors ask for."),
             add, import, filter);
    for (int i = 0; i < 3 && y < end; i++)
        y += draw_wrap(body, y, 2, cols, end - y, text[i], term_attr(ROLE_NORMAL)) + 1;
}

static void prepare(struct app *a, void *state)
{
    struct households *st = state;

    listview_prepare(&st->rows.view, list_rows(a));
}

static void draw(struct app *a, void *state, WINDOW *body)
{
    struct households *st = state;
    int rows = list_rows(a), cols = getmaxx(body);
    char info[512], pos[64];
    bool more;

    draw_box_line(a, st, body);
    describe(a, st, info, sizeof info);
    listview_position(&st->rows.view, pos, sizeof pos);
    int pw = listwin_known(&st->rows.lw, &more) > 0 ? text_width(pos) + 1 : 0;
    draw_text_mark(body, 1, 1, cols - 2 - pw, info, A_DIM, false);
    if (pw)
        draw_text_right(body, 1, cols - pw - 1, pw, pos, A_DIM);
    if (!st->rows.is_search && !st->listing && listwin_known(&st->rows.lw, &more) == 0 && !more)
        draw_hints(a, body, LIST_Y + 1, rows);
    else
        listview_draw(&st->rows.view, body, LIST_Y, 0, cols, rows, !st->in_box);
}

/* ---- the screen ----------------------------------------------------------- */

void households_show_list(struct app *a, const struct hh_list_query *q)
{
    extern const struct screen_ops screen_households;
    struct households *st = app_find(a, &screen_households);

    if (!st)
        return;
    ledit_clear(&st->box);
    st->in_box = false;
    st->listing = true;
    hh_rows_set_list(&st->rows, q);
    st->list_count = hh_list_count(a->s->db, q);
    if (st->list_count < 0) {
        msg_error(_("The list could not be read: %s"), db_errmsg(a->s->db));
        st->list_count = 0;
    }
}

static void open_screen(struct app *a, void *state, const void *arg)
{
    struct households *st = state;

    st->in_box = true;
    ledit_init(&st->box, QUERY_MAX_CHARS);
    hh_rows_init(&st->rows, a->s->db);
    choose_source(st);
}

static void close_screen(struct app *a, void *state)
{
    struct households *st = state;

    ledit_free(&st->box);
    hh_rows_free(&st->rows);
}

/* Back from a card, a form or a report: the records may have changed. */
static void resume(struct app *a, void *state)
{
    struct households *st = state;

    hh_rows_reload(&st->rows);
    if (st->listing) {
        long n = hh_list_count(a->s->db, &st->rows.list);
        st->list_count = n < 0 ? 0 : n;
    }
}

const struct screen_ops screen_households = {
    .name = "households",
    .title = N_("Households"),
    .kind = SCREEN_LIST,
    .state_size = sizeof(struct households),
    .actions = actions,
    .open = open_screen,
    .prepare = prepare,
    .draw = draw,
    .key = key,
    .close = close_screen,
    .resume = resume,
    .typing = typing,
    .bar_now = bar_now,
    .bar = list_bar,
    .about = about,
};
