/* form.h — forms as tables of typed fields, run by one engine (pure state).
 *
 * A form is a constant table of fields — label, kind, width, required,
 * validator, target member — over a record struct: the core's own struct
 * (struct household, struct resident), no mirror of it.  A field binds its
 * member by kind: text, a date, a phone or an ID number into a char array;
 * a whole number into an int; a choice of a vocabulary (src/kit/vocab.h) into
 * an int, a bool or a one-character string (by the member's size), or, as
 * a stored word, into a char array; a set of a vocabulary into an unsigned
 * of bits.  A choice is shown by its translated label and read back from
 * any word of its vocabulary.  The engine keeps one line editor per field,
 * the current field, a snapshot taken when the form opened (Esc restores
 * it), and the error of the field that failed.  Nothing here draws;
 * ui/kit/form.c does.
 *
 * A field may have an on-change hook: after each edit the interface calls
 * form_changed, which runs the hook of every field whose text changed, so a
 * field can check itself as it is typed or fill in others (an ID number
 * fills the birth date).  Text put in with form_set_text does not run the
 * hook of the field it is put into. */
#ifndef DD_FORM_H
#define DD_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "src/kit/lineedit.h"

enum field_kind {
    FIELD_TEXT,
    FIELD_INT,    /* an int member */
    FIELD_DATE,   /* stored as YYYY-MM-DD; accepts what date_parse_human does */
    FIELD_PHONE,  /* stored normalized */
    FIELD_IDNUM,  /* stored normalized (18 characters) */
    FIELD_CHOICE, /* a value of .vocab: an int, a bool, or char[2] holding it */
    FIELD_WORD,   /* a word of .vocab, stored as the vocabulary stores it */
    FIELD_SET,    /* words of .vocab (a set): an unsigned of bits */
};

struct vocab;

/* Is the field a choice from a vocabulary (picked, not typed)? */
#define FIELD_PICKED(kind) ((kind) == FIELD_CHOICE || (kind) == FIELD_WORD || (kind) == FIELD_SET)

/* A validator gets the text as typed.  It returns true and may write a
 * normalized value into NORM (else NORM is left empty and the text is kept
 * as typed), or returns false with a reason in plain words (already
 * translated) in WHY. */
typedef bool (*field_validator)(const char *text, char *norm, size_t normsz,
                                char *why, size_t whysz);

struct form;
/* Field I of F changed (see form_changed); CTX is form_set_context's. */
typedef void (*field_on_change)(struct form *f, size_t i, void *ctx);

struct form_field {
    const char *label;       /* N_("Name"): translated when drawn */
    enum field_kind kind;
    int width;               /* columns on screen */
    size_t max_chars;        /* characters the editor takes; 0: no limit */
    bool required;
    field_validator validate;/* NULL: the kind's default check */
    size_t offset;           /* offsetof(record, member) */
    size_t size;             /* sizeof(member) */
    const char *hint;        /* N_("YYYY-MM-DD or +14"), or NULL */
    field_on_change on_change; /* NULL: none */
    const struct vocab *vocab; /* FIELD_CHOICE, FIELD_WORD, FIELD_SET */
};

struct form {
    const struct form_field *fields;
    size_t nfields;
    struct ledit *eds;       /* one per field */
    char **snapshot;         /* the values when the form opened */
    size_t cur;
    int err_field;           /* -1: none */
    char err[256];
    char **seen;             /* the text each field's hook last saw */
    void *ctx;               /* handed to the hooks */
};

/* Opens a form over RECORD's current values. */
void form_open(struct form *f, const struct form_field *fields, size_t n, const void *record);
void form_close(struct form *f);

bool form_next(struct form *f);  /* Tab, Enter: false when already on the last field */
bool form_prev(struct form *f);  /* Shift-Tab */
void form_focus(struct form *f, size_t i);
struct ledit *form_editor(struct form *f); /* of the current field */

/* Checks field I: true, or false with f->err / f->err_field set.  The text
 * checked (and stored) has its surrounding spaces, ASCII and U+3000,
 * trimmed; an empty field is only checked for "required", so validators
 * always get non-empty text.  A value that does not fit its member is an
 * error at that field.  Passing clears the error when it was this field's. */
bool form_check_field(struct form *f, size_t i);
/* Checks every field, moves to the first bad one.  On success writes every
 * (normalized) value into RECORD and returns true.  On failure RECORD is
 * not touched.  After a save the editors show the stored values and these
 * become the snapshot (form_dirty is false, form_restore goes back to them). */
bool form_save(struct form *f, void *record);
/* Esc: puts every field back as it was when the form opened. */
void form_restore(struct form *f);
/* Has anything been typed since the form opened? */
bool form_dirty(const struct form *f);

/* Checks every field like form_save and, when all pass, writes the
 * (normalized) values into RECORD; the editors and the snapshot stay as
 * they are, so the form is still dirty until the caller has stored the
 * record (a save that the database may still refuse). */
bool form_read(struct form *f, void *record);

/* What the hooks get as CTX. */
void form_set_context(struct form *f, void *ctx);
/* After an edit: runs the on_change hook of every field whose text differs
 * from what its hook saw last (when the form opened, or last time).
 * Returns true when a hook ran. */
bool form_changed(struct form *f);

/* The text of field I, surrounding spaces trimmed, into BUF (always
 * NUL-terminated, cut at a character boundary). */
void form_get_text(const struct form *f, size_t i, char *buf, size_t bufsz);
/* Puts TEXT into field I (the caret at its end).  It counts as typed (the
 * form is dirty), and it does not run field I's hook. */
void form_set_text(struct form *f, size_t i, const char *text);
/* Shows WHY as field I's error (translated), or clears the error when it
 * is field I's. */
void form_set_error(struct form *f, size_t i, const char *why);
void form_clear_error(struct form *f, size_t i);

/* The field that binds the member at OFFSET of the record (a core check
 * names the member it refuses), or -1. */
int form_field_at(const struct form *f, size_t offset);

/* The default checks of each kind, usable as validators. */
bool field_check_text(const char *text, char *norm, size_t normsz, char *why, size_t whysz);
bool field_check_int(const char *text, char *norm, size_t normsz, char *why, size_t whysz);
bool field_check_date(const char *text, char *norm, size_t normsz, char *why, size_t whysz);
bool field_check_phone(const char *text, char *norm, size_t normsz, char *why, size_t whysz);
bool field_check_idnum(const char *text, char *norm, size_t normsz, char *why, size_t whysz);

#endif
