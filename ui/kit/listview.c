/* listview.c — a column table over a list window; see listview.h. */
#include "ui/kit/listview.h"

#include <stdio.h>
#include <string.h>

#include "src/i18n.h"
#include "src/text.h"
#include "ui/kit/actions.h"
#include "ui/kit/draw.h"
#include "ui/kit/term.h"

#define BASE_COLS 80

static int min_of(const struct list_column *c)
{
    return c->min > 0 && c->min < c->width ? c->min : c->width;
}

/* The least a column needs for cells WANT wide (its heading shows whole). */
static int need_of(const struct listview *v, int i, const int *want)
{
    int n = want ? want[i] : v->cols[i].width;
    int h = v->no_heading ? 0 : text_width(_(v->cols[i].heading));

    n = n > h ? n : h;
    return n > min_of(&v->cols[i]) ? n : min_of(&v->cols[i]);
}

int listview_plan(const struct listview *v, int cols, const int *want,
                  int width[LISTVIEW_MAX_COLS])
{
    int n = v->ncols < LISTVIEW_MAX_COLS ? v->ncols : LISTVIEW_MAX_COLS;
    int avail = cols, need = 0, grow = 0;

    for (int i = 0; i < n; i++) {
        width[i] = v->cols[i].width;
        /* A long cell widens its column, up to its most. */
        if (want && v->cols[i].max > width[i] && want[i] > width[i])
            width[i] = want[i] < v->cols[i].max ? want[i] : v->cols[i].max;
        need += 1 + width[i];
        grow += v->cols[i].grow;
    }
    /* Wider than 80: the growing columns share what is left. */
    if (need < avail && grow > 0) {
        int extra = avail - need, given = 0, last = -1;
        for (int i = 0; i < n; i++) {
            if (!v->cols[i].grow)
                continue;
            int add = extra * v->cols[i].grow / grow;
            width[i] += add;
            given += add;
            last = i;
        }
        width[last] += extra - given;
        return avail;
    }
    /* Narrower: first the room no cell shown uses, from the last column
     * back; then columns shrink to their least, in their order; then the
     * least important go. */
    for (int i = n - 1; i >= 0 && need > avail; i--) {
        int give = width[i] - need_of(v, i, want);
        if (give <= 0)
            continue;
        if (give > need - avail)
            give = need - avail;
        width[i] -= give;
        need -= give;
    }
    for (int i = 0; i < n && need > avail; i++) {
        int give = width[i] - min_of(&v->cols[i]);
        if (give <= 0)
            continue;
        if (give > need - avail)
            give = need - avail;
        width[i] -= give;
        need -= give;
    }
    while (need > avail) {
        int drop = -1;
        for (int i = 0; i < n; i++)
            if (width[i] > 0 && v->cols[i].priority > 0
                && (drop < 0 || v->cols[i].priority < v->cols[drop].priority))
                drop = i;
        if (drop < 0)
            break;
        need -= 1 + width[drop];
        width[drop] = 0;
    }
    return need;
}

int listview_prepare(struct listview *v, int rows)
{
    return listwin_show(v->w, rows);
}

/* The cells joined into one line, each fitted to its column. */
static void line_of(const struct listview *v, const int width[LISTVIEW_MAX_COLS],
                    const char *const *cell, const char *mark, char *out, size_t outsz)
{
    size_t used = 0;
    bool first = true;

    out[0] = '\0';
    for (int c = 0; c < v->ncols && c < LISTVIEW_MAX_COLS && used + 1 < outsz; c++) {
        char fitted[4 * DRAW_MAX_COLS + 1];
        if (width[c] == 0)
            continue;
        if (v->cols[c].right)
            text_pad_left(fitted, sizeof fitted, cell[c] ? cell[c] : "", width[c]);
        else
            text_fit_mark(fitted, sizeof fitted, cell[c] ? cell[c] : "", width[c], true);
        /* The mark takes the place of the space before the first column. */
        used += (size_t)snprintf(out + used, outsz - used, "%s%s",
                                 first && v->marks ? mark : " ", fitted);
        first = false;
        if (used >= outsz)
            used = outsz - 1;
    }
}

void listview_draw(const struct listview *v, WINDOW *win, int y, int x, int cols, int rows,
                   bool focused)
{
    const struct listwin *w = v->w;
    int width[LISTVIEW_MAX_COLS];
    const char *head[LISTVIEW_MAX_COLS];
    char line[8 * DRAW_MAX_COLS + 1];

    int want[LISTVIEW_MAX_COLS] = { 0 }, wide[LISTVIEW_MAX_COLS];

    /* How wide the cells shown are, each given all the room it could get. */
    for (int c = 0; c < v->ncols && c < LISTVIEW_MAX_COLS; c++)
        wide[c] = DRAW_MAX_COLS;
    for (int r = 0; r < rows && listwin_has(w, w->top + r); r++) {
        const char *cell[LISTVIEW_MAX_COLS] = { 0 };
        char buf[2048];
        enum listview_style style;
        v->cells(v->ctx, w->top + r, cell, wide, buf, sizeof buf, &style);
        for (int c = 0; c < v->ncols && c < LISTVIEW_MAX_COLS; c++) {
            int cw = cell[c] ? text_width(cell[c]) : 0;
            if (cw > want[c])
                want[c] = cw;
        }
    }
    listview_plan(v, cols, want, width);
    if (!v->no_heading) {
        for (int c = 0; c < v->ncols && c < LISTVIEW_MAX_COLS; c++)
            head[c] = _(v->cols[c].heading);
        line_of(v, width, head, " ", line, sizeof line);
        draw_text(win, y, x, cols, line, term_attr(ROLE_HEADING), true);
        y++;
    }
    for (int r = 0; r < rows; r++) {
        long i = w->top + r;
        const char *cell[LISTVIEW_MAX_COLS] = { 0 };
        char buf[2048];
        enum listview_style style = LISTVIEW_NORMAL;
        if (!listwin_has(w, i))
            break;
        v->cells(v->ctx, i, cell, width, buf, sizeof buf, &style);
        line_of(v, width, cell, listwin_row_marked(w, i) ? "*" : " ", line, sizeof line);
        attr_t attr = style == LISTVIEW_DIM       ? A_DIM
                      : style == LISTVIEW_HEADING ? term_attr(ROLE_HEADING)
                                                  : A_NORMAL;
        if (focused && i == w->sel)
            attr = A_REVERSE;
        draw_text(win, y + r, x, cols, line, attr, true);
    }
    if (v->pager && rows > 0) {
        bool more;
        if (w->top > 0)
            draw_text(win, y, x + cols - 1, 1, "^", term_attr(ROLE_HEADING), false);
        if (w->top + rows < listwin_known(w, &more) || more)
            draw_text(win, y + rows - 1, x + cols - 1, 1, "v", term_attr(ROLE_HEADING), false);
    }
}

/* A pager scrolls: the first row shown moves, and the selection with it. */
static bool page_key(struct listview *v, int action, int rows)
{
    struct listwin *w = v->w;
    long total = listwin_total(w), last = total - rows > 0 ? total - rows : 0;
    int page = rows > 1 ? rows - 1 : 1;

    switch (action) {
    case ACT_UP: w->top--; break;
    case ACT_DOWN: w->top++; break;
    case ACT_PAGE_UP: w->top -= page; break;
    case ACT_PAGE_DOWN: w->top += page; break;
    case ACT_HOME: w->top = 0; break;
    case ACT_END: w->top = last; break;
    default: return false;
    }
    if (w->top > last)
        w->top = last;
    if (w->top < 0)
        w->top = 0;
    w->sel = w->top;
    listwin_show(w, rows);
    return true;
}

bool listview_key(struct listview *v, int action, int rows)
{
    if (v->pager)
        return page_key(v, action, rows);
    static const struct {
        int action;
        enum listwin_move move;
    } moves[] = {
        { ACT_UP, LISTWIN_UP },           { ACT_DOWN, LISTWIN_DOWN },
        { ACT_PAGE_UP, LISTWIN_PAGE_UP }, { ACT_PAGE_DOWN, LISTWIN_PAGE_DOWN },
        { ACT_HOME, LISTWIN_HOME },       { ACT_END, LISTWIN_END },
    };

    for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
        if (moves[i].action == action) {
            listwin_move(v->w, moves[i].move, rows);
            return true;
        }
    if (v->marks && action == ACT_MARK) {
        listwin_mark(v->w);
        listwin_move(v->w, LISTWIN_DOWN, rows); /* on to the next, as in a file manager */
        return true;
    }
    if (v->marks && action == ACT_MARK_ALL) {
        listwin_mark_shown(v->w, rows);
        return true;
    }
    return false;
}

void listview_position(const struct listview *v, char *buf, size_t bufsz)
{
    bool more;
    long n = listwin_known(v->w, &more);

    if (n == 0)
        snprintf(buf, bufsz, "0/0");
    else
        snprintf(buf, bufsz, more ? "%ld/%ld+" : "%ld/%ld", v->w->sel + 1, n);
}
