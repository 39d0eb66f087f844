/* sheet.c — text sheets to print (see sheet.h for the layout and the
 * rules).  Every line is put together in a buffer first, so that trailing
 * spaces can be left out, and written whole. */
#include "src/sheet.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "src/i18n.h"
#include "src/text.h"

/* The footer: a blank line, then the page number. */
enum { FOOTER_LINES = 2, TITLE_LINES = 2 };

struct buf {
    char *p;
    size_t len, cap;
};

struct col {
    char *heading;  /* cleaned */
    int min, max, priority;
    bool grow, right;
    int width;      /* 0: left out */
};

struct sheet {
    FILE *out;
    struct col *cols;
    int ncols;
    char *title, *community, *written, *operator_name; /* cleaned; "" when none */
    int page_width, page_length;
    bool form_feed;
    int width;        /* the table's: the columns shown and the gaps between them */
    int page;         /* the page being written; 0 before the first line */
    int line;         /* lines written on it */
    int body_start;   /* the line after its column headings */
    int body_end;     /* the lines its body may fill, the footer left out */
    char *group;      /* the open group's heading, cleaned; NULL when none */
    struct buf ln;    /* the line being put together */
    struct buf cell;  /* a cell, cleaned */
    struct buf fit;   /* a cell, fitted to its column */
    int err;          /* the first errno of a failed write or allocation; 0 */
};

/* ---- buffers and failures -------------------------------------------------- */

static void fail(sheet *s, int err)
{
    if (!s->err)
        s->err = err ? err : EIO;
}

/* Room for EXTRA more bytes and a NUL in B. */
static bool reserve(sheet *s, struct buf *b, size_t extra)
{
    size_t want = b->len + extra + 1, cap = b->cap ? b->cap : 128;
    char *p;

    if (want <= b->cap)
        return true;
    while (cap < want)
        cap *= 2;
    p = realloc(b->p, cap);
    if (!p) {
        fail(s, ENOMEM);
        return false;
    }
    b->p = p;
    b->cap = cap;
    return true;
}

static void add(sheet *s, struct buf *b, const char *text)
{
    size_t n = strlen(text);

    if (!reserve(s, b, n))
        return;
    memcpy(b->p + b->len, text, n + 1);
    b->len += n;
}

static void add_repeat(sheet *s, struct buf *b, char ch, int n)
{
    if (n <= 0 || !reserve(s, b, (size_t)n))
        return;
    memset(b->p + b->len, ch, (size_t)n);
    b->len += (size_t)n;
    b->p[b->len] = '\0';
}

static void add_spaces(sheet *s, struct buf *b, int n)
{
    add_repeat(s, b, ' ', n);
}

static void clear(sheet *s, struct buf *b)
{
    b->len = 0;
    if (reserve(s, b, 0))
        b->p[0] = '\0';
}

/* SRC into B as it may be printed: tabs and line breaks become spaces,
 * other control characters and invalid bytes U+FFFD (text_clean). */
static const char *clean_into(sheet *s, struct buf *b, const char *src)
{
    size_t n = src ? strlen(src) : 0;

    clear(s, b);
    /* An invalid byte or a control character becomes U+FFFD: 3 bytes. */
    if (s->err || !reserve(s, b, 3 * n))
        return "";
    text_clean(b->p, b->cap, src ? src : "", "\t\r\n");
    for (char *p = b->p; *p; p++)
        if (*p == '\t' || *p == '\r' || *p == '\n')
            *p = ' ';
    b->len = strlen(b->p);
    return b->p;
}

/* A malloc'd cleaned copy of SRC ("" for NULL); NULL when out of memory. */
static char *clean_dup(sheet *s, const char *src)
{
    struct buf b = { 0 };

    clean_into(s, &b, src);
    if (s->err) {
        free(b.p);
        return NULL;
    }
    return b.p;
}

/* ---- writing lines ----------------------------------------------------------- */

/* Writes the line in s->ln without its trailing spaces, and starts a new one. */
static void emit(sheet *s)
{
    struct buf *b = &s->ln;

    while (b->len > 0 && b->p[b->len - 1] == ' ')
        b->len--;
    if (!s->err && ((b->len > 0 && fwrite(b->p, 1, b->len, s->out) != b->len)
                    || putc('\n', s->out) == EOF))
        fail(s, errno);
    s->line++;
    clear(s, b);
}

/* TEXT (cleaned) fitted into WIDTH columns and appended to the line:
 * left-aligned and padded, or right-aligned. */
static void add_fitted(sheet *s, const char *text, int width, bool right)
{
    struct buf *f = &s->fit;
    size_t need = strlen(text) + (size_t)width + 8;

    clear(s, f);
    if (s->err || !reserve(s, f, need))
        return;
    if (right)
        text_pad_left(f->p, f->cap, text, width);
    else
        text_fit_mark(f->p, f->cap, text, width, true);
    add(s, &s->ln, f->p);
}

/* TEXT (cleaned) as a line of its own: cut with '~' to the page width, and
 * centred in the table's width when CENTRE. */
static void emit_text(sheet *s, const char *text, bool centre)
{
    int w = text_width(text);

    if (w > s->page_width)
        w = s->page_width;
    if (centre && w < s->width)
        add_spaces(s, &s->ln, (s->width - w) / 2);
    add_fitted(s, text, w, false);
    emit(s);
}

/* The gap before every column shown but the first of the line. */
static void add_gap(sheet *s, bool *first)
{
    if (!*first)
        add_spaces(s, &s->ln, SHEET_GAP);
    *first = false;
}

/* One line of cells, a cell per column shown; CELLS are cleaned here. */
static void emit_cells(sheet *s, const char *const *cells)
{
    bool first = true;

    for (int c = 0; c < s->ncols; c++) {
        if (!s->cols[c].width)
            continue;
        add_gap(s, &first);
        add_fitted(s, clean_into(s, &s->cell, cells ? cells[c] : NULL), s->cols[c].width,
                   s->cols[c].right);
    }
    emit(s);
}

/* ---- the parts of a page ------------------------------------------------------ */

/* The title: broken into lines at the page width, at most TITLE_LINES (the
 * last one cut with '~' when more is left). */
static void emit_title(sheet *s)
{
    const char *t = s->title;

    for (int n = 0; *t && n < TITLE_LINES; n++) {
        size_t next = 0, len = text_line_break(t, s->page_width, &next);
        char *one;

        if (n == TITLE_LINES - 1 || !t[next]) {
            emit_text(s, t, true); /* the rest: it fits, or is cut */
            return;
        }
        one = strndup(t, len);
        if (!one) {
            fail(s, ENOMEM);
            return;
        }
        emit_text(s, one, true);
        free(one);
        t += next;
    }
}

/* The header line: the community on the left, when and by whom written on
 * the right of the table; on two lines when they do not fit on one. */
static void emit_header(sheet *s)
{
    struct buf right = { 0 };
    int lw = text_width(s->community), rw;

    if (*s->written)
        add(s, &right, s->written);
    if (*s->operator_name) {
        char label[512];
        snprintf(label, sizeof label, _("operator: %s"), s->operator_name);
        if (right.len)
            add_spaces(s, &right, SHEET_GAP);
        add(s, &right, label);
    }
    rw = right.len ? text_width(right.p) : 0;
    if (rw > 0 && lw + (lw ? SHEET_GAP : 0) + rw <= s->page_width) {
        int end = lw + (lw ? SHEET_GAP : 0) + rw;
        add(s, &s->ln, s->community);
        add_spaces(s, &s->ln, (end > s->width ? end : s->width) - lw - rw);
        add(s, &s->ln, right.p);
        emit(s);
    } else {
        if (lw)
            emit_text(s, s->community, false);
        if (rw)
            emit_text(s, right.p, false);
    }
    free(right.p);
}

/* The column headings and under them a rule of '-' as wide as each column. */
static void emit_headings(sheet *s)
{
    bool first = true;

    for (int c = 0; c < s->ncols; c++) {
        if (!s->cols[c].width)
            continue;
        add_gap(s, &first);
        add_fitted(s, s->cols[c].heading, s->cols[c].width, s->cols[c].right);
    }
    emit(s);
    first = true;
    for (int c = 0; c < s->ncols; c++) {
        if (!s->cols[c].width)
            continue;
        add_gap(s, &first);
        add_repeat(s, &s->ln, '-', s->cols[c].width);
    }
    emit(s);
}

/* The open group's heading again at the top of a page, "(continued)". */
static void emit_group_continued(sheet *s)
{
    /* TRANSLATORS: after a heading repeated on the next page: 12幢 (continued). */
    const char *more = _(" (continued)");
    int room = s->page_width - text_width(more), w = text_width(s->group);

    if (room < 1)
        room = 1;
    add_fitted(s, s->group, w < room ? w : room, false);
    add(s, &s->ln, more);
    emit(s);
}

static void start_page(sheet *s)
{
    if (s->page > 0 && s->form_feed && putc('\f', s->out) == EOF)
        fail(s, errno);
    s->page++;
    s->line = 0;
    if (s->page == 1 && (*s->title || *s->community || *s->written || *s->operator_name)) {
        emit_title(s);
        emit_header(s);
        emit(s);
    }
    emit_headings(s);
    s->body_start = s->line;
    if (s->group)
        emit_group_continued(s);
}

/* Pads the page (unless pages break with a form feed) and writes its footer. */
static void end_page(sheet *s)
{
    char label[64];

    if (!s->page_length)
        return;
    while (!s->form_feed && s->line < s->body_end && !s->err)
        emit(s);
    emit(s);
    snprintf(label, sizeof label, _("page %d"), s->page);
    emit_text(s, label, true);
}

/* Makes sure the page has room for N more lines of body, starting the first
 * page or a new one.  A page whose body is empty takes the lines anyway
 * (sheet_begin made sure a page holds what must go on one). */
static void need_lines(sheet *s, int n)
{
    if (s->page == 0) {
        start_page(s);
    } else if (s->line + n > s->body_end && s->line > s->body_start) {
        end_page(s);
        start_page(s);
    }
}

/* ---- widths -------------------------------------------------------------------- */

/* The columns shown and the gaps between them. */
static int table_width(const sheet *s)
{
    int total = 0, n = 0;

    for (int c = 0; c < s->ncols; c++)
        if (s->cols[c].width) {
            total += s->cols[c].width;
            n++;
        }
    return total + (n > 1 ? (n - 1) * SHEET_GAP : 0);
}

/* The shown column to leave out first: the lowest priority, the rightmost
 * of equals; -1 when only one is left. */
static int least_important(const sheet *s)
{
    int pick = -1, shown = 0;

    for (int c = 0; c < s->ncols; c++) {
        if (!s->cols[c].width)
            continue;
        shown++;
        if (pick < 0 || s->cols[c].priority <= s->cols[pick].priority)
            pick = c;
    }
    return shown > 1 ? pick : -1;
}

/* Shares LEFT columns among the grow columns shown, one at a time in turn,
 * each up to its max. */
static void share(sheet *s, int left)
{
    bool took = true;

    while (left > 0 && took) {
        took = false;
        for (int c = 0; c < s->ncols && left > 0; c++) {
            struct col *k = &s->cols[c];
            if (!k->width || !k->grow || (k->max > 0 && k->width >= k->max))
                continue;
            k->width++;
            left--;
            took = true;
        }
    }
}

/* Decides the widths once, from the rules alone (see sheet.h). */
static void lay_out(sheet *s)
{
    int drop;

    for (int c = 0; c < s->ncols; c++)
        s->cols[c].width = s->cols[c].min;
    while (table_width(s) > s->page_width && (drop = least_important(s)) >= 0)
        s->cols[drop].width = 0;
    for (int c = 0; c < s->ncols; c++)
        if (s->cols[c].width > s->page_width) /* the last column left, wider than the page */
            s->cols[c].width = s->page_width;
    share(s, s->page_width - table_width(s));
    s->width = table_width(s);
}

/* ---- the interface ---------------------------------------------------------------- */

static bool spec_usable(const struct sheet_spec *spec)
{
    if (!spec || !spec->columns || spec->ncolumns < 1 || spec->page_width < 0
        || spec->page_width > SHEET_MAX_WIDTH || spec->page_length < 0
        || (spec->page_length > 0 && spec->page_length < SHEET_MIN_PAGE_LENGTH))
        return false;
    for (int c = 0; c < spec->ncolumns; c++)
        if (spec->columns[c].min < 1)
            return false;
    return true;
}

static void sheet_free(sheet *s)
{
    if (!s)
        return;
    for (int c = 0; s->cols && c < s->ncols; c++)
        free(s->cols[c].heading);
    free(s->cols);
    free(s->title);
    free(s->community);
    free(s->written);
    free(s->operator_name);
    free(s->group);
    free(s->ln.p);
    free(s->cell.p);
    free(s->fit.p);
    free(s);
}

/* Copies the strings of SPEC, cleaned; false when out of memory. */
static bool copy_spec(sheet *s, const struct sheet_spec *spec)
{
    s->title = clean_dup(s, spec->title);
    s->community = clean_dup(s, spec->community);
    s->written = clean_dup(s, spec->written);
    s->operator_name = clean_dup(s, spec->operator_name);
    s->cols = calloc((size_t)spec->ncolumns, sizeof *s->cols);
    if (!s->cols)
        return false;
    s->ncols = spec->ncolumns;
    for (int c = 0; c < s->ncols; c++) {
        const struct sheet_column *from = &spec->columns[c];
        struct col *k = &s->cols[c];
        k->heading = clean_dup(s, from->heading);
        k->min = from->min;
        k->max = from->grow && from->max > 0 && from->max < from->min ? from->min : from->max;
        k->grow = from->grow;
        k->right = from->right;
        k->priority = from->priority;
    }
    return !s->err;
}

sheet *sheet_begin(FILE *out, const struct sheet_spec *spec)
{
    sheet *s;

    if (!out || !spec_usable(spec)) {
        errno = EINVAL;
        return NULL;
    }
    s = calloc(1, sizeof *s);
    if (!s || !copy_spec(s, spec)) {
        sheet_free(s);
        errno = ENOMEM;
        return NULL;
    }
    s->out = out;
    s->page_width = spec->page_width ? spec->page_width : SHEET_DEFAULT_WIDTH;
    s->page_length = spec->page_length;
    s->form_feed = spec->form_feed;
    s->body_end = s->page_length ? s->page_length - FOOTER_LINES : INT_MAX;
    lay_out(s);
    return s;
}

int sheet_column_width(const sheet *s, int col)
{
    return s && col >= 0 && col < s->ncols ? s->cols[col].width : 0;
}

void sheet_group(sheet *s, const char *heading)
{
    bool gap;

    if (!s || s->err)
        return;
    free(s->group); /* a page break here must not call the old group "continued" */
    s->group = NULL;
    gap = s->page > 0 && s->line > s->body_start;
    need_lines(s, (gap ? 1 : 0) + 2); /* the heading never ends a page: its first row too */
    if (s->line > s->body_start)
        emit(s);
    s->group = clean_dup(s, heading);
    if (s->group)
        emit_text(s, s->group, false);
}

void sheet_row(sheet *s, const char *const *cells)
{
    if (!s || s->err)
        return;
    need_lines(s, 1);
    emit_cells(s, cells);
}

int sheet_end(sheet **sp)
{
    sheet *s = sp ? *sp : NULL;
    int err;

    if (!s)
        return 0;
    if (!s->err) {
        if (s->page == 0)
            start_page(s);
        end_page(s);
    }
    if (fflush(s->out) != 0 || ferror(s->out))
        fail(s, errno);
    err = s->err;
    sheet_free(s);
    *sp = NULL;
    if (err) {
        errno = err;
        return -1;
    }
    return 0;
}
