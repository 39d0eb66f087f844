/* form.c (ui) — drawing a form, its picker, and feeding them keys. */
#include "ui/kit/form.h"

#include <stdio.h>
#include <string.h>

#include "src/i18n.h"
#include "src/msg.h"
#include "src/text.h"
#include "src/kit/vocab.h"
#include "ui/kit/actions.h"
#include "ui/kit/app.h"
#include "ui/kit/draw.h"
#include "ui/kit/editbox.h"
#include "ui/kit/keys.h"
#include "ui/kit/term.h"

#define BOX_MIN_WIDTH 60
#define PAD 2         /* columns between the box's border and its content */
#define NOTE_ROWS 2   /* the most lines a note takes in the compact layout */
#define PICK_ROWS 8   /* words shown at once by a picker */

static const char *footer(void)
{
    return _("Tab: next field   Enter on the last field or Ctrl-S: save   Esc: cancel");
}

void uiform_open(struct uiform *u, const struct form_field *fields, size_t n,
                 const void *record)
{
    memset(&u->pick, 0, sizeof u->pick);
    ledit_init(&u->pick.filter, 32);
    form_open(&u->form, fields, n, record);
}

void uiform_close(struct uiform *u)
{
    form_close(&u->form);
    ledit_free(&u->pick.filter);
}

/* ---- layout ------------------------------------------------------------- */

struct layout {
    int y, x, h, w;   /* the box */
    int label_w;      /* the label column */
    int field_x;      /* where the fields start */
    int field_max;    /* the widest a field may be */
    bool compact;     /* notes only under the current field and one in error */
    int note_max;     /* lines a note may take */
    bool blanks;      /* a blank line above the fields and above the footer */
};

/* The note under field I: its error, else its hint; "" for none. */
static const char *note(const struct form *f, size_t i, bool compact)
{
    if (f->err_field == (int)i)
        return f->err;
    if ((!compact || i == f->cur) && f->fields[i].hint)
        return _(f->fields[i].hint);
    if (!compact && FIELD_PICKED(f->fields[i].kind))
        return _("Space: the list to pick from");
    return "";
}

static int note_rows(const struct form *f, size_t i, const struct layout *l)
{
    int n = draw_wrap_rows(note(f, i, l->compact), l->field_max);

    if (!l->compact)
        return n > 0 ? n : 1; /* a line between fields */
    return n < l->note_max ? n : l->note_max;
}

static int box_height(const struct form *f, const struct layout *l)
{
    int h = 2 + 1 + (l->blanks ? 2 : 0); /* borders, footer, blank lines */

    for (size_t i = 0; i < f->nfields; i++)
        h += 1 + note_rows(f, i, l);
    return h;
}

/* The full layout when it fits, else the compact one; false when neither
 * does. */
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
    l->blanks = true;
    if (box_height(f, l) > rows) {
        l->compact = true;
        l->note_max = NOTE_ROWS;
        if (box_height(f, l) > rows)
            l->blanks = false;
        if (box_height(f, l) > rows)
            l->note_max = 1;
    }
    l->h = box_height(f, l);
    if (l->h > rows)
        return false;
    l->y = (rows - l->h) / 3;
    return true;
}

/* ---- the picker ----------------------------------------------------------- */

/* Does HAY hold NEEDLE (already lower case), ASCII case aside? */
static bool holds(const char *hay, const char *needle)
{
    char low[256];
    size_t i;

    for (i = 0; hay[i] && i + 1 < sizeof low; i++)
        low[i] = hay[i] >= 'A' && hay[i] <= 'Z' ? (char)(hay[i] - 'A' + 'a') : hay[i];
    low[i] = '\0';
    return strstr(low, needle) != NULL;
}

/* Does word W match the filter text FILTER (lower case; "" matches all)? */
static bool word_matches(const struct vocab_word *w, const char *filter)
{
    if (!*filter)
        return true;
    if (holds(w->stored, filter) || holds(_(w->label), filter) || holds(w->label, filter))
        return true;
    for (const char *const *s = w->synonyms; s && *s; s++)
        if (holds(*s, filter))
            return true;
    return false;
}

/* The words matching the filter, into IDX (indexes in the vocabulary). */
static int matches(const struct uiform *u, int *idx, int max)
{
    const struct vocab *v = u->form.fields[u->pick.field].vocab;
    char filter[128];
    int n = 0;

    ledit_copy(&u->pick.filter, filter, sizeof filter);
    text_trim(filter);
    for (char *p = filter; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    for (size_t i = 0; i < v->nwords && n < max; i++)
        if (word_matches(&v->words[i], filter))
            idx[n++] = (int)i;
    return n;
}

static void open_picker(struct uiform *u, int first_key)
{
    const struct form_field *fd = &u->form.fields[u->form.cur];
    char now[256];
    unsigned bits = 0;

    u->pick.open = true;
    u->pick.field = u->form.cur;
    u->pick.sel = u->pick.top = 0;
    ledit_clear(&u->pick.filter);
    if (first_key)
        ledit_insert(&u->pick.filter, (wchar_t)first_key);
    form_get_text(&u->form, u->form.cur, now, sizeof now);
    if (fd->kind == FIELD_SET)
        vocab_parse_set(fd->vocab, now, &bits, NULL, 0);
    u->pick.marked = bits;
}

/* Puts the word at IDX (or, for a set, the marked words) into the field. */
static void take(struct uiform *u, int idx)
{
    const struct form_field *fd = &u->form.fields[u->pick.field];
    const struct vocab *v = fd->vocab;
    char text[512];

    if (fd->kind == FIELD_SET)
        vocab_join(v, u->pick.marked, false, " ", text, sizeof text);
    else
        snprintf(text, sizeof text, "%s", _(v->words[idx].label));
    form_set_text(&u->form, u->pick.field, text);
    form_clear_error(&u->form, u->pick.field);
    u->pick.open = false;
}

static enum uiform_result picker_key(struct uiform *u, int action, int key)
{
    const struct form_field *fd = &u->form.fields[u->pick.field];
    int idx[64], n = matches(u, idx, 64);
    bool changed;

    if (action == ACT_BACK) {
        u->pick.open = false;
        return UIFORM_CHANGED;
    }
    if (key == KEYS_ENTER) {
        if (fd->kind == FIELD_SET || n > 0)
            take(u, n > 0 ? idx[u->pick.sel] : 0);
        return UIFORM_CHANGED;
    }
    if (key == ' ' && fd->kind == FIELD_SET) {
        if (n > 0)
            u->pick.marked ^= (unsigned)fd->vocab->words[idx[u->pick.sel]].value;
        return UIFORM_CHANGED;
    }
    if (action == ACT_PREV_FIELD || key == keys_fn(KEY_UP)) {
        if (u->pick.sel > 0)
            u->pick.sel--;
        return UIFORM_CHANGED;
    }
    if (action == ACT_NEXT_FIELD || key == keys_fn(KEY_DOWN)) {
        if (u->pick.sel + 1 < n)
            u->pick.sel++;
        return UIFORM_CHANGED;
    }
    if (editbox_key(&u->pick.filter, key, &changed)) {
        if (changed)
            u->pick.sel = u->pick.top = 0;
        return UIFORM_CHANGED;
    }
    return action == ACT_SAVE ? UIFORM_SAVE : UIFORM_UNHANDLED;
}

/* The picker under (or over) field FY of the box L. */
static void draw_picker(struct app *a, WINDOW *body, struct uiform *u, const struct layout *l,
                        int fy)
{
    const struct form_field *fd = &u->form.fields[u->pick.field];
    int idx[64], n = matches(u, idx, 64), rows = n < PICK_ROWS ? n : PICK_ROWS;
    int w = l->field_max, h = rows + 3, y = fy + 1, x = l->field_x - 1, caret;
    char line[256];

    if (rows < 1)
        rows = 1, h = 4;
    if (y + h > getmaxy(body))
        y = fy - h >= 0 ? fy - h : 0;
    if (u->pick.sel < u->pick.top)
        u->pick.top = u->pick.sel;
    if (u->pick.sel >= u->pick.top + rows)
        u->pick.top = u->pick.sel - rows + 1;
    draw_box(body, y, x, h, w + 2, NULL, term_attr(ROLE_FRAME));
    editbox_draw(body, y + 1, x + 1, w, &u->pick.filter, term_attr(ROLE_FIELD), &caret);
    if (n == 0)
        draw_text(body, y + 2, x + 1, w, _("nothing matches: Backspace"), A_DIM, true);
    for (int r = 0; r < rows && u->pick.top + r < n; r++) {
        const struct vocab_word *word = &fd->vocab->words[idx[u->pick.top + r]];
        bool marked = fd->kind == FIELD_SET && (u->pick.marked & (unsigned)word->value);
        snprintf(line, sizeof line, "%s%s", fd->kind == FIELD_SET ? (marked ? "[*] " : "[ ] ") : "",
                 _(word->label));
        draw_text(body, y + 2 + r, x + 1, w, line,
                  u->pick.top + r == u->pick.sel ? A_REVERSE : A_NORMAL, true);
    }
    draw_text_mark(body, y + h - 1, x + 2, w - 2,
                   fd->kind == FIELD_SET ? _("Space marks, Enter takes, Esc closes")
                                         : _("Enter takes, Esc closes"),
                   term_attr(ROLE_FRAME), false);
    app_set_cursor(a, y + 1, caret);
}

/* ---- drawing -------------------------------------------------------------- */

/* Draws field I at line Y; returns the lines it took. */
static int draw_field(struct app *a, WINDOW *body, struct form *f, size_t i,
                      const struct layout *l, int y)
{
    const struct form_field *fd = &f->fields[i];
    int width = fd->width < l->field_max ? fd->width : l->field_max;
    int lx = l->x + 1 + PAD, caret, rows;
    const char *label = _(fd->label);
    attr_t lattr = i == f->cur ? A_BOLD : A_NORMAL;

    draw_text(body, y, lx + l->label_w - text_width(label), l->label_w, label, lattr, false);
    draw_text(body, y, lx + l->label_w, 1, ":", lattr, false);
    editbox_draw(body, y, l->field_x, width, &f->eds[i], term_attr(ROLE_FIELD), &caret);
    rows = note_rows(f, i, l);
    if (rows > 0)
        draw_wrap(body, y + 1, l->field_x, l->field_max, rows, note(f, i, l->compact),
                  f->err_field == (int)i ? term_attr(ROLE_ERROR) : A_DIM);
    if (i == f->cur)
        app_set_cursor(a, y, caret);
    return 1 + rows;
}

void uiform_draw(struct app *a, WINDOW *body, struct uiform *u, const char *title)
{
    struct form *f = &u->form;
    struct layout l;
    int y, pick_y = -1;

    if (!plan(body, f, &l)) {
        draw_text_mark(body, 0, 0, getmaxx(body), _("The form does not fit in this window."),
                       term_attr(ROLE_ERROR), false);
        return;
    }
    draw_box(body, l.y, l.x, l.h, l.w, title, term_attr(ROLE_FRAME));
    y = l.y + 1 + (l.blanks ? 1 : 0);
    for (size_t i = 0; i < f->nfields; i++) {
        if (u->pick.open && i == u->pick.field)
            pick_y = y;
        y += draw_field(a, body, f, i, &l, y);
    }
    draw_text_mark(body, l.y + l.h - 2, l.x + 1 + PAD, l.w - 2 - 2 * PAD, footer(), A_DIM,
                   false);
    if (pick_y >= 0)
        draw_picker(a, body, u, &l, pick_y);
}

/* ---- keys ----------------------------------------------------------------- */

static void type_char(struct form *f, int key)
{
    struct ledit *e = form_editor(f);
    const struct form_field *fd = &f->fields[f->cur];

    if (!ledit_insert(e, (wchar_t)key) && fd->max_chars > 0 && e->len >= fd->max_chars)
        msg_warn(_("%s: at most %zu characters"), _(fd->label), fd->max_chars);
}

static enum uiform_result field_key(struct uiform *u, int action, int key)
{
    struct form *f = &u->form;
    bool picked = FIELD_PICKED(f->fields[f->cur].kind), changed;

    if (picked && (keys_is_text(key))) {
        open_picker(u, key == ' ' ? 0 : key);
        return UIFORM_CHANGED;
    }
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
    if (editbox_key(form_editor(f), key, &changed))
        return UIFORM_CHANGED;
    return UIFORM_UNHANDLED;
}

enum uiform_result uiform_key(struct uiform *u, int action, int key)
{
    enum uiform_result r;

    if (u->form.nfields == 0)
        return action == ACT_BACK ? UIFORM_CANCEL : UIFORM_UNHANDLED;
    r = u->pick.open ? picker_key(u, action, key) : field_key(u, action, key);
    if (r == UIFORM_CHANGED)
        form_changed(&u->form); /* every form's hooks, always */
    return r;
}

void uiform_report(const struct form *f)
{
    if (f->err_field < 0 || (size_t)f->err_field >= f->nfields)
        return;
    msg_error("%s: %s", _(f->fields[f->err_field].label), f->err);
}
