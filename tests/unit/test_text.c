/* Unit tests of src/text.c: decoding, widths, fitting, masking, trimming. */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "src/text.h"

#define FFFD "\xEF\xBF\xBD"

static void utf8_locale(void)
{
    setlocale(LC_ALL, "C.UTF-8");
}

TestSuite(text, .init = utf8_locale);

Test(text, widths_of_chinese_and_ascii)
{
    cr_assert_eq(text_width("张三丰"), 6);
    cr_assert_eq(text_width("abc"), 3);
    cr_assert_eq(text_width("张a三"), 5);
    cr_assert_eq(text_width(""), 0);
    cr_assert_eq(text_width_n("张三丰", 6), 4);
    cr_assert_eq(text_width_n("张三丰", 4), 3);   /* a cut character: one U+FFFD */
    cr_assert_not(text_valid_utf8("张三", 4));
    cr_assert_eq(text_width("阿依古丽·买买提"), 15);   /* the middle dot is 1 */
    cr_assert_eq(text_cp_width(0x00B7), 1);
    cr_assert_eq(text_cp_width(0x3000), 2);
}

Test(text, combining_mark_has_no_width)
{
    cr_assert_eq(text_cp_width(0x0301), 0);
    cr_assert_eq(text_width("e\xCC\x81"), 1);
    cr_assert_eq(text_width("Jose\xCC\x81"), 4);
}

Test(text, rare_characters_are_wide_and_round_trip)
{
    const char *s = "䶮𠮷";
    size_t n = 0;
    uint32_t cp;
    wchar_t *w = text_to_wcs(s, &n);
    char *back;

    cr_assert_eq(text_cp_width(0x4DAE), 2);
    cr_assert_eq(text_cp_width(0x20BB7), 2);
    cr_assert_eq(text_width(s), 4);
    cr_assert_eq(text_decode("𠮷", 4, &cp), 4);
    cr_assert_eq(cp, 0x20BB7);
    cr_assert(text_valid_utf8(s, strlen(s)));
    cr_assert_not_null(w);
    cr_assert_eq(n, 2);
    cr_assert_eq((uint32_t)w[0], 0x4DAE);
    cr_assert_eq((uint32_t)w[1], 0x20BB7);
    cr_assert_eq(w[2], L'\0');
    back = text_from_wcs(w, n);
    cr_assert_str_eq(back, s);
    free(back);
    free(w);
}

Test(text, boundary_code_points_round_trip)
{
    const uint32_t cps[] = { 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD,
                             0xFFFF, 0x10000, 0x10FFFF };
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char b[4];
        uint32_t cp = 0;
        size_t k = text_encode(cps[i], b);
        cr_assert_eq(text_decode(b, k, &cp), k, "U+%04X", cps[i]);
        cr_assert_eq(cp, cps[i]);
        cr_assert(text_valid_utf8(b, k));
    }
}

Test(text, encode_refuses_surrogates_and_out_of_range)
{
    char b[4];
    cr_assert_eq(text_encode(0xD800, b), 3);
    cr_assert_eq(memcmp(b, FFFD, 3), 0);
    cr_assert_eq(text_encode(0x110000, b), 3);
    cr_assert_eq(memcmp(b, FFFD, 3), 0);
}

struct bad_case {
    char bytes[8];
};

Test(text, invalid_bytes_become_one_replacement_each)
{
    const struct bad_case cases[] = {
        { "\xff" }, { "\xe5\xbc" }, { "\xc0\xaf" }, { "\xed\xa0\x80" },
        { "\xe0\x9f\xbf" }, { "\xf4\x90\x80\x80" }, { "\xf0\x9f\x98" }, { "\x80" },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const char *s = cases[c].bytes;
        size_t n = strlen(s), len = 0;
        uint32_t cp = 0;
        char out[64], want[64] = "";
        wchar_t *w = text_to_wcs(s, &len);

        cr_assert_not(text_valid_utf8(s, n), "case %zu", c);
        cr_assert_eq(text_decode(s, n, &cp), 1, "case %zu", c);
        cr_assert_eq(cp, TEXT_REPLACEMENT);
        cr_assert_eq(text_width(s), (int)n, "case %zu", c);
        cr_assert_eq(len, n);
        for (size_t i = 0; i < n; i++) {
            cr_assert_eq((uint32_t)w[i], TEXT_REPLACEMENT);
            strcat(want, FFFD);
        }
        cr_assert_eq(text_fit(out, sizeof out, s, 10, false), (int)n);
        cr_assert_str_eq(out, want, "case %zu", c);
        free(w);
    }
}

Test(text, a_real_replacement_character_is_valid)
{
    cr_assert(text_valid_utf8("a" FFFD, 4));
    cr_assert_not(text_valid_utf8("a\xff" "b", 3));
}

Test(text, control_characters_are_shown_as_replacement)
{
    char out[32];
    cr_assert_eq(text_width("a\tb"), 3);
    cr_assert_eq(text_fit(out, sizeof out, "a\tb\x7f", 10, false), 4);
    cr_assert_str_eq(out, "a" FFFD "b" FFFD);
}

Test(text, fit_never_cuts_a_character)
{
    char out[64];

    cr_assert_eq(text_fit(out, sizeof out, "张三丰", 5, true), 5);
    cr_assert_str_eq(out, "张三 ");
    cr_assert_eq(text_fit(out, sizeof out, "张三丰", 5, false), 4);
    cr_assert_str_eq(out, "张三");
    cr_assert_eq(text_fit(out, sizeof out, "张三丰", 1, true), 1);
    cr_assert_str_eq(out, " ");
    cr_assert_eq(text_fit(out, sizeof out, "张三丰", 1, false), 0);
    cr_assert_str_eq(out, "");
    cr_assert_eq(text_fit(out, sizeof out, "ab张三", 3, true), 3);
    cr_assert_str_eq(out, "ab ");
    cr_assert_eq(text_fit(out, sizeof out, "张三丰", 6, true), 6);
    cr_assert_str_eq(out, "张三丰");
    cr_assert_eq(text_fit(out, sizeof out, "张三丰", 9, true), 9);
    cr_assert_str_eq(out, "张三丰   ");
    cr_assert_eq(text_fit(out, sizeof out, "张三丰", 0, true), 0);
    cr_assert_str_eq(out, "");
    cr_assert_eq(text_fit(out, sizeof out, "e\xCC\x81x", 1, false), 1);
    cr_assert_str_eq(out, "e\xCC\x81");     /* the mark stays with its base */
}

Test(text, fit_respects_the_buffer_size)
{
    char out[16];

    memset(out, 'Z', sizeof out);
    cr_assert_eq(text_fit(out, 7, "张三丰", 6, false), 4);
    cr_assert_str_eq(out, "张三");
    cr_assert_eq(out[7], 'Z');
    text_fit(out, 4, "𠮷", 2, true);
    cr_assert_str_eq(out, "");                   /* 4 bytes + NUL do not fit */
    cr_assert_eq(text_fit(out, 1, "abc", 3, true), 0);
    cr_assert_str_eq(out, "");
}

Test(text, fit_mark_shows_the_cut)
{
    char out[64];

    cr_assert_eq(text_fit_mark(out, sizeof out, "张三丰", 5, true), 5);
    cr_assert_str_eq(out, "张三~");
    cr_assert_eq(text_fit_mark(out, sizeof out, "张三丰", 4, true), 4);
    cr_assert_str_eq(out, "张 ~");
    cr_assert_eq(text_fit_mark(out, sizeof out, "张三丰", 4, false), 3);
    cr_assert_str_eq(out, "张~");
    cr_assert_eq(text_fit_mark(out, sizeof out, "abcdef", 4, false), 4);
    cr_assert_str_eq(out, "abc~");
    cr_assert_eq(text_fit_mark(out, sizeof out, "ab张三", 4, true), 4);
    cr_assert_str_eq(out, "ab ~");
    cr_assert_eq(text_fit_mark(out, sizeof out, "张三丰", 6, true), 6);
    cr_assert_str_eq(out, "张三丰");            /* fits: no mark */
    cr_assert_eq(text_fit_mark(out, sizeof out, "张三丰", 1, true), 1);
    cr_assert_str_eq(out, "~");
}

Test(text, fit_mark_with_pad_is_always_exact)
{
    const char *s = "阿依古丽·买买提";
    char out[64];

    for (int cols = 0; cols <= 20; cols++) {
        cr_assert_eq(text_fit_mark(out, sizeof out, s, cols, true), cols);
        cr_assert_eq(text_width(out), cols, "cols %d: \"%s\"", cols, out);
        if (cols > 0 && cols < 15)
            cr_assert_eq(out[strlen(out) - 1], '~', "cols %d", cols);
        cr_assert(text_valid_utf8(out, strlen(out)));
    }
}

Test(text, pad_left)
{
    char out[32];

    cr_assert_eq(text_pad_left(out, sizeof out, "42", 5), 5);
    cr_assert_str_eq(out, "   42");
    cr_assert_eq(text_pad_left(out, sizeof out, "张三", 5), 5);
    cr_assert_str_eq(out, " 张三");
    cr_assert_eq(text_pad_left(out, sizeof out, "123", 3), 3);
    cr_assert_str_eq(out, "123");
    cr_assert_eq(text_pad_left(out, sizeof out, "12345", 3), 3);
    cr_assert_str_eq(out, "12~");
}

Test(text, mask_id_numbers)
{
    char out[64];

    text_mask_id(out, sizeof out, "330102199003071234");
    cr_assert_str_eq(out, "330102********1234");
    text_mask_id(out, sizeof out, "33010219900307123X");
    cr_assert_str_eq(out, "330102********123X");
    text_mask_id(out, sizeof out, "330102900307123");
    cr_assert_str_eq(out, "330102*****7123");
    text_mask_id(out, sizeof out, "330102900301234");
    cr_assert_str_eq(out, "330102*****1234");
    text_mask_id(out, sizeof out, "12345678901");
    cr_assert_str_eq(out, "123456*8901");
    text_mask_id(out, sizeof out, "1234567890");
    cr_assert_str_eq(out, "******7890");
    text_mask_id(out, sizeof out, "12345");
    cr_assert_str_eq(out, "*2345");
    text_mask_id(out, sizeof out, "1234");
    cr_assert_str_eq(out, "1234");
    text_mask_id(out, sizeof out, "");
    cr_assert_str_eq(out, "");
}

Test(text, mask_works_on_characters_not_bytes)
{
    char out[64];

    text_mask_id(out, sizeof out, "张三丰李四王五赵六钱七孙八");
    cr_assert_str_eq(out, "张三丰李四王***钱七孙八");
    text_mask_id(out, sizeof out, "张三丰李四王");
    cr_assert_str_eq(out, "**丰李四王");
    text_mask_phone(out, sizeof out, "电话一二三四五");
    cr_assert_str_eq(out, "***二三四五");
    text_mask_id(out, 12, "张三丰李四王五赵六钱七孙八");   /* short buffer */
    cr_assert_str_eq(out, "张三丰");
}

Test(text, mask_phone_numbers)
{
    char out[64];

    text_mask_phone(out, sizeof out, "13912347788");
    cr_assert_str_eq(out, "139****7788");
    text_mask_phone(out, sizeof out, "+86 13912347788");
    cr_assert_str_eq(out, "+86 139****7788");
    text_mask_phone(out, sizeof out, "0571-87654321");
    cr_assert_str_eq(out, "0571-****4321");
    text_mask_phone(out, sizeof out, "010-1234567");
    cr_assert_str_eq(out, "010-***4567");
    text_mask_phone(out, sizeof out, "87654321");
    cr_assert_str_eq(out, "****4321");
    text_mask_phone(out, sizeof out, "12345678901");   /* not a mobile prefix */
    cr_assert_str_eq(out, "*******8901");
    text_mask_phone(out, sizeof out, "110");
    cr_assert_str_eq(out, "110");
    text_mask_phone(out, sizeof out, "");
    cr_assert_str_eq(out, "");
}

Test(text, copy_never_cuts_a_character)
{
    char buf[8], big[64];

    text_copy(buf, sizeof buf, "张三");
    cr_assert_str_eq(buf, "张三");
    text_copy(buf, sizeof buf, "张三丰"); /* 9 bytes into 7 */
    cr_assert_str_eq(buf, "张三");
    text_copy(buf, 7, "ab𠮷c"); /* the 4-byte 𠮷 ends at byte 6 */
    cr_assert_str_eq(buf, "ab𠮷");
    text_copy(buf, 5, "ab𠮷c");
    cr_assert_str_eq(buf, "ab");
    text_copy(buf, 1, "张");
    cr_assert_str_eq(buf, "");
    strcpy(big, "  阿依古丽·买买提");
    text_copy(big, sizeof big, big + 2); /* overlapping: moved down */
    cr_assert_str_eq(big, "阿依古丽·买买提");
}

Test(text, trim_ascii_and_ideographic_space)
{
    char a[] = "  张三  ", b[] = "\xE3\x80\x80张三\xE3\x80\x80", c[] = "\t a b \r\n",
         d[] = "", e[] = "\xE3\x80\x80 \xE3\x80\x80", f[] = "\xE3\x80\x80 张 三 \xE3\x80\x80\n";

    cr_assert_eq(text_trim(a), a);
    cr_assert_str_eq(a, "张三");
    cr_assert_str_eq(text_trim(b), "张三");
    cr_assert_str_eq(text_trim(c), "a b");
    cr_assert_str_eq(text_trim(d), "");
    cr_assert_str_eq(text_trim(e), "");
    cr_assert_str_eq(text_trim(f), "张 三");
}

Test(text, fit_invariants_over_mixed_text)
{
    const char *s = "ab张三丰·e\xCC\x81𠮷\xff\tc䶮";
    char out[64];

    for (int cols = 0; cols <= 24; cols++) {
        for (int mark = 0; mark < 2; mark++) {
            int w = mark ? text_fit_mark(out, sizeof out, s, cols, true)
                         : text_fit(out, sizeof out, s, cols, true);
            cr_assert_eq(w, cols);
            cr_assert_eq(text_width(out), cols, "cols %d: \"%s\"", cols, out);
            cr_assert(text_valid_utf8(out, strlen(out)));
            w = mark ? text_fit_mark(out, sizeof out, s, cols, false)
                     : text_fit(out, sizeof out, s, cols, false);
            cr_assert_leq(w, cols);
            cr_assert_eq(text_width(out), w);
        }
    }
}

/* ---- line breaking ---- */

static void expect_lines(const char *s, int cols, const char *const *want)
{
    int k = 0;

    while (*s) {
        size_t next, len = text_line_break(s, cols, &next);
        cr_assert_not_null(want[k], "more lines than expected at \"%s\"", s);
        cr_expect_eq(strlen(want[k]), len, "line %d: \"%.*s\", expected \"%s\"", k, (int)len, s,
                     want[k]);
        cr_expect(strncmp(s, want[k], len) == 0, "line %d: \"%.*s\", expected \"%s\"", k,
                  (int)len, s, want[k]);
        cr_expect_leq(text_width_n(s, len), cols);
        cr_assert_gt(next, 0);
        s += next;
        k++;
    }
    cr_expect_null(want[k], "fewer lines than expected");
}

Test(text, wrap_at_spaces)
{
    expect_lines("the quick brown fox", 10,
                 (const char *const[]){ "the quick", "brown fox", NULL });
}

Test(text, wrap_chinese_between_characters)
{
    expect_lines("请检查身份证号码的最后一位", 10,
                 (const char *const[]){ "请检查身份", "证号码的最", "后一位", NULL });
}

Test(text, wrap_never_starts_a_line_with_closing_punctuation)
{
    /* 8 columns: "身份证号" fits exactly, but "，" may not start the next
     * line, so "号" goes down with it. */
    expect_lines("身份证号，请检查。", 8,
                 (const char *const[]){ "身份证", "号，请检", "查。", NULL });
}

Test(text, wrap_never_ends_a_line_with_an_opening_bracket)
{
    /* 10 columns: "没有户主（" would fit, but "（" may not end the line, so
     * it goes down with "户主". */
    expect_lines("没有户主（户主）", 10,
                 (const char *const[]){ "没有户主", "（户主）", NULL });
    expect_lines("left without a (户主)", 16,
                 (const char *const[]){ "left without a", "(户主)", NULL });
}

Test(text, wrap_mixed_latin_and_chinese)
{
    expect_lines("按 F10 退出程序", 7,
                 (const char *const[]){ "按 F10", "退出程", "序", NULL });
}

Test(text, wrap_cuts_a_word_longer_than_the_line)
{
    expect_lines("abcdefghij", 4, (const char *const[]){ "abcd", "efgh", "ij", NULL });
}

/* ---- control characters ---- */

Test(text, control_characters_are_found_where_they_are)
{
    uint32_t cp = 0;
    bool bad = true;

    cr_assert(text_is_control(0x1B));
    cr_assert(text_is_control(0x7F));
    cr_assert(text_is_control(0x9B));   /* C1 CSI */
    cr_assert_not(text_is_control(0xA0));
    cr_assert_not(text_is_control(0x4E00));
    cr_assert_eq(text_find_control("张三", NULL, &cp, &bad), -1);
    cr_assert_eq(text_find_control("坏\x1B]0;pwned\x07", NULL, &cp, &bad), 1);
    cr_assert_eq(cp, 0x1B);
    cr_assert_not(bad);
    cr_assert_eq(text_find_control("a\xC2\x9B" "1m", NULL, &cp, &bad), 1);
    cr_assert_eq(cp, 0x9B);
    cr_assert_eq(text_find_control("ab\xA0", NULL, &cp, &bad), 2);
    cr_assert_eq(cp, 0xA0);
    cr_assert(bad);
    cr_assert_eq(text_find_control("第一行\n第二行", "\n", &cp, NULL), -1);
    cr_assert_eq(text_find_control("第一行\n\a", "\n", &cp, NULL), 4);
    cr_assert_eq(cp, 0x07);
}

Test(text, clean_text_holds_no_control_character)
{
    char out[64];

    text_clean(out, sizeof out, "坏\x1B]0;pwned\x07", NULL);
    cr_assert_str_eq(out, "坏" FFFD "]0;pwned" FFFD);
    text_clean(out, sizeof out, "a\nb\tc\xC2\x90" "d\xFF", "\n");
    cr_assert_str_eq(out, "a\nb" FFFD "c" FFFD "d" FFFD);
    text_clean(out, 6, "张三丰", NULL);    /* never half a character */
    cr_assert_str_eq(out, "张");
}

Test(text, put_clean_writes_no_control_character)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    cr_assert_not_null(f);
    text_put_clean(f, "x\x1B[2Jy\xC2\x9Bz\n", "\n");
    fclose(f);
    cr_assert_str_eq(buf, "x" FFFD "[2Jy" FFFD "z\n");
    free(buf);
}

Test(text, escape_puts_a_value_on_one_visible_line)
{
    char out[256];

    text_escape(out, sizeof out, "坏\x1B]0;pwned\x07", 0);
    cr_assert_str_eq(out, "坏\\x1B]0;pwned\\x07");
    text_escape(out, sizeof out, "第一行\r\n第二行\t完", 0);
    cr_assert_str_eq(out, "第一行\\r\\n第二行\\t完");
    text_escape(out, sizeof out, "a\xC2\x85" "b\xA0", 0);
    cr_assert_str_eq(out, "a\\u0085b\\xA0");
    /* Cut to the columns asked for, with "...". */
    text_escape(out, sizeof out, "一二三四五六七八九十", 10);
    cr_assert_str_eq(out, "一二三...");
    cr_assert_leq(text_width(out), 10);
    text_escape(out, sizeof out, "一二三四五", 10);
    cr_assert_str_eq(out, "一二三四五");
}
