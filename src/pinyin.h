/* pinyin.h — what search and sorting need from the pinyin of Chinese names.
 *
 * Readings and order come from ICU, never from a table of our own: the
 * initials from the transliterator "Han-Latin; Latin-ASCII", the order from
 * the collator of locale "zh" (pinyin order, as Chinese users expect).
 * The ICU objects are opened on first use and kept; pinyin_cleanup() closes
 * them (call it at exit, so leak checkers stay quiet).  Not thread-safe: the
 * program calls it from one thread.
 *
 * Input is UTF-8; invalid bytes are read as U+FFFD.  Rare characters (䶮,
 * 𠮷) never fail: a character ICU has no reading for adds nothing to the
 * initials and still gets its place in the order. */
#ifndef DD_PINYIN_H
#define DD_PINYIN_H

#include <stddef.h>
#include <stdint.h>

/* The pinyin initials of UTF-8 into OUT (always NUL-terminated, cut at
 * OUTSZ - 1 letters): one letter per Chinese character (the first letter of
 * its syllable), other letters and digits kept as lower-case ASCII (Latin
 * letters with accents and full-width forms folded to ASCII), everything
 * else dropped.  张三丰 -> "zsf", 王A -> "wa", 阿依古丽·买买提 -> "ayglmmt".
 * Returns the length written. */
size_t pinyin_initials(const char *utf8, char *out, size_t outsz);

/* The ICU zh collation sort key of UTF-8 into OUT: comparing two keys byte
 * by byte (memcmp, SQLite's BLOB order) orders the strings in pinyin order.
 * A key holds no zero byte; it is NUL-terminated in OUT.  Returns the key's
 * length without that NUL, which is >= OUTSZ when OUT was too small (then
 * OUT holds nothing useful), or 0 on failure. */
size_t pinyin_sort_key(const char *utf8, uint8_t *out, size_t outsz);

/* The bounds of the keys of every string that starts with PREFIX (in
 * characters, compared as the collation does at its first level, so "zh"
 * also finds "Zhang"): for any such string S, LO <= key(S) < HI, and the
 * keys of strings that do not start with PREFIX fall outside.  Both bounds
 * are NUL-terminated with no zero byte inside.  Returns 0, or -1 when a
 * buffer is too small or ICU fails. */
int pinyin_prefix_bounds(const char *prefix, uint8_t *lo, size_t losz,
                         uint8_t *hi, size_t hisz);

/* Closes the cached ICU objects; the next call opens them again. */
void pinyin_cleanup(void);

#endif
