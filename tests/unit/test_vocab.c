/* Tests of src/kit/vocab.c and the vocabularies of src/households/vocab.c: every word
 * a vocabulary lists is read back as its value, by the forms' parsing and
 * the import's alike; sets; labels and stored words. */
#include <criterion/criterion.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "src/households/list.h"
#include "src/households/vocab.h"
#include "src/households/household.h"

static void utf8(void)
{
    setlocale(LC_ALL, "C.UTF-8");
}

TestSuite(vocab, .init = utf8);

static const struct vocab *const all[] = {
    &hh_vocab_kind, &hh_vocab_sex, &hh_vocab_population, &hh_vocab_care, &hh_vocab_id_kind,
    &hh_vocab_relation, &hh_vocab_yes_no,
};

static void expect(const struct vocab *v, const char *text, int value)
{
    if (v->set) {
        unsigned bits = 0;
        cr_assert_eq(vocab_parse_set(v, text, &bits, NULL, 0), 0, "%s: \"%s\"", v->name, text);
        cr_assert_eq(bits, (unsigned)value, "%s: \"%s\"", v->name, text);
    } else {
        int got = -12345;
        cr_assert_eq(vocab_parse(v, text, &got), 0, "%s: \"%s\" is not read", v->name, text);
        cr_assert_eq(got, value, "%s: \"%s\" read as %d, not %d", v->name, text, got, value);
    }
}

Test(vocab, every_listed_word_reads_as_its_value)
{
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) {
        const struct vocab *v = all[k];
        for (size_t i = 0; i < v->nwords; i++) {
            const struct vocab_word *w = &v->words[i];
            expect(v, w->stored, w->value);
            expect(v, w->label, w->value);
            for (const char *const *s = w->synonyms; s && *s; s++)
                expect(v, *s, w->value);
        }
    }
}

Test(vocab, case_width_and_spaces_do_not_matter)
{
    expect(&hh_vocab_sex, " M ", 'M');
    expect(&hh_vocab_sex, "Ｆ", 'F');
    expect(&hh_vocab_kind, "OWNER-OCCUPIED", HH_OWNER);
    expect(&hh_vocab_kind, "　出租　", HH_RENTED);
}

Test(vocab, a_word_must_be_whole)
{
    int v;

    cr_assert_eq(vocab_parse(&hh_vocab_sex, "男女", &v), -1);
    cr_assert_eq(vocab_parse(&hh_vocab_kind, "出租车", &v), -1);
    cr_assert_eq(vocab_parse(&hh_vocab_kind, "", &v), -1);
    cr_assert_eq(vocab_parse(&hh_vocab_relation, "邻居", &v), -1);
}

Test(vocab, sets_of_words)
{
    unsigned bits;
    char bad[32];

    expect(&hh_vocab_care, "独居老人、孕妇", CARE_ALONE_ELDERLY | CARE_PREGNANT);
    expect(&hh_vocab_care, "独居残疾", CARE_ALONE_ELDERLY | CARE_DISABLED);
    expect(&hh_vocab_care, "alone, key person", CARE_ALONE_ELDERLY | CARE_KEY_PERSON);
    expect(&hh_vocab_care, "", 0);
    cr_assert_eq(vocab_parse_set(&hh_vocab_care, "孕妇，keys", &bits, bad, sizeof bad), -1);
    cr_assert_str_eq(bad, "keys");
}

Test(vocab, labels_and_stored_words)
{
    char buf[128];

    cr_assert_str_eq(vocab_stored(&hh_vocab_kind, HH_GROUP_RENTAL), "群租");
    cr_assert_str_eq(vocab_label(&hh_vocab_kind, HH_GROUP_RENTAL), "group rental");
    cr_assert_str_eq(vocab_stored(&hh_vocab_relation, 2), "配偶");
    vocab_join(&hh_vocab_care, CARE_CHRONIC | CARE_ALONE_ELDERLY, true, "、", buf, sizeof buf);
    cr_assert_str_eq(buf, "独居老人、慢性病");
    vocab_join(&hh_vocab_care, CARE_CHRONIC | CARE_ALONE_ELDERLY, false, " ", buf, sizeof buf);
    cr_assert_str_eq(buf, "alone chronic");
}

/* The form's checks (src/households/list.h) take what the import takes: the words
 * the import used to read but the form refused (户籍人口, 本地, 自购). */
Test(vocab, the_form_takes_the_import_words)
{
    cr_assert_eq(hh_population_parse("户籍人口"), 0);
    cr_assert_eq(hh_population_parse("本地"), 0);
    cr_assert_eq(hh_population_parse("暂住"), 1);
    cr_assert_eq(hh_kind_parse("自购"), HH_OWNER);
    cr_assert_eq(hh_kind_parse("租赁"), HH_RENTED);
    cr_assert_str_eq(hh_sex_parse("男性"), "M");
    unsigned flags;
    cr_assert_eq(hh_care_parse("残疾人 慢病", &flags, NULL, 0), 0);
    cr_assert_eq(flags, (unsigned)(CARE_DISABLED | CARE_CHRONIC));
}
