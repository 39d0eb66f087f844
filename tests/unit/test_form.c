/* Tests of src/kit/form.c: the form engine over a record, without a terminal. */
#include <criterion/criterion.h>
#include <locale.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/date.h"
#include "src/kit/form.h"
#include "src/i18n.h"
#include "src/kit/vocab.h"

struct person {
    char name[32];
    char idnum[19];
    char phone[24];
    char since[11];
    int people;
    char note[8];
    int kind;       /* a choice, an int */
    bool floating;  /* a choice, a bool */
    char sex[2];    /* a choice, one character */
    char relation[16]; /* a word */
    unsigned flags; /* a set */
};

enum { F_NAME, F_ID, F_PHONE, F_SINCE, F_PEOPLE, F_NOTE, F_KIND, F_FLOATING, F_SEX, F_REL,
       F_FLAGS, NFIELDS };

/* A vocabulary of the test's own for each picked field. */
static const struct vocab_word kind_words[] = {
    { 0, "自住", N_("owner"), (const char *const[]){ "自有", NULL } },
    { 1, "出租", N_("rented"), (const char *const[]){ "租住", NULL } },
};
static const struct vocab kinds = { "kind", kind_words, 2, false };
static const struct vocab_word yn_words[] = {
    { 0, "否", N_("no"), NULL }, { 1, "是", N_("yes"), NULL },
};
static const struct vocab yn = { "yn", yn_words, 2, false };
static const struct vocab_word sex_words[] = {
    { 'M', "男", N_("male"), NULL }, { 'F', "女", N_("female"), NULL },
};
static const struct vocab sexes = { "sex", sex_words, 2, false };
static const struct vocab_word rel_words[] = {
    { 1, "户主", N_("head"), (const char *const[]){ "本人", NULL } },
    { 2, "配偶", N_("spouse"), (const char *const[]){ "妻", "夫", NULL } },
};
static const struct vocab rels = { "relation", rel_words, 2, false };
static const struct vocab_word flag_words[] = {
    { 1, "独居老人", N_("alone"), (const char *const[]){ "独居", NULL } },
    { 2, "孕妇", N_("pregnant"), (const char *const[]){ "孕", NULL } },
};
static const struct vocab flagset = { "flags", flag_words, 2, true };

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
      sizeof(((struct person *)0)->member), NULL, NULL, NULL }
#define PICK(lbl, kind, member, v) \
    { lbl, kind, 20, 0, false, NULL, offsetof(struct person, member), \
      sizeof(((struct person *)0)->member), NULL, NULL, &(v) }

static const struct form_field fields[NFIELDS] = {
    FIELD(N_("Name"), FIELD_TEXT, 0, true, NULL, name),
    FIELD(N_("ID number"), FIELD_IDNUM, 18, true, NULL, idnum),
    FIELD(N_("Phone"), FIELD_PHONE, 20, false, NULL, phone),
    FIELD(N_("Since"), FIELD_DATE, 12, false, NULL, since),
    FIELD(N_("People"), FIELD_INT, 0, false, NULL, people),
    FIELD(N_("Note"), FIELD_TEXT, 0, false, no_digits, note),
    PICK(N_("Kind"), FIELD_CHOICE, kind, kinds),
    PICK(N_("Floating"), FIELD_CHOICE, floating, yn),
    PICK(N_("Sex"), FIELD_CHOICE, sex, sexes),
    PICK(N_("Relation"), FIELD_WORD, relation, rels),
    PICK(N_("Flags"), FIELD_SET, flags, flagset),
};

static const struct person original = {
    "欧阳·娜娜", "11010519491231002X", "13912347788", "2026-11-01", 3, "", 1, true, "F",
    "配偶", 2,
};

/* Field by field: a struct's padding is not part of it. */
static bool same_person(const struct person *a, const struct person *b)
{
    return strcmp(a->name, b->name) == 0 && strcmp(a->idnum, b->idnum) == 0
        && strcmp(a->phone, b->phone) == 0 && strcmp(a->since, b->since) == 0
        && a->people == b->people && memcmp(a->note, b->note, sizeof a->note) == 0
        && a->kind == b->kind && a->floating == b->floating && strcmp(a->sex, b->sex) == 0
        && strcmp(a->relation, b->relation) == 0 && a->flags == b->flags;
}

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

    memcpy(p.note, "abcdefgh", 8); /* fills the member, no NUL */
    form_open(&f, fields, NFIELDS, &p);
    cr_assert_str_eq(text_of(&f, F_NOTE), "abcdefgh");
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
    cr_assert_eq(form_editor(&f), &f.eds[F_FLAGS]);
    cr_assert(form_prev(&f));
    cr_assert_eq(f.cur, F_REL);
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
    cr_assert(same_person(&p, &original), "the record was changed");
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
    cr_assert_eq(p.people, 12);
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
    cr_assert_eq(p.people, 0);
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
    cr_assert(same_person(&p, &original), "the record was changed");
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

/* ---- reading without committing, hooks, one field's text ----------------- */

Test(form, read_writes_the_record_but_keeps_the_form_dirty)
{
    struct person p = original, out;
    struct form f;

    form_open(&f, fields, NFIELDS, &p);
    type_into(&f, F_PHONE, " 139 1234 0000 ");
    memset(&out, 0, sizeof out);
    cr_assert(form_read(&f, &out), "%s", f.err);
    cr_assert_str_eq(out.phone, "13912340000");
    cr_assert_str_eq(out.name, "欧阳·娜娜");
    /* the editor still shows what was typed, and it is still unsaved */
    cr_assert_str_eq(text_of(&f, F_PHONE), " 139 1234 0000 ");
    cr_assert(form_dirty(&f));
    form_restore(&f);
    cr_assert_str_eq(text_of(&f, F_PHONE), "13912347788");
    form_close(&f);
}

Test(form, read_with_a_bad_field_touches_nothing)
{
    struct person p = original, out = original;
    struct form f;

    form_open(&f, fields, NFIELDS, &p);
    type_into(&f, F_NOTE, "a1");
    form_focus(&f, F_NAME);
    cr_assert_not(form_read(&f, &out));
    cr_assert_eq(f.err_field, F_NOTE);
    cr_assert_eq(f.cur, F_NOTE);
    cr_assert(same_person(&out, &original), "the record was changed");
    form_close(&f);
}

/* A hook on the ID number: when it is whole, the birth date goes into
 * "Since" (a stand-in for a birth date field); a bad one is an error at
 * the field. */
struct hook_log {
    int calls;
    size_t last_field;
};

static void id_hook(struct form *f, size_t i, void *ctx)
{
    struct hook_log *log = ctx;
    char id[64], birth[16], why[128];

    log->calls++;
    log->last_field = i;
    form_get_text(f, i, id, sizeof id);
    if (strlen(id) < 18) {
        form_clear_error(f, i);
        return;
    }
    if (!field_check_idnum(id, birth, sizeof birth, why, sizeof why)) {
        form_set_error(f, i, why);
        return;
    }
    form_clear_error(f, i);
    snprintf(birth, sizeof birth, "%.4s-%.2s-%.2s", id + 6, id + 10, id + 12);
    form_set_text(f, F_SINCE, birth);
}

static void since_hook(struct form *f, size_t i, void *ctx)
{
    struct hook_log *log = ctx;

    log->calls += 100; /* must not run when the ID hook fills the field */
}

static struct form_field hooked[NFIELDS];

static void hook_fields(void)
{
    memcpy(hooked, fields, sizeof hooked);
    hooked[F_ID].on_change = id_hook;
    hooked[F_SINCE].on_change = since_hook;
}

Test(form, on_change_runs_for_a_changed_field_only)
{
    struct form f;
    struct hook_log log = { 0 };

    hook_fields();
    form_open(&f, hooked, NFIELDS, &original);
    form_set_context(&f, &log);
    cr_assert_not(form_changed(&f), "opening the form is no change");
    cr_assert_eq(log.calls, 0);
    type_into(&f, F_NAME, "王五");
    cr_assert_not(form_changed(&f), "a field without a hook");
    cr_assert_eq(log.calls, 0);
    type_into(&f, F_ID, "1101051949");
    cr_assert(form_changed(&f));
    cr_assert_eq(log.calls, 1);
    cr_assert_eq(log.last_field, F_ID);
    cr_assert_not(form_changed(&f), "nothing changed since");
    cr_assert_eq(log.calls, 1);
    form_close(&f);
}

Test(form, a_hook_checks_as_typed_and_fills_another_field)
{
    struct form f;
    struct hook_log log = { 0 };

    hook_fields();
    form_open(&f, hooked, NFIELDS, NULL);
    form_set_context(&f, &log);
    form_focus(&f, F_ID);
    /* typed one character at a time, the last one wrong */
    const char *bad = "110105194912310021";
    for (size_t k = 0; bad[k]; k++) {
        ledit_insert(form_editor(&f), (wchar_t)bad[k]);
        form_changed(&f);
    }
    cr_assert_eq(log.calls, 18);
    cr_assert_eq(f.err_field, F_ID);
    cr_assert(strstr(f.err, "check"), "%s", f.err);
    cr_assert_str_eq(text_of(&f, F_SINCE), "");
    /* corrected: the error goes, the date is filled, Since's hook stays quiet */
    ledit_backspace(form_editor(&f));
    form_changed(&f);
    cr_assert_eq(f.err_field, -1, "an incomplete number is no error yet");
    ledit_insert(form_editor(&f), L'X');
    form_changed(&f);
    cr_assert_eq(f.err_field, -1, "%s", f.err);
    cr_assert_str_eq(text_of(&f, F_SINCE), "1949-12-31");
    cr_assert_lt(log.calls, 100, "form_set_text ran the filled field's hook");
    cr_assert(form_dirty(&f), "filled text counts as typed");
    cr_assert_eq(f.cur, F_ID, "the caret stays in the ID field");
    form_close(&f);
}

Test(form, restore_does_not_run_hooks_afterwards)
{
    struct form f;
    struct hook_log log = { 0 };

    hook_fields();
    form_open(&f, hooked, NFIELDS, &original);
    form_set_context(&f, &log);
    type_into(&f, F_ID, "123");
    form_restore(&f);
    cr_assert_not(form_changed(&f));
    cr_assert_eq(log.calls, 0);
    form_close(&f);
}

Test(form, get_text_trims_and_cuts_whole_characters)
{
    struct form f;
    char buf[7];

    form_open(&f, fields, NFIELDS, NULL);
    type_into(&f, F_NAME, "\u3000 张三丰 ");
    form_get_text(&f, F_NAME, buf, sizeof buf);
    cr_assert_str_eq(buf, "张三", "6 bytes hold two characters, not two and a half");
    char big[64];
    form_get_text(&f, F_NAME, big, sizeof big);
    cr_assert_str_eq(big, "张三丰");
    form_get_text(&f, 99, big, sizeof big);
    cr_assert_str_eq(big, "");
    form_close(&f);
}

Test(form, set_text_and_errors_by_hand)
{
    struct form f;

    form_open(&f, fields, NFIELDS, &original);
    form_set_text(&f, F_NOTE, "补充");
    cr_assert_str_eq(text_of(&f, F_NOTE), "补充");
    cr_assert_eq(f.eds[F_NOTE].caret, 2);
    cr_assert(form_dirty(&f));
    form_set_text(&f, F_NOTE, NULL);
    cr_assert_str_eq(text_of(&f, F_NOTE), "");
    form_set_error(&f, F_PHONE, "已登记");
    cr_assert_eq(f.err_field, F_PHONE);
    cr_assert_str_eq(f.err, "已登记");
    form_clear_error(&f, F_NAME);
    cr_assert_eq(f.err_field, F_PHONE, "another field's error stays");
    form_clear_error(&f, F_PHONE);
    cr_assert_eq(f.err_field, -1);
    cr_assert_str_eq(f.err, "");
    form_close(&f);
}

/* Picked fields bind the record's own members: an int, a bool, one
 * character, a stored word, a set of bits; they show labels and take any
 * word of their vocabulary. */
Test(form, picked_fields_bind_typed_members)
{
    struct person p = original;
    struct form f;

    form_open(&f, fields, NFIELDS, &p);
    cr_assert_str_eq(text_of(&f, F_KIND), "rented");
    cr_assert_str_eq(text_of(&f, F_FLOATING), "yes");
    cr_assert_str_eq(text_of(&f, F_SEX), "female");
    cr_assert_str_eq(text_of(&f, F_REL), "spouse");
    cr_assert_str_eq(text_of(&f, F_FLAGS), "pregnant");
    cr_assert_str_eq(text_of(&f, F_PEOPLE), "3");
    type_into(&f, F_KIND, "自有");
    type_into(&f, F_FLOATING, "否");
    type_into(&f, F_SEX, "男");
    type_into(&f, F_REL, "本人");
    type_into(&f, F_FLAGS, "独居、孕");
    cr_assert(form_save(&f, &p), "%s", f.err);
    cr_assert_eq(p.kind, 0);
    cr_assert_eq(p.floating, false);
    cr_assert_str_eq(p.sex, "M");
    cr_assert_str_eq(p.relation, "户主");
    cr_assert_eq(p.flags, 3u);
    /* The editors show the labels of what was stored. */
    cr_assert_str_eq(text_of(&f, F_KIND), "owner");
    cr_assert_str_eq(text_of(&f, F_REL), "head");
    cr_assert_str_eq(text_of(&f, F_FLAGS), "alone pregnant");
    form_close(&f);
}

Test(form, a_word_not_in_the_list_is_refused_with_the_list)
{
    struct person p = original;
    struct form f;

    form_open(&f, fields, NFIELDS, &p);
    type_into(&f, F_REL, "邻居");
    cr_assert_not(form_save(&f, &p));
    cr_assert_eq(f.err_field, F_REL);
    cr_assert(strstr(f.err, "pick one of the list") && strstr(f.err, "head, spouse"), "%s",
              f.err);
    cr_assert_str_eq(p.relation, "配偶", "nothing was stored");
    form_close(&f);
}

Test(form, a_stored_word_outside_the_list_is_shown_as_stored)
{
    struct person p = original;
    struct form f;

    snprintf(p.relation, sizeof p.relation, "外甥");
    form_open(&f, fields, NFIELDS, &p);
    cr_assert_str_eq(text_of(&f, F_REL), "外甥");
    form_close(&f);
}
