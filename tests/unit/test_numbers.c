/* Tests of src/numbers.c: resident ID numbers and phone numbers. */
#include <criterion/criterion.h>
#include <string.h>

#include "src/numbers.h"

#define TODAY 20261123

/* ---- the check character ------------------------------------------------- */

Test(ident, check_char_of_published_examples)
{
    /* The examples printed in GB 11643-1999. */
    cr_assert_eq(id_check_char("11010519491231002"), 'X');
    cr_assert_eq(id_check_char("44052418800101001"), '4');
}

Test(ident, check_char_of_computed_numbers)
{
    cr_assert_eq(id_check_char("33010219900307123"), '0');
    cr_assert_eq(id_check_char("33010219900307124"), '9');
    cr_assert_eq(id_check_char("33010219850512001"), '8');
    cr_assert_eq(id_check_char("3301021990030712"), '?'); /* only 16 digits */
}

/* ---- valid numbers ------------------------------------------------------- */

Test(ident, published_example_with_x)
{
    struct id_info info;

    cr_assert_eq(id_check("11010519491231002X", TODAY, &info), ID_OK);
    cr_assert_str_eq(info.normalized, "11010519491231002X");
    cr_assert_eq(info.birth_year, 1949);
    cr_assert_eq(info.birth_month, 12);
    cr_assert_eq(info.birth_day, 31);
    cr_assert_eq(info.sex, 'F'); /* 17th digit 2 */
}

Test(ident, published_example_born_before_1900_is_refused)
{
    /* Its check character is right, but nobody registered today was born
     * in 1880: the date rule refuses it. */
    struct id_info info;

    cr_assert_eq(id_check("440524188001010014", TODAY, &info), ID_BAD_DATE);
    cr_assert_eq(id_check("440524188001010014", 0, NULL), ID_BAD_DATE);
}

Test(ident, computed_numbers_and_sex)
{
    struct id_info info;
    char id[19];

    memcpy(id, "33010219900307123", 17);
    id[17] = id_check_char(id);
    id[18] = '\0';
    cr_assert_eq(id_check(id, TODAY, &info), ID_OK);
    cr_assert_str_eq(info.normalized, "330102199003071230");
    cr_assert_eq(info.sex, 'M');
    cr_assert_eq(info.birth_year, 1990);
    cr_assert_eq(info.birth_month, 3);
    cr_assert_eq(info.birth_day, 7);

    cr_assert_eq(id_check("330102199003071249", TODAY, &info), ID_OK);
    cr_assert_eq(info.sex, 'F');
}

Test(ident, lower_case_x_and_spaces)
{
    struct id_info info;

    cr_assert_eq(id_check("  11010519491231002x \t", TODAY, &info), ID_OK);
    cr_assert_str_eq(info.normalized, "11010519491231002X");
}

Test(ident, full_width_digits_and_ideographic_space)
{
    struct id_info info;

    cr_assert_eq(id_check("\u3000１１０１０５１９４９１２３１００２Ｘ\u3000", TODAY, &info), ID_OK);
    cr_assert_str_eq(info.normalized, "11010519491231002X");
}

Test(ident, info_may_be_null)
{
    cr_assert_eq(id_check("330102199003071230", TODAY, NULL), ID_OK);
}

/* ---- legacy numbers ------------------------------------------------------ */

Test(ident, fifteen_digits_upgraded)
{
    struct id_info info;

    cr_assert_eq(id_check("330102900307123", TODAY, &info), ID_OK_LEGACY);
    cr_assert_str_eq(info.normalized, "330102199003071230");
    cr_assert_eq(info.birth_year, 1990);
    cr_assert_eq(info.sex, 'M');
    /* The upgraded number passes the full check. */
    cr_assert_eq(id_check(info.normalized, TODAY, NULL), ID_OK);
}

Test(ident, fifteen_digits_with_bad_date)
{
    cr_assert_eq(id_check("330102900230123", TODAY, NULL), ID_BAD_DATE);
}

/* ---- errors -------------------------------------------------------------- */

Test(ident, wrong_check_character_names_the_right_one)
{
    struct id_info info;
    char why[256];

    cr_assert_eq(id_check("110105194912310021", TODAY, &info), ID_BAD_CHECK);
    cr_assert_eq(info.expected_check, 'X');
    cr_assert_str_eq(info.normalized, "");
    id_explain(ID_BAD_CHECK, &info, why, sizeof why);
    cr_assert_str_eq(why, "the check character is wrong (the last character should be X): "
                          "please check the number");

    cr_assert_eq(id_check("330102199003071239", TODAY, &info), ID_BAD_CHECK);
    cr_assert_eq(info.expected_check, '0');
}

Test(ident, spreadsheet_damage)
{
    struct id_info info;

    cr_assert_eq(id_check("3.30102E+17", TODAY, &info), ID_DAMAGED);
    cr_assert_eq(id_check("3.30102199003071E+17", TODAY, NULL), ID_DAMAGED);
    cr_assert_eq(id_check("3.30102e+17", TODAY, NULL), ID_DAMAGED);
    cr_assert_eq(id_check(" 3.30102E17 ", TODAY, NULL), ID_DAMAGED);
    cr_assert_str_eq(info.normalized, "");
    /* A mistyped letter E is not spreadsheet damage. */
    cr_assert_eq(id_check("3301021990030712E0", TODAY, NULL), ID_BAD_CHAR);
    cr_assert(strstr(id_status_text(ID_DAMAGED), "format the column as text"));
    cr_assert(strstr(id_status_text(ID_DAMAGED), "type the number again"));
    /* Zeros at the end cannot be told from a real number by the checks;
     * this one fails its check character. */
    cr_assert_eq(id_check("330102199003071000", TODAY, NULL), ID_BAD_CHECK);
}

Test(ident, bad_length)
{
    cr_assert_eq(id_check("33010219900307123", TODAY, NULL), ID_BAD_LENGTH);
    cr_assert_eq(id_check("3301021990030712300", TODAY, NULL), ID_BAD_LENGTH);
    cr_assert_eq(id_check("12345", TODAY, NULL), ID_BAD_LENGTH);
    cr_assert_eq(id_check("1234567890123456789012345678901234567890123456789012345678901234567890",
                          TODAY, NULL), ID_BAD_LENGTH);
}

Test(ident, bad_characters)
{
    cr_assert_eq(id_check("33010219900307123A", TODAY, NULL), ID_BAD_CHAR);
    cr_assert_eq(id_check("3301021990030712X0", TODAY, NULL), ID_BAD_CHAR);
    cr_assert_eq(id_check("33010290030712X", TODAY, NULL), ID_BAD_CHAR);
    cr_assert_eq(id_check("张三", TODAY, NULL), ID_BAD_CHAR);
    cr_assert_eq(id_check("330102 19900307 1230", TODAY, NULL), ID_BAD_CHAR);
}

Test(ident, empty)
{
    cr_assert_eq(id_check("", TODAY, NULL), ID_EMPTY);
    cr_assert_eq(id_check("  \u3000 ", TODAY, NULL), ID_EMPTY);
    cr_assert_eq(id_check(NULL, TODAY, NULL), ID_EMPTY);
}

Test(ident, impossible_birth_dates)
{
    char id[19];

    /* 30 February */
    memcpy(id, "33010219900230123", 17);
    id[17] = id_check_char(id);
    id[18] = '\0';
    cr_assert_eq(id_check(id, TODAY, NULL), ID_BAD_DATE);
    /* month 13 */
    memcpy(id, "33010219901301123", 17);
    id[17] = id_check_char(id);
    cr_assert_eq(id_check(id, TODAY, NULL), ID_BAD_DATE);
    /* 29 February of a leap year is fine */
    memcpy(id, "33010220000229123", 17);
    id[17] = id_check_char(id);
    cr_assert_eq(id_check(id, TODAY, NULL), ID_OK);
}

Test(ident, future_birth_date)
{
    char id[19];

    memcpy(id, "33010220261124123", 17); /* the day after TODAY */
    id[17] = id_check_char(id);
    id[18] = '\0';
    cr_assert_eq(id_check(id, TODAY, NULL), ID_BAD_DATE);
    cr_assert_eq(id_check(id, 0, NULL), ID_OK); /* no limit given */
    memcpy(id, "33010220261123123", 17); /* born today */
    id[17] = id_check_char(id);
    cr_assert_eq(id_check(id, TODAY, NULL), ID_OK);
}

Test(ident, every_status_has_a_reason)
{
    char why[256];

    for (int s = ID_OK; s <= ID_BAD_CHECK; s++) {
        cr_assert_gt(strlen(id_status_text((enum id_status)s)), 10);
        id_explain((enum id_status)s, NULL, why, sizeof why);
        cr_assert_str_eq(why, id_status_text((enum id_status)s));
    }
    cr_assert(strstr(id_status_text(ID_BAD_LENGTH), "18"));
}

/* ---- phones -------------------------------------------------------------- */

static enum phone_kind phone(const char *s, char *norm)
{
    return phone_check(s, norm, 32);
}

Test(ident, mobile_plain_and_prefixed)
{
    char n[32];

    cr_assert_eq(phone("13912347788", n), PHONE_MOBILE);
    cr_assert_str_eq(n, "13912347788");
    cr_assert_eq(phone("+86 139 1234 7788", n), PHONE_MOBILE);
    cr_assert_str_eq(n, "13912347788");
    cr_assert_eq(phone("+8613912347788", n), PHONE_MOBILE);
    cr_assert_str_eq(n, "13912347788");
    cr_assert_eq(phone("0086 139-1234-7788", n), PHONE_MOBILE);
    cr_assert_str_eq(n, "13912347788");
    cr_assert_eq(phone("86 13912347788", n), PHONE_MOBILE);
    cr_assert_str_eq(n, "13912347788");
    cr_assert_eq(phone("１８６ ５７１２ ００１１", n), PHONE_MOBILE);
    cr_assert_str_eq(n, "18657120011");
}

Test(ident, mobile_refused)
{
    char n[32] = "junk";

    cr_assert_eq(phone("1391234778", n), PHONE_INVALID); /* 10 digits */
    cr_assert_str_eq(n, "");
    cr_assert_eq(phone("139123477881", n), PHONE_INVALID); /* 12 digits */
    cr_assert_eq(phone("12912347788", n), PHONE_INVALID);  /* starts 12 */
    cr_assert_eq(phone("23912347788", n), PHONE_INVALID);
    cr_assert_eq(phone("139-1234-7788-", n), PHONE_INVALID);
    cr_assert_eq(phone("139.1234.7788", n), PHONE_INVALID);
    cr_assert_eq(phone("+87 13912347788", n), PHONE_INVALID);
    cr_assert_eq(phone("abc", n), PHONE_INVALID);
}

Test(ident, landlines)
{
    char n[32];

    cr_assert_eq(phone("0571-87654321", n), PHONE_LANDLINE);
    cr_assert_str_eq(n, "0571-87654321");
    cr_assert_eq(phone("057187654321", n), PHONE_LANDLINE);
    cr_assert_str_eq(n, "0571-87654321");
    cr_assert_eq(phone("(0571)87654321", n), PHONE_LANDLINE);
    cr_assert_str_eq(n, "0571-87654321");
    cr_assert_eq(phone("（０５７１）８７６５４３２１", n), PHONE_LANDLINE);
    cr_assert_str_eq(n, "0571-87654321");
    cr_assert_eq(phone("0571 8765 4321", n), PHONE_LANDLINE);
    cr_assert_str_eq(n, "0571-87654321");
    cr_assert_eq(phone("010-62345678", n), PHONE_LANDLINE);
    cr_assert_str_eq(n, "010-62345678");
    cr_assert_eq(phone("02162345678", n), PHONE_LANDLINE);
    cr_assert_str_eq(n, "021-62345678");
    cr_assert_eq(phone("0755-2345678", n), PHONE_LANDLINE); /* 7-digit local */
    cr_assert_str_eq(n, "0755-2345678");
}

Test(ident, landline_extensions)
{
    char n[32];

    cr_assert_eq(phone("0571-87654321-123", n), PHONE_LANDLINE);
    cr_assert_str_eq(n, "0571-87654321-123");
    cr_assert_eq(phone("0571-87654321转123", n), PHONE_LANDLINE);
    cr_assert_str_eq(n, "0571-87654321-123");
    cr_assert_eq(phone("(0571) 87654321 转 8", n), PHONE_LANDLINE);
    cr_assert_str_eq(n, "0571-87654321-8");
    cr_assert_eq(phone("0571-87654321-1234567", n), PHONE_INVALID); /* 7-digit extension */
    cr_assert_eq(phone("0571-87654321-", n), PHONE_INVALID);
}

Test(ident, landline_refused)
{
    char n[32];

    cr_assert_eq(phone("0571-876543", n), PHONE_INVALID);     /* 6-digit local */
    cr_assert_eq(phone("0571876543210", n), PHONE_INVALID);   /* one digit too many */
    cr_assert_eq(phone("0571-07654321", n), PHONE_INVALID);   /* local starts 0 */
    cr_assert_eq(phone("(0571-87654321", n), PHONE_INVALID);
    cr_assert_eq(phone("87654321", n), PHONE_INVALID);        /* no area code */
}

Test(ident, phone_empty_and_texts)
{
    char n[32] = "junk";

    cr_assert_eq(phone_check("  ", n, sizeof n), PHONE_EMPTY);
    cr_assert_str_eq(n, "");
    cr_assert_eq(phone_check(NULL, NULL, 0), PHONE_EMPTY);
    cr_assert_eq(phone_check("13912347788", NULL, 0), PHONE_MOBILE);
    cr_assert(strstr(phone_kind_text(PHONE_INVALID), "0571-87654321"));
    cr_assert_str_neq(phone_kind_text(PHONE_MOBILE), phone_kind_text(PHONE_LANDLINE));
}

Test(ident, phone_norm_buffer_is_bounded)
{
    char n[8];

    cr_assert_eq(phone_check("0571-87654321", n, sizeof n), PHONE_LANDLINE);
    cr_assert_str_eq(n, "0571-87");
}
