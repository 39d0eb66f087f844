/* pinyin.c — pinyin initials and pinyin order, both from ICU.
 *
 * The transliterator and the collator are opened once and cached here (the
 * only state of the module).  Initials are found one character at a time,
 * so each Chinese character gives exactly one letter whatever spaces or
 * punctuation the transliterator puts between syllables; the letter of each
 * Chinese character (U+3400..U+9FFF, U+20000..U+2FFFF) is remembered after
 * its first use, so a name costs a few table look-ups once the usual
 * characters have been seen. */
#include "src/pinyin.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ucol.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

/* The blocks whose letters are remembered: CJK Extension A and the
 * Unified Ideographs, and the supplementary ideographs (Extensions B-F). */
#define BMP_FIRST 0x3400
#define BMP_LAST 0x9FFF
#define SIP_FIRST 0x20000
#define SIP_LAST 0x2FFFF
#define NO_LETTER 1 /* in the cache: the character gives nothing */

static UTransliterator *translit;
static UCollator *collator;
static unsigned char letter_cache[(BMP_LAST - BMP_FIRST + 1) + (SIP_LAST - SIP_FIRST + 1)];

void pinyin_cleanup(void)
{
    if (translit)
        utrans_close(translit);
    if (collator)
        ucol_close(collator);
    translit = NULL;
    collator = NULL;
}

static UTransliterator *get_translit(void)
{
    static const UChar rules[] = u"Han-Latin; Latin-ASCII";
    UErrorCode st = U_ZERO_ERROR;

    if (!translit) {
        translit = utrans_openU(rules, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
        if (U_FAILURE(st))
            translit = NULL;
    }
    return translit;
}

static UCollator *get_collator(void)
{
    UErrorCode st = U_ZERO_ERROR;

    if (!collator) {
        collator = ucol_open("zh", &st);
        if (U_FAILURE(st))
            collator = NULL;
    }
    return collator;
}

static char ascii_lower(UChar c)
{
    return (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

static int is_ascii_alnum(UChar32 c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_han(UChar32 c)
{
    UErrorCode st = U_ZERO_ERROR;
    return uscript_getScript(c, &st) == USCRIPT_HAN && U_SUCCESS(st);
}

/* Transliterates the one character C; the ASCII letters and digits of the
 * result go to OUT (lower-case, NUL-terminated), only the first one for a
 * Chinese character.  Returns how many were written. */
static size_t transliterate_one(UChar32 c, char *out, size_t outsz)
{
    UTransliterator *t = get_translit();
    UChar buf[64];
    int32_t len = 0, limit;
    UErrorCode st = U_ZERO_ERROR;
    size_t n = 0;
    int han = is_han(c);

    out[0] = '\0';
    if (!t || outsz < 2)
        return 0;
    U16_APPEND_UNSAFE(buf, len, c);
    limit = len;
    utrans_transUChars(t, buf, &len, (int32_t)(sizeof buf / sizeof buf[0]), 0, &limit, &st);
    if (U_FAILURE(st))
        return 0;
    for (int32_t i = 0; i < len && n + 1 < outsz; i++) {
        if (!is_ascii_alnum(buf[i]))
            continue;
        if (han && !((buf[i] >= 'a' && buf[i] <= 'z') || (buf[i] >= 'A' && buf[i] <= 'Z')))
            continue;
        out[n++] = ascii_lower(buf[i]);
        if (han)
            break;
    }
    out[n] = '\0';
    return n;
}

/* The letters character C gives, into OUT (room for 8 at least). */
static size_t letters_of(UChar32 c, char *out, size_t outsz)
{
    unsigned char *slot;
    size_t n;

    if (c < 0x80) {
        out[0] = is_ascii_alnum(c) ? ascii_lower((UChar)c) : '\0';
        out[out[0] != '\0'] = '\0';
        return out[0] != '\0';
    }
    if (c >= BMP_FIRST && c <= BMP_LAST)
        slot = &letter_cache[c - BMP_FIRST];
    else if (c >= SIP_FIRST && c <= SIP_LAST)
        slot = &letter_cache[(BMP_LAST - BMP_FIRST + 1) + (c - SIP_FIRST)];
    else
        return transliterate_one(c, out, outsz);
    if (*slot == 0) {
        n = transliterate_one(c, out, outsz);
        if (n > 1) /* not one letter: do not remember, give it whole */
            return n;
        *slot = n == 1 ? (unsigned char)out[0] : NO_LETTER;
    }
    if (*slot == NO_LETTER) {
        out[0] = '\0';
        return 0;
    }
    out[0] = (char)*slot;
    out[1] = '\0';
    return 1;
}

size_t pinyin_initials(const char *utf8, char *out, size_t outsz)
{
    size_t used = 0;
    int32_t i = 0, len;

    if (!out || outsz == 0)
        return 0;
    out[0] = '\0';
    if (!utf8)
        return 0;
    len = (int32_t)strlen(utf8);
    while (i < len) {
        UChar32 c;
        char letters[16];
        size_t n;

        U8_NEXT_OR_FFFD(utf8, i, len, c);
        n = letters_of(c, letters, sizeof letters);
        for (size_t k = 0; k < n && used + 1 < outsz; k++)
            out[used++] = letters[k];
    }
    out[used] = '\0';
    return used;
}

/* UTF-8 to UTF-16 in BUF, or in a malloc'd buffer when BUF is too small
 * (*HEAP then says to free it).  Invalid bytes become U+FFFD. */
static UChar *to_utf16(const char *utf8, UChar *buf, int32_t cap, int32_t *len, UChar **heap)
{
    UErrorCode st = U_ZERO_ERROR;
    UChar *u = buf;

    *heap = NULL;
    u_strFromUTF8WithSub(buf, cap, len, utf8, -1, 0xFFFD, NULL, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) {
        u = malloc(sizeof *u * (size_t)(*len + 1));
        if (!u)
            return NULL;
        *heap = u;
        st = U_ZERO_ERROR;
        u_strFromUTF8WithSub(u, *len + 1, len, utf8, -1, 0xFFFD, NULL, &st);
    }
    if (U_FAILURE(st)) {
        free(*heap);
        *heap = NULL;
        return NULL;
    }
    return u;
}

size_t pinyin_sort_key(const char *utf8, uint8_t *out, size_t outsz)
{
    UCollator *c = get_collator();
    UChar buf[128], *heap, *u;
    int32_t len, need;

    if (!c || !utf8 || !out || outsz == 0 || outsz > INT32_MAX)
        return 0;
    u = to_utf16(utf8, buf, (int32_t)(sizeof buf / sizeof buf[0]), &len, &heap);
    if (!u)
        return 0;
    need = ucol_getSortKey(c, u, len, out, (int32_t)outsz);
    free(heap);
    if (need <= 0)
        return 0;
    return (size_t)need - 1;
}

int pinyin_prefix_bounds(const char *prefix, uint8_t *lo, size_t losz,
                         uint8_t *hi, size_t hisz)
{
    uint8_t key[512];
    size_t n = pinyin_sort_key(prefix, key, sizeof key);
    UErrorCode st = U_ZERO_ERROR;
    int32_t nlo, nhi;

    if (n == 0 || n >= sizeof key || losz > INT32_MAX || hisz > INT32_MAX)
        return -1;
    nlo = ucol_getBound(key, (int32_t)n + 1, UCOL_BOUND_LOWER, 1, lo, (int32_t)losz, &st);
    if (U_FAILURE(st) || nlo <= 0 || (size_t)nlo > losz)
        return -1;
    nhi = ucol_getBound(key, (int32_t)n + 1, UCOL_BOUND_UPPER_LONG, 1, hi, (int32_t)hisz, &st);
    if (U_FAILURE(st) || nhi <= 0 || (size_t)nhi > hisz)
        return -1;
    return 0;
}
