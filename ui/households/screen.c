/* ui/households/screen.c — F2, households (一户一档): one search box, the hits
 * as you type, the household card behind Enter.
 *
 * The body: the search box on the first line, a line saying what the list
 * is, then the list (ui/households/rows.h), and on the last line the screen's keys
 * when the key bar has no room for them.
 *
 * Where keys go.  The screen opens with the list selected: a key of the
 * list (a add, e edit, f filter, i import, m move, x moved out, Enter
 * open, the movement keys) does its action, and any other character starts
 * a search in the box.  While the box has the keyboard (the terminal cursor
 * is in it) every character is text, so a search may start with any
 * letter: / puts the keyboard in the box.  The movement keys and Esc give
 * the keyboard back to the list; Esc there clears the search or the filter
 * and shows the recently changed households again.  With an empty box the
 * list is those households (from the audit trail); with text, the search's
 * hits, best first, fetched a screenful at a time on every keystroke. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/household.h"
#include "src/i18n.h"
#include "src/lineedit.h"
#include "src/msg.h"
#include "src/text.h"
#include "ui/kit/app.h"
#include "ui/kit/draw.h"
#include "ui/households/hh.h"
#include "ui/households/rows.h"
#include "ui/households/view.h"
#include "ui/kit/keys.h"
#include "ui/kit/term.h"

#define QUERY_MAX_CHARS 64
#define BOX_MAX_WIDTH 50
#define LIST_Y 2 /* the header line; the rows start under it */

struct households {
    struct ledit box;
    bool in_box;               /* typed characters go to the box */
    bool listing;              /* a filter's list is shown, not the search */
    long list_count;
    struct hh_rows rows;
};

static const enum action own_keys[] = {
    ACT_OPEN, ACT_ADD, ACT_EDIT, ACT_FILTER, ACT_IMPORT, ACT_MOVE, ACT_MOVE_OUT, ACT_SEARCH,
    ACT_NONE,
};

static struct households *state(struct app *a)
{
    return a->state[SCR_HOUSEHOLDS];
}

static bool keys_line_shown(struct app *a)
{
    return !chrome_keybar_fits(a, own_keys);
}

/* Lines of the body the rows take. */
static int list_rows(struct app *a)
{
    int n = a->body_lines - LIST_Y - 1 - (keys_line_shown(a) ? 1 : 0);
    return n > 1 ? n : 1;
}

static bool box_empty(const struct households *st)
{
    char q[4 * QUERY_MAX_CHARS + 1];

    ledit_copy(&st->box, q, sizeof q);
    return *text_trim(q) == '\0';
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

static void say_count(struct app *a, struct households *st)
{
    char text[128];

    if ((!st->rows.is_search && !st->listing) || st->rows.failed)
        return;
    hh_rows_count_text(&st->rows, text, sizeof text);
    msg_info("%s", text);
}

/* The box changed: search again and say how many were found. */
static unsigned query_changed(struct app *a, struct households *st)
{
    st->listing = false;
    choose_source(st);
    hh_rows_show(&st->rows, a->s->db, list_rows(a));
    say_count(a, st);
    return SCR_HANDLED | SCR_REDRAW;
}

static void clear_search(struct app *a, struct households *st)
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

static unsigned list_action(struct app *a, struct households *st, enum action act)
{
    const struct search_hit *h;

    switch (act) {
    case ACT_OPEN:
        if ((h = selected_or_say(st)))
            hh_card_open(a, h->household_id, h->resident_id);
        break;
    case ACT_ADD:
        hh_household_form_open(a, 0);
        break;
    case ACT_EDIT:
        if ((h = selected_or_say(st))) {
            if (h->resident_id)
                hh_resident_form_open(a, h->household_id, h->resident_id);
            else
                hh_household_form_open(a, h->household_id);
        }
        break;
    case ACT_MOVE:
        if ((h = selected_resident(st)))
            hh_move_open(a, h->resident_id);
        break;
    case ACT_MOVE_OUT:
        if ((h = selected_resident(st)))
            hh_move_out_open(a, h->resident_id);
        break;
    case ACT_FILTER:
        hh_filter_open(a);
        break;
    case ACT_IMPORT:
        hh_import_open(a);
        break;
    case ACT_SEARCH:
        st->in_box = true;
        break;
    case ACT_BACK:
        if (box_empty(st) && !st->listing)
            return SCR_UNHANDLED;
        clear_search(a, st);
        break;
    default:
        if (!hh_rows_move(&st->rows, a->s->db, act, list_rows(a)))
            return SCR_UNHANDLED;
        say_count(a, st);
        break;
    }
    return SCR_HANDLED | SCR_REDRAW;
}

/* Editing keys of the box that are not actions of the table; true when
 * KEY is one. */
static bool box_edit(struct ledit *e, int key)
{
    if (key == keys_fn(KEY_BACKSPACE))
        ledit_backspace(e);
    else if (key == keys_fn(KEY_DC) || key == 4) /* Delete, ^D */
        ledit_delete(e);
    else if (key == keys_fn(KEY_LEFT) || key == 2) /* ^B */
        ledit_left(e);
    else if (key == keys_fn(KEY_RIGHT) || key == 6) /* ^F */
        ledit_right(e);
    else if (key == 1) /* ^A */
        ledit_home(e);
    else if (key == 5) /* ^E */
        ledit_end(e);
    else if (key == 11) /* ^K */
        ledit_kill_eol(e);
    else if (key == 21) /* ^U */
        ledit_kill_bol(e);
    else
        return false;
    return true;
}

static bool is_movement(enum action act)
{
    return act == ACT_UP || act == ACT_DOWN || act == ACT_PAGE_UP || act == ACT_PAGE_DOWN
        || act == ACT_HOME || act == ACT_END;
}

static unsigned box_key(struct app *a, struct households *st, enum action act, int k)
{
    char before[4 * QUERY_MAX_CHARS + 1], after[sizeof before];

    ledit_copy(&st->box, before, sizeof before);
    if (keys_is_text(k)) {
        if (!ledit_insert(&st->box, (wchar_t)k))
            msg_warn(_("The search takes at most %d characters."), QUERY_MAX_CHARS);
    } else if (!box_edit(&st->box, k)) {
        if (act == ACT_BACK || is_movement(act))
            st->in_box = false;
        if (act == ACT_OPEN || is_movement(act))
            return list_action(a, st, act);
        return act == ACT_BACK ? SCR_HANDLED | SCR_REDRAW : SCR_UNHANDLED;
    }
    ledit_copy(&st->box, after, sizeof after);
    if (strcmp(before, after) == 0)
        return SCR_HANDLED | SCR_REDRAW; /* the caret moved */
    return query_changed(a, st);
}

static unsigned key(struct app *a, enum action act, int k)
{
    struct households *st = state(a);

    if (st->in_box)
        return box_key(a, st, act, k);
    if (act == ACT_NONE && (keys_is_text(k) || k == keys_fn(KEY_BACKSPACE))) {
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
    char label[64], view[4 * DRAW_MAX_COLS + 1];
    int x = 1, cx = 0, width;
    bool left = false, right = false;

    snprintf(label, sizeof label, "%s:", _("Search"));
    x += draw_text(body, 0, x, cols - x, label, A_BOLD, false) + 1;
    width = cols - x - 2;
    if (width > BOX_MAX_WIDTH)
        width = BOX_MAX_WIDTH;
    ledit_view(&st->box, width, view, sizeof view, &cx, &left, &right);
    draw_text(body, 0, x, width, view, term_attr(ROLE_FIELD), true);
    if (left)
        draw_text(body, 0, x - 1, 1, "<", A_BOLD, false);
    if (right)
        draw_text(body, 0, x + width, 1, ">", A_BOLD, false);
    if (st->in_box)
        app_set_cursor(a, 0, x + cx);
}

/* What the list is, on the line under the box. */
static void describe(struct app *a, struct households *st, char *buf, size_t bufsz)
{
    const struct hh_list_query *q = &st->rows.list;
    char back[64], where[160];
    bool more;

    hh_key_name(a, ACT_BACK, back, sizeof back);
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
        if (hh_rows_known(&st->rows, &more) == 0 && !more)
            snprintf(buf, bufsz, "%s", _("Nothing found. Try fewer characters, or another "
                                         "part of the name or address."));
    } else if (hh_rows_known(&st->rows, &more) > 0) {
        snprintf(buf, bufsz, "%s", _("Recently changed households"));
    }
}

/* Shown in place of the list when there is nothing to show yet. */
static void draw_hints(struct app *a, WINDOW *body, int y, int rows)
{
    char search[32], add[32], import[32], filter[32], text[3][1024];
    int cols = getmaxx(body) - 4, end = y + rows;

    hh_key_name(a, ACT_SEARCH, search, sizeof search);
    hh_key_name(a, ACT_ADD, add, sizeof add);
    hh_key_name(a, ACT_IMPORT, import, sizeof import);
    hh_key_name(a, ACT_FILTER, filter, sizeof filter);
    snprintf(text[0], sizeof text[0], "%s",
             _("Type to search: part of a name (张), pinyin initials (zsf), an address "
               "(12-2-301), the last digits of an ID number or a phone number."));
    snprintf(text[1], sizeof text[1],
             _("To search for text that starts with a key of this screen, press %s first."),
             search);
    snprintf(text[2], sizeof text[2],
             _("%s adds a household, %s imports a survey spreadsheet, %s shows the lists "
               "supervisors ask for."),
             add, import, filter);
    for (int i = 0; i < 3 && y < end; i++)
        y += draw_wrap(body, y, 2, cols, end - y, text[i], term_attr(ROLE_NORMAL)) + 1;
}

static void draw(struct app *a, WINDOW *body)
{
    struct households *st = state(a);
    int rows = list_rows(a);
    char info[512];
    bool more;

    hh_rows_show(&st->rows, a->s->db, rows);
    draw_box_line(a, st, body);
    describe(a, st, info, sizeof info);
    draw_text_mark(body, 1, 1, getmaxx(body) - 2, info, A_DIM, false);
    if (!st->rows.is_search && !st->listing && hh_rows_known(&st->rows, &more) == 0 && !more)
        draw_hints(a, body, LIST_Y + 1, rows);
    else
        hh_rows_draw(&st->rows, body, LIST_Y, rows, true);
    if (keys_line_shown(a))
        chrome_keys_line(a, body, getmaxy(body) - 1, own_keys);
}

/* ---- the screen ----------------------------------------------------------- */

void households_show_list(struct app *a, const struct hh_list_query *q)
{
    struct households *st = state(a);

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

static void open_screen(struct app *a)
{
    struct households *st = calloc(1, sizeof *st);

    if (!st)
        msg_fatal("%s", _("out of memory"));
    ledit_init(&st->box, QUERY_MAX_CHARS);
    hh_rows_init(&st->rows);
    choose_source(st);
    a->state[SCR_HOUSEHOLDS] = st;
}

static void close_screen(struct app *a)
{
    struct households *st = state(a);

    if (!st)
        return;
    ledit_free(&st->box);
    hh_rows_free(&st->rows);
    free(st);
    a->state[SCR_HOUSEHOLDS] = NULL;
}

/* Back from a card, a form or a report: the records may have changed. */
static void resume(struct app *a)
{
    struct households *st = state(a);

    hh_rows_reload(&st->rows);
    if (st->listing) {
        long n = hh_list_count(a->s->db, &st->rows.list);
        st->list_count = n < 0 ? 0 : n;
    }
}

const struct screen_ops screen_households = {
    .id = SCR_HOUSEHOLDS,
    .title = N_("Households"),
    .open = open_screen,
    .draw = draw,
    .key = key,
    .close = close_screen,
    .resume = resume,
    .bar_actions = own_keys,
};
