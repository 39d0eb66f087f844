/* draw.c — fitted text, wrapping and boxes in a curses window. */
#include "ui/kit/draw.h"

#include <string.h>

#include "src/text.h"

static int clamp_cols(int cols)
{
    return cols < 0 ? 0 : cols > DRAW_MAX_COLS ? DRAW_MAX_COLS : cols;
}

static int put(WINDOW *w, int y, int x, const char *s, attr_t attr)
{
    wattr_set(w, attr, PAIR_NUMBER(attr), NULL);
    mvwaddstr(w, y, x, s);
    wattr_set(w, A_NORMAL, 0, NULL);
    return 0;
}

int draw_text(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr, bool pad)
{
    char buf[4 * DRAW_MAX_COLS + 1];
    int used;

    cols = clamp_cols(cols);
    if (cols == 0)
        return 0;
    used = text_fit(buf, sizeof buf, s, cols, pad);
    put(w, y, x, buf, attr);
    return used;
}

int draw_text_mark(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr, bool pad)
{
    char buf[4 * DRAW_MAX_COLS + 1];
    int used;

    cols = clamp_cols(cols);
    if (cols == 0)
        return 0;
    used = text_fit_mark(buf, sizeof buf, s, cols, pad);
    put(w, y, x, buf, attr);
    return used;
}

void draw_text_right(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr)
{
    int width = text_width(s);

    if (width >= cols) {
        draw_text_mark(w, y, x, cols, s, attr, false);
        return;
    }
    draw_text(w, y, x + cols - width, width, s, attr, false);
}

void draw_centre(WINDOW *w, int y, const char *s, attr_t attr)
{
    int cols = getmaxx(w);
    int width = text_width(s);
    int x = width < cols ? (cols - width) / 2 : 0;

    draw_text_mark(w, y, x, cols - x, s, attr, false);
}

int draw_wrap(WINDOW *w, int y, int x, int cols, int maxrows, const char *s, attr_t attr)
{
    char line[4 * DRAW_MAX_COLS + 1];
    int rows = 0;

    cols = clamp_cols(cols);
    while (*s && rows < maxrows && cols > 0) {
        size_t next, len = text_line_break(s, cols, &next);
        if (len >= sizeof line)
            len = sizeof line - 1;
        memcpy(line, s, len);
        line[len] = '\0';
        draw_text(w, y + rows, x, cols, line, attr, false);
        rows++;
        s += next;
    }
    return rows;
}

int draw_wrap_rows(const char *s, int cols)
{
    int rows = 0;

    if (cols <= 0)
        return 0;
    while (*s) {
        size_t next;
        text_line_break(s, cols, &next);
        rows++;
        s += next;
    }
    return rows;
}

void draw_box(WINDOW *w, int y, int x, int h, int width, const char *title, attr_t attr)
{
    if (h < 2 || width < 2)
        return;
    wattr_set(w, attr, PAIR_NUMBER(attr), NULL);
    mvwaddch(w, y, x, '+');
    mvwhline(w, y, x + 1, '-', width - 2);
    mvwaddch(w, y, x + width - 1, '+');
    for (int r = 1; r < h - 1; r++) {
        mvwaddch(w, y + r, x, '|');
        mvwhline(w, y + r, x + 1, ' ', width - 2);
        mvwaddch(w, y + r, x + width - 1, '|');
    }
    mvwaddch(w, y + h - 1, x, '+');
    mvwhline(w, y + h - 1, x + 1, '-', width - 2);
    mvwaddch(w, y + h - 1, x + width - 1, '+');
    wattr_set(w, A_NORMAL, 0, NULL);
    if (title && *title && width > 6) {
        char t[4 * DRAW_MAX_COLS + 1];
        int tw = text_fit_mark(t, sizeof t, title, width - 6, false);
        mvwaddch(w, y, x + 2, ' ');
        draw_text(w, y, x + 3, tw, t, attr | A_BOLD, false);
        mvwaddch(w, y, x + 3 + tw, ' ');
    }
}
