/* editbox.c — the editing keys of every text line; see editbox.h. */
#include "ui/kit/editbox.h"

#include "ui/kit/draw.h"
#include "ui/kit/keys.h"

enum { CTRL_A = 1, CTRL_B = 2, CTRL_D = 4, CTRL_E = 5, CTRL_F = 6, CTRL_K = 11, CTRL_U = 21 };

bool editbox_is_edit_key(int key)
{
    return key == keys_fn(KEY_BACKSPACE) || key == keys_fn(KEY_DC) || key == keys_fn(KEY_LEFT)
        || key == keys_fn(KEY_RIGHT) || key == keys_fn(KEY_HOME) || key == keys_fn(KEY_END)
        || key == CTRL_A || key == CTRL_B || key == CTRL_D || key == CTRL_E || key == CTRL_F
        || key == CTRL_K || key == CTRL_U;
}

bool editbox_key(struct ledit *e, int key, bool *changed)
{
    *changed = false;
    if (keys_is_text(key))
        *changed = ledit_insert(e, (wchar_t)key);
    else if (key == keys_fn(KEY_BACKSPACE))
        *changed = ledit_backspace(e);
    else if (key == keys_fn(KEY_DC) || key == CTRL_D)
        *changed = ledit_delete(e);
    else if (key == keys_fn(KEY_LEFT) || key == CTRL_B)
        ledit_left(e);
    else if (key == keys_fn(KEY_RIGHT) || key == CTRL_F)
        ledit_right(e);
    else if (key == keys_fn(KEY_HOME) || key == CTRL_A)
        ledit_home(e);
    else if (key == keys_fn(KEY_END) || key == CTRL_E)
        ledit_end(e);
    else if (key == CTRL_K)
        *changed = ledit_kill_eol(e);
    else if (key == CTRL_U)
        *changed = ledit_kill_bol(e);
    else
        return false;
    return true;
}

void editbox_draw(WINDOW *w, int y, int x, int width, struct ledit *e, attr_t attr,
                  int *caret_x)
{
    char view[4 * DRAW_MAX_COLS + 1];
    bool left = false, right = false;
    int cx = 0;

    ledit_view(e, width, view, sizeof view, &cx, &left, &right);
    draw_text(w, y, x, width, view, attr, true);
    if (left)
        draw_text(w, y, x - 1, 1, "<", A_BOLD, false);
    if (right)
        draw_text(w, y, x + width, 1, ">", A_BOLD, false);
    if (caret_x)
        *caret_x = x + cx;
}
