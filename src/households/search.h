/* search.h — one search box over everything a person at the counter says.
 *
 * search_parse reads what was typed and says what it can be:
 *   a name or part of one        张, 张三, 三丰, 王A, 阿依古丽·买买提
 *   pinyin initials              zsf (also a Latin name: John)
 *   an address                   12幢, 12-2-301, 12幢2单元301, 大美南苑12幢2单元301,
 *                                南苑 12, 2单元301室, and a bare 1-4 digit number
 *                                as a building or a room; the compound's name
 *                                may hold numbers: 时代1号院5幢2单元301,
 *                                万科城3期 12-2-301 (it ends before the first
 *                                number from which the rest reads as building,
 *                                unit and room)
 *   part of a compound's name    南苑, 万科城3期, 时代1号院 (Chinese text is also
 *                                tried as a compound, unless it ends in a
 *                                number or a number and its word: 12幢)
 *   a whole ID number            18 characters (or 15 digits), or another
 *                                document's number (letters and digits)
 *   the end of an ID number      its last 4 characters or more (digits, X)
 *   the start of an ID number    7 digits or more, as it is being typed
 *   a whole phone number         mobile, or landline with its area code
 *   the end of a phone number    its last 4 digits or more
 * Ambiguous input is every kind it can be: 1234 is the end of an ID, the end
 * of a phone number and a room.  Full-width digits and letters count as
 * ASCII, spaces around the text are ignored.
 *
 * search_run runs the query against the database and hands back the hits
 * best first, each resident once:
 *   whole ID, whole phone, exact name, names starting with the text,
 *   pinyin initials (exact, then longer), end of an ID, start of an ID,
 *   end of a phone (the resident's, then the household's), address, names
 *   containing the text, compound;
 * within one kind, names in pinyin order (addresses in address order).
 * Every resident still living here comes before any who moved out.  An
 * address search also finds a household with nobody living there (the hit
 * then has resident_id 0).  Every kind is a range of an index, read in the
 * order it is shown, so the first screen costs the same in a community of a
 * thousand or a million (see search.c for the design). */
#ifndef DD_SEARCH_H
#define DD_SEARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"

enum search_kind {
    SEARCH_NAME = 1 << 0,       /* name, or part of one: .name */
    SEARCH_INITIALS = 1 << 1,   /* pinyin initials: .initials */
    SEARCH_ADDRESS = 1 << 2,    /* .addr[0 .. naddr-1] */
    SEARCH_COMPOUND = 1 << 3,   /* part of a compound's name: .compound */
    SEARCH_ID = 1 << 4,         /* whole ID or document number: .id */
    SEARCH_ID_END = 1 << 5,     /* last characters of an ID: .id_part */
    SEARCH_ID_START = 1 << 6,   /* first digits of an ID: .id_part */
    SEARCH_PHONE = 1 << 7,      /* whole phone number: .phone (its digits) */
    SEARCH_PHONE_END = 1 << 8,  /* last digits of a phone number: .phone */
};

#define SEARCH_MAX_ADDR 2

/* An address pattern: "" is "any". */
struct search_address {
    char compound[96]; /* part of the compound's name */
    char building[16];
    char unit[16];
    char room[16];
};

struct search_query {
    unsigned kinds;       /* enum search_kind bits; 0: nothing to search */
    char name[96];        /* stored form (resident_name_normalize), spaces between Chinese characters dropped */
    int name_chars;       /* characters in .name */
    char initials[64];    /* lower-case ASCII letters */
    char id[40];          /* whole number, normalized (upper-case) */
    char id_part[40];     /* digits and X, upper-case */
    char phone[32];       /* digits only (no extension) */
    char compound[96];
    struct search_address addr[SEARCH_MAX_ADDR];
    int naddr;
};

/* Classifies QUERY (UTF-8) into *Q.  Returns Q->kinds (0 for empty or
 * unusable input). */
unsigned search_parse(const char *query, struct search_query *q);

struct search_hit {
    int64_t household_id;
    int64_t resident_id;   /* 0: a household found by address, nobody living there */
    char address[192];     /* household_address(): 大美南苑12幢2单元301室 */
    int compound_len;      /* the bytes of .address that are the compound's name */
    char name[96];
    char id_masked[40];    /* text_mask_id(); "" when none */
    char phone_masked[40]; /* text_mask_phone() of the resident's phone, else the household's */
    unsigned flags;        /* enum care_flag */
    bool moved_out;
    unsigned matched;      /* the enum search_kind that found it */
};

/* Runs QUERY and calls FN for hits OFFSET .. OFFSET+LIMIT-1 of the ordered,
 * de-duplicated list (H is valid only during the call).  Returns the number
 * of hits given to FN, or -1 with db_errmsg.  Empty input gives 0. */
int search_run(db *d, const char *query, int offset, int limit,
               void (*fn)(const struct search_hit *h, void *ctx), void *ctx);

/* Fills H from the current row of S, whose columns are, in this order:
 * resident id, household id, compound, building, unit, room, name, ID
 * number, phone, flags, moved out (0/1), the household's phone.  For other
 * lists of residents shown like search hits (src/households/list.c). */
void search_hit_read(db_stmt *s, struct search_hit *h);

#endif
