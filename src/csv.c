/* csv.c — CSV records from a file or a buffer: encoding, BOM, line numbers.
 *
 * The pipeline, one chunk at a time:
 *   raw bytes (file or buffer) -> UTF-8 (copied and checked, or converted
 *   from GB18030 by iconv; an incomplete character at the end of a chunk is
 *   carried over to the next) -> pieces that end at a line break -> libcsv.
 * Feeding libcsv one line at a time tells us the line where each record
 * starts: a record ends only at a line break, so at most one record ends per
 * piece, and the record being built is the reader's only buffer of fields.
 * Each replaced byte is noted with its place in the UTF-8, so the piece that
 * holds it gives its line and, counting characters, its column. */
#include "src/csv.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "src/i18n.h"

#define DEFAULT_CHUNK (64 * 1024)
#define CARRY_MAX 8 /* longest incomplete character kept between chunks */

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* A byte of the input that was not text: where its U+FFFD is in CONV, and
 * the byte itself (for the message that points at it). */
struct bad_byte {
    size_t off;
    unsigned char byte;
};

struct csv_reader {
    /* input */
    FILE *f;
    const unsigned char *mem;
    size_t mem_len, mem_pos;
    long long total, done;
    size_t chunk;
    bool in_eof;
    enum csv_encoding enc;
    bool bom_checked;
    iconv_t cd;

    unsigned char *raw; /* carry + chunk */
    size_t raw_cap;
    size_t raw_len;     /* bytes in RAW (the carry from the last chunk first) */

    /* UTF-8 waiting to be fed to libcsv */
    char *conv;
    size_t conv_cap, conv_len, conv_pos;
    struct bad_byte *bad; /* the replaced bytes, in the order of CONV */
    size_t nbad, bad_cap, bad_next;

    struct csv_parser p;
    bool parser_done;

    /* lines */
    long line;
    long col;           /* characters of the current line before CONV_POS */
    bool prev_cr, in_record;
    long start_line;

    /* the record being built */
    char *arena;
    size_t arena_len, arena_cap;
    size_t *offs, *lens;
    size_t nf, nf_cap;
    char **ptrs;
    size_t ptrs_cap;
    bool ready;
    enum csv_rec_problem problem;
    long problem_line;
    unsigned char problem_byte;
    long problem_column;

    bool failed;
    char err[256];
};

/* ---- small helpers ------------------------------------------------------- */

static bool grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : 16;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, n * elem);
    if (!q)
        return false;
    *p = q;
    *cap = n;
    return true;
}

static void fail(csv_reader *r, const char *msg)
{
    if (!r->failed)
        snprintf(r->err, sizeof r->err, "%s", msg);
    r->failed = true;
}

static void fail_oom(csv_reader *r)
{
    fail(r, _("out of memory while reading the file"));
}

/* The record being built has no problem (yet). */
static void clear_problem(csv_reader *r)
{
    r->problem = CSV_REC_OK;
    r->problem_line = 0;
    r->problem_byte = 0;
    r->problem_column = 0;
}

/* Length of the complete, valid UTF-8 at the start of S.  *BAD is set when
 * an invalid sequence stops it; otherwise the rest (if any) is a character
 * cut off by the end of S. */
static size_t utf8_prefix(const unsigned char *s, size_t n, bool *bad)
{
    size_t i = 0;

    *bad = false;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            *bad = true;
            return i;
        }
        for (size_t k = 1; k <= need; k++) {
            if (i + k >= n)
                return i; /* cut off by the end */
            unsigned char t = s[i + k];
            if (k == 1 ? (t < lo || t > hi) : (t < 0x80 || t > 0xBF)) {
                *bad = true;
                return i;
            }
        }
        i += need + 1;
    }
    return i;
}

/* ---- opening ------------------------------------------------------------- */

static csv_reader *reader_new(char *err, size_t errsz)
{
    csv_reader *r = calloc(1, sizeof *r);

    if (!r || csv_init(&r->p, CSV_APPEND_NULL) != 0) {
        free(r);
        snprintf(err, errsz, "%s", _("out of memory while opening the file"));
        return NULL;
    }
    r->chunk = DEFAULT_CHUNK;
    r->cd = (iconv_t)-1;
    r->line = 1;
    return r;
}

/* Reads up to N bytes of input into BUF. */
static size_t input_read(csv_reader *r, unsigned char *buf, size_t n)
{
    if (r->f) {
        size_t got = fread(buf, 1, n, r->f);
        if (got < n && ferror(r->f))
            fail(r, _("the file could not be read to the end (a disk or network error)"));
        return got;
    }
    size_t left = r->mem_len - r->mem_pos;
    if (n > left)
        n = left;
    memcpy(buf, r->mem + r->mem_pos, n);
    r->mem_pos += n;
    return n;
}

static void input_rewind(csv_reader *r)
{
    if (r->f)
        rewind(r->f);
    else
        r->mem_pos = 0;
}

/* Is all of the input valid UTF-8?  Reads it through once (chunked).  The
 * fast answer for the usual file; only a file that is not clean UTF-8 pays
 * for the counting of tally_input below. */
static bool input_is_utf8(csv_reader *r, bool *io_error)
{
    unsigned char buf[DEFAULT_CHUNK + CARRY_MAX];
    size_t carry = 0;
    bool bad = false;

    *io_error = false;
    if (!r->f) {
        size_t ok = utf8_prefix(r->mem, r->mem_len, &bad);
        return ok == r->mem_len;
    }
    for (;;) {
        size_t got = input_read(r, buf + carry, DEFAULT_CHUNK);
        if (r->failed) {
            *io_error = true;
            return false;
        }
        size_t n = carry + got;
        size_t ok = utf8_prefix(buf, n, &bad);
        if (bad)
            return false;
        if (got == 0)
            return ok == n; /* a character cut off by the end of the file */
        carry = n - ok;
        memmove(buf, buf + ok, carry);
    }
}

/* Counts into *BAD the bytes of S[0..N) that decode_utf8 would replace, the
 * same way (one at a time, then on from the next byte).  Returns the bytes
 * used: the rest is a character cut off by the end of S, kept unless AT_END. */
static size_t utf8_count_bad(const unsigned char *s, size_t n, bool at_end, long long *bad,
                             long long *good)
{
    size_t i = 0;

    while (i < n) {
        bool stop;
        size_t ok = utf8_prefix(s + i, n - i, &stop);
        for (size_t k = i; k < i + ok; k++)
            *good += (s[k] & 0xC0) == 0xC0; /* the lead byte of a multi-byte character */
        i += ok;
        if (!stop && !(at_end && i < n))
            break;
        (*bad)++;
        i++;
    }
    return i;
}

#define GB_CUT ((size_t)-1)

/* GB18030's structure, not its tables: the length (2 or 4) of the sequence
 * that starts with the byte S[0] >= 0x80, 0 when S[0] starts none (then it
 * is one bad byte), GB_CUT when the N bytes end inside one.  A sequence is
 * a lead 0x81-0xFE and a trail 0x40-0x7E or 0x80-0xFE, or the four bytes
 * 0x81-0xFE, 0x30-0x39, 0x81-0xFE, 0x30-0x39.  Each byte is judged as soon
 * as it is there, so the answer does not depend on where chunks end. */
static size_t gb_seq_len(const unsigned char *s, size_t n)
{
    if (s[0] == 0x80 || s[0] == 0xFF)
        return 0;
    if (n < 2)
        return GB_CUT;
    if ((s[1] >= 0x40 && s[1] <= 0x7E) || (s[1] >= 0x80 && s[1] <= 0xFE))
        return 2;
    if (s[1] < 0x30 || s[1] > 0x39)
        return 0;
    if (n < 3)
        return GB_CUT;
    if (s[2] < 0x81 || s[2] > 0xFE)
        return 0;
    if (n < 4)
        return GB_CUT;
    return s[3] >= 0x30 && s[3] <= 0x39 ? 4 : 0;
}

/* Counts into *BAD the bytes of S[0..N) that start no GB18030 sequence; each
 * is skipped and the count goes on from the next byte.  Returns the bytes
 * used, as utf8_count_bad does. */
static size_t gb_count_bad(const unsigned char *s, size_t n, bool at_end, long long *bad)
{
    size_t i = 0;

    while (i < n) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t len = gb_seq_len(s + i, n - i);
        if (len == GB_CUT) {
            if (!at_end)
                break;
            len = 0; /* cut off by the end of the input: one bad byte */
        }
        if (len == 0) {
            (*bad)++;
            len = 1;
        }
        i += len;
    }
    return i;
}

/* Reads all of the input once (chunked) and counts the sequences that are
 * not UTF-8 and those that are not GB18030.  The two counts go through the
 * same chunks, each from its own place: what the slower of them has not used
 * yet (at most an incomplete character) is carried to the next chunk.
 * False on a read error. */
static bool tally_input(csv_reader *r, long long *utf8_bad, long long *utf8_good,
                        long long *gb_bad)
{
    unsigned char buf[DEFAULT_CHUNK + CARRY_MAX];
    size_t n = 0, pu = 0, pg = 0;

    *utf8_bad = *utf8_good = *gb_bad = 0;
    if (!r->f) {
        utf8_count_bad(r->mem, r->mem_len, true, utf8_bad, utf8_good);
        gb_count_bad(r->mem, r->mem_len, true, gb_bad);
        return true;
    }
    for (;;) {
        size_t got = input_read(r, buf + n, DEFAULT_CHUNK);
        if (r->failed)
            return false;
        n += got;
        pu += utf8_count_bad(buf + pu, n - pu, got == 0, utf8_bad, utf8_good);
        pg += gb_count_bad(buf + pg, n - pg, got == 0, gb_bad);
        if (got == 0)
            return true;
        size_t both = pu < pg ? pu : pg; /* used by both counts */
        n -= both;
        memmove(buf, buf + both, n);
        pu -= both;
        pg -= both;
    }
}

/* The encoding of input without a BOM: UTF-8 when it all is; otherwise the
 * one of UTF-8 and GB18030 in which fewer sequences are bad (UTF-8 on a
 * tie), so that one stray byte in a long UTF-8 file does not turn all of it
 * into GB18030.  UTF-8 too when its well-formed multi-byte characters are
 * many times its bad bytes (UTF8_EVIDENCE): Chinese in UTF-8 is that, and
 * GB18030 text never is (about one of its characters in seven happens to be
 * well-formed UTF-8, and the others are bad), whatever a few stray bytes
 * next to ASCII letters count as in GB18030.  False on a read error. */
#define UTF8_EVIDENCE 10
static bool detect_without_bom(csv_reader *r)
{
    bool io_error = false;
    long long utf8_bad, utf8_good, gb_bad;

    if (input_is_utf8(r, &io_error)) {
        r->enc = CSV_ENC_UTF8;
        return true;
    }
    if (io_error)
        return false;
    input_rewind(r);
    if (!tally_input(r, &utf8_bad, &utf8_good, &gb_bad))
        return false;
    r->enc = utf8_bad <= gb_bad || utf8_good >= UTF8_EVIDENCE * utf8_bad ? CSV_ENC_UTF8
                                                                          : CSV_ENC_GB18030;
    return true;
}

/* Looks at the first bytes and, without a BOM, at the whole input.  Leaves
 * the input at its start.  False with ERR on a refusal. */
static bool detect(csv_reader *r, char *err, size_t errsz)
{
    unsigned char head[3] = {0, 0, 0};
    size_t n = input_read(r, head, sizeof head);

    input_rewind(r);
    if (n >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))) {
        snprintf(err, errsz, "%s",
                 _("the file is saved as UTF-16 (\"Unicode text\"): in the spreadsheet "
                   "use Save As with the type \"CSV UTF-8\" or \"CSV (comma delimited)\" "
                   "and import that file"));
        return false;
    }
    if (n == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) {
        r->enc = CSV_ENC_UTF8_BOM;
        return true;
    }
    if (!detect_without_bom(r)) {
        snprintf(err, errsz, "%s", r->err);
        return false;
    }
    input_rewind(r);
    if (r->enc == CSV_ENC_GB18030) {
        r->cd = iconv_open("UTF-8", "GB18030");
        if (r->cd == (iconv_t)-1) {
            snprintf(err, errsz, "%s",
                     _("the file is not UTF-8, and this system cannot convert GB18030 "
                       "(the iconv converters of the C library are missing)"));
            return false;
        }
    }
    return true;
}

static csv_reader *open_common(csv_reader *r, char *err, size_t errsz)
{
    if (!detect(r, err, errsz)) {
        csv_reader_close(&r);
        return NULL;
    }
    return r;
}

csv_reader *csv_reader_open_file(const char *path, char *err, size_t errsz)
{
    csv_reader *r = reader_new(err, errsz);
    struct stat st;

    if (!r)
        return NULL;
    r->f = fopen(path, "rb");
    if (!r->f) {
        snprintf(err, errsz, _("cannot open %s: %s"), path, strerror(errno));
        csv_reader_close(&r);
        return NULL;
    }
    if (fstat(fileno(r->f), &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errsz, _("%s is a folder, not a CSV file"), path);
        csv_reader_close(&r);
        return NULL;
    }
    r->total = fstat(fileno(r->f), &st) == 0 ? (long long)st.st_size : 0;
    return open_common(r, err, errsz);
}

csv_reader *csv_reader_open_mem(const char *buf, size_t len, char *err, size_t errsz)
{
    csv_reader *r = reader_new(err, errsz);

    if (!r)
        return NULL;
    r->mem = (const unsigned char *)buf;
    r->mem_len = len;
    r->total = (long long)len;
    return open_common(r, err, errsz);
}

int csv_reader_rewind(csv_reader *r)
{
    if (r->failed)
        return -1;
    input_rewind(r); /* a read that fails from here on says so */
    if (r->cd != (iconv_t)-1)
        iconv(r->cd, NULL, NULL, NULL, NULL);
    csv_free(&r->p);
    if (csv_init(&r->p, CSV_APPEND_NULL) != 0) {
        fail_oom(r);
        return -1;
    }
    r->done = 0;
    r->in_eof = r->bom_checked = r->parser_done = false;
    r->raw_len = r->conv_len = r->conv_pos = 0;
    r->nbad = r->bad_next = 0;
    r->line = 1;
    r->col = 0;
    r->prev_cr = r->in_record = false;
    r->start_line = 0;
    r->arena_len = r->nf = 0;
    r->ready = false;
    clear_problem(r);
    return 0;
}

void csv_reader_set_chunk_size(csv_reader *r, size_t n)
{
    r->chunk = n ? n : 1;
}

enum csv_encoding csv_reader_encoding(const csv_reader *r)
{
    return r->enc;
}

const char *csv_encoding_name(enum csv_encoding e)
{
    switch (e) {
    case CSV_ENC_UTF8:
        return "UTF-8";
    case CSV_ENC_UTF8_BOM:
        return "UTF-8 with BOM";
    case CSV_ENC_GB18030:
        return "GB18030";
    }
    return "?";
}

const char *csv_reader_error(const csv_reader *r)
{
    return r->err;
}

long long csv_reader_bytes_done(const csv_reader *r)
{
    return r->done;
}

long long csv_reader_bytes_total(const csv_reader *r)
{
    return r->total;
}

/* ---- decoding into CONV ---------------------------------------------------- */

static bool conv_put(csv_reader *r, const void *s, size_t n)
{
    if (n == 0)
        return true;
    if (!grow((void **)&r->conv, &r->conv_cap, r->conv_len + n, 1))
        return false;
    memcpy(r->conv + r->conv_len, s, n);
    r->conv_len += n;
    return true;
}

/* BYTE of the input is not text: a U+FFFD in its place, and a note of it. */
static bool conv_bad(csv_reader *r, unsigned char byte)
{
    if (!grow((void **)&r->bad, &r->bad_cap, r->nbad + 1, sizeof *r->bad))
        return false;
    r->bad[r->nbad++] = (struct bad_byte){ .off = r->conv_len, .byte = byte };
    return conv_put(r, REPLACEMENT, 3);
}

/* UTF-8 input: copies RAW[0..N) into CONV, each invalid byte replaced.
 * Returns the bytes used (the rest is a cut-off character, kept unless
 * AT_END). */
static size_t decode_utf8(csv_reader *r, const unsigned char *s, size_t n, bool at_end)
{
    size_t i = 0;

    while (i < n) {
        bool bad;
        size_t ok = utf8_prefix(s + i, n - i, &bad);
        if (!conv_put(r, s + i, ok)) {
            fail_oom(r);
            return n;
        }
        i += ok;
        if (bad || (at_end && i < n)) {
            if (!conv_bad(r, s[i])) {
                fail_oom(r);
                return n;
            }
            i++;
        } else {
            break;
        }
    }
    return i;
}

/* GB18030 input: converts RAW[0..N) with iconv into CONV. */
static size_t decode_gb(csv_reader *r, const unsigned char *s, size_t n, bool at_end)
{
    char *in = (char *)s;
    size_t inleft = n;

    while (inleft > 0) {
        if (!grow((void **)&r->conv, &r->conv_cap, r->conv_len + 2 * inleft + 16, 1)) {
            fail_oom(r);
            return n;
        }
        char *out = r->conv + r->conv_len;
        size_t outleft = r->conv_cap - r->conv_len;
        size_t rc = iconv(r->cd, &in, &inleft, &out, &outleft);
        r->conv_len = (size_t)(out - r->conv);
        if (rc != (size_t)-1)
            break;
        if (errno == E2BIG)
            continue;
        if (errno == EINVAL && !at_end)
            break; /* a character cut off by the chunk's end: carried over */
        /* EILSEQ, or a cut-off character at the very end: one bad byte. */
        if (!conv_bad(r, (unsigned char)*in)) {
            fail_oom(r);
            return n;
        }
        in++;
        inleft--;
        iconv(r->cd, NULL, NULL, NULL, NULL);
    }
    return n - inleft;
}

/* Reads the next chunk and decodes it.  1 when there may be more, 0 at the
 * end of the input, -1 on failure. */
static int refill(csv_reader *r)
{
    r->conv_len = r->conv_pos = 0;
    r->nbad = r->bad_next = 0;
    if (r->in_eof)
        return 0;
    if (!grow((void **)&r->raw, &r->raw_cap, r->chunk + CARRY_MAX, 1)) {
        fail_oom(r);
        return -1;
    }
    size_t got = input_read(r, r->raw + r->raw_len, r->chunk);
    if (r->failed)
        return -1;
    r->done += (long long)got;
    size_t n = r->raw_len + got;
    bool at_end = got == 0;
    const unsigned char *s = r->raw;
    if (!r->bom_checked) {
        if (r->enc == CSV_ENC_UTF8_BOM) {
            if (n < 3 && !at_end) {
                r->raw_len = n;
                return 1;
            }
            if (n >= 3)
                s += 3, n -= 3;
        }
        r->bom_checked = true;
    }
    size_t used = r->enc == CSV_ENC_GB18030 ? decode_gb(r, s, n, at_end)
                                             : decode_utf8(r, s, n, at_end);
    if (r->failed)
        return -1;
    r->raw_len = n - used;
    if (r->raw_len > CARRY_MAX) { /* cannot happen: decoders keep at most one character */
        fail(r, _("the file could not be decoded"));
        return -1;
    }
    memmove(r->raw, s + used, r->raw_len);
    if (at_end)
        r->in_eof = true;
    return 1;
}

/* ---- libcsv callbacks ------------------------------------------------------ */

static void on_field(void *s, size_t len, void *data)
{
    csv_reader *r = data;

    if (r->failed)
        return;
    if (r->nf == r->nf_cap) {
        size_t cap = r->nf_cap ? 2 * r->nf_cap : 32;
        size_t *o = realloc(r->offs, cap * sizeof *o);
        if (o)
            r->offs = o;
        size_t *l = o ? realloc(r->lens, cap * sizeof *l) : NULL;
        if (l)
            r->lens = l;
        if (!o || !l) {
            fail_oom(r);
            return;
        }
        r->nf_cap = cap;
    }
    if (!grow((void **)&r->arena, &r->arena_cap, r->arena_len + len + 1, 1)) {
        fail_oom(r);
        return;
    }
    if (len)
        memcpy(r->arena + r->arena_len, s, len);
    r->arena[r->arena_len + len] = '\0';
    r->offs[r->nf] = r->arena_len;
    r->lens[r->nf] = len;
    r->nf++;
    r->arena_len += len + 1;
}

static void on_row(int c, void *data)
{
    csv_reader *r = data;

    r->ready = true;
}

/* ---- feeding -------------------------------------------------------------- */

static bool is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return false;
    return true;
}

static void note_problem(csv_reader *r, enum csv_rec_problem p, long line)
{
    if (r->problem == CSV_REC_OK) {
        r->problem = p;
        r->problem_line = line;
    }
}

/* Characters in the N bytes of UTF-8 at S: the bytes that are not a
 * continuation byte (10xxxxxx).  CONV holds only whole characters. */
static long utf8_chars(const char *s, size_t n)
{
    long c = 0;

    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* The bad bytes of the piece of N bytes at S (at CONV_POS): the first of
 * the record is its problem, with its line and its column on that line. */
static void note_bad_bytes(csv_reader *r, const char *s, size_t n)
{
    size_t end = r->conv_pos + n;

    if (r->bad_next < r->nbad && r->bad[r->bad_next].off < end && r->problem == CSV_REC_OK) {
        const struct bad_byte *b = &r->bad[r->bad_next];
        note_problem(r, CSV_REC_BAD_BYTES, r->line);
        r->problem_byte = b->byte;
        r->problem_column = r->col + utf8_chars(s, b->off - r->conv_pos) + 1;
    }
    while (r->bad_next < r->nbad && r->bad[r->bad_next].off < end)
        r->bad_next++;
}

/* The length of the next piece at S (LEFT bytes): up to and including one
 * line break, or all of it.  *NEWLINE when the piece ends a line. */
static size_t piece_len(const csv_reader *r, const char *s, size_t left, bool *newline)
{
    *newline = false;
    if (r->prev_cr && s[0] == '\n')
        return 1; /* the LF of a CRLF: the line was already counted at the CR */
    for (size_t i = 0; i < left; i++) {
        if (s[i] == '\n' || s[i] == '\r') {
            *newline = true;
            return i + 1;
        }
    }
    return left;
}

/* Feeds the next piece of CONV (up to and including one line break). */
static void feed_piece(csv_reader *r)
{
    const char *s = r->conv + r->conv_pos;
    bool newline;
    size_t n = piece_len(r, s, r->conv_len - r->conv_pos, &newline);
    bool lf_of_crlf = r->prev_cr && s[0] == '\n';

    if (!r->in_record)
        r->start_line = r->line;
    note_bad_bytes(r, s, n);
    if (csv_parse(&r->p, s, n, on_field, on_row, r) != n)
        fail_oom(r);
    r->conv_pos += n;
    if (r->ready)
        r->in_record = false;
    else if (!is_blank(s, n))
        r->in_record = true;
    r->prev_cr = n > 0 && s[n - 1] == '\r';
    if (newline) {
        r->line++;
        r->col = 0;
    } else if (!lf_of_crlf) {
        r->col += utf8_chars(s, n); /* a line that goes on in the next chunk */
    }
}

/* The end of the input: flushes libcsv. */
static void finish(csv_reader *r)
{
    /* libcsv's state: a quoted field still open (FIELD_BEGUN, inside quotes). */
    if (r->p.quoted && r->p.pstate == 2)
        note_problem(r, CSV_REC_UNCLOSED_QUOTE, r->start_line);
    if (csv_fini(&r->p, on_field, on_row, r) != 0)
        fail_oom(r);
    r->parser_done = true;
}

static int hand_out(csv_reader *r, struct csv_record *rec)
{
    if (!grow((void **)&r->ptrs, &r->ptrs_cap, r->nf + 1, sizeof *r->ptrs)) {
        fail_oom(r);
        return -1;
    }
    for (size_t i = 0; i < r->nf; i++)
        r->ptrs[i] = r->arena + r->offs[i];
    r->ptrs[r->nf] = NULL;
    rec->field = r->ptrs;
    rec->len = r->lens;
    rec->nfields = r->nf;
    rec->line = r->start_line;
    rec->problem = r->problem;
    rec->problem_line = r->problem_line;
    rec->problem_byte = r->problem_byte;
    rec->problem_column = r->problem_column;
    return 1;
}

int csv_reader_next(csv_reader *r, struct csv_record *rec)
{
    if (r->ready) {
        r->ready = false;
        r->arena_len = r->nf = 0;
        clear_problem(r);
    }
    while (!r->failed) {
        if (r->conv_pos < r->conv_len) {
            feed_piece(r);
        } else if (!r->parser_done) {
            int rc = refill(r);
            if (rc == 0)
                finish(r);
        } else {
            return 0;
        }
        if (r->ready && !r->failed)
            return hand_out(r, rec);
    }
    return -1;
}

void csv_reader_close(csv_reader **rp)
{
    csv_reader *r = rp ? *rp : NULL;

    if (!r)
        return;
    csv_free(&r->p);
    if (r->cd != (iconv_t)-1)
        iconv_close(r->cd);
    if (r->f)
        fclose(r->f);
    free(r->raw);
    free(r->conv);
    free(r->bad);
    free(r->arena);
    free(r->offs);
    free(r->lens);
    free(r->ptrs);
    free(r);
    *rp = NULL;
}
