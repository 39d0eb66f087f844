/* ui/households/view.c — the compact form box and the keys line of the households
 * screens. */
#include "ui/households/view.h"

#include <stdio.h>
#include <string.h>

#include "src/i18n.h"
#include "src/text.h"
#include "ui/kit/draw.h"
#include "ui/kit/keys.h"
#include "ui/kit/term.h"

#define BOX_MIN_WIDTH 60
#define PAD 2         /* columns between the box's border and its content */
#define NOTE_ROWS 2   /* the most lines a note takes */

struct layout {
    int y, x, h, w;   /* the box */
    int label_w;      /* the label column */
    int field_x;      /* where the fields start */
    int field_max;    /* the widest a field may be */
    int note_max;     /* lines a note may take */
    bool blanks;      /* a blank line above the fields and above the footer */
};

static const char *footer(void)
{
    return _("Tab: next field   Enter on the last field or Ctrl-S: save   Esc: cancel");
}

/* The note under field I: its error, or the current field's hint; "" for
 * none. */
static const char *note(const struct form *f, size_t i)
{
    if (f->err_field == (int)i)
        return f->err;
    if (i == f->cur && f->fields[i].hint)
        return _(f->fields[i].hint);
    return "";
}

static int note_rows(const struct form *f, size_t i, const struct layout *l)
{
    int n = draw_wrap_rows(note(f, i), l->field_max);
    return n < l->note_max ? n : l->note_max;
}

static int box_height(const struct form *f, const struct layout *l)
{
    int h = 2 + 1 + (l->blanks ? 2 : 0); /* borders, footer, blank lines */

    for (size_t i = 0; i < f->nfields; i++)
        h += 1 + note_rows(f, i, l);
    return h;
}

static bool plan(WINDOW *body, const struct form *f, struct layout *l)
{
    int rows = getmaxy(body), cols = getmaxx(body), widest = 0;

    memset(l, 0, sizeof *l);
    for (size_t i = 0; i < f->nfields; i++) {
        int lw = text_width(_(f->fields[i].label));
        if (lw > l->label_w)
            l->label_w = lw;
        if (f->fields[i].width > widest)
            widest = f->fields[i].width;
    }
    /* border, pad, label, ": ", marker, field, marker, pad, border */
    l->w = 1 + PAD + l->label_w + 2 + 1 + widest + 1 + PAD + 1;
    if (l->w < BOX_MIN_WIDTH)
        l->w = BOX_MIN_WIDTH;
    if (text_width(footer()) + 2 * PAD + 2 > l->w)
        l->w = text_width(footer()) + 2 * PAD + 2;
    if (l->w > cols - 2)
        l->w = cols - 2;
    l->x = (cols - l->w) / 2;
    l->field_x = l->x + 1 + PAD + l->label_w + 2 + 1;
    l->field_max = l->x + l->w - 1 - PAD - 1 - l->field_x;
    if (l->field_max < 4)
        return false;
    /* Room first for the blank lines, then for notes of two lines. */
    l->blanks = true;
    l->note_max = NOTE_ROWS;
    if (box_height(f, l) > rows)
        l->blanks = false;
    if (box_height(f, l) > rows)
        l->note_max = 1;
    l->h = box_height(f, l);
    if (l->h > rows)
        return false;
    l->y = (rows - l->h) / 3;
    return true;
}

/* Draws field I at line Y; returns the lines it took. */
static int draw_field(struct app *a, WINDOW *body, struct form *f, size_t i,
                      const struct layout *l, int y)
{
    const struct form_field *fd = &f->fields[i];
    int width = fd->width < l->field_max ? fd->width : l->field_max;
    int lx = l->x + 1 + PAD, cx = 0, rows;
    char view[4 * DRAW_MAX_COLS + 1];
    const char *label = _(fd->label);
    bool left = false, right = false;
    attr_t lattr = i == f->cur ? A_BOLD : A_NORMAL;

    draw_text(body, y, lx + l->label_w - text_width(label), l->label_w, label, lattr, false);
    draw_text(body, y, lx + l->label_w, 1, ":", lattr, false);
    ledit_view(&f->eds[i], width, view, sizeof view, &cx, &left, &right);
    draw_text(body, y, l->field_x, width, view, term_attr(ROLE_FIELD), true);
    if (left)
        draw_text(body, y, l->field_x - 1, 1, "<", A_BOLD, false);
    if (right)
        draw_text(body, y, l->field_x + width, 1, ">", A_BOLD, false);
    rows = note_rows(f, i, l);
    if (rows > 0)
        draw_wrap(body, y + 1, l->field_x, l->field_max, rows, note(f, i),
                  f->err_field == (int)i ? term_attr(ROLE_ERROR) : A_DIM);
    if (i == f->cur)
        app_set_cursor(a, y, l->field_x + cx);
    return 1 + rows;
}

void hh_form_draw(struct app *a, WINDOW *body, struct form *f, const char *title)
{
    struct layout l;
    int y;

    if (!plan(body, f, &l)) {
        draw_text_mark(body, 0, 0, getmaxx(body), _("The form does not fit in this window."),
                       term_attr(ROLE_ERROR), false);
        return;
    }
    draw_box(body, l.y, l.x, l.h, l.w, title, term_attr(ROLE_FRAME));
    y = l.y + 1 + (l.blanks ? 1 : 0);
    for (size_t i = 0; i < f->nfields; i++)
        y += draw_field(a, body, f, i, &l, y);
    draw_text_mark(body, l.y + l.h - 2, l.x + 1 + PAD, l.w - 2 - 2 * PAD, footer(), A_DIM,
                   false);
}

/* ---- keys ----------------------------------------------------------------- */

const char *hh_key_name(struct app *a, enum action act, char *buf, size_t bufsz)
{
    int code = keymap_first(&a->keys, act);

    if (code == KEYS_NONE)
        snprintf(buf, bufsz, "%s", "");
    else
        keys_format(code, buf, bufsz);
    return buf;
}
