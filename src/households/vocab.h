/* vocab.h (households) — the words of the codes of households and residents (see
 * src/kit/vocab.h): one table each, read by the forms, the import, the export
 * and the lists. */
#ifndef DD_HH_VOCAB_H
#define DD_HH_VOCAB_H

#include "src/kit/vocab.h"

/* enum household_kind: 自住, 出租, 群租. */
extern const struct vocab hh_vocab_kind;
/* 'M', 'F' (struct resident.sex): 男, 女. */
extern const struct vocab hh_vocab_sex;
/* 0 permanent, 1 floating (struct resident.floating): 常住, 流动. */
extern const struct vocab hh_vocab_population;
/* enum care_flag, a set: 独居老人, 残疾人, 孕妇, 慢性病, 婴幼儿, 重点人员. */
extern const struct vocab hh_vocab_care;
/* enum id_kind (none excluded): 身份证, 护照, 港澳通行证, 台胞证, 其他. */
extern const struct vocab hh_vocab_id_kind;
/* The relation to the head of the household, stored as its word (户主,
 * 配偶, 子, 女 ...); the values only number the words. */
extern const struct vocab hh_vocab_relation;
/* 是 / 否 and their friends (a care flag's own column): 1 yes, 0 no. */
extern const struct vocab hh_vocab_yes_no;

#endif
