/* Unit tests of the form screen (ui/kit/formscreen.c) driven as the main
 * loop drives it, a key at a time (app_handle_key), without a terminal: a
 * form declared by a spec saves, is refused at the field the core names,
 * asks and saves after a yes, stays after a no, asks before Esc throws
 * typed text away, and runs what comes after once it has closed. */
#include <criterion/criterion.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "src/msg.h"
#include "ui/kit/app.h"
#include "ui/kit/formscreen.h"
#include "ui/kit/keys.h"

struct pet {
    char name[16];
    int age;
};

/* What the spec's callbacks saw and are told to answer. */
static struct {
    int saves, answers, thens;
    enum form_outcome first;   /* the save's reply the first time */
    bool asked_yes;
    struct pet saved, after;
    char said[512];
} t;

static void sink(enum msg_level level, const char *text, void *ctx)
{
    snprintf(t.said, sizeof t.said, "%s", text);
}

static const struct form_field fields[] = {
    { "Name", FIELD_TEXT, 15, 15, true, NULL, .offset = offsetof(struct pet, name),
      .size = sizeof ((struct pet *)0)->name },
    { "Age", FIELD_INT, 4, 3, false, NULL, .offset = offsetof(struct pet, age),
      .size = sizeof ((struct pet *)0)->age },
};

static bool load(struct app *a, void *record, void *ctx, const void *arg, bool *editing)
{
    struct pet *p = record;

    if (arg)
        *p = *(const struct pet *)arg;
    *editing = arg != NULL;
    return true;
}

static void save(struct app *a, void *record, void *ctx, struct form_reply *r)
{
    const struct pet *p = record;

    t.saves++;
    if (t.saves == 1 && t.first == FORM_REFUSED) {
        /* the core names the member it refuses, not the field */
        r->outcome = FORM_REFUSED;
        r->by_member = true;
        r->member = offsetof(struct pet, age);
        snprintf(r->why, sizeof r->why, "%s", "too old");
        return;
    }
    if (t.saves == 1 && t.first == FORM_ASK) {
        r->outcome = FORM_ASK;
        r->ask = 7;
        snprintf(r->question, sizeof r->question, "Save %s anyway?", p->name);
        return;
    }
    t.saved = *p;
    r->outcome = FORM_SAVED;
}

static void answer(struct app *a, void *record, void *ctx, int ask, bool yes,
                   struct form_reply *r)
{
    t.answers++;
    t.asked_yes = yes;
    cr_assert_eq(ask, 7);
    if (!yes) {
        r->outcome = FORM_STAY;
        return;
    }
    t.saved = *(const struct pet *)record;
    r->outcome = FORM_SAVED;
}

static void then(struct app *a, const void *record, const void *ctx)
{
    t.thens++;
    t.after = *(const struct pet *)record;
}

static const struct form_spec spec = {
    .title = "New pet",
    .fields = fields,
    .nfields = 2,
    .record_size = sizeof(struct pet),
    .load = load,
    .save = save,
    .answer = answer,
    .then = then,
};

static const struct screen_ops pet_form = FORM_SCREEN("pet", "Pet", &spec);

/* A screen under the form, as a base screen is. */
static const struct screen_ops under = { .name = "under", .title = "Under", .kind = SCREEN_LIST };

static const struct screen_ops *const screens[] = { &under, &pet_form, NULL };

static struct app app;

static void setup(void)
{
    memset(&t, 0, sizeof t);
    memset(&app, 0, sizeof app);
    keymap_init(&app.keys, screens);
    msg_set_sink(sink, NULL);
    app_push(&app, &under, NULL);
}

static void teardown(void)
{
    app_close_all(&app);
    keymap_free(&app.keys);
    msg_set_sink(NULL, NULL);
}

TestSuite(formscreen, .init = setup, .fini = teardown);

static void press(int key)
{
    app_handle_key(&app, key);
}

static void type(const char *s)
{
    for (; *s; s++)
        press((unsigned char)*s);
}

static struct formscreen *open_form(const struct pet *p)
{
    struct formscreen *st = form_push(&app, &pet_form, p);

    cr_assert_not_null(st);
    cr_assert_eq(app_top(&app), &pet_form);
    return st;
}

#define CTRL_S 19

Test(formscreen, saved_closes_the_form_and_runs_then)
{
    open_form(NULL);
    type("Tom");
    press('\t');
    type("3");
    press(CTRL_S);
    cr_assert_eq(t.saves, 1);
    cr_assert_str_eq(t.saved.name, "Tom");
    cr_assert_eq(t.saved.age, 3, "the int member is bound directly: %d", t.saved.age);
    cr_assert_eq(app_top(&app), &under, "the form did not close");
    cr_assert_eq(t.thens, 1);
    cr_assert_str_eq(t.after.name, "Tom");
}

Test(formscreen, refused_at_a_member_shows_the_reason_at_its_field)
{
    t.first = FORM_REFUSED;
    struct formscreen *st = open_form(NULL);
    type("Tom");
    press(CTRL_S);
    cr_assert_eq(t.saves, 1);
    cr_assert_eq(app_top(&app), &pet_form, "a refused save closed the form");
    cr_assert_eq(st->ui.form.err_field, 1, "the error is at field %d, not Age",
                 st->ui.form.err_field);
    cr_assert_eq(st->ui.form.cur, 1, "the keyboard is not at the refused field");
    cr_assert(strstr(st->ui.form.err, "too old"), "%s", st->ui.form.err);
    cr_assert_eq(t.thens, 0);
    /* corrected, saved */
    type("9");
    press(CTRL_S);
    cr_assert_eq(t.saves, 2);
    cr_assert_eq(t.saved.age, 9);
    cr_assert_eq(app_top(&app), &under);
}

Test(formscreen, a_question_then_yes_saves)
{
    t.first = FORM_ASK;
    struct formscreen *st = open_form(NULL);
    type("Tom");
    press(CTRL_S);
    cr_assert(prompt_open(&st->prompt), "no question was asked");
    cr_assert(strstr(st->prompt.text, "Save Tom anyway?"), "the question: %s",
              st->prompt.text);
    /* a key that is no answer leaves the question there */
    press('x');
    cr_assert(prompt_open(&st->prompt));
    cr_assert_eq(t.answers, 0);
    press('y');
    cr_assert_eq(t.answers, 1);
    cr_assert(t.asked_yes);
    cr_assert_str_eq(t.saved.name, "Tom");
    cr_assert_eq(app_top(&app), &under);
    cr_assert_eq(t.thens, 1);
}

Test(formscreen, a_question_then_no_keeps_the_form_as_typed)
{
    t.first = FORM_ASK;
    struct formscreen *st = open_form(NULL);
    type("Tom");
    press(CTRL_S);
    press('n');
    cr_assert_eq(t.answers, 1);
    cr_assert_not(t.asked_yes);
    cr_assert_eq(app_top(&app), &pet_form);
    cr_assert_not(prompt_open(&st->prompt));
    cr_assert(form_dirty(&st->ui.form), "the typed text was lost");
    cr_assert_eq(t.thens, 0);
}

Test(formscreen, esc_on_a_changed_form_asks_first)
{
    struct pet tom = { "Tom", 3 };
    struct formscreen *st = open_form(&tom);
    cr_assert(st->editing);
    type("my");
    press(KEYS_ESC);
    cr_assert(prompt_open(&st->prompt), "Esc threw the changes away without asking");
    cr_assert_eq(app_top(&app), &pet_form);
    press('n');
    cr_assert_eq(app_top(&app), &pet_form, "n closed the form");
    cr_assert(form_dirty(&st->ui.form));
    press(KEYS_ESC);
    press('y');
    cr_assert_eq(app_top(&app), &under);
    cr_assert_eq(t.saves, 0);
    cr_assert_eq(t.thens, 0);
}

Test(formscreen, esc_on_an_unchanged_form_closes_it)
{
    struct pet tom = { "Tom", 3 };
    open_form(&tom);
    press(KEYS_ESC);
    cr_assert_eq(app_top(&app), &under);
}

Test(formscreen, a_required_field_left_empty_is_not_saved)
{
    struct formscreen *st = open_form(NULL);
    press(CTRL_S);
    cr_assert_eq(t.saves, 0, "an empty required field reached save");
    cr_assert_eq(st->ui.form.err_field, 0);
    cr_assert_eq(app_top(&app), &pet_form);
}
