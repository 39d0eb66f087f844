/* form.c (ui) — drawing a form and feeding it keys. */
#include "ui/kit/form.h"

#include <stdio.h>
#include <string.h>

#include "src/i18n.h"
#include "src/msg.h"
#include "src/text.h"
#include "ui/kit/draw.h"
#include "ui/kit/keys.h"
#include "ui/kit/term.h"

#define BOX_MIN_WIDTH 60
#define PAD 2 /* columns between the box's border and its content */

struct layout {
    int y, x, h, w;  /* the box */
    int label_w;     /* label column */
    int field_x;     /* where fields start, inside BODY */
    int field_max;   /* the widest a field may be */
};

static const char *footer(void)
{
    return _("Tab: next field   Enter on the last field or Ctrl-S: save   Esc: cancel");
}

static int widest_label(const struct form *f)
{
    int w = 0;

    for (size_t i = 0; i < f->nfields; i++) {
        int lw = text_width(_(f->fields[i].label));
        if (lw > w)
            w = lw;
    }
    return w;
}

/* What is shown under field I: its error, else its hint, else nothing. */
static const char *note(const struct form *f, size_t i)
{
    if (f->err_field == (int)i)
        return f->err;
    return f->fields[i].hint ? _(f->fields[i].hint) : "";
}

/* Lines under field I (at least one, which keeps the fields apart). */
static int note_rows(const struct form *f, size_t i, int cols)
{
    int n = draw_wrap_rows(note(f, i), cols);
    return n > 0 ? n : 1;
}

static bool plan(WINDOW *body, const struct form *f, struct layout *l)
{
    int rows = getmaxy(body), cols = getmaxx(body);
    int widest = 0;

    for (size_t i = 0; i < f->nfields; i++)
        if (f->fields[i].width > widest)
            widest = f->fields[i].width;
    l->label_w = widest_label(f);
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
    l->h = 2 + 1 + 1 + 1; /* borders, blank line, footer, blank line */
    for (size_t i = 0; i < f->nfields; i++)
        l->h += 1 + note_rows(f, i, l->field_max);
    if (l->h > rows)
        return false;
    l->y = (rows - l->h) / 3;
    return true;
}

/* Draws field I at line Y; returns the lines it took. */
static int draw_field(WINDOW *body, struct form *f, size_t i, const struct layout *l, int y,
                      int *caret_y, int *caret_x)
{
    const struct form_field *fd = &f->fields[i];
    int width = fd->width < l->field_max ? fd->width : l->field_max;
    int lx = l->x + 1 + PAD;
    char label[512], view[4 * DRAW_MAX_COLS + 1];
    bool left = false, right = false;
    int cx = 0;
    attr_t lattr = i == f->cur ? A_BOLD : A_NORMAL;

    snprintf(label, sizeof label, "%s", _(fd->label));
    draw_text(body, y, lx + l->label_w - text_width(label), l->label_w, label, lattr, false);
    draw_text(body, y, lx + l->label_w, 1, ":", lattr, false);
    ledit_view(&f->eds[i], width, view, sizeof view, &cx, &left, &right);
    draw_text(body, y, l->field_x, width, view, term_attr(ROLE_FIELD), true);
    if (left)
        draw_text(body, y, l->field_x - 1, 1, "<", A_BOLD, false);
    if (right)
        draw_text(body, y, l->field_x + width, 1, ">", A_BOLD, false);
    draw_wrap(body, y + 1, l->field_x, l->field_max, note_rows(f, i, l->field_max), note(f, i),
              f->err_field == (int)i ? term_attr(ROLE_ERROR) : A_DIM);
    if (i == f->cur) {
        *caret_y = y;
        *caret_x = l->field_x + cx;
    }
    return 1 + note_rows(f, i, l->field_max);
}

void uiform_draw(WINDOW *body, struct form *f, const char *title, int *caret_y, int *caret_x)
{
    struct layout l;
    int y;

    *caret_y = *caret_x = -1;
    if (!plan(body, f, &l)) {
        draw_text_mark(body, 0, 0, getmaxx(body), _("The form does not fit in this window."),
                       term_attr(ROLE_ERROR), false);
        return;
    }
    draw_box(body, l.y, l.x, l.h, l.w, title, term_attr(ROLE_FRAME));
    y = l.y + 2;
    for (size_t i = 0; i < f->nfields; i++)
        y += draw_field(body, f, i, &l, y, caret_y, caret_x);
    draw_text_mark(body, l.y + l.h - 2, l.x + 1 + PAD, l.w - 2 - 2 * PAD, footer(), A_DIM,
                   false);
}

/* Editing keys that are not actions of the table. */
static bool edit_key(struct ledit *e, int key)
{
    if (key == keys_fn(KEY_BACKSPACE))
        return ledit_backspace(e);
    if (key == keys_fn(KEY_DC) || key == 4) /* Delete, ^D */
        return ledit_delete(e);
    if (key == keys_fn(KEY_LEFT) || key == 2) /* ^B */
        return ledit_left(e);
    if (key == keys_fn(KEY_RIGHT) || key == 6) /* ^F */
        return ledit_right(e);
    if (key == keys_fn(KEY_HOME) || key == 1) /* ^A */
        return ledit_home(e);
    if (key == keys_fn(KEY_END) || key == 5) /* ^E */
        return ledit_end(e);
    if (key == 11) /* ^K */
        return ledit_kill_eol(e);
    if (key == 21) /* ^U */
        return ledit_kill_bol(e);
    return false;
}

static bool is_edit_key(int key)
{
    static const int ctrl[] = { 1, 2, 4, 5, 6, 11, 21 };

    if (key == keys_fn(KEY_BACKSPACE) || key == keys_fn(KEY_DC) || key == keys_fn(KEY_LEFT) ||
        key == keys_fn(KEY_RIGHT) || key == keys_fn(KEY_HOME) || key == keys_fn(KEY_END))
        return true;
    for (size_t i = 0; i < sizeof ctrl / sizeof ctrl[0]; i++)
        if (key == ctrl[i])
            return true;
    return false;
}

static void type_char(struct form *f, int key)
{
    struct ledit *e = form_editor(f);
    const struct form_field *fd = &f->fields[f->cur];

    if (!ledit_insert(e, (wchar_t)key) && fd->max_chars > 0 && e->len >= fd->max_chars)
        msg_warn(_("%s: at most %zu characters"), _(fd->label), fd->max_chars);
}

enum uiform_result uiform_key(struct form *f, enum action action, int key)
{
    if (f->nfields == 0)
        return action == ACT_BACK ? UIFORM_CANCEL : UIFORM_UNHANDLED;
    if (keys_is_text(key)) {
        type_char(f, key);
        return UIFORM_CHANGED;
    }
    switch (action) {
    case ACT_NEXT_FIELD:
        if (form_next(f))
            return UIFORM_CHANGED;
        if (key == KEYS_ENTER)
            return UIFORM_SAVE;
        if (key == KEYS_TAB)
            form_focus(f, 0);
        return UIFORM_CHANGED;
    case ACT_PREV_FIELD:
        if (!form_prev(f) && key == keys_fn(KEY_BTAB))
            form_focus(f, f->nfields - 1);
        return UIFORM_CHANGED;
    case ACT_SAVE:
        return UIFORM_SAVE;
    case ACT_BACK:
        return UIFORM_CANCEL;
    default:
        break;
    }
    if (is_edit_key(key)) {
        edit_key(form_editor(f), key);
        return UIFORM_CHANGED;
    }
    return UIFORM_UNHANDLED;
}

void uiform_report(const struct form *f)
{
    if (f->err_field < 0 || (size_t)f->err_field >= f->nfields)
        return;
    msg_error("%s: %s", _(f->fields[f->err_field].label), f->err);
}
