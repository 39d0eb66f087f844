/* vocab.c (households) — the vocabularies of households and residents.
 *
 * Synonyms are written as they compare: lower case, half-width. */
#include "src/households/vocab.h"

#include "src/households/household.h"
#include "src/i18n.h"

#define WORDS(a) (a), sizeof (a) / sizeof (a)[0]
#define SYN(...) ((const char *const[]){ __VA_ARGS__, NULL })

static const struct vocab_word kind_words[] = {
    { HH_OWNER, "自住", N_("owner-occupied"),
      SYN("自有", "自购", "自住房", "自有住房", "owner", "owned", "owner occupied", "1") },
    { HH_RENTED, "出租", N_("rented"),
      SYN("租住", "租赁", "租户", "rental", "2") },
    { HH_GROUP_RENTAL, "群租", N_("group rental"),
      SYN("grouprental", "group", "3") },
};
const struct vocab hh_vocab_kind = { "kind", WORDS(kind_words), false };

static const struct vocab_word sex_words[] = {
    { 'M', "男", N_("male"), SYN("男性", "m") },
    { 'F', "女", N_("female"), SYN("女性", "f") },
};
const struct vocab hh_vocab_sex = { "sex", WORDS(sex_words), false };

static const struct vocab_word population_words[] = {
    { 0, "常住", N_("permanent"),
      SYN("常住人口", "户籍", "户籍人口", "本地", "resident") },
    { 1, "流动", N_("floating"),
      SYN("流动人口", "外来", "外来人口", "暂住") },
};
const struct vocab hh_vocab_population = { "population", WORDS(population_words), false };

static const struct vocab_word care_words[] = {
    /* TRANSLATORS: a short mark for a care flag in lists (独居). */
    { CARE_ALONE_ELDERLY, "独居老人", N_("alone"),
      SYN("独居", "living alone", "livingalone", "elderly alone", "elderlyalone") },
    /* TRANSLATORS: a short mark for a care flag in lists (残疾). */
    { CARE_DISABLED, "残疾人", N_("disabled"), SYN("残疾", "残") },
    /* TRANSLATORS: a short mark for a care flag in lists (孕). */
    { CARE_PREGNANT, "孕妇", N_("pregnant"), SYN("孕", "孕产妇") },
    /* TRANSLATORS: a short mark for a care flag in lists (慢病). */
    { CARE_CHRONIC, "慢性病", N_("chronic"),
      SYN("慢病", "慢", "chronic illness", "chronicillness") },
    /* TRANSLATORS: a short mark for a care flag in lists (婴). */
    { CARE_INFANT, "婴幼儿", N_("infant"), SYN("婴", "婴儿", "幼儿") },
    /* TRANSLATORS: a short mark for a care flag in lists (重点). */
    { CARE_KEY_PERSON, "重点人员", N_("key person"), SYN("重点", "key", "keyperson") },
};
const struct vocab hh_vocab_care = { "care", WORDS(care_words), true };

static const struct vocab_word id_kind_words[] = {
    { IDK_RESIDENT, "身份证", N_("resident ID card"),
      SYN("居民身份证", "身份证号", "身份证号码", "id", "idcard", "id card") },
    { IDK_PASSPORT, "护照", N_("passport"), SYN("passport") },
    { IDK_HK_MACAO, "港澳通行证", N_("Hong Kong or Macao permit"),
      SYN("港澳居民来往内地通行证", "回乡证", "港澳居民居住证", "hk", "macao") },
    { IDK_TAIWAN, "台胞证", N_("Taiwan compatriot permit"),
      SYN("台湾居民来往大陆通行证", "台湾通行证", "台湾居民居住证", "taiwan") },
    { IDK_OTHER, "其他", N_("other document"), SYN("其它", "other") },
};
const struct vocab hh_vocab_id_kind = { "id kind", WORDS(id_kind_words), false };

static const struct vocab_word relation_words[] = {
    { 1, "户主", N_("head"), SYN("本人", "户主本人", "self") },
    { 2, "配偶", N_("spouse"),
      SYN("妻", "妻子", "夫", "丈夫", "爱人", "老婆", "老公", "wife", "husband") },
    { 3, "子", N_("son"), SYN("儿子", "长子", "次子", "三子") },
    { 4, "女", N_("daughter"), SYN("女儿", "长女", "次女", "三女") },
    { 5, "父", N_("father"), SYN("父亲") },
    { 6, "母", N_("mother"), SYN("母亲") },
    { 7, "孙子", N_("grandson"), SYN("孙", "外孙", "外孙子") },
    { 8, "孙女", N_("granddaughter"), SYN("外孙女") },
    { 9, "儿媳", N_("daughter-in-law"), SYN("媳妇") },
    { 10, "女婿", N_("son-in-law"), NULL },
    { 11, "兄弟姐妹", N_("brother or sister"),
      SYN("兄", "弟", "姐", "妹", "哥哥", "弟弟", "姐姐", "妹妹", "sibling") },
    { 12, "祖父母", N_("grandparent"),
      SYN("祖父", "祖母", "爷爷", "奶奶", "外祖父", "外祖母", "外公", "外婆") },
    { 13, "租户", N_("tenant"), SYN("租客", "房客") },
    { 14, "其他", N_("other relation"), SYN("其它", "other") },
};
const struct vocab hh_vocab_relation = { "relation", WORDS(relation_words), false };

static const struct vocab_word yes_no_words[] = {
    { 1, "是", N_("yes"), SYN("有", "√", "✓", "✔", "y", "true", "1", "x") },
    { 0, "否", N_("no"), SYN("无", "不是", "n", "false", "0") },
};
const struct vocab hh_vocab_yes_no = { "yes or no", WORDS(yes_no_words), false };
