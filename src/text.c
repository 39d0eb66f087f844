/* text.c — UTF-8, display width, fitting and masking.
 *
 * Decoding is strict and our own (never mbstowcs): a byte that does not start
 * a well-formed sequence becomes one U+FFFD.  Widths come from wcwidth();
 * anything it cannot print is shown as U+FFFD, one column.  Output goes
 * through a small bounded writer that drops whole characters only. */
#include "src/text.h"

#include <stdlib.h>
#include <string.h>

/* ---- UTF-8 ---------------------------------------------------------------- */

size_t text_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned char lo = 0x80, hi = 0xBF;   /* allowed range of the 2nd byte */
    size_t len;
    uint32_t c;

    *cp = TEXT_REPLACEMENT;
    if (n == 0)
        return 0;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    if (u[0] >= 0xC2 && u[0] <= 0xDF) {
        len = 2, c = u[0] & 0x1F;
    } else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
        len = 3, c = u[0] & 0x0F;
        if (u[0] == 0xE0) lo = 0xA0;       /* overlong */
        if (u[0] == 0xED) hi = 0x9F;       /* surrogates */
    } else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
        len = 4, c = u[0] & 0x07;
        if (u[0] == 0xF0) lo = 0x90;       /* overlong */
        if (u[0] == 0xF4) hi = 0x8F;       /* above U+10FFFF */
    } else {
        return 1;                          /* C0, C1, F5..FF, stray continuation */
    }
    if (n < len)
        return 1;
    for (size_t i = 1; i < len; i++) {
        if (u[i] < lo || u[i] > hi)
            return 1;
        lo = 0x80, hi = 0xBF;
        c = (c << 6) | (u[i] & 0x3F);
    }
    *cp = c;
    return len;
}

size_t text_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;

    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        cp = TEXT_REPLACEMENT;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | cp >> 6);
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | cp >> 12);
        o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | cp >> 18);
    o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A replacement that stands for a bad byte, not an encoded U+FFFD (3 bytes). */
static bool is_bad(uint32_t cp, size_t used)
{
    return cp == TEXT_REPLACEMENT && used == 1;
}

bool text_valid_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t used = text_decode(s + i, n - i, &cp);
        if (is_bad(cp, used))
            return false;
        i += used;
    }
    return true;
}

wchar_t *text_to_wcs(const char *s, size_t *len)
{
    size_t n = s ? strlen(s) : 0, k = 0;
    wchar_t *w = malloc((n + 1) * sizeof *w);

    if (!w)
        return NULL;
    for (size_t i = 0; i < n; k++) {
        uint32_t cp;
        i += text_decode(s + i, n - i, &cp);
        w[k] = (wchar_t)cp;
    }
    w[k] = L'\0';
    if (len)
        *len = k;
    return w;
}

char *text_from_wcs(const wchar_t *w, size_t n)
{
    char *s = malloc(4 * n + 1), *p = s;

    if (!s)
        return NULL;
    for (size_t i = 0; i < n; i++)
        p += text_encode((uint32_t)w[i], p);
    *p = '\0';
    return s;
}

/* ---- width ---------------------------------------------------------------- */

/* What the terminal is sent for CP, and its columns. */
static uint32_t shown(uint32_t cp, int *w)
{
    int cw = cp > 0x10FFFF ? -1 : wcwidth((wchar_t)cp);

    if (cw < 0) {
        *w = 1;
        return TEXT_REPLACEMENT;
    }
    *w = cw;
    return cp;
}

int text_cp_width(uint32_t cp)
{
    int w;
    shown(cp, &w);
    return w;
}

int text_width_n(const char *s, size_t n)
{
    int cols = 0;

    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += text_decode(s + i, n - i, &cp);
        cols += text_cp_width(cp);
    }
    return cols;
}

int text_width(const char *s)
{
    return s ? text_width_n(s, strlen(s)) : 0;
}

/* ---- bounded output ------------------------------------------------------- */

struct out {
    char *p;
    size_t cap, len;   /* bytes, the NUL included in CAP */
    int cols;
    bool full;         /* a character was dropped: add nothing more */
};

static struct out out_start(char *dst, size_t dstsz)
{
    if (dstsz > 0)
        dst[0] = '\0';
    return (struct out){ dst, dstsz, 0, 0, false };
}

static bool out_put(struct out *o, const char *b, size_t n, int w)
{
    if (o->full || o->len + n >= o->cap) {
        o->full = true;
        return false;
    }
    memcpy(o->p + o->len, b, n);
    o->len += n;
    o->p[o->len] = '\0';
    o->cols += w;
    return true;
}

static void out_pad(struct out *o, int cols)
{
    while (o->cols < cols && out_put(o, " ", 1, 1))
        ;
}

/* Appends characters of SRC while the output stays within COLS columns. */
static void out_fit(struct out *o, const char *src, int cols)
{
    size_t n = src ? strlen(src) : 0;

    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t used = text_decode(src + i, n - i, &cp);
        char b[4];
        int w;

        cp = shown(cp, &w);
        if (o->cols + w > cols || !out_put(o, b, text_encode(cp, b), w))
            break;
        i += used;
    }
}

/* ---- fitting -------------------------------------------------------------- */

int text_fit(char *dst, size_t dstsz, const char *src, int cols, bool pad)
{
    struct out o = out_start(dst, dstsz);

    out_fit(&o, src, cols);
    if (pad)
        out_pad(&o, cols);
    return o.cols;
}

int text_fit_mark(char *dst, size_t dstsz, const char *src, int cols, bool pad)
{
    struct out o = out_start(dst, dstsz);

    if (cols <= 0 || text_width(src) <= cols)
        return text_fit(dst, dstsz, src, cols, pad);
    if (dstsz < 2)
        return 0;
    o.cap = dstsz - 1;             /* keep a byte for the '~' */
    out_fit(&o, src, cols - 1);
    if (pad)
        out_pad(&o, cols - 1);
    o.cap = dstsz, o.full = false;
    out_put(&o, "~", 1, 1);
    return o.cols;
}

int text_pad_left(char *dst, size_t dstsz, const char *src, int cols)
{
    int w = text_width(src);
    struct out o = out_start(dst, dstsz);

    if (w >= cols)
        return text_fit_mark(dst, dstsz, src, cols, true);
    out_pad(&o, cols - w);
    out_fit(&o, src, cols);
    return o.cols;
}

/* ---- masking -------------------------------------------------------------- */

/* Writes the N characters of W with those in [FROM, TO) shown as '*'. */
static void put_masked(char *dst, size_t dstsz, const wchar_t *w, size_t n,
                       size_t from, size_t to)
{
    struct out o = out_start(dst, dstsz);

    for (size_t i = 0; i < n; i++) {
        char b[4];
        size_t k = (i >= from && i < to) ? (b[0] = '*', 1)
                                         : text_encode((uint32_t)w[i], b);
        if (!out_put(&o, b, k, 0))
            break;
    }
}

/* Masks S by the rule RULE picks from its characters. */
static void mask_with(char *dst, size_t dstsz, const char *s,
                      void (*rule)(const wchar_t *, size_t, size_t *, size_t *))
{
    size_t n = 0, from = 0, to = 0;
    wchar_t *w = text_to_wcs(s, &n);

    if (dstsz > 0)
        dst[0] = '\0';
    if (!w)
        return;
    rule(w, n, &from, &to);
    put_masked(dst, dstsz, w, n, from, to);
    free(w);
}

/* All but the last four characters from FROM on. */
static void keep_last4(size_t n, size_t from, size_t *lo, size_t *hi)
{
    *lo = from;
    *hi = n > from + 4 ? n - 4 : from;
}

static void id_rule(const wchar_t *w, size_t n, size_t *lo, size_t *hi)
{
    if (n >= 11) {
        *lo = 6, *hi = n - 4;
    } else {
        keep_last4(n, 0, lo, hi);
    }
}

static size_t count_digits(const wchar_t *w, size_t n)
{
    size_t k = 0;
    while (k < n && w[k] >= L'0' && w[k] <= L'9')
        k++;
    return k;
}

static bool is_mobile(const wchar_t *w, size_t n)
{
    return n == 11 && count_digits(w, n) == 11 && w[0] == L'1' && w[1] >= L'3';
}

static void phone_rule(const wchar_t *w, size_t n, size_t *lo, size_t *hi)
{
    size_t p = 0, area = count_digits(w, n);

    if (n >= 3 && w[0] == L'+' && w[1] == L'8' && w[2] == L'6') {
        p = 3 + (n > 3 && (w[3] == L' ' || w[3] == L'-'));   /* +86 139... */
    }
    if (is_mobile(w + p, n - p)) {
        *lo = p + 3, *hi = p + 7;
    } else if (w[0] == L'0' && (area == 3 || area == 4) && area < n && w[area] == L'-') {
        keep_last4(n, area + 1, lo, hi);                     /* 0571-8765... */
    } else {
        keep_last4(n, 0, lo, hi);
    }
}

void text_mask_id(char *dst, size_t dstsz, const char *id)
{
    mask_with(dst, dstsz, id, id_rule);
}

void text_mask_phone(char *dst, size_t dstsz, const char *phone)
{
    mask_with(dst, dstsz, phone, phone_rule);
}

/* ---- control characters --------------------------------------------------- */

bool text_is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

/* Is CP a control character that KEEP does not let through? */
static bool unwanted(uint32_t cp, const char *keep)
{
    return text_is_control(cp) && !(cp > 0 && cp < 0x80 && keep && strchr(keep, (int)cp));
}

long text_find_control(const char *s, const char *keep, uint32_t *cp, bool *invalid)
{
    size_t n = s ? strlen(s) : 0;
    long at = 0;

    for (size_t i = 0; i < n; at++) {
        uint32_t c;
        size_t used = text_decode(s + i, n - i, &c);
        bool bad = is_bad(c, used);
        if (bad || unwanted(c, keep)) {
            if (cp)
                *cp = bad ? (unsigned char)s[i] : c;
            if (invalid)
                *invalid = bad;
            return at;
        }
        i += used;
    }
    return -1;
}

void text_clean(char *dst, size_t dstsz, const char *src, const char *keep)
{
    struct out o = out_start(dst, dstsz);
    size_t n = src ? strlen(src) : 0;

    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t used = text_decode(src + i, n - i, &cp);
        char b[4];
        if (unwanted(cp, keep))
            cp = TEXT_REPLACEMENT;
        if (!out_put(&o, b, text_encode(cp, b), 0))
            break;
        i += used;
    }
}

void text_put_clean(FILE *f, const char *src, const char *keep)
{
    size_t n = src ? strlen(src) : 0;

    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t used = text_decode(src + i, n - i, &cp);
        if (!is_bad(cp, used) && !unwanted(cp, keep)) {
            fwrite(src + i, 1, used, f);
        } else {
            char b[4];
            fwrite(b, 1, text_encode(TEXT_REPLACEMENT, b), f);
        }
        i += used;
    }
}

/* One character of text_escape: its escaped bytes into B, their count. */
static size_t escape_one(const char *s, size_t n, size_t *used, char b[16])
{
    uint32_t cp;

    *used = text_decode(s, n, &cp);
    if (is_bad(cp, *used))
        return (size_t)snprintf(b, 16, "\\x%02X", (unsigned char)s[0]);
    if (cp == '\n' || cp == '\r' || cp == '\t')
        return (size_t)snprintf(b, 16, "\\%c", cp == '\n' ? 'n' : cp == '\r' ? 'r' : 't');
    if (text_is_control(cp))
        return (size_t)snprintf(b, 16, cp < 0x80 ? "\\x%02X" : "\\u%04X", (unsigned)cp);
    memcpy(b, s, *used);
    return *used;
}

void text_escape(char *dst, size_t dstsz, const char *src, int max_cols)
{
    size_t n = src ? strlen(src) : 0, len = 0;
    char *all = malloc(6 * n + 1);

    if (dstsz > 0)
        dst[0] = '\0';
    if (!all)
        return;
    for (size_t i = 0, used; i < n; i += used)
        len += escape_one(src + i, n - i, &used, all + len);
    all[len] = '\0';
    if (max_cols > 0 && text_width(all) > max_cols) {
        struct out o = out_start(dst, dstsz);
        out_fit(&o, all, max_cols > 3 ? max_cols - 3 : 0);
        out_put(&o, "...", 3, 3);
    } else {
        text_copy(dst, dstsz, all);
    }
    free(all);
}

/* ---- trimming ------------------------------------------------------------- */

#define IDEO_SPACE "\xE3\x80\x80"   /* U+3000 */

static bool ascii_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

void text_copy(char *dst, size_t dstsz, const char *src)
{
    size_t n = strlen(src);

    if (n >= dstsz) {
        n = dstsz - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memmove(dst, src, n);
    dst[n] = '\0';
}

char *text_trim(char *s)
{
    char *a = s, *z;

    for (;;) {
        if (ascii_space(*a))
            a++;
        else if (*a == IDEO_SPACE[0] && strncmp(a, IDEO_SPACE, 3) == 0)
            a += 3;
        else
            break;
    }
    z = a + strlen(a);
    for (;;) {
        if (z > a && ascii_space(z[-1]))
            z--;
        else if (z - a >= 3 && z[-3] == IDEO_SPACE[0] && memcmp(z - 3, IDEO_SPACE, 3) == 0)
            z -= 3;
        else
            break;
    }
    if (a != s)
        memmove(s, a, (size_t)(z - a));
    s[z - a] = '\0';
    return s;
}

/* ---- line breaking ---- */

/* Punctuation that must not begin a line (，。、；：？！ and closing
 * brackets and quotes, full-width and ASCII). */
static bool no_line_start(uint32_t cp)
{
    static const uint32_t closing[] = {
        ',', '.', ';', ':', '?', '!', ')', ']', '}',
        0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09, 0xFF3D,
        0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x201D, 0x2019, 0x2026, 0x00B7,
    };

    for (size_t i = 0; i < sizeof closing / sizeof closing[0]; i++)
        if (cp == closing[i])
            return true;
    return false;
}

/* Opening brackets and quotes, which must not end a line: （ ( 《 “ 【 [. */
static bool no_line_end(uint32_t cp)
{
    static const uint32_t opening[] = {
        '(', '[', '{', 0xFF08, 0xFF3B, 0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x201C, 0x2018,
    };

    for (size_t i = 0; i < sizeof opening / sizeof opening[0]; i++)
        if (cp == opening[i])
            return true;
    return false;
}

/* The bytes of S that make the next line in COLS columns, and where the
 * line after it starts (spaces at a break are dropped).  A line may break
 * after a space, and before or after any double-width character (Chinese
 * has no spaces between words), but never before closing punctuation nor
 * after an opening bracket. */
size_t text_line_break(const char *s, int cols, size_t *next)
{
    size_t n = strlen(s), i = 0, brk = 0;
    uint32_t prev = 0;
    int used = 0, prev_w = 0;

    while (i < n) {
        uint32_t cp;
        size_t len = text_decode(s + i, n - i, &cp);
        int cw = text_cp_width(cp);
        if (i > 0 && cp != ' ' && (prev == ' ' || cw == 2 || prev_w == 2) && !no_line_start(cp)
            && !no_line_end(prev))
            brk = i;
        if (used + cw > cols && i > 0)
            break;
        used += cw;
        i += len;
        prev = cp;
        prev_w = cw;
    }
    if (i < n && brk > 0 && s[i] != ' ')
        i = brk;
    *next = i;
    while (s[*next] == ' ')
        (*next)++;
    while (i > 0 && s[i - 1] == ' ')
        i--;
    return i;
}
