/* keys.c — key codes from terminal input, and key names both ways. */
#include "ui/kit/keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include "src/text.h"

struct named_key {
    const char *name;
    int code;
};

/* The first name of a code is the one written back. */
static const struct named_key named[] = {
    { "Enter", KEYS_ENTER },
    { "Esc", KEYS_ESC },
    { "Tab", KEYS_TAB },
    { "Shift-Tab", KEYS_FN + KEY_BTAB },
    { "BackTab", KEYS_FN + KEY_BTAB },
    { "Up", KEYS_FN + KEY_UP },
    { "Down", KEYS_FN + KEY_DOWN },
    { "Left", KEYS_FN + KEY_LEFT },
    { "Right", KEYS_FN + KEY_RIGHT },
    { "PgUp", KEYS_FN + KEY_PPAGE },
    { "PgDn", KEYS_FN + KEY_NPAGE },
    { "Home", KEYS_FN + KEY_HOME },
    { "End", KEYS_FN + KEY_END },
    { "Space", ' ' },
    { "Backspace", KEYS_FN + KEY_BACKSPACE },
    { "Delete", KEYS_FN + KEY_DC },
    { "Insert", KEYS_FN + KEY_IC },
};

int keys_fn(int curses_key)
{
    return KEYS_FN + curses_key;
}

bool keys_is_fn(int code)
{
    return code >= KEYS_FN;
}

bool keys_is_text(int code)
{
    return code >= ' ' && code < KEYS_FN && code != 127 && iswprint((wint_t)code);
}

int keys_from_input(int ret, wint_t ch)
{
    if (ret == KEY_CODE_YES) {
        if (ch == KEY_ENTER)
            return KEYS_ENTER;
        return keys_fn((int)ch);
    }
    if (ch == '\r')
        return KEYS_ENTER;
    if (ch == 8 || ch == 127)
        return keys_fn(KEY_BACKSPACE);
    return (int)ch;
}

int keys_parse(const char *name)
{
    size_t n = strlen(name);

    if (n == 1 && name[0] > ' ' && name[0] < 127)
        return (unsigned char)name[0];
    if (n == 2 && name[0] == '^') {
        int c = name[1] & ~0x20;
        if (c >= 'A' && c <= 'Z')
            return c - 'A' + 1;
        return KEYS_NONE;
    }
    if ((name[0] == 'F' || name[0] == 'f') && n >= 2 && n <= 3) {
        int num = 0;
        for (size_t i = 1; i < n; i++) {
            if (name[i] < '0' || name[i] > '9')
                return KEYS_NONE;
            num = num * 10 + (name[i] - '0');
        }
        if (name[1] != '0' && num >= 1 && num <= 12)
            return keys_fn(KEY_F(num));
        return KEYS_NONE;
    }
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (strcasecmp(named[i].name, name) == 0)
            return named[i].code;
    return KEYS_NONE;
}

void keys_format(int code, char *buf, size_t bufsz)
{
    if (bufsz == 0)
        return;
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        if (named[i].code == code) {
            snprintf(buf, bufsz, "%s", named[i].name);
            return;
        }
    }
    if (code >= keys_fn(KEY_F(1)) && code <= keys_fn(KEY_F(12))) {
        snprintf(buf, bufsz, "F%d", code - keys_fn(KEY_F(0)));
    } else if (code >= 1 && code <= 26) {
        snprintf(buf, bufsz, "^%c", 'A' + code - 1);
    } else if (!keys_is_fn(code) && code > ' ' && code != 127) {
        char u[5];
        size_t len = text_encode((uint32_t)code, u);
        u[len] = '\0';
        snprintf(buf, bufsz, "%s", u);
    } else if (keys_is_fn(code)) {
        const char *k = keyname(code - KEYS_FN);
        snprintf(buf, bufsz, "%s", k ? k : "?");
    } else {
        snprintf(buf, bufsz, "#%d", code);
    }
}
