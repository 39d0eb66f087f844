/* formscreen.h — a form screen from a spec.
 *
 * A form is declared, not written: its fields (src/kit/form.h, bound to the
 * core's own struct), the size of that struct and of the form's own state,
 * and four callbacks -- load the record, save it, answer a question, and
 * what comes after.  The kit does the rest, the same for every form: the
 * box and its compact layout, the keys and the pickers (ui/kit/form.h),
 * the hooks after every change, Esc on a changed form asking before it
 * throws anything away, a save refused at a field shown at that field, a
 * question asked and answered, a save the database was too busy for kept
 * and retried (app_retry_busy), and the next screen opened once the form
 * has closed.
 *
 * A form screen is a `struct screen_ops` made with FORM_SCREEN: its name
 * and title bar title, and its spec; it is opened with form_push. */
#ifndef DD_UI_FORMSCREEN_H
#define DD_UI_FORMSCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "src/kit/form.h"
#include "ui/kit/form.h"
#include "ui/kit/prompt.h"
#include "ui/kit/screen.h"

struct app;

enum form_outcome {
    FORM_SAVED,   /* done: the form closes, AFTER (or the spec's then) runs */
    FORM_CLOSED,  /* close without saving (the person chose to open another
                     record instead): AFTER runs */
    FORM_REFUSED, /* FIELD is wrong, WHY says why: shown there */
    FORM_ASK,     /* ask QUESTION (without "(y/n)"); the answer goes to the
                     spec's answer with ASK */
    FORM_FAILED,  /* WHY (the database's reason): said, the form stays; when
                     the database was busy, the save is retried by itself */
    FORM_STAY,    /* nothing more to do: the form stays as it is */
};

struct form_reply {
    enum form_outcome outcome;
    size_t field;            /* FORM_REFUSED: the field, by its index... */
    bool by_member;          /* ... or, when set, by the member it binds: */
    size_t member;           /* offsetof(record, member), as a core check names it */
    char why[512];
    int ask;                 /* > 0 */
    char question[512];
    /* FORM_SAVED, FORM_CLOSED: what runs once the form has closed, with
     * copies of the record and the form's state; NULL: the spec's then. */
    void (*after)(struct app *a, const void *record, const void *ctx);
};

struct form_spec {
    const char *title;       /* N_(): the box's title for a new record */
    const char *title_edit;  /* N_(): for an existing one; NULL: TITLE */
    const struct form_field *fields;
    size_t nfields;
    size_t record_size;      /* the struct the fields bind */
    size_t ctx_size;         /* the form's own state (questions, hooks); may be 0 */
    /* Fills RECORD (zeroed) for ARG (what the opener passed): true, with
     * *EDITING for an existing record; false when there is nothing to open
     * (the reason said). */
    bool (*load)(struct app *a, void *record, void *ctx, const void *arg, bool *editing);
    /* The fields for this record, when they depend on it (kept in CTX);
     * NULL: FIELDS. */
    const struct form_field *(*fields_for)(void *ctx, const void *record);
    /* The box's title for this record (kept in CTX, translated); NULL:
     * TITLE or TITLE_EDIT. */
    const char *(*title_now)(void *ctx);
    /* The form has opened over the record: a field to focus, the hooks'
     * context (form_set_context is CTX already).  May be NULL. */
    void (*ready)(struct app *a, struct form *f, void *ctx);
    /* Saves RECORD as typed (each field checked already). */
    void (*save)(struct app *a, void *record, void *ctx, struct form_reply *r);
    /* The person answered question ASK (YES or not): what now.  NULL: yes
     * saves again, no goes back to the form. */
    void (*answer)(struct app *a, void *record, void *ctx, int ask, bool yes,
                   struct form_reply *r);
    /* After a save, once the form has closed.  May be NULL. */
    void (*then)(struct app *a, const void *record, const void *ctx);
};

/* The state of a form screen (the engine allocates it). */
struct formscreen {
    const struct form_spec *spec;
    struct uiform ui;
    void *record;            /* spec->record_size bytes */
    void *ctx;               /* spec->ctx_size bytes */
    struct prompt prompt;
    bool editing;
    bool failed;             /* load refused: form_push closes it again */
    int retry_ask;           /* a "yes" the database was busy for, to try again */
};

/* The operations every form screen has; FORM_SCREEN uses them. */
void formscreen_open(struct app *a, void *st, const void *arg);
void formscreen_draw(struct app *a, void *st, WINDOW *body);
unsigned formscreen_key(struct app *a, void *st, int action, int key);
void formscreen_close(struct app *a, void *st);
bool formscreen_dirty(struct app *a, void *st);
extern const int formscreen_bar[];

#define FORM_SCREEN(NAME, TITLE, SPEC)                                              \
    {                                                                               \
        .name = (NAME), .title = (TITLE), .kind = SCREEN_FORM,                      \
        .state_size = sizeof(struct formscreen), .open = formscreen_open,          \
        .draw = formscreen_draw,                                                    \
        .key = formscreen_key, .close = formscreen_close, .dirty = formscreen_dirty, \
        .bar = formscreen_bar, .kit = (SPEC),                                        \
    }

/* Opens the form screen OPS for ARG.  Its state (its form, record and own
 * state CTX), or NULL when it did not open (the reason said). */
void *form_push(struct app *a, const struct screen_ops *ops, const void *arg);


#endif
