/* vocab.h — the words of a code, one table each: what is stored, what is
 * shown, and what a person may write for it.
 *
 * A code (a household's kind, a resident's sex, population, relation, care
 * flags, document kind) has a small fixed set of values.  Its vocabulary
 * lists each value once with
 *   - the word stored for it where a word is stored (the database keeps
 *     the relation as 户主, the export writes 自住), and written in exports;
 *   - the label shown for it (N_(), translated where shown: "owner-occupied"
 *     / 自住 in the Chinese interface);
 *   - the synonyms accepted when it is typed in a form or read from a
 *     spreadsheet (租住 for 出租, 本人 for 户主, m for male).
 * Forms, imports, exports and lists all read the same table, so a word the
 * import takes the form takes too, and what the form shows the export
 * writes.
 *
 * Matching folds full-width letters and digits to ASCII and ASCII to lower
 * case, and ignores spaces around a word; the stored word, the label (as
 * written and translated) and every synonym are matched whole.  A set
 * (VOCAB_SET: care flags) is several words, separated by spaces, commas,
 * 、，；/ or written one after another (独居残疾); its values are bits. */
#ifndef DD_VOCAB_H
#define DD_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

struct vocab_word {
    int value;
    const char *stored;              /* the stored / exported word */
    const char *label;               /* N_(): shown */
    const char *const *synonyms;     /* also accepted; NULL-ended, may be NULL */
};

struct vocab {
    const char *name;                /* for messages: "relation" */
    const struct vocab_word *words;
    size_t nwords;
    bool set;                        /* values are bits, several may be given */
};

/* The value TEXT names (one word, whole): 0 with *VALUE, or -1 when it names
 * none.  An empty TEXT names none. */
int vocab_parse(const struct vocab *v, const char *text, int *value);

/* The bits of the words of TEXT (a set): 0 with *BITS (0 for an empty
 * TEXT), or -1 with the first word it does not know in BAD (BADSZ bytes). */
int vocab_parse_set(const struct vocab *v, const char *text, unsigned *bits, char *bad,
                    size_t badsz);

/* The word of VALUE: its entry, or NULL. */
const struct vocab_word *vocab_word(const struct vocab *v, int value);

/* The translated label of VALUE, "" when it has none. */
const char *vocab_label(const struct vocab *v, int value);

/* The stored word of VALUE, "" when it has none. */
const char *vocab_stored(const struct vocab *v, int value);

/* The labels (translated; STORED: the stored words) of the bits of BITS,
 * in the table's order, joined with SEP, into BUF. */
void vocab_join(const struct vocab *v, unsigned bits, bool stored, const char *sep, char *buf,
                size_t bufsz);

#endif
