/* Tests of src/pinyin.c: initials and pinyin order from ICU. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "src/pinyin.h"

static void done(void)
{
    pinyin_cleanup();
}

TestSuite(pinyin, .fini = done);

static const char *initials(const char *s)
{
    static char buf[64];
    pinyin_initials(s, buf, sizeof buf);
    return buf;
}

Test(pinyin, initials_of_chinese_names)
{
    cr_assert_str_eq(initials("张三丰"), "zsf");
    cr_assert_str_eq(initials("李小龙"), "lxl");
    cr_assert_str_eq(initials("欧阳娜娜"), "oynn");
}

Test(pinyin, initials_of_mixed_text)
{
    cr_assert_str_eq(initials("王A"), "wa");
    cr_assert_str_eq(initials("王A2"), "wa2");
    cr_assert_str_eq(initials("John Smith"), "johnsmith");
    cr_assert_str_eq(initials("Ｌｉ明"), "lim"); /* full-width letters folded */
    cr_assert_str_eq(initials("阿依古丽·买买提"), "ayglmmt");
    cr_assert_str_eq(initials("Zoë"), "zoe");
    cr_assert_str_eq(initials("  ,.!"), "");
    cr_assert_str_eq(initials(""), "");
}

Test(pinyin, rare_characters_do_not_break_anything)
{
    char buf[16];
    size_t n = pinyin_initials("李䶮", buf, sizeof buf);

    /* 䶮 (yǎn) has a reading in ICU; 𠮷 may have none: then it adds nothing. */
    cr_assert_str_eq(buf, "ly");
    cr_assert_eq(n, 2);
    n = pinyin_initials("𠮷祥", buf, sizeof buf);
    cr_assert(strcmp(buf, "jx") == 0 || strcmp(buf, "x") == 0, "got %s", buf);
    for (size_t i = 0; i < n; i++)
        cr_assert(buf[i] >= 'a' && buf[i] <= 'z', "not a letter in %s", buf);
}

Test(pinyin, initials_are_cut_to_the_buffer)
{
    char buf[3] = "xx";

    cr_assert_eq(pinyin_initials("张三丰", buf, sizeof buf), 2);
    cr_assert_str_eq(buf, "zs");
    cr_assert_eq(pinyin_initials("张三丰", buf, 1), 0);
    cr_assert_str_eq(buf, "");
}

Test(pinyin, cached_letters_stay_the_same)
{
    /* The second time comes from the cache; after cleanup from ICU again. */
    cr_assert_str_eq(initials("张三丰"), "zsf");
    cr_assert_str_eq(initials("张三丰"), "zsf");
    pinyin_cleanup();
    cr_assert_str_eq(initials("丰三张"), "fsz");
}

static int cmp_keys(const char *a, const char *b)
{
    uint8_t ka[128], kb[128];
    size_t na = pinyin_sort_key(a, ka, sizeof ka), nb = pinyin_sort_key(b, kb, sizeof kb);

    cr_assert(na > 0 && na < sizeof ka);
    cr_assert(nb > 0 && nb < sizeof kb);
    int c = memcmp(ka, kb, na < nb ? na : nb);
    return c ? c : (na > nb) - (na < nb);
}

Test(pinyin, order_is_pinyin_not_code_point)
{
    /* 安 U+5B89 (an), 白 U+767D (bai), 张 U+5F20 (zhang): code point order
     * would put 张 before 白. */
    cr_assert_lt(strcmp("张", "白"), 0);
    cr_assert_lt(cmp_keys("安", "白"), 0);
    cr_assert_lt(cmp_keys("白", "张"), 0);
    cr_assert_lt(cmp_keys("安", "张"), 0);
    cr_assert_lt(cmp_keys("张三", "张三丰"), 0);
    cr_assert_lt(cmp_keys("李", "王"), 0);
    cr_assert_eq(cmp_keys("王A", "王A"), 0);
}

Test(pinyin, sort_key_has_no_zero_byte_and_reports_its_size)
{
    uint8_t k[64], small[3];
    size_t n = pinyin_sort_key("阿依古丽·买买提𠮷䶮", k, sizeof k);

    cr_assert(n > 0 && n < sizeof k);
    cr_assert_eq(k[n], 0);
    cr_assert_eq(memchr(k, 0, n), NULL);
    cr_assert_geq(pinyin_sort_key("张三丰", small, sizeof small), sizeof small);
}

Test(pinyin, invalid_utf8_gives_a_key)
{
    uint8_t k[64];
    char initials_buf[16];

    cr_assert_gt(pinyin_sort_key("\xff\xfe张", k, sizeof k), 0);
    pinyin_initials("\xff张", initials_buf, sizeof initials_buf);
    cr_assert_str_eq(initials_buf, "z");
}

static bool in_range(const char *s, const uint8_t *lo, const uint8_t *hi)
{
    uint8_t k[128];
    size_t n = pinyin_sort_key(s, k, sizeof k);
    size_t nlo = strlen((const char *)lo), nhi = strlen((const char *)hi);
    int a = memcmp(k, lo, n < nlo ? n : nlo), b = memcmp(k, hi, n < nhi ? n : nhi);

    if (a == 0)
        a = (n > nlo) - (n < nlo);
    if (b == 0)
        b = (n > nhi) - (n < nhi);
    return a >= 0 && b < 0;
}

Test(pinyin, prefix_bounds_hold_exactly_the_names_with_that_start)
{
    uint8_t lo[64], hi[64];
    const char *with[] = { "张", "张三", "张三丰", "张A", "张䶮" };
    const char *without[] = { "章", "章三", "李张", "安", "赵", "", "𠮷" };

    cr_assert_eq(pinyin_prefix_bounds("张", lo, sizeof lo, hi, sizeof hi), 0);
    for (size_t i = 0; i < sizeof with / sizeof with[0]; i++)
        cr_assert(in_range(with[i], lo, hi), "%s should be in the range", with[i]);
    for (size_t i = 0; i < sizeof without / sizeof without[0]; i++)
        cr_assert(!in_range(without[i], lo, hi), "%s should not be in the range", without[i]);

    cr_assert_eq(pinyin_prefix_bounds("张三", lo, sizeof lo, hi, sizeof hi), 0);
    cr_assert(in_range("张三丰", lo, hi));
    cr_assert(in_range("张三", lo, hi));
    cr_assert(!in_range("张四", lo, hi));
    cr_assert(!in_range("张", lo, hi));
    cr_assert_eq(pinyin_prefix_bounds("张三", lo, 2, hi, sizeof hi), -1);
}
