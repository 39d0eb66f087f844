/* keys.h — one number per key, and the names people write for keys.
 *
 * A key as read from the terminal (wget_wch) becomes one int, a "key code":
 * a character is its own code point (Enter is '\n', Tab '\t', Esc 27,
 * Ctrl-S 19); a function key is KEYS_FN + its curses KEY_ value.  Key
 * names, as the config file and the help screen write them:
 *   F1..F12, Enter, Esc, Tab, BackTab or Shift-Tab, Up, Down, Left, Right,
 *   PgUp, PgDn, Home, End, Space, Backspace, Delete, Insert, ^A..^Z, and a
 *   single printable ASCII character ("q", "/").
 * Named keys are matched without regard to case; a single character is
 * taken as written. */
#ifndef DD_UI_KEYS_H
#define DD_UI_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#define KEYS_FN 0x01000000
#define KEYS_NONE (-1)

enum { KEYS_ENTER = '\n', KEYS_ESC = 27, KEYS_TAB = '\t' };

/* The code of what wget_wch returned (RET is OK or KEY_CODE_YES).
 * '\r' and the keypad's KEY_ENTER both become KEYS_ENTER; Backspace sent
 * as 8 or 127 becomes the curses KEY_BACKSPACE. */
int keys_from_input(int ret, wint_t ch);

/* The code of a curses function key (KEY_F(1), KEY_UP ...). */
int keys_fn(int curses_key);

/* Is CODE a function key (not a character)? */
bool keys_is_fn(int code);

/* Is CODE a character a person types as text (printable, not a control)? */
bool keys_is_text(int code);

/* The code for NAME, or KEYS_NONE when the name is not known. */
int keys_parse(const char *name);

/* The name of CODE ("F10", "Shift-Tab", "^S", "/"); a character outside
 * ASCII is written as itself in UTF-8. */
void keys_format(int code, char *buf, size_t bufsz);

#endif
