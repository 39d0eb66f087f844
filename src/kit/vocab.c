/* vocab.c — matching what a person writes to the words of a code. */
#include "src/kit/vocab.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "src/i18n.h"
#include "src/text.h"

#define KEY_MAX 128

/* S in the form words are compared in, into OUT: full-width ASCII folded,
 * ASCII lower-cased, U+3000 a space, spaces at both ends dropped. */
static void fold(const char *s, char *out, size_t outsz)
{
    size_t n = strlen(s), o = 0;

    for (size_t i = 0; i < n;) {
        uint32_t cp;
        char b[4];
        i += text_decode(s + i, n - i, &cp);
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0;
        if (cp == 0x3000)
            cp = ' ';
        if (cp >= 'A' && cp <= 'Z')
            cp += 'a' - 'A';
        size_t k = text_encode(cp, b);
        if (o + k >= outsz)
            break;
        memcpy(out + o, b, k);
        o += k;
    }
    out[o] = '\0';
    text_copy(out, outsz, text_trim(out));
}

/* Does the folded S start with the word W (folded here)?  A word that ends
 * in an ASCII letter or digit must end S or be followed by a separator
 * (so "key" is not read in "keys"); Chinese words may follow each other.
 * The length matched, else 0. */
static size_t starts_with(const char *s, const char *w, bool whole)
{
    char buf[KEY_MAX];
    const char *fw = w;
    size_t n;

    /* The tables are mostly written as they compare (lower case, no
     * full-width letters): fold only a word that needs it (an import
     * matches every cell of a column). */
    for (const unsigned char *p = (const unsigned char *)w; *p; p++)
        if ((*p >= 'A' && *p <= 'Z') || *p == 0xEF || *p == 0xE3 || *p == ' ') {
            fold(w, buf, sizeof buf);
            fw = buf;
            break;
        }
    n = strlen(fw);
    if (n == 0 || strncmp(s, fw, n) != 0)
        return 0;
    if (whole)
        return s[n] == '\0' ? n : 0;
    if ((unsigned char)fw[n - 1] >= 0x80)
        return n;
    return s[n] == '\0' || strchr(" ,;/\t", s[n]) || (unsigned char)s[n] >= 0x80 ? n : 0;
}

/* The longest word of V that the folded S starts with (WHOLE: that S is):
 * its index and length, or -1. */
static int match(const struct vocab *v, const char *s, bool whole, size_t *len)
{
    int best = -1;
    size_t best_len = 0;

    for (size_t i = 0; i < v->nwords; i++) {
        const struct vocab_word *w = &v->words[i];
        const char *forms[3] = { w->stored, w->label, w->label ? _(w->label) : NULL };
        for (int f = 0; f < 3; f++) {
            size_t k = forms[f] ? starts_with(s, forms[f], whole) : 0;
            if (k > best_len)
                best = (int)i, best_len = k;
        }
        for (const char *const *syn = w->synonyms; syn && *syn; syn++) {
            size_t k = starts_with(s, *syn, whole);
            if (k > best_len)
                best = (int)i, best_len = k;
        }
    }
    *len = best_len;
    return best;
}

int vocab_parse(const struct vocab *v, const char *text, int *value)
{
    char s[KEY_MAX];
    size_t len;
    int i;

    fold(text ? text : "", s, sizeof s);
    if (!*s)
        return -1;
    i = match(v, s, true, &len);
    if (i < 0)
        return -1;
    *value = v->words[i].value;
    return 0;
}

/* The separators between the words of a set: spaces, commas, semicolons,
 * slashes and their Chinese forms.  Their length at S, else 0. */
static size_t separator(const char *s)
{
    static const char *const seps[] = { " ", ",", ";", "/", "\t", "\u3001", "\uff0c",
                                        "\uff1b", "\uff0f", NULL };

    for (const char *const *p = seps; *p; p++)
        if (strncmp(s, *p, strlen(*p)) == 0)
            return strlen(*p);
    return 0;
}

int vocab_parse_set(const struct vocab *v, const char *text, unsigned *bits, char *bad,
                    size_t badsz)
{
    char s[4 * KEY_MAX];
    const char *p;
    unsigned got = 0;

    if (bad && badsz)
        bad[0] = '\0';
    fold(text ? text : "", s, sizeof s);
    for (p = s; *p;) {
        size_t len = separator(p);
        if (len) {
            p += len;
            continue;
        }
        int i = match(v, p, false, &len);
        if (i < 0) {
            size_t n = 0;
            while (p[n] && !separator(p + n))
                n++;
            if (bad && badsz)
                text_copy(bad, n + 1 < badsz ? n + 1 : badsz, p);
            return -1;
        }
        got |= (unsigned)v->words[i].value;
        p += len;
    }
    *bits = got;
    return 0;
}

const struct vocab_word *vocab_word(const struct vocab *v, int value)
{
    for (size_t i = 0; i < v->nwords; i++)
        if (v->words[i].value == value)
            return &v->words[i];
    return NULL;
}

const char *vocab_label(const struct vocab *v, int value)
{
    const struct vocab_word *w = vocab_word(v, value);

    return w && w->label ? _(w->label) : "";
}

const char *vocab_stored(const struct vocab *v, int value)
{
    const struct vocab_word *w = vocab_word(v, value);

    return w && w->stored ? w->stored : "";
}

void vocab_join(const struct vocab *v, unsigned bits, bool stored, const char *sep, char *buf,
                size_t bufsz)
{
    size_t used = 0;

    if (!buf || bufsz == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < v->nwords; i++) {
        const struct vocab_word *w = &v->words[i];
        if (!(bits & (unsigned)w->value))
            continue;
        const char *word = stored ? w->stored : _(w->label);
        int n = snprintf(buf + used, bufsz - used, "%s%s", used ? sep : "", word);
        if (n < 0 || (size_t)n >= bufsz - used) {
            buf[used] = '\0';
            return;
        }
        used += (size_t)n;
    }
}
