/* lineedit.c — the one-line editor: a growing wide-character buffer, a caret
 * in characters and a scroll in columns.
 *
 * The caret steps over whole characters; a zero-width combining mark travels
 * with the character before it.  ledit_view() turns the state into what a
 * field of N columns shows: the scroll is moved just enough to keep the
 * caret's character (or, at the end, one spare column) inside the field, and
 * a double-width character cut by either edge is drawn as a space. */
#include "src/kit/lineedit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "src/text.h"

static int cw(wchar_t c)
{
    return text_cp_width((uint32_t)c);
}

static int cols_between(const struct ledit *e, size_t from, size_t to)
{
    int cols = 0;
    for (size_t i = from; i < to; i++)
        cols += cw(e->buf[i]);
    return cols;
}

/* Caret stops: the start of the character before / after I, with its marks. */
static size_t prev_stop(const struct ledit *e, size_t i)
{
    if (i > 0)
        i--;
    while (i > 0 && cw(e->buf[i]) == 0)
        i--;
    return i;
}

static size_t next_stop(const struct ledit *e, size_t i)
{
    if (i < e->len)
        i++;
    while (i < e->len && cw(e->buf[i]) == 0)
        i++;
    return i;
}

static bool grow(struct ledit *e, size_t need)
{
    size_t cap = e->cap ? e->cap : 16;
    wchar_t *b;

    if (need <= e->cap)
        return true;
    while (cap < need)
        cap *= 2;
    if (!(b = realloc(e->buf, cap * sizeof *b)))
        return false;
    e->buf = b, e->cap = cap;
    return true;
}

/* Removes [FROM, TO); the caret moves to FROM. */
static bool cut(struct ledit *e, size_t from, size_t to)
{
    if (from >= to)
        return false;
    memmove(e->buf + from, e->buf + to, (e->len - to) * sizeof *e->buf);
    e->len -= to - from;
    e->caret = from;
    return true;
}

static bool move_to(struct ledit *e, size_t i)
{
    bool moved = i != e->caret;
    e->caret = i;
    return moved;
}

/* ---- state ---------------------------------------------------------------- */

void ledit_init(struct ledit *e, size_t max_len)
{
    *e = (struct ledit){ .max_len = max_len };
}

void ledit_free(struct ledit *e)
{
    free(e->buf);
    ledit_init(e, e->max_len);
}

void ledit_clear(struct ledit *e)
{
    e->len = e->caret = 0;
    e->scroll = 0;
}

bool ledit_set(struct ledit *e, const char *s)
{
    size_t n;
    wchar_t *w = text_to_wcs(s, &n);
    bool whole = true;

    ledit_clear(e);
    if (!w)
        return false;
    if (e->max_len && n > e->max_len)
        n = e->max_len, whole = false;
    if (n == 0) {
        /* nothing to copy (and e->buf may still be NULL) */
    } else if (grow(e, n)) {
        memcpy(e->buf, w, n * sizeof *w);
        e->len = e->caret = n;
    } else {
        whole = false;
    }
    free(w);
    return whole;
}

char *ledit_get(const struct ledit *e)
{
    return text_from_wcs(e->buf, e->len);
}

void ledit_copy(const struct ledit *e, char *dst, size_t dstsz)
{
    size_t used = 0;

    if (dstsz == 0)
        return;
    for (size_t i = 0; i < e->len; i++) {
        char b[4];
        size_t k = text_encode((uint32_t)e->buf[i], b);
        if (used + k >= dstsz)
            break;
        memcpy(dst + used, b, k);
        used += k;
    }
    dst[used] = '\0';
}

bool ledit_empty(const struct ledit *e)
{
    return e->len == 0;
}

int ledit_width(const struct ledit *e)
{
    return cols_between(e, 0, e->len);
}

int ledit_caret_col(const struct ledit *e)
{
    return cols_between(e, 0, e->caret);
}

/* ---- editing -------------------------------------------------------------- */

static bool insertable(wchar_t c)
{
    uint32_t u = (uint32_t)c;
    return u >= 0x20 && !(u >= 0x7F && u < 0xA0)
        && !(u >= 0xD800 && u <= 0xDFFF) && u <= 0x10FFFF;
}

bool ledit_insert(struct ledit *e, wchar_t c)
{
    if (!insertable(c) || (e->max_len && e->len >= e->max_len) || !grow(e, e->len + 1))
        return false;
    memmove(e->buf + e->caret + 1, e->buf + e->caret, (e->len - e->caret) * sizeof *e->buf);
    e->buf[e->caret++] = c;
    e->len++;
    return true;
}

bool ledit_insert_str(struct ledit *e, const char *utf8)
{
    size_t n;
    wchar_t *w = text_to_wcs(utf8, &n);
    bool changed = false;

    for (size_t i = 0; w && i < n; i++)
        changed |= ledit_insert(e, w[i]);
    free(w);
    return changed;
}

bool ledit_backspace(struct ledit *e)
{
    return cut(e, prev_stop(e, e->caret), e->caret);
}

bool ledit_delete(struct ledit *e)
{
    return cut(e, e->caret, next_stop(e, e->caret));
}

bool ledit_left(struct ledit *e)     { return move_to(e, prev_stop(e, e->caret)); }
bool ledit_right(struct ledit *e)    { return move_to(e, next_stop(e, e->caret)); }
bool ledit_home(struct ledit *e)     { return move_to(e, 0); }
bool ledit_end(struct ledit *e)      { return move_to(e, e->len); }
bool ledit_kill_eol(struct ledit *e) { return cut(e, e->caret, e->len); }
bool ledit_kill_bol(struct ledit *e) { return cut(e, 0, e->caret); }

/* ---- view ----------------------------------------------------------------- */

/* Moves the scroll so columns [CARET, CARET + the caret's width) are inside
 * the field, without leaving more than the one spare column empty at the
 * right. */
static void scroll_to_caret(struct ledit *e, int cols, int total, int caret)
{
    int under = e->caret < e->len ? cw(e->buf[e->caret]) : 1;
    int most = total + 1 - cols;

    if (under < 1) under = 1;
    if (under > cols) under = cols;
    if (most < 0) most = 0;
    if (e->scroll > most) e->scroll = most;
    if (e->scroll < 0) e->scroll = 0;
    if (caret < e->scroll) e->scroll = caret;
    if (caret + under > e->scroll + cols) e->scroll = caret + under - cols;
}

/* The characters of columns [scroll, scroll + COLS), a cut one as spaces. */
static wchar_t *visible(const struct ledit *e, int cols, size_t *n)
{
    wchar_t *v = malloc((e->len + (size_t)cols + 1) * sizeof *v);
    int p = 0, end = e->scroll + cols;
    bool base_shown = false;

    *n = 0;
    for (size_t i = 0; v && i < e->len; i++) {
        int w = cw(e->buf[i]);
        if (w == 0) {                       /* a mark goes with its base */
            if (base_shown)
                v[(*n)++] = e->buf[i];
            continue;
        }
        if (p >= end)
            break;
        base_shown = p >= e->scroll && p + w <= end;
        if (base_shown)
            v[(*n)++] = e->buf[i];
        else
            for (int c = p > e->scroll ? p : e->scroll; c < p + w && c < end; c++)
                v[(*n)++] = L' ';
        p += w;
    }
    return v;
}

void ledit_view(struct ledit *e, int cols, char *out, size_t outsz, int *caret_x,
                bool *more_left, bool *more_right)
{
    int total = ledit_width(e), caret = ledit_caret_col(e);
    size_t n = 0;
    wchar_t *v;
    char *s = NULL;

    if (cols < 1)
        cols = 0;
    else
        scroll_to_caret(e, cols, total, caret);
    v = visible(e, cols, &n);
    if (v)
        s = text_from_wcs(v, n);
    text_fit(out, outsz, s ? s : "", cols, true);  /* controls shown as U+FFFD */
    free(s);
    free(v);
    if (caret_x)
        *caret_x = cols ? caret - e->scroll : 0;
    if (more_left)
        *more_left = e->scroll > 0;
    if (more_right)
        *more_right = total > e->scroll + cols;
}
