/* Unit tests of src/kit/lineedit.c, driven with Chinese text and ID numbers. */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "src/kit/lineedit.h"
#include "src/text.h"

static struct ledit ed;

static void setup(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    ledit_init(&ed, 0);
}

static void teardown(void)
{
    ledit_free(&ed);
}

TestSuite(lineedit, .init = setup, .fini = teardown);

/* The text must be exactly WANT. */
static void assert_text(const char *want)
{
    char *got = ledit_get(&ed);
    cr_assert_not_null(got);
    cr_assert_str_eq(got, want);
    free(got);
}

static void type(const char *utf8)
{
    size_t n;
    wchar_t *w = text_to_wcs(utf8, &n);
    for (size_t i = 0; i < n; i++)
        cr_assert(ledit_insert(&ed, w[i]));
    free(w);
}

Test(lineedit, typing_chinese_char_by_char)
{
    cr_assert(ledit_empty(&ed));
    cr_assert(ledit_insert(&ed, L'张'));
    cr_assert(ledit_insert(&ed, L'三'));
    cr_assert(ledit_insert(&ed, L'丰'));
    assert_text("张三丰");
    cr_assert_eq(ed.caret, 3);
    cr_assert_eq(ledit_caret_col(&ed), 6);
    cr_assert_eq(ledit_width(&ed), 6);
    cr_assert_not(ledit_empty(&ed));
}

Test(lineedit, backspace_removes_a_whole_wide_character)
{
    type("张三丰");
    cr_assert(ledit_backspace(&ed));
    assert_text("张三");
    cr_assert_eq(ledit_caret_col(&ed), 4);
    ledit_clear(&ed);
    cr_assert_not(ledit_backspace(&ed));
}

Test(lineedit, caret_moves_by_character)
{
    type("张a三");
    cr_assert(ledit_home(&ed));
    cr_assert_eq(ledit_caret_col(&ed), 0);
    cr_assert_not(ledit_left(&ed));
    cr_assert_not(ledit_home(&ed));
    cr_assert(ledit_right(&ed));
    cr_assert_eq(ledit_caret_col(&ed), 2);
    cr_assert(ledit_right(&ed));
    cr_assert_eq(ledit_caret_col(&ed), 3);
    cr_assert(ledit_right(&ed));
    cr_assert_eq(ledit_caret_col(&ed), 5);
    cr_assert_not(ledit_right(&ed));
    cr_assert(ledit_left(&ed));
    cr_assert_eq(ledit_caret_col(&ed), 3);
    cr_assert(ledit_end(&ed));
    cr_assert_eq(ledit_caret_col(&ed), 5);
    cr_assert_not(ledit_end(&ed));
}

Test(lineedit, insert_and_delete_in_the_middle)
{
    type("张丰");
    ledit_left(&ed);
    cr_assert(ledit_insert(&ed, L'三'));
    assert_text("张三丰");
    cr_assert_eq(ledit_caret_col(&ed), 4);
    ledit_home(&ed);
    ledit_right(&ed);
    cr_assert(ledit_delete(&ed));
    assert_text("张丰");
    cr_assert_eq(ledit_caret_col(&ed), 2);
    ledit_end(&ed);
    cr_assert_not(ledit_delete(&ed));
}

Test(lineedit, kill_to_end_and_to_start)
{
    ledit_set(&ed, "浙江省杭州市");
    ledit_home(&ed);
    ledit_right(&ed);
    ledit_right(&ed);
    cr_assert(ledit_kill_eol(&ed));
    assert_text("浙江");
    cr_assert_eq(ed.caret, 2);
    cr_assert_not(ledit_kill_eol(&ed));

    ledit_set(&ed, "浙江省杭州市");
    ledit_home(&ed);
    ledit_right(&ed);
    ledit_right(&ed);
    cr_assert(ledit_kill_bol(&ed));
    assert_text("省杭州市");
    cr_assert_eq(ed.caret, 0);
    cr_assert_not(ledit_kill_bol(&ed));
}

Test(lineedit, control_characters_are_refused)
{
    type("ab");
    cr_assert_not(ledit_insert(&ed, L'\n'));
    cr_assert_not(ledit_insert(&ed, L'\t'));
    cr_assert_not(ledit_insert(&ed, 0x7F));
    cr_assert_not(ledit_insert(&ed, 0x85));
    cr_assert_not(ledit_insert(&ed, 0xD800));
    assert_text("ab");
    cr_assert(ledit_insert_str(&ed, "c\td张"));
    assert_text("abcd张");
}

Test(lineedit, max_len_counts_characters)
{
    ledit_free(&ed);
    ledit_init(&ed, 3);
    type("张三丰");
    cr_assert_not(ledit_insert(&ed, L'李'));
    assert_text("张三丰");
    cr_assert_not(ledit_set(&ed, "张三丰李"));
    assert_text("张三丰");
    cr_assert(ledit_set(&ed, "李四"));
    assert_text("李四");
}

Test(lineedit, set_get_round_trip)
{
    char small[6];

    cr_assert(ledit_set(&ed, "a\xff𠮷䶮"));
    assert_text("a\xEF\xBF\xBD𠮷䶮");
    cr_assert_eq(ed.len, 4);
    cr_assert_eq(ed.caret, 4);
    cr_assert_eq(ledit_width(&ed), 6);
    ledit_copy(&ed, small, sizeof small);
    cr_assert_str_eq(small, "a\xEF\xBF\xBD");    /* 𠮷 would not fit */
    cr_assert(ledit_set(&ed, "阿依古丽·买买提"));
    assert_text("阿依古丽·买买提");
    cr_assert(ledit_set(&ed, ""));
    cr_assert(ledit_empty(&ed));
}

Test(lineedit, combining_mark_moves_with_its_base)
{
    ledit_set(&ed, "e\xCC\x81x");
    ledit_home(&ed);
    ledit_right(&ed);
    cr_assert_eq(ed.caret, 2);
    cr_assert(ledit_backspace(&ed));
    assert_text("x");
}

Test(lineedit, id_number_scrolls_in_a_narrow_field)
{
    const char *id = "330102199003071234";
    char out[64];
    int x = -1;
    bool left, right;

    ledit_free(&ed);
    ledit_init(&ed, 18);
    for (int i = 0; id[i]; i++) {
        cr_assert(ledit_insert(&ed, (wchar_t)id[i]));
        ledit_view(&ed, 10, out, sizeof out, &x, &left, &right);
        cr_assert_eq(text_width(out), 10, "after %d: \"%s\"", i + 1, out);
        cr_assert_eq(x, i + 1 < 9 ? i + 1 : 9);
        cr_assert_eq(strncmp(out, id + ed.scroll, (size_t)x), 0);
    }
    cr_assert_not(ledit_insert(&ed, L'5'));
    cr_assert_str_eq(out, "003071234 ");
    cr_assert(left);
    cr_assert_not(right);

    ledit_home(&ed);
    ledit_view(&ed, 10, out, sizeof out, &x, &left, &right);
    cr_assert_str_eq(out, "3301021990");
    cr_assert_eq(x, 0);
    cr_assert_eq(ed.scroll, 0);
    cr_assert_not(left);
    cr_assert(right);

    /* Deleting from the end scrolls back: one spare column, no more. */
    ledit_end(&ed);
    ledit_view(&ed, 10, out, sizeof out, &x, NULL, NULL);
    for (int i = 0; i < 5; i++)
        ledit_backspace(&ed);
    ledit_view(&ed, 10, out, sizeof out, &x, &left, &right);
    cr_assert_str_eq(out, "021990030 ");
    cr_assert_eq(x, 9);
}

/* Is every visible non-space character of OUT at its own column of TEXT? */
static void assert_no_half_character(const char *out, const char *text, int scroll)
{
    char pre[128];
    size_t n = strlen(out);
    int col = 0;

    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t used = text_decode(out + i, n - i, &cp);
        cr_assert_neq(cp, TEXT_REPLACEMENT);
        if (cp != ' ') {
            /* the text up to this character spans exactly scroll + col */
            text_fit(pre, sizeof pre, text, scroll + col, false);
            cr_assert_eq(text_width(pre), scroll + col, "\"%s\" at column %d", out, col);
            cr_assert_eq(strncmp(text + strlen(pre), out + i, used), 0);
        }
        col += text_cp_width(cp);
        i += used;
    }
}

Test(lineedit, chinese_in_an_odd_field_never_shows_half_a_character)
{
    const char *text = "浙江省杭州市上城区小营街道";
    char out[64];
    int x = -1;
    bool left, right;
    size_t n;
    wchar_t *w = text_to_wcs(text, &n);

    for (size_t i = 0; i < n; i++) {
        cr_assert(ledit_insert(&ed, w[i]));
        ledit_view(&ed, 7, out, sizeof out, &x, &left, &right);
        cr_assert_eq(text_width(out), 7, "after %zu: \"%s\"", i + 1, out);
        cr_assert_eq(x, 2 * (int)(i + 1) < 6 ? 2 * (int)(i + 1) : 6);
        assert_no_half_character(out, text, ed.scroll);
    }
    free(w);
    cr_assert_str_eq(out, "营街道 ");

    ledit_home(&ed);
    ledit_view(&ed, 7, out, sizeof out, &x, &left, &right);
    cr_assert_str_eq(out, "浙江省 ");          /* 杭 is cut by the right edge */
    cr_assert_eq(x, 0);
    cr_assert_not(left);
    cr_assert(right);

    for (int i = 0; i < 3; i++)
        ledit_right(&ed);
    ledit_view(&ed, 7, out, sizeof out, &x, &left, &right);
    cr_assert_str_eq(out, " 江省杭");          /* 浙 is cut by the left edge */
    cr_assert_eq(x, 5);                         /* the cursor sits on 杭 */
    cr_assert(left);
    cr_assert(right);
    assert_no_half_character(out, text, ed.scroll);

    ledit_left(&ed);
    ledit_view(&ed, 7, out, sizeof out, &x, NULL, NULL);
    cr_assert_str_eq(out, " 江省杭");
    cr_assert_eq(x, 3);

    ledit_home(&ed);
    ledit_view(&ed, 7, out, sizeof out, &x, &left, NULL);
    cr_assert_eq(ed.scroll, 0);
    cr_assert_eq(x, 0);
    cr_assert_not(left);
}

Test(lineedit, view_of_short_text_is_padded)
{
    char out[32];
    int x = -1;
    bool left = true, right = true;

    ledit_set(&ed, "张a\n");
    ledit_view(&ed, 8, out, sizeof out, &x, &left, &right);
    cr_assert_str_eq(out, "张a\xEF\xBF\xBD    ");
    cr_assert_eq(x, 4);
    cr_assert_not(left);
    cr_assert_not(right);
    ledit_clear(&ed);
    ledit_view(&ed, 3, out, sizeof out, &x, &left, &right);
    cr_assert_str_eq(out, "   ");
    cr_assert_eq(x, 0);
}

Test(lineedit, random_editing_keeps_the_view_exact)
{
    const wchar_t pool[] = L"张三丰a1·𠮷䶮X";
    unsigned seed = 12345;
    char out[128];

    for (int step = 0; step < 3000; step++) {
        int x, cols = 1 + (int)(step % 12);
        bool left, right;

        seed = seed * 1103515245u + 12345u;
        switch ((seed >> 16) % 8) {
        case 0: case 1: case 2:
            ledit_insert(&ed, pool[(seed >> 8) % (sizeof pool / sizeof *pool - 1)]);
            break;
        case 3: ledit_backspace(&ed); break;
        case 4: ledit_left(&ed); break;
        case 5: ledit_right(&ed); break;
        case 6: (seed & 0x100) ? ledit_home(&ed) : ledit_end(&ed); break;
        default: ledit_delete(&ed); break;
        }
        ledit_view(&ed, cols, out, sizeof out, &x, &left, &right);
        cr_assert_eq(text_width(out), cols, "step %d: \"%s\" in %d", step, out, cols);
        cr_assert_geq(x, 0);
        cr_assert_lt(x, cols, "step %d", step);
        cr_assert_eq(left, ed.scroll > 0);
        cr_assert_eq(ledit_caret_col(&ed) - ed.scroll, x);
    }
}

Test(lineedit, set_empty_on_new_editor)
{
    struct ledit e;

    setlocale(LC_ALL, "C.UTF-8");
    ledit_init(&e, 0);
    cr_assert(ledit_set(&e, ""));
    cr_assert(ledit_empty(&e));
    cr_assert_eq(ledit_caret_col(&e), 0);
    ledit_free(&e);
}
