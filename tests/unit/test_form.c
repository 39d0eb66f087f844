/* Tests of src/form.c: the form engine over a record, without a terminal. */
#include <criterion/criterion.h>
#include <locale.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/date.h"
#include "src/form.h"
#include "src/i18n.h"

struct person {
    char name[32];
    char idnum[19];
    char phone[24];
    char since[11];
    char people[4];
    char note[8];
};

enum { F_NAME, F_ID, F_PHONE, F_SINCE, F_PEOPLE, F_NOTE, NFIELDS };

static bool no_digits(const char *text, char *norm, size_t normsz, char *why, size_t whysz)
{
    if (strpbrk(text, "0123456789")) {
        snprintf(why, whysz, "%s", "no digits in a note, please");
        return false;
    }
    snprintf(norm, normsz, "[%s]", text);
    return true;
}

#define FIELD(lbl, kind, max, req, check, member) \
    { lbl, kind, 20, max, req, check, offsetof(struct person, member), \
      sizeof(((struct person *)0)->member), NULL }

static const struct form_field fields[NFIELDS] = {
    FIELD(N_("Name"), FIELD_TEXT, 0, true, NULL, name),
    FIELD(N_("ID number"), FIELD_IDNUM, 18, true, NULL, idnum),
    FIELD(N_("Phone"), FIELD_PHONE, 20, false, NULL, phone),
    FIELD(N_("Since"), FIELD_DATE, 12, false, NULL, since),
    FIELD(N_("People"), FIELD_INT, 0, false, NULL, people),
    FIELD(N_("Note"), FIELD_TEXT, 0, false, no_digits, note),
};

static const struct person original = {
    "欧阳·娜娜", "11010519491231002X", "13912347788", "2026-11-01", "3", "",
};

static void setup(void)
{
    char why[128];

    setlocale(LC_ALL, "C.UTF-8");
    setenv("DUTYDESK_TODAY", "2026-11-23", 1);
    unsetenv("DUTYDESK_NOW");
    cr_assert(clock_init(why, sizeof why), "%s", why);
}

TestSuite(form, .init = setup);

/* The text of field I. */
static char *text_of(struct form *f, size_t i)
{
    static char buf[128];

    ledit_copy(&f->eds[i], buf, sizeof buf);
    return buf;
}

static void type_into(struct form *f, size_t i, const char *s)
{
    form_focus(f, i);
    ledit_clear(form_editor(f));
    ledit_insert_str(form_editor(f), s);
}

Test(form, open_fills_editors_from_the_record)
{
    struct person p = original;
    struct form f;

    form_open(&f, fields, NFIELDS, &p);
    cr_assert_eq(f.nfields, NFIELDS);
    cr_assert_eq(f.cur, 0);
    cr_assert_eq(f.err_field, -1);
    cr_assert_str_eq(text_of(&f, F_NAME), "欧阳·娜娜");
    cr_assert_str_eq(text_of(&f, F_ID), "11010519491231002X");
    cr_assert_str_eq(text_of(&f, F_SINCE), "2026-11-01");
    cr_assert_str_eq(text_of(&f, F_NOTE), "");
    cr_assert_eq(form_editor(&f), &f.eds[F_NAME]);
    cr_assert_eq(f.eds[F_NAME].len, 5); /* characters, not bytes */
    cr_assert_eq(f.eds[F_ID].max_len, 18);
    cr_assert_not(form_dirty(&f));
    form_close(&f);
    cr_assert_null(f.eds);
}

Test(form, member_without_terminator_is_read_within_its_size)
{
    struct person p = original;
    struct form f;

    memcpy(p.people, "1234", 4); /* fills the member, no NUL */
    form_open(&f, fields, NFIELDS, &p);
    cr_assert_str_eq(text_of(&f, F_PEOPLE), "1234");
    form_close(&f);
}

Test(form, next_and_prev)
{
    struct person p = original;
    struct form f;

    form_open(&f, fields, NFIELDS, &p);
    cr_assert_not(form_prev(&f));
    cr_assert_eq(f.cur, 0);
    for (size_t i = 1; i < NFIELDS; i++) {
        cr_assert(form_next(&f));
        cr_assert_eq(f.cur, i);
    }
    cr_assert_not(form_next(&f));
    cr_assert_eq(f.cur, NFIELDS - 1);
    cr_assert_eq(form_editor(&f), &f.eds[F_NOTE]);
    cr_assert(form_prev(&f));
    cr_assert_eq(f.cur, F_PEOPLE);
    form_focus(&f, F_ID);
    cr_assert_eq(f.cur, F_ID);
    form_focus(&f, 99);
    cr_assert_eq(f.cur, F_ID);
    form_close(&f);
}

Test(form, save_with_bad_id_keeps_the_record)
{
    struct person p = original;
    struct form f;

    form_open(&f, fields, NFIELDS, &p);
    type_into(&f, F_NAME, "张三");
    type_into(&f, F_ID, "110105194912310021");
    form_focus(&f, F_NAME);
    cr_assert_not(form_save(&f, &p));
    cr_assert_eq(memcmp(&p, &original, sizeof p), 0);
    cr_assert_eq(f.cur, F_ID);
    cr_assert_eq(f.err_field, F_ID);
    cr_assert_str_eq(f.err, "the check character is wrong (the last character should be X): "
                            "please check the number");
    cr_assert_null(strstr(f.err, "ID number"));
    cr_assert(form_dirty(&f)); /* what was typed is still there */
    cr_assert_str_eq(text_of(&f, F_NAME), "张三");
    form_close(&f);
}

Test(form, save_with_damaged_id)
{
    struct person p = original;
    struct form f;

    form_open(&f, fields, NFIELDS, &p);
    type_into(&f, F_ID, "3.30102E+17");
    cr_assert_not(form_save(&f, &p));
    cr_assert_eq(f.err_field, F_ID);
    cr_assert(strstr(f.err, "format the column as text"), "%s", f.err);
    form_close(&f);
}

Test(form, save_writes_normalized_values)
{
    struct person p = original;
    struct form f;

    form_open(&f, fields, NFIELDS, &p);
    type_into(&f, F_NAME, "  李四\u3000");
    type_into(&f, F_ID, "330102900307123");
    type_into(&f, F_PHONE, "+86 139 1234 5678");
    type_into(&f, F_SINCE, "+14");
    type_into(&f, F_PEOPLE, "１２");
    type_into(&f, F_NOTE, "ok");
    cr_assert(form_save(&f, &p), "%s", f.err);
    cr_assert_eq(f.err_field, -1);
    cr_assert_str_eq(p.name, "李四");
    cr_assert_str_eq(p.idnum, "330102199003071230");
    cr_assert_str_eq(p.phone, "13912345678");
    cr_assert_str_eq(p.since, "2026-12-07");
    cr_assert_str_eq(p.people, "12");
    cr_assert_str_eq(p.note, "[ok]");
    /* The editors now show what was stored, and nothing is unsaved. */
    cr_assert_str_eq(text_of(&f, F_PHONE), "13912345678");
    cr_assert_not(form_dirty(&f));
    form_close(&f);
}

Test(form, save_lower_case_x_and_landline)
{
    struct person p = original;
    struct form f;

    form_open(&f, fields, NFIELDS, &p);
    type_into(&f, F_ID, "11010519491231002x");
    type_into(&f, F_PHONE, "(0571)87654321转8");
    type_into(&f, F_SINCE, "11月3日");
    cr_assert(form_save(&f, &p), "%s", f.err);
    cr_assert_str_eq(p.idnum, "11010519491231002X");
    cr_assert_str_eq(p.phone, "0571-87654321-8");
    cr_assert_str_eq(p.since, "2026-11-03");
    form_close(&f);
}

Test(form, required_field)
{
    struct person p = original;
    struct form f;

    form_open(&f, fields, NFIELDS, &p);
    type_into(&f, F_NAME, " \u3000 ");
    form_focus(&f, F_NOTE);
    cr_assert_not(form_save(&f, &p));
    cr_assert_eq(f.err_field, F_NAME);
    cr_assert_eq(f.cur, F_NAME);
    cr_assert_str_eq(f.err, "this field is required");
    cr_assert_str_eq(p.name, original.name);
    form_close(&f);
}

Test(form, optional_fields_may_stay_empty)
{
    struct person p = original;
    struct form f;

    form_open(&f, fields, NFIELDS, &p);
    type_into(&f, F_PHONE, "");
    type_into(&f, F_SINCE, "  ");
    type_into(&f, F_PEOPLE, "");
    cr_assert(form_save(&f, &p), "%s", f.err);
    cr_assert_str_eq(p.phone, "");
    cr_assert_str_eq(p.since, "");
    cr_assert_str_eq(p.people, "");
    form_close(&f);
}

Test(form, check_field_sets_and_clears_the_error)
{
    struct person p = original;
    struct form f;

    form_open(&f, fields, NFIELDS, &p);
    type_into(&f, F_SINCE, "2026-02-30");
    cr_assert_not(form_check_field(&f, F_SINCE));
    cr_assert_eq(f.err_field, F_SINCE);
    cr_assert_str_eq(f.err, "there is no 2026-02-30");
    type_into(&f, F_SINCE, "明天");
    cr_assert(form_check_field(&f, F_SINCE));
    cr_assert_eq(f.err_field, -1);
    cr_assert_str_eq(f.err, "");
    cr_assert_str_eq(p.since, original.since); /* checking does not store */

    type_into(&f, F_PHONE, "12912345678");
    cr_assert_not(form_check_field(&f, F_PHONE));
    cr_assert(strstr(f.err, "not a phone number"), "%s", f.err);
    type_into(&f, F_PEOPLE, "3人");
    cr_assert_not(form_check_field(&f, F_PEOPLE));
    cr_assert_str_eq(f.err, "use digits only, like 12");
    type_into(&f, F_NOTE, "room 3");
    cr_assert_not(form_check_field(&f, F_NOTE));
    cr_assert_str_eq(f.err, "no digits in a note, please");
    cr_assert_not(form_check_field(&f, NFIELDS));
    form_close(&f);
}

Test(form, value_longer_than_the_member_is_refused)
{
    struct person p = original;
    struct form f;

    form_open(&f, fields, NFIELDS, &p);
    type_into(&f, F_NOTE, "abcdef"); /* stored as "[abcdef]": 8 bytes, member 8 */
    cr_assert_not(form_save(&f, &p));
    cr_assert_eq(f.err_field, F_NOTE);
    cr_assert_str_eq(f.err, "this is too long for the field: please shorten it");
    cr_assert_eq(memcmp(&p, &original, sizeof p), 0);
    type_into(&f, F_NOTE, "abcde");
    cr_assert(form_save(&f, &p), "%s", f.err);
    cr_assert_str_eq(p.note, "[abcde]");
    form_close(&f);
}

Test(form, restore_brings_back_the_original)
{
    struct person p = original;
    struct form f;

    form_open(&f, fields, NFIELDS, &p);
    cr_assert_not(form_dirty(&f));
    form_focus(&f, F_NAME);
    ledit_insert_str(form_editor(&f), "王");
    cr_assert(form_dirty(&f));
    type_into(&f, F_PHONE, "0571-87654321");
    form_check_field(&f, F_ID);
    form_restore(&f);
    cr_assert_not(form_dirty(&f));
    cr_assert_str_eq(text_of(&f, F_NAME), "欧阳·娜娜");
    cr_assert_str_eq(text_of(&f, F_PHONE), "13912347788");
    cr_assert_eq(f.err_field, -1);
    form_close(&f);
}

Test(form, dirty_compares_with_the_snapshot)
{
    struct person p = original;
    struct form f;

    form_open(&f, fields, NFIELDS, &p);
    form_focus(&f, F_NAME);
    ledit_insert_str(form_editor(&f), "王");
    cr_assert(form_dirty(&f));
    ledit_backspace(form_editor(&f));
    cr_assert_not(form_dirty(&f)); /* typed and taken back: nothing changed */
    form_focus(&f, F_NOTE);
    ledit_insert_str(form_editor(&f), "x");
    cr_assert(form_dirty(&f));
    form_close(&f);
}

Test(form, null_record_opens_empty)
{
    struct form f;

    form_open(&f, fields, NFIELDS, NULL);
    for (size_t i = 0; i < NFIELDS; i++)
        cr_assert_str_eq(text_of(&f, i), "");
    cr_assert_not(form_dirty(&f));
    form_close(&f);
}

/* ---- the default checks as validators ------------------------------------ */

Test(form, default_checks)
{
    char norm[32], why[256];

    cr_assert(field_check_text("任何文字", norm, sizeof norm, why, sizeof why));
    cr_assert_str_eq(norm, "");

    cr_assert(field_check_int("007", norm, sizeof norm, why, sizeof why));
    cr_assert_str_eq(norm, "007");
    cr_assert_not(field_check_int("-3", norm, sizeof norm, why, sizeof why));
    cr_assert_not(field_check_int("1234567890", norm, sizeof norm, why, sizeof why));
    cr_assert_str_eq(why, "the number is too large: at most 9 digits");

    cr_assert(field_check_date("2026年11月3日", norm, sizeof norm, why, sizeof why));
    cr_assert_str_eq(norm, "2026-11-03");
    cr_assert(field_check_date("yesterday", norm, sizeof norm, why, sizeof why));
    cr_assert_str_eq(norm, "2026-11-22");
    cr_assert_not(field_check_date("soon", norm, sizeof norm, why, sizeof why));
    cr_assert_str_eq(why, "not a date: use YYYY-MM-DD, MM-DD, today or +N");

    cr_assert(field_check_phone("139-1234-7788", norm, sizeof norm, why, sizeof why));
    cr_assert_str_eq(norm, "13912347788");

    cr_assert(field_check_idnum(" 11010519491231002x ", norm, sizeof norm, why, sizeof why));
    cr_assert_str_eq(norm, "11010519491231002X");
}

Test(form, id_born_after_the_pinned_today_is_refused)
{
    char norm[32], why[256];

    /* Born 2026-11-24, the day after the pinned today. */
    cr_assert_not(field_check_idnum("330102202611241236", norm, sizeof norm, why, sizeof why));
    cr_assert(strstr(why, "in the future"), "%s", why);
}
