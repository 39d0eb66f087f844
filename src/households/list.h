/* list.h — the lists of the households screen besides its search: what
 * supervisors ask for, and what was changed last.
 *
 *   recent     the households changed most recently (a household or one of
 *              its members written, or members imported), newest first,
 *              from the audit trail's last HH_LIST_RECENT_WINDOW changes
 *              (and of an import, its last HH_LIST_RECENT_WINDOW residents
 *              created): one row per household, with its head
 *   care       every resident with a care flag still living here, in pinyin
 *              order of the name
 *   arrived    the returnees who arrived on a date, in pinyin order (those
 *              who moved out since at the end)
 *   building   the residents living in one building (compound + building),
 *              household by household in address order (unit, room), the
 *              head first, then pinyin order
 *   worker     the households of one grid worker, in address order: one row
 *              per household, with its head and the care flags of everyone
 *              living there
 *
 * Rows come as search hits (src/households/search.h), so one list view shows both.  A
 * household row whose household has nobody living there has resident_id 0
 * and an empty name.  Every list reads a range of an index in the order
 * shown, so a screenful costs the same in a small or a large community. */
#ifndef DD_HH_LIST_H
#define DD_HH_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"
#include "src/households/search.h"

/* How many of the last changes the recent list looks at. */
#define HH_LIST_RECENT_WINDOW 2000

enum hh_list_kind {
    HH_LIST_RECENT,
    HH_LIST_CARE,
    HH_LIST_ARRIVED,
    HH_LIST_BUILDING,
    HH_LIST_WORKER,
};

struct hh_list_query {
    enum hh_list_kind kind;
    char date[11];      /* arrived: YYYY-MM-DD */
    char compound[96];  /* building: as stored ("" for none) */
    char building[16];  /* building: as stored (12, not 12幢) */
    char worker[48];    /* worker: the grid worker's name as stored */
};

/* Calls FN for rows OFFSET .. OFFSET+LIMIT-1 of the list Q names (H is
 * valid only during the call).  Returns the rows given, or -1 with
 * db_errmsg.  The query's texts are normalized as the saves store them
 * (12幢 is building 12) before they are looked up. */
int hh_list_run(db *d, const struct hh_list_query *q, int offset, int limit,
                void (*fn)(const struct search_hit *h, void *ctx), void *ctx);

/* The number of rows of the list, or -1 with db_errmsg. */
long hh_list_count(db *d, const struct hh_list_query *q);

/* Names a person may mean when asked for a compound or a grid worker. */
enum hh_name_kind { HH_NAME_COMPOUND, HH_NAME_WORKER };

/* Calls FN (may be NULL) for every stored compound (or grid worker) name
 * that contains FRAGMENT (surrounding spaces ignored, full-width letters
 * and digits as ASCII; "" matches every name), at most MAX of them, in
 * code point order; a name equal to FRAGMENT comes first.  Returns how
 * many names matched (counted up to MAX + 1, so a caller can say "more"),
 * or -1 with db_errmsg. */
int hh_list_names(db *d, enum hh_name_kind which, const char *fragment, int max,
                  void (*fn)(const char *name, void *ctx), void *ctx);

/* ---- words for the codes of a record ------------------------------------
 *
 * What the lists show for a resident's care flags, and what the forms show
 * and read for the codes of a record.  Words are shown translated (_());
 * what a person types is read in the language of the interface, in English
 * and in Chinese alike, ASCII letters in any case. */

/* The care marks of FLAGS, translated, one space between (独居 残疾); ""
 * for none.  BUF is always NUL-terminated, cut between marks. */
void hh_care_marks(unsigned flags, char *buf, size_t bufsz);
/* The flags TEXT names: marks or words (独居 / 独居老人 / alone, 残疾 /
 * 残疾人 / disabled, 孕 / 孕妇 / pregnant, 慢病 / 慢性病 / chronic, 婴 /
 * 婴幼儿 / infant, 重点 / 重点人员 / key person) separated by spaces, commas
 * or 、.  0 and *FLAGS, or -1 with the first word not understood in BAD. */
int hh_care_parse(const char *text, unsigned *flags, char *bad, size_t badsz);

/* A household's kind (enum household_kind) as a word, translated. */
const char *hh_kind_word(int kind);
/* The kind TEXT names (自住 / owner-occupied, 出租 / rented, 群租 / group
 * rental, or 1 2 3), or -1. */
int hh_kind_parse(const char *text);

/* "M" / "F" as a word (male, female), translated; "" otherwise. */
const char *hh_sex_word(const char *sex);
/* "M" or "F" for what TEXT says (男 / 女 / male / female / M / F), "" for
 * empty TEXT, NULL when it says neither. */
const char *hh_sex_parse(const char *text);

/* 常住 or 流动 (permanent or floating population), translated. */
const char *hh_population_word(bool floating);
/* 0 permanent, 1 floating (常住 / 流动 / permanent / floating), -1. */
int hh_population_parse(const char *text);

#endif
