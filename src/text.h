/* text.h — the one module that owns display width.
 *
 * Every string in the program is UTF-8.  Widths are terminal columns
 * (wcwidth, so LC_CTYPE must be a UTF-8 locale): a Chinese character is 2,
 * ASCII 1, a combining mark 0.  Nothing here counts bytes as columns or cuts
 * a character in half.  Invalid UTF-8 bytes are read as U+FFFD (width 1),
 * one replacement per bad byte; control characters are shown as U+FFFD too.
 *
 * Functions that write into a caller's buffer always NUL-terminate it and
 * never write past DSTSZ bytes; what did not fit is dropped at a character
 * boundary. */
#ifndef DD_TEXT_H
#define DD_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <wchar.h>

#define TEXT_REPLACEMENT 0xFFFDu

/* Decodes one character from S (N bytes available, N > 0) into *CP and
 * returns the bytes consumed (1..4).  Invalid, overlong, surrogate or
 * truncated sequences give U+FFFD and consume 1 byte. */
size_t text_decode(const char *s, size_t n, uint32_t *cp);

/* Encodes CP into OUT (at least 4 bytes); returns the byte count (1..4).
 * Surrogates and values above U+10FFFF are encoded as U+FFFD. */
size_t text_encode(uint32_t cp, char *out);

/* Is S valid UTF-8 (no replacement would be needed)? */
bool text_valid_utf8(const char *s, size_t n);

/* UTF-8 to a malloc'd wide string (invalid bytes become U+FFFD); *LEN gets
 * the character count when LEN is not NULL.  NULL only when out of memory. */
wchar_t *text_to_wcs(const char *s, size_t *len);
/* A wide string (N characters) to malloc'd UTF-8. */
char *text_from_wcs(const wchar_t *w, size_t n);

/* Columns of one character: 0 (combining), 1 or 2.  Control characters and
 * unprintable code points count 1 (they are shown as U+FFFD). */
int text_cp_width(uint32_t cp);

/* Columns of a whole UTF-8 string. */
int text_width(const char *s);
int text_width_n(const char *s, size_t n);

/* Copies at most COLS columns of SRC into DST.  A double-width character
 * that would cross the edge is left out and, when PAD is true, a space takes
 * its column.  With PAD the result is filled with spaces to exactly COLS
 * columns.  Invalid bytes and control characters come out as U+FFFD.
 * Returns the columns written. */
int text_fit(char *dst, size_t dstsz, const char *src, int cols, bool pad);

/* Like text_fit, but when SRC is wider than COLS the last column shows '~'
 * to say something was cut (ASCII, so every terminal draws it 1 wide). */
int text_fit_mark(char *dst, size_t dstsz, const char *src, int cols, bool pad);

/* Pads SRC on the left with spaces to COLS columns (for numbers).  A SRC
 * wider than COLS is cut and marked as text_fit_mark does (with PAD). */
int text_pad_left(char *dst, size_t dstsz, const char *src, int cols);

/* Masking for lists and exports.
 *   ID numbers: keep the first 6 and the last 4 characters, stars between:
 *     330102199003071234 -> 330102********1234  (15 digits: 330102*****1234)
 *     anything shorter than 11 characters: all but the last 4 become '*'.
 *   Phone numbers: mobile 13912347788 -> 139****7788; landline
 *     0571-87654321 -> 0571-****4321; other: all but the last 4 starred.
 * Empty input gives an empty string. */
void text_mask_id(char *dst, size_t dstsz, const char *id);
void text_mask_phone(char *dst, size_t dstsz, const char *phone);

/* Control characters and what may reach a terminal.
 *
 * A control character is one a terminal acts on instead of showing it: C0
 * (U+0000..U+001F), DEL (U+007F) and C1 (U+0080..U+009F).  Text from
 * outside (a spreadsheet, the database) is never written to a terminal
 * with them in it: ESC starts escape sequences (a window title, a
 * rewritten screen), C1 and DCS too.  KEEP, where a function takes it,
 * lists the ASCII controls that may stay ("\n", "\t", or NULL for none). */
bool text_is_control(uint32_t cp);

/* The first control character of S not in KEEP, or invalid byte: its
 * character index from 0 (as a text editor counts characters; an invalid
 * byte counts one), with the character in *CP (an invalid byte: the byte's
 * value, and *INVALID true); -1 when there is none.  CP and INVALID may be
 * NULL. */
long text_find_control(const char *s, const char *keep, uint32_t *cp, bool *invalid);

/* SRC into DST with every control character not in KEEP, and every invalid
 * byte, replaced by U+FFFD: safe to write to a terminal.  Cut at a character
 * boundary when it does not fit. */
void text_clean(char *dst, size_t dstsz, const char *src, const char *keep);

/* SRC written to F as text_clean makes it, whatever its length. */
void text_put_clean(FILE *f, const char *src, const char *keep);

/* SRC on one line, for a message that quotes a value: line breaks and tabs
 * written \n, \r and \t, other C0 controls and DEL \x1B, C1 controls \u0085,
 * invalid bytes \xA0 (ASCII, safe on any terminal); cut after MAX_COLS
 * columns with "..." when longer (MAX_COLS <= 0: no limit). */
void text_escape(char *dst, size_t dstsz, const char *src, int max_cols);

/* Trims ASCII and ideographic (U+3000) space from both ends, in place. */
char *text_trim(char *s);

/* SRC into DST (DSTSZ > 0), cut at a character boundary when it is too
 * long: never half a character.  SRC and DST may overlap. */
void text_copy(char *dst, size_t dstsz, const char *src);

/* Wrapping: the bytes of S that make its first line in COLS columns
 * (trailing spaces left out), and in *NEXT where the next line starts
 * (spaces at the break skipped).  Breaks after a space, or before or after
 * a double-width character, never before closing punctuation (，。、) nor
 * after an opening bracket ((（《“)；
 * a word longer than the line is cut.  Always takes at least one
 * character. */
size_t text_line_break(const char *s, int cols, size_t *next);

#endif
