/* Unit tests of the keys (ui/kit/keymap.c) over every screen of the
 * program (ui_screens): no key means two things on one screen, lookup goes
 * screen -> list/form -> global, a printable key is text while a screen
 * takes text, and overrides from the config file that would make a clash,
 * name no action or key, or leave quit or help with letters only are
 * refused with the file's line -- the others apply. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "src/config.h"
#include "src/msg.h"
#include "ui/households/hh.h"
#include "ui/kit/keymap.h"
#include "ui/kit/keys.h"

static char said[8][512];
static int nsaid;

static void sink(enum msg_level level, const char *text, void *ctx)
{
    if (nsaid < 8)
        snprintf(said[nsaid++], sizeof said[0], "%s", text);
}

static void setup(void)
{
    nsaid = 0;
    msg_set_sink(sink, NULL);
}

static void teardown(void)
{
    msg_set_sink(NULL, NULL);
}

TestSuite(keys, .init = setup, .fini = teardown);

struct clashes {
    char text[2048];
    size_t used;
};

static void note(int key, const struct binding *a, const struct binding *b, void *ctx)
{
    struct clashes *c = ctx;
    char name[32];

    keys_format(key, name, sizeof name);
    if (c->used < sizeof c->text)
        c->used += (size_t)snprintf(c->text + c->used, sizeof c->text - c->used,
                                    " [%s: %s and %s]", name, a->def->name, b->def->name);
}

static const struct screen_ops *screen_named(const char *name)
{
    for (const struct screen_ops *const *s = ui_screens; *s; s++)
        if (strcmp((*s)->name, name) == 0)
            return *s;
    cr_assert_fail("no screen %s", name);
    return NULL;
}

Test(keys, no_two_actions_share_a_key_on_any_screen)
{
    struct keymap km;
    int screens = 0;

    keymap_init(&km, ui_screens);
    for (const struct screen_ops *const *s = ui_screens; *s; s++) {
        struct clashes c = { .used = 0 };
        int n = keymap_collisions(&km, *s, note, &c);
        cr_expect_eq(n, 0, "screen %s: %d keys mean two things:%s", (*s)->name, n, c.text);
        screens++;
    }
    cr_assert_geq(screens, 10, "only %d screens were checked", screens);
    keymap_free(&km);
}

/* A screen of the future whose author chose keys already taken: its own
 * "r" twice, and "o", the operator's key everywhere. */
static const struct action_def careless_actions[] = {
    { ACT_SCREEN + 1, "release", { "r" }, "Release", "Release the person" },
    { ACT_SCREEN + 2, "receive", { "r" }, "Receive", "Receive the goods" },
    { ACT_SCREEN + 3, "order", { "o" }, "Order", "Take an order" },
    { 0 },
};
static const struct screen_ops careless = {
    .name = "careless", .title = "Careless", .kind = SCREEN_LIST, .actions = careless_actions,
};

Test(keys, the_check_finds_every_clash)
{
    const struct screen_ops *const screens[] = { &careless, NULL };
    struct keymap km;
    struct clashes c = { .used = 0 };

    keymap_init(&km, screens);
    int n = keymap_collisions(&km, &careless, note, &c);
    cr_assert_eq(n, 2, "found %d:%s", n, c.text);
    cr_assert(strstr(c.text, "[r: release and receive]"), "%s", c.text);
    cr_assert(strstr(c.text, "operator") && strstr(c.text, "order"), "%s", c.text);
    keymap_free(&km);
}

Test(keys, lookup_goes_screen_then_kind_then_global)
{
    struct keymap km;
    const struct screen_ops *hh = screen_named("households");
    const struct screen_ops *form = screen_named("household");

    keymap_init(&km, ui_screens);
    /* the screen's own */
    cr_assert_eq(keymap_lookup(&km, hh, false, 'm'), HH_MOVE);
    /* its kind's: a list */
    cr_assert_eq(keymap_lookup(&km, hh, false, keys_fn(KEY_DOWN)), ACT_DOWN);
    cr_assert_eq(keymap_lookup(&km, hh, false, ' '), ACT_MARK);
    /* global */
    cr_assert_eq(keymap_lookup(&km, hh, false, keys_fn(KEY_F(10))), ACT_QUIT);
    cr_assert_eq(keymap_lookup(&km, hh, false, 'o'), ACT_OPERATOR);
    /* a form's keys are not a list's */
    cr_assert_eq(keymap_lookup(&km, form, false, 19), ACT_SAVE);
    cr_assert_eq(keymap_lookup(&km, hh, false, 19), ACT_NONE);
    /* another screen's actions are not reachable */
    cr_assert_eq(keymap_lookup(&km, form, false, 'm'), ACT_NONE);
    /* while the screen takes text, a letter is text; a function key is not */
    cr_assert_eq(keymap_lookup(&km, hh, true, 'm'), ACT_NONE);
    cr_assert_eq(keymap_lookup(&km, hh, true, 'o'), ACT_NONE);
    cr_assert_eq(keymap_lookup(&km, hh, true, keys_fn(KEY_F(9))), ACT_OPERATOR);
    keymap_free(&km);
}

/* The keymap after the config TEXT: the number of overrides refused. */
static int apply(struct keymap *km, const char *text)
{
    struct config c;
    char err[512];

    cfg_defaults(&c);
    cr_assert_eq(cfg_load_string(&c, text, "test.conf", err, sizeof err), 0, "%s", err);
    keymap_init(km, ui_screens);
    return keymap_apply_config(km, &c, ui_screens);
}

static bool said_with(const char *a, const char *b)
{
    for (int i = 0; i < nsaid; i++)
        if (strstr(said[i], a) && (!b || strstr(said[i], b)))
            return true;
    return false;
}

Test(keys, quit_and_help_on_one_letter_are_refused_with_the_line)
{
    struct keymap km;

    int refused = apply(&km, "community = \"x\";\nkeys = {\n  quit = \"a\";\n  help = \"a\";\n};\n");
    cr_assert_eq(refused, 2);
    cr_assert(said_with("test.conf:3:", "keys.quit"), "%s", said[0]);
    cr_assert(said_with("test.conf:4:", "keys.help"), "%s", said[1]);
    /* still there: F10 quits, F1 helps, a adds */
    const struct screen_ops *hh = screen_named("households");
    cr_assert_eq(keymap_lookup(&km, hh, false, keys_fn(KEY_F(10))), ACT_QUIT);
    cr_assert_eq(keymap_lookup(&km, hh, false, keys_fn(KEY_F(1))), ACT_HELP);
    cr_assert_eq(keymap_lookup(&km, hh, false, 'a'), HH_ADD);
    keymap_free(&km);
}

Test(keys, a_screen_override_that_clashes_is_refused)
{
    struct keymap km;

    cr_assert_eq(apply(&km, "keys = { households = { move = \"a\"; }; };\n"), 1);
    cr_assert(said_with("test.conf:1:", "keys.households.move"), "%s", said[0]);
    cr_assert(said_with("Add", NULL), "the clash does not name the other action: %s", said[0]);
    const struct screen_ops *hh = screen_named("households");
    cr_assert_eq(keymap_lookup(&km, hh, false, 'm'), HH_MOVE);
    cr_assert_eq(keymap_lookup(&km, hh, false, 'a'), HH_ADD);
    keymap_free(&km);
}

Test(keys, a_global_override_that_clashes_on_some_screen_is_refused)
{
    struct keymap km;

    /* "m" is free globally, but F2 moves with it */
    cr_assert_eq(apply(&km, "keys = { operator = \"m\"; };\n"), 1);
    cr_assert(said_with("test.conf:1:", "keys.operator"), "%s", said[0]);
    keymap_free(&km);
}

Test(keys, unknown_actions_and_key_names_are_refused)
{
    struct keymap km;

    cr_assert_eq(apply(&km, "keys = {\n  nosuch = \"z\";\n  households = { move = \"Hyper-M\"; };\n};\n"),
                 2);
    cr_assert(said_with("test.conf:2:", "no such action"), "%s", said[0]);
    cr_assert(said_with("test.conf:3:", "not a key name"), "%s", said[1]);
    keymap_free(&km);
}

Test(keys, a_good_override_applies)
{
    struct keymap km;
    const struct screen_ops *hh = screen_named("households");

    cr_assert_eq(apply(&km, "keys = { quit = \"F10,q\"; households = { move = \"M\"; }; };\n"), 0,
                 "%s", said[0]);
    cr_assert_eq(keymap_lookup(&km, hh, false, 'M'), HH_MOVE);
    cr_assert_eq(keymap_lookup(&km, hh, false, 'm'), ACT_NONE, "the old key still moves");
    cr_assert_eq(keymap_lookup(&km, hh, false, 'q'), ACT_QUIT);
    cr_assert_eq(keymap_lookup(&km, hh, false, keys_fn(KEY_F(10))), ACT_QUIT);
    keymap_free(&km);
}
