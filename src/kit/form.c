/* form.c — the form engine: one line editor per field, a snapshot, checks.
 *
 * What is checked and stored is the text of the editor with surrounding
 * spaces (ASCII and U+3000) trimmed.  An empty field is only checked for
 * "required"; validators see non-empty text. */
#include "src/kit/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/date.h"
#include "src/i18n.h"
#include "src/numbers.h"
#include "src/msg.h"
#include "src/text.h"
#include "src/kit/vocab.h"

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);

    if (!p)
        msg_fatal("%s", _("out of memory"));
    return p;
}

static char *editor_text(const struct ledit *e)
{
    char *s = ledit_get(e);

    if (!s)
        msg_fatal("%s", _("out of memory"));
    return s;
}

/* The member of RECORD that field FD stores into. */
static char *member(const struct form_field *fd, void *record)
{
    return (char *)record + fd->offset;
}

/* A choice's value as its member holds it (see FIELD_CHOICE). */
static int choice_get(const struct form_field *fd, const void *record)
{
    const char *m = (const char *)record + fd->offset;
    int v = 0;

    if (fd->size == sizeof(int))
        memcpy(&v, m, sizeof v);
    else if (fd->size == sizeof(bool))
        v = *(const bool *)m;
    else if (fd->size == 2)
        v = (unsigned char)m[0];
    return v;
}

static void choice_put(const struct form_field *fd, void *record, int v)
{
    char *m = member(fd, record);

    if (fd->size == sizeof(int))
        memcpy(m, &v, sizeof v);
    else if (fd->size == sizeof(bool))
        *(bool *)m = v != 0;
    else if (fd->size == 2)
        m[0] = (char)v, m[1] = '\0';
}

/* The text field FD shows for its member in RECORD, malloc'd. */
static char *shown_text(const struct form_field *fd, const void *record)
{
    const char *m = (const char *)record + fd->offset;
    char buf[512] = "";

    switch (fd->kind) {
    case FIELD_INT: {
        int v;
        memcpy(&v, m, sizeof v);
        snprintf(buf, sizeof buf, "%d", v);
        break;
    }
    case FIELD_CHOICE: {
        int v = choice_get(fd, record);
        if (vocab_word(fd->vocab, v))
            snprintf(buf, sizeof buf, "%s", vocab_label(fd->vocab, v));
        break;
    }
    case FIELD_WORD: {
        char word[256];
        int v;
        text_copy(word, sizeof word, m);
        if (vocab_parse(fd->vocab, word, &v) == 0)
            snprintf(buf, sizeof buf, "%s", vocab_label(fd->vocab, v));
        else
            snprintf(buf, sizeof buf, "%s", word); /* kept as it was stored */
        break;
    }
    case FIELD_SET: {
        unsigned bits;
        memcpy(&bits, m, sizeof bits);
        vocab_join(fd->vocab, bits, false, " ", buf, sizeof buf);
        break;
    }
    default: {
        size_t len = strnlen(m, fd->size);
        char *value = xcalloc(len + 1, 1);
        memcpy(value, m, len);
        return value;
    }
    }
    char *copy = strdup(buf);
    if (!copy)
        msg_fatal("%s", _("out of memory"));
    return copy;
}

/* Stores VALUE (checked by field_value) into field FD's member of RECORD. */
static void store(const struct form_field *fd, void *record, const char *value)
{
    char *m = member(fd, record);
    int v = 0;
    unsigned bits = 0;

    switch (fd->kind) {
    case FIELD_INT:
        v = *value ? atoi(value) : 0;
        memcpy(m, &v, sizeof v);
        return;
    case FIELD_CHOICE:
        if (*value)
            vocab_parse(fd->vocab, value, &v);
        choice_put(fd, record, v);
        return;
    case FIELD_WORD:
        memset(m, 0, fd->size);
        if (*value && vocab_parse(fd->vocab, value, &v) == 0)
            text_copy(m, fd->size, vocab_stored(fd->vocab, v));
        else
            text_copy(m, fd->size, value);
        return;
    case FIELD_SET:
        vocab_parse_set(fd->vocab, value, &bits, NULL, 0);
        memcpy(m, &bits, sizeof bits);
        return;
    default:
        memset(m, 0, fd->size);
        memcpy(m, value, strlen(value));
        return;
    }
}

/* Puts S into editor E (an empty S just clears it). */
static void set_text(struct ledit *e, const char *s)
{
    if (s[0] == '\0')
        ledit_clear(e);
    else
        ledit_set(e, s);
}

static void take_snapshot(struct form *f, size_t i)
{
    free(f->snapshot[i]);
    f->snapshot[i] = editor_text(&f->eds[i]);
}

/* What field I's hook has seen is what its editor holds now. */
static void mark_seen(struct form *f, size_t i)
{
    free(f->seen[i]);
    f->seen[i] = editor_text(&f->eds[i]);
}

void form_open(struct form *f, const struct form_field *fields, size_t n, const void *record)
{
    memset(f, 0, sizeof *f);
    f->fields = fields;
    f->nfields = n;
    f->eds = xcalloc(n, sizeof *f->eds);
    f->snapshot = xcalloc(n, sizeof *f->snapshot);
    f->seen = xcalloc(n, sizeof *f->seen);
    f->err_field = -1;
    for (size_t i = 0; i < n; i++) {
        const struct form_field *fd = &fields[i];
        ledit_init(&f->eds[i], fd->max_chars);
        if (record && fd->size > 0) {
            char *value = shown_text(fd, record);
            set_text(&f->eds[i], value);
            free(value);
        }
        take_snapshot(f, i);
        mark_seen(f, i);
    }
}

void form_close(struct form *f)
{
    for (size_t i = 0; i < f->nfields; i++) {
        if (f->eds)
            ledit_free(&f->eds[i]);
        if (f->snapshot)
            free(f->snapshot[i]);
        if (f->seen)
            free(f->seen[i]);
    }
    free(f->eds);
    free(f->snapshot);
    free(f->seen);
    memset(f, 0, sizeof *f);
    f->err_field = -1;
}

bool form_next(struct form *f)
{
    if (f->cur + 1 >= f->nfields)
        return false;
    f->cur++;
    return true;
}

bool form_prev(struct form *f)
{
    if (f->cur == 0)
        return false;
    f->cur--;
    return true;
}

void form_focus(struct form *f, size_t i)
{
    if (i < f->nfields)
        f->cur = i;
}

struct ledit *form_editor(struct form *f)
{
    return f->cur < f->nfields ? &f->eds[f->cur] : NULL;
}

static void set_error(struct form *f, size_t i, const char *why)
{
    f->err_field = (int)i;
    snprintf(f->err, sizeof f->err, "%s", why);
}

static field_validator default_check(enum field_kind kind)
{
    switch (kind) {
    case FIELD_INT:
        return field_check_int;
    case FIELD_DATE:
        return field_check_date;
    case FIELD_PHONE:
        return field_check_phone;
    case FIELD_IDNUM:
        return field_check_idnum;
    case FIELD_TEXT:
    case FIELD_CHOICE:
    case FIELD_WORD:
    case FIELD_SET:
        break;
    }
    return field_check_text;
}

/* A choice of FD's vocabulary: TEXT normalized to its label, or the
 * reason it is none.  True when it is one. */
static bool check_choice(const struct form_field *fd, const char *text, char *norm,
                         size_t normsz, char *why, size_t whysz)
{
    char all[512], bad[128];
    int v;
    unsigned bits;

    if (fd->kind == FIELD_SET) {
        if (vocab_parse_set(fd->vocab, text, &bits, bad, sizeof bad) == 0) {
            vocab_join(fd->vocab, bits, false, " ", norm, normsz);
            return true;
        }
    } else if (vocab_parse(fd->vocab, text, &v) == 0) {
        snprintf(norm, normsz, "%s", vocab_label(fd->vocab, v));
        return true;
    }
    vocab_join(fd->vocab, ~0u, false, ", ", all, sizeof all);
    if (fd->kind != FIELD_SET) {
        size_t used = 0;
        all[0] = '\0';
        for (size_t i = 0; i < fd->vocab->nwords && used < sizeof all; i++)
            used += (size_t)snprintf(all + used, sizeof all - used, "%s%s", i ? ", " : "",
                                     vocab_label(fd->vocab, fd->vocab->words[i].value));
    }
    snprintf(why, whysz, _("pick one of the list (Space shows it): %s"), all);
    return false;
}

/* The value field I would store: the validator's normalized text, or the
 * trimmed text.  NULL with the error set when the field is not right. */
static char *field_value(struct form *f, size_t i)
{
    const struct form_field *fd = &f->fields[i];
    char *text = text_trim(editor_text(&f->eds[i]));
    char why[sizeof f->err] = "";

    if (text[0] == '\0') {
        if (!fd->required)
            return text;
        set_error(f, i, _("this field is required"));
        free(text);
        return NULL;
    }
    field_validator check = fd->validate ? fd->validate : default_check(fd->kind);
    size_t normsz = strlen(text) + 512;
    char *norm = xcalloc(normsz, 1);
    bool good = FIELD_PICKED(fd->kind) ? check_choice(fd, text, norm, normsz, why, sizeof why)
                                       : check(text, norm, normsz, why, sizeof why);
    if (!good) {
        set_error(f, i, why[0] ? why : _("this value is not accepted: please check it"));
        free(norm);
        free(text);
        return NULL;
    }
    char *value = norm[0] ? norm : text;
    free(value == norm ? text : norm);
    if (!FIELD_PICKED(fd->kind) && fd->kind != FIELD_INT && strlen(value) >= fd->size) {
        set_error(f, i, _("this is too long for the field: please shorten it"));
        free(value);
        return NULL;
    }
    return value;
}

bool form_check_field(struct form *f, size_t i)
{
    if (i >= f->nfields)
        return false;
    char *value = field_value(f, i);
    if (!value)
        return false;
    free(value);
    if (f->err_field == (int)i) {
        f->err_field = -1;
        f->err[0] = '\0';
    }
    return true;
}

/* Checks every field; when all pass, writes the values into RECORD and,
 * with COMMIT, shows them in the editors and makes them the snapshot. */
static bool collect(struct form *f, void *record, bool commit)
{
    char **values = xcalloc(f->nfields, sizeof *values);
    bool ok = true;

    for (size_t i = 0; i < f->nfields && ok; i++) {
        values[i] = field_value(f, i);
        if (!values[i]) {
            f->cur = i;
            ok = false;
        }
    }
    for (size_t i = 0; i < f->nfields && ok; i++) {
        const struct form_field *fd = &f->fields[i];
        store(fd, record, values[i]);
        if (commit) {
            set_text(&f->eds[i], values[i]);
            take_snapshot(f, i);
            mark_seen(f, i);
        }
    }
    for (size_t i = 0; i < f->nfields; i++)
        free(values[i]);
    free(values);
    if (ok) {
        f->err_field = -1;
        f->err[0] = '\0';
    }
    return ok;
}

bool form_save(struct form *f, void *record)
{
    return collect(f, record, true);
}

bool form_read(struct form *f, void *record)
{
    return collect(f, record, false);
}

void form_restore(struct form *f)
{
    for (size_t i = 0; i < f->nfields; i++) {
        set_text(&f->eds[i], f->snapshot[i]);
        mark_seen(f, i);
    }
    f->err_field = -1;
    f->err[0] = '\0';
}

bool form_dirty(const struct form *f)
{
    bool dirty = false;

    for (size_t i = 0; i < f->nfields && !dirty; i++) {
        char *now = editor_text(&f->eds[i]);
        dirty = strcmp(now, f->snapshot[i]) != 0;
        free(now);
    }
    return dirty;
}

/* ---- hooks and access to one field ----------------------------------------- */

void form_set_context(struct form *f, void *ctx)
{
    f->ctx = ctx;
}

bool form_changed(struct form *f)
{
    bool ran = false;

    for (size_t i = 0; i < f->nfields; i++) {
        if (!f->fields[i].on_change)
            continue;
        char *now = editor_text(&f->eds[i]);
        bool changed = strcmp(now, f->seen[i]) != 0;
        free(now);
        if (changed) {
            mark_seen(f, i);
            f->fields[i].on_change(f, i, f->ctx);
            ran = true;
        }
    }
    return ran;
}

void form_get_text(const struct form *f, size_t i, char *buf, size_t bufsz)
{
    if (!buf || bufsz == 0)
        return;
    buf[0] = '\0';
    if (i >= f->nfields)
        return;
    char *text = editor_text(&f->eds[i]);
    text_copy(buf, bufsz, text_trim(text));
    free(text);
}

void form_set_text(struct form *f, size_t i, const char *text)
{
    if (i >= f->nfields)
        return;
    set_text(&f->eds[i], text ? text : "");
    mark_seen(f, i);
}

void form_set_error(struct form *f, size_t i, const char *why)
{
    if (i < f->nfields)
        set_error(f, i, why ? why : "");
}

void form_clear_error(struct form *f, size_t i)
{
    if (f->err_field >= 0 && (size_t)f->err_field == i) {
        f->err_field = -1;
        f->err[0] = '\0';
    }
}

int form_field_at(const struct form *f, size_t offset)
{
    for (size_t i = 0; i < f->nfields; i++)
        if (f->fields[i].offset == offset)
            return (int)i;
    return -1;
}

/* ---- the default checks -------------------------------------------------- */

static void put(char *dst, size_t dstsz, const char *s)
{
    if (dst && dstsz > 0)
        snprintf(dst, dstsz, "%s", s);
}

bool field_check_text(const char *text, char *norm, size_t normsz, char *why, size_t whysz)
{
    put(norm, normsz, "");
    return true;
}

bool field_check_int(const char *text, char *norm, size_t normsz, char *why, size_t whysz)
{
    char digits[16];
    size_t n = strlen(text), i = 0, nd = 0;

    put(norm, normsz, "");
    while (i < n) {
        uint32_t cp;
        i += text_decode(text + i, n - i, &cp);
        if (cp >= 0xFF10 && cp <= 0xFF19)
            cp -= 0xFEE0; /* full-width digits */
        if (cp < '0' || cp > '9') {
            put(why, whysz, _("use digits only, like 12"));
            return false;
        }
        if (nd == 9) {
            put(why, whysz, _("the number is too large: at most 9 digits"));
            return false;
        }
        digits[nd++] = (char)cp;
    }
    digits[nd] = '\0';
    if (nd == 0) {
        put(why, whysz, _("use digits only, like 12"));
        return false;
    }
    put(norm, normsz, digits);
    return true;
}

bool field_check_date(const char *text, char *norm, size_t normsz, char *why, size_t whysz)
{
    struct date d;
    char buf[16];

    put(norm, normsz, "");
    if (!date_parse_human_tr(text, clock_today(), &d, why, whysz))
        return false;
    put(norm, normsz, date_format(d, buf, sizeof buf));
    return true;
}

bool field_check_phone(const char *text, char *norm, size_t normsz, char *why, size_t whysz)
{
    char buf[32];
    enum phone_kind kind = phone_check(text, buf, sizeof buf);

    put(norm, normsz, "");
    if (kind == PHONE_INVALID) {
        put(why, whysz, _(phone_kind_text(kind)));
        return false;
    }
    put(norm, normsz, buf);
    return true;
}

bool field_check_idnum(const char *text, char *norm, size_t normsz, char *why, size_t whysz)
{
    struct id_info info;
    enum id_status st = id_check(text, date_ymd(clock_today()), &info);

    put(norm, normsz, "");
    switch (st) {
    case ID_OK:
    case ID_OK_LEGACY:
        put(norm, normsz, info.normalized);
        return true;
    case ID_EMPTY:
        return true;
    default:
        if (why && whysz > 0)
            id_explain(st, &info, why, whysz);
        return false;
    }
}
