/* numbers.h — pure validators for resident ID numbers and phone numbers.
 *
 * No I/O, no locale dependence beyond what is stated.  Each check returns a
 * status and, on failure, a reason in plain words (English source text,
 * marked for translation by the caller with _()). */
#ifndef DD_NUMBERS_H
#define DD_NUMBERS_H

#include <stdbool.h>
#include <stddef.h>

enum id_status {
    ID_OK = 0,        /* 18 characters, check character right */
    ID_OK_LEGACY,     /* a 15-digit number, upgraded to 18 in .normalized */
    ID_EMPTY,
    ID_DAMAGED,       /* a spreadsheet turned it into a number: 3.30102E+17 */
    ID_BAD_LENGTH,
    ID_BAD_CHAR,      /* not digits (and a final X) */
    ID_BAD_DATE,      /* the birth date inside is not a real date, or is in the future */
    ID_BAD_CHECK,     /* the check character does not match */
};

struct id_info {
    char normalized[19]; /* 18 characters, upper-case X, when status is OK or OK_LEGACY */
    int birth_year, birth_month, birth_day;
    char sex;            /* 'M' or 'F' (odd or even sequence digit) */
    char expected_check; /* the right check character, for ID_BAD_CHECK */
};

/* Checks S (surrounding spaces ignored; full-width digits and a lower-case
 * x accepted).  TODAY_YMD (yyyymmdd as an int, 0 for no limit) bounds the
 * birth date.  INFO may be NULL. */
enum id_status id_check(const char *s, int today_ymd, struct id_info *info);

/* A reason for STATUS, in English (translate with _() at the call site). */
const char *id_status_text(enum id_status status);

/* The reason for STATUS as one sentence for the person, translated now with
 * _(), into BUF (always NUL-terminated); for ID_BAD_CHECK it also names the
 * right check character taken from INFO (may be NULL).  Returns BUF. */
const char *id_explain(enum id_status status, const struct id_info *info,
                       char *buf, size_t bufsz);

/* The GB 11643 check character for the first 17 digits of D17. */
char id_check_char(const char *d17);

enum phone_kind {
    PHONE_INVALID = 0,
    PHONE_EMPTY,
    PHONE_MOBILE,    /* 1[3-9] and 9 more digits, optional +86 / 86 prefix */
    PHONE_LANDLINE,  /* 0 + area code (2-3 digits) + 7-8 digits, optional -extension */
};

/* Checks S and writes the normalized form to NORM (mobile: 11 digits;
 * landline: "0571-87654321" or "0571-87654321-123").  Spaces, dashes and
 * full-width digits in the input are accepted. */
enum phone_kind phone_check(const char *s, char *norm, size_t normsz);

const char *phone_kind_text(enum phone_kind kind);

#endif
