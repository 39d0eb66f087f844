/* numbers.c — resident ID numbers (GB 11643-1999) and phone numbers.
 *
 * Input is first folded to plain ASCII: full-width forms (U+FF01..U+FF5E)
 * become their ASCII twins, the ideographic space becomes a space, 转 (the
 * word for "extension") becomes a marker, any other non-ASCII character
 * becomes a marker that no rule accepts; then surrounding white space is cut
 * off.  The checks below work on that folded text. */
#include "src/numbers.h"

#include <stdio.h>
#include <string.h>

#include "src/date.h"
#include "src/i18n.h"
#include "src/text.h"

#define FOLD_MAX 64
#define MARK_OTHER '\x01' /* a character no rule accepts */
#define MARK_EXT '\x02'   /* 转 */

/* Folds S into OUT (FOLD_MAX bytes).  Returns the length, or FOLD_MAX when
 * the folded text did not fit (too long to be anything we accept). */
static size_t fold(const char *s, char *out)
{
    size_t n = strlen(s), len = 0, i = 0;

    while (i < n) {
        uint32_t cp;
        i += text_decode(s + i, n - i, &cp);
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0;
        else if (cp == 0x3000)
            cp = ' ';
        char c;
        if (cp == 0x8F6C)
            c = MARK_EXT;
        else if (cp >= 0x20 && cp < 0x7F)
            c = (char)cp;
        else if (cp == '\t' || cp == '\r' || cp == '\n')
            c = ' ';
        else
            c = MARK_OTHER;
        if (len == 0 && c == ' ')
            continue;
        if (len + 1 >= FOLD_MAX) {
            out[0] = '\0';
            return FOLD_MAX;
        }
        out[len++] = c;
    }
    while (len > 0 && out[len - 1] == ' ')
        len--;
    out[len] = '\0';
    return len;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static size_t count_digits(const char *s)
{
    size_t n = 0;

    while (is_digit(s[n]))
        n++;
    return n;
}

/* ---- ID numbers ---------------------------------------------------------- */

static const int id_weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

char id_check_char(const char *d17)
{
    int sum = 0;

    for (int i = 0; i < 17; i++) {
        if (!is_digit(d17[i]))
            return '?';
        sum += (d17[i] - '0') * id_weights[i];
    }
    return "10X98765432"[sum % 11];
}

/* 3.30102E+17, 3.30102199003071E+17, 3E17: what a spreadsheet shows for a
 * long number kept as a number (one digit before the point, an exponent of
 * one or two digits). */
static bool looks_scientific(const char *s)
{
    size_t n = count_digits(s);

    if (n != 1)
        return false;
    s += n;
    if (*s == '.') {
        n = count_digits(++s);
        if (n == 0)
            return false;
        s += n;
    }
    if (*s != 'E' && *s != 'e')
        return false;
    s++;
    if (*s == '+')
        s++;
    n = count_digits(s);
    return n >= 1 && n <= 2 && s[n] == '\0';
}

static int two(const char *s)
{
    return (s[0] - '0') * 10 + (s[1] - '0');
}

/* The birth date of the 17 leading digits D: a real date, 1900 or later,
 * not after TODAY_YMD (0: no limit). */
static bool birth_date(const char *d, int today_ymd, struct date *out)
{
    struct date b = { two(d + 6) * 100 + two(d + 8), two(d + 10), two(d + 12) };

    *out = b;
    if (!date_valid(b) || b.y < 1900)
        return false;
    return today_ymd == 0 || date_ymd(b) <= today_ymd;
}

static void fill_info(struct id_info *info, const char *d17, struct date b)
{
    info->birth_year = b.y;
    info->birth_month = b.m;
    info->birth_day = b.d;
    info->sex = (d17[16] - '0') % 2 ? 'M' : 'F';
}

/* Checks the folded text S of LEN characters, digits and X only. */
static enum id_status check_folded(const char *s, size_t len, int today_ymd,
                                   struct id_info *info)
{
    char d17[18];
    struct date b;

    if (len != 15 && len != 18)
        return ID_BAD_LENGTH;
    if (count_digits(s) < len - (len == 18))
        return ID_BAD_CHAR; /* an X anywhere but at the end of 18 */
    if (len == 15) {
        memcpy(d17, s, 6);
        memcpy(d17 + 6, "19", 2);
        memcpy(d17 + 8, s + 6, 9);
    } else {
        memcpy(d17, s, 17);
    }
    d17[17] = '\0';
    if (!birth_date(d17, today_ymd, &b))
        return ID_BAD_DATE;
    fill_info(info, d17, b);
    char check = id_check_char(d17);
    if (len == 18 && s[17] != check) {
        info->expected_check = check;
        return ID_BAD_CHECK;
    }
    memcpy(info->normalized, d17, 17);
    info->normalized[17] = check;
    info->normalized[18] = '\0';
    return len == 15 ? ID_OK_LEGACY : ID_OK;
}

enum id_status id_check(const char *s, int today_ymd, struct id_info *info)
{
    struct id_info scratch;
    char t[FOLD_MAX];

    if (!info)
        info = &scratch;
    memset(info, 0, sizeof *info);
    size_t len = fold(s ? s : "", t);
    if (len == 0)
        return ID_EMPTY;
    if (len >= FOLD_MAX)
        return ID_BAD_LENGTH;
    if (looks_scientific(t))
        return ID_DAMAGED;
    for (size_t i = 0; i < len; i++) {
        if (t[i] == 'x')
            t[i] = 'X';
        if (!is_digit(t[i]) && t[i] != 'X')
            return ID_BAD_CHAR;
    }
    return check_folded(t, len, today_ymd, info);
}

const char *id_status_text(enum id_status status)
{
    switch (status) {
    case ID_OK:
        return N_("the ID number is right");
    case ID_OK_LEGACY:
        return N_("an old 15-digit ID number: it was changed to the 18-character form");
    case ID_EMPTY:
        return N_("no ID number: type the 18 characters of the ID card");
    case ID_DAMAGED:
        return N_("a spreadsheet turned this ID number into a number like 3.30102E+17 "
                  "and lost its last digits: format the column as text in the "
                  "spreadsheet and type the number again");
    case ID_BAD_LENGTH:
        return N_("an ID number has 18 characters (old ones 15 digits): please check the number");
    case ID_BAD_CHAR:
        return N_("an ID number has only digits, with perhaps an X at the end: "
                  "please check the number");
    case ID_BAD_DATE:
        return N_("the birth date inside the ID number (characters 7 to 14) is not "
                  "a real date, or is before 1900 or in the future: please check the number");
    case ID_BAD_CHECK:
        return N_("the check character is wrong: please check the number");
    }
    return N_("this is not an ID number: please check it");
}

const char *id_explain(enum id_status status, const struct id_info *info,
                       char *buf, size_t bufsz)
{
    if (!buf || bufsz == 0)
        return buf;
    if (status == ID_BAD_CHECK && info && info->expected_check)
        snprintf(buf, bufsz,
                 _("the check character is wrong (the last character should be %c): "
                   "please check the number"),
                 info->expected_check);
    else
        snprintf(buf, bufsz, "%s", _(id_status_text(status)));
    return buf;
}

/* ---- phone numbers ------------------------------------------------------- */

static bool is_sep(char c)
{
    return c == ' ' || c == '-';
}

/* Mobile: optional +86 / 0086 / 86, then 1[3-9] and 9 more digits, with
 * spaces or dashes between digit groups.  Writes the 11 digits to OUT. */
static bool parse_mobile(const char *s, char out[12])
{
    char digits[FOLD_MAX];
    size_t n = 0;

    if (strncmp(s, "+86", 3) == 0)
        s += 3;
    else if (strncmp(s, "0086", 4) == 0)
        s += 4;
    while (is_sep(*s))
        s++;
    while (*s) {
        if (is_digit(*s)) {
            digits[n++] = *s++;
            continue;
        }
        if (n == 0 || !is_sep(*s))
            return false;
        while (is_sep(*s))
            s++;
        if (!is_digit(*s))
            return false; /* a separator only between digits */
    }
    const char *d = digits;
    if (n == 13 && d[0] == '8' && d[1] == '6') {
        d += 2;
        n -= 2;
    }
    if (n != 11 || d[0] != '1' || d[1] < '3')
        return false;
    memcpy(out, d, 11);
    out[11] = '\0';
    return true;
}

/* Digits of the local number: groups separated by single spaces, up to 8. */
static size_t local_digits(const char **sp, char *out)
{
    const char *s = *sp;
    size_t n = 0;

    while (n < 8) {
        if (is_digit(*s)) {
            out[n++] = *s++;
        } else if (*s == ' ' && n > 0 && is_digit(s[1])) {
            s++;
        } else {
            break;
        }
    }
    *sp = s;
    return n;
}

/* Landline: 0 + area code (010, 02x: 3 digits in all; others 4), then the
 * local number of 7-8 digits not starting with 0 or 1, then optionally an
 * extension of 1-6 digits after '-' or 转.  Separators between area code
 * and number: '-', space, or parentheses round the area code. */
static bool parse_landline(const char *s, char *out, size_t outsz)
{
    char area[5], local[9], ext[8];
    bool paren = *s == '(';

    if (paren)
        s++;
    if (s[0] != '0' || !is_digit(s[1]))
        return false;
    size_t alen = (s[1] == '1' || s[1] == '2') ? 3 : 4;
    if (count_digits(s) < alen)
        return false;
    memcpy(area, s, alen);
    area[alen] = '\0';
    s += alen;
    if (paren) {
        if (*s++ != ')')
            return false;
        if (is_sep(*s))
            s++;
    } else if (is_sep(*s) && is_digit(s[1])) {
        s++;
    }
    size_t llen = local_digits(&s, local);
    if (llen < 7 || local[0] == '0' || local[0] == '1')
        return false;
    local[llen] = '\0';
    ext[0] = '\0';
    while (*s == ' ')
        s++;
    if (*s == '-' || *s == MARK_EXT) {
        s++;
        while (*s == ' ')
            s++;
        size_t elen = count_digits(s);
        if (elen < 1 || elen > 6)
            return false;
        memcpy(ext, s, elen);
        ext[elen] = '\0';
        s += elen;
    }
    if (*s != '\0')
        return false;
    /* AREA-LOCAL[-EXT], all of them short: OUTSZ holds them. */
    size_t a = strlen(area), l = strlen(local), e = strlen(ext);
    if (a + 1 + l + (e ? 1 + e : 0) >= outsz)
        return false;
    memcpy(out, area, a);
    out[a] = '-';
    memcpy(out + a + 1, local, l);
    if (e) {
        out[a + 1 + l] = '-';
        memcpy(out + a + 2 + l, ext, e);
    }
    out[a + 1 + l + (e ? 1 + e : 0)] = '\0';
    return true;
}

enum phone_kind phone_check(const char *s, char *norm, size_t normsz)
{
    char t[FOLD_MAX], out[32];
    enum phone_kind kind = PHONE_INVALID;

    size_t len = fold(s ? s : "", t);
    if (len == 0)
        kind = PHONE_EMPTY;
    else if (len < FOLD_MAX && parse_mobile(t, out))
        kind = PHONE_MOBILE;
    else if (len < FOLD_MAX && parse_landline(t, out, sizeof out))
        kind = PHONE_LANDLINE;
    if (norm && normsz > 0) {
        size_t n = strlen(out);
        if (kind == PHONE_MOBILE || kind == PHONE_LANDLINE) {
            if (n >= normsz)
                n = normsz - 1; /* digits and '-': cut anywhere */
            memcpy(norm, out, n);
            norm[n] = '\0';
        } else
            norm[0] = '\0';
    }
    return kind;
}

const char *phone_kind_text(enum phone_kind kind)
{
    switch (kind) {
    case PHONE_MOBILE:
        return N_("mobile number");
    case PHONE_LANDLINE:
        return N_("landline number");
    case PHONE_EMPTY:
        return N_("no phone number");
    case PHONE_INVALID:
        break;
    }
    return N_("not a phone number: type the 11 digits of a mobile, or a landline "
              "with its area code like 0571-87654321");
}
