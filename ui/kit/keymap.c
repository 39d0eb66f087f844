/* keymap.c — default keys, config overrides, lookup, collisions. */
#include "ui/kit/keymap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/i18n.h"
#include "src/msg.h"
#include "src/text.h"
#include "ui/kit/keys.h"

static void add_binding(struct keymap *km, int *cap, const struct screen_ops *owner,
                        const struct action_def *def)
{
    if (km->n == *cap) {
        *cap = *cap ? 2 * *cap : 64;
        struct binding *b = realloc(km->b, (size_t)*cap * sizeof *b);
        if (!b)
            msg_fatal("%s", _("out of memory"));
        km->b = b;
    }
    struct binding *b = &km->b[km->n++];
    *b = (struct binding){ .owner = owner, .def = def };
    for (int i = 0; i < ACTION_MAX_KEYS && def->keys[i]; i++) {
        int code = keys_parse(def->keys[i]);
        if (code != KEYS_NONE)
            b->keys[b->nkeys++] = code;
    }
}

void keymap_init(struct keymap *km, const struct screen_ops *const *screens)
{
    int cap = 0;

    memset(km, 0, sizeof *km);
    for (int a = 0; a < ACT_GENERIC_COUNT; a++)
        add_binding(km, &cap, NULL, action_generic(a));
    for (const struct screen_ops *const *s = screens; s && *s; s++)
        for (const struct action_def *d = (*s)->actions; d && d->name; d++)
            add_binding(km, &cap, *s, d);
}

void keymap_free(struct keymap *km)
{
    free(km->b);
    km->b = NULL;
    km->n = 0;
}

bool keymap_reachable(const struct binding *b, const struct screen_ops *screen)
{
    if (b->owner)
        return b->owner == screen;
    switch (action_scope_of(b->def->id)) {
    case SCOPE_GLOBAL:
        return true;
    case SCOPE_LIST:
        return screen && screen->kind == SCREEN_LIST;
    case SCOPE_FORM:
        return screen && screen->kind == SCREEN_FORM;
    case SCOPE_SCREEN:
        break;
    }
    return false;
}

static bool binding_has_key(const struct binding *b, int key)
{
    for (int i = 0; i < b->nkeys; i++)
        if (b->keys[i] == key)
            return true;
    return false;
}

/* The order of lookup: the screen's own, its kind's, then the global ones. */
static int rank(const struct binding *b)
{
    if (b->owner)
        return 0;
    return action_scope_of(b->def->id) == SCOPE_GLOBAL ? 2 : 1;
}

int keymap_lookup(const struct keymap *km, const struct screen_ops *screen, bool typing,
                  int key)
{
    if (typing && keys_is_text(key))
        return ACT_NONE;
    for (int r = 0; r <= 2; r++)
        for (int i = 0; i < km->n; i++) {
            const struct binding *b = &km->b[i];
            if (rank(b) == r && keymap_reachable(b, screen) && binding_has_key(b, key))
                return b->def->id;
        }
    return ACT_NONE;
}

const struct binding *keymap_binding(const struct keymap *km, const struct screen_ops *screen,
                                     int action)
{
    const struct binding *generic = NULL;

    for (int i = 0; i < km->n; i++) {
        const struct binding *b = &km->b[i];
        if (b->def->id != action)
            continue;
        if (b->owner && b->owner == screen)
            return b;
        if (!b->owner)
            generic = b;
    }
    return action < ACT_SCREEN ? generic : NULL;
}

int keymap_first(const struct keymap *km, const struct screen_ops *screen, int action)
{
    const struct binding *b = keymap_binding(km, screen, action);

    return b && b->nkeys > 0 ? b->keys[0] : KEYS_NONE;
}

void keymap_describe(const struct keymap *km, const struct screen_ops *screen, int action,
                     char *buf, size_t bufsz)
{
    const struct binding *b = keymap_binding(km, screen, action);
    size_t used = 0;

    buf[0] = '\0';
    for (int i = 0; b && i < b->nkeys && used < bufsz; i++) {
        char name[32];
        keys_format(b->keys[i], name, sizeof name);
        used += (size_t)snprintf(buf + used, bufsz - used, "%s%s", i ? ", " : "", name);
    }
}

int keymap_collisions(const struct keymap *km, const struct screen_ops *screen,
                      void (*fn)(int key, const struct binding *a, const struct binding *b,
                                 void *ctx),
                      void *ctx)
{
    int found = 0;

    for (int i = 0; i < km->n; i++) {
        const struct binding *a = &km->b[i];
        if (!keymap_reachable(a, screen))
            continue;
        for (int j = i + 1; j < km->n; j++) {
            const struct binding *b = &km->b[j];
            if (!keymap_reachable(b, screen))
                continue;
            for (int k = 0; k < a->nkeys; k++) {
                if (!binding_has_key(b, a->keys[k]))
                    continue;
                found++;
                if (fn)
                    fn(a->keys[k], a, b, ctx);
            }
        }
    }
    return found;
}

/* ---- overrides -------------------------------------------------------- */

/* Splits LIST at commas into key codes; false (with the bad name in BAD)
 * when a name is not a key. */
static bool parse_list(const char *list, int *codes, int *n, char *bad, size_t badsz)
{
    char buf[sizeof ((struct cfg_key *)0)->keys];
    char *save = NULL;

    snprintf(buf, sizeof buf, "%s", list);
    *n = 0;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        char *name = text_trim(tok);
        int code = keys_parse(name);
        if (code == KEYS_NONE) {
            snprintf(bad, badsz, "%s", name);
            return false;
        }
        if (*n < ACTION_MAX_KEYS)
            codes[(*n)++] = code;
    }
    if (*n == 0) {
        snprintf(bad, badsz, "%s", list);
        return false;
    }
    return true;
}

/* The binding a config name means: "quit" (generic) or "households.move"
 * (a screen's own), or NULL. */
static struct binding *named(struct keymap *km, const char *name)
{
    const char *dot = strchr(name, '.');

    for (int i = 0; i < km->n; i++) {
        struct binding *b = &km->b[i];
        if (!dot && !b->owner && strcmp(b->def->name, name) == 0)
            return b;
        if (dot && b->owner && strlen(b->owner->name) == (size_t)(dot - name)
            && strncmp(b->owner->name, name, (size_t)(dot - name)) == 0
            && strcmp(b->def->name, dot + 1) == 0)
            return b;
    }
    return NULL;
}

struct clash {
    const struct binding *mine; /* the binding just overridden */
    const struct screen_ops *screen;
    char text[256];
};

static void note_clash(int key, const struct binding *a, const struct binding *b, void *ctx)
{
    struct clash *c = ctx;
    const struct binding *other = a == c->mine ? b : b == c->mine ? a : NULL;
    char name[32];

    if (!other || c->text[0])
        return;
    keys_format(key, name, sizeof name);
    snprintf(c->text, sizeof c->text, _("%s is already \"%s\" on the %s screen"), name,
             _(other->def->label), c->screen ? _(c->screen->title) : "");
}

/* Does B, with its new keys, share a key with another action on a screen
 * where it is reachable?  The first such clash is said in C. */
static bool clashes(const struct keymap *km, const struct binding *b,
                    const struct screen_ops *const *screens, struct clash *c)
{
    c->mine = b;
    c->text[0] = '\0';
    for (const struct screen_ops *const *s = screens; s && *s; s++) {
        if (!keymap_reachable(b, *s))
            continue;
        c->screen = *s;
        keymap_collisions(km, *s, note_clash, c);
        if (c->text[0])
            return true;
    }
    return false;
}

/* Help, quit and back must work on every screen, forms too, where a
 * printable key is text: they keep a key that is not. */
static bool needs_fixed_key(const struct binding *b)
{
    return !b->owner
        && (b->def->id == ACT_HELP || b->def->id == ACT_QUIT || b->def->id == ACT_BACK);
}

static bool any_fixed(const int *codes, int n)
{
    for (int i = 0; i < n; i++)
        if (!keys_is_text(codes[i]))
            return true;
    return false;
}

int keymap_apply_config(struct keymap *km, const struct config *cfg,
                        const struct screen_ops *const *screens)
{
    const char *file = *cfg->source ? cfg->source : "dutydesk.conf";
    int refused = 0;

    for (int k = 0; k < cfg->nkeys; k++) {
        const struct cfg_key *ck = &cfg->keys[k];
        struct binding *b = named(km, ck->action);
        int codes[ACTION_MAX_KEYS], n;
        char bad[64];

        if (!b) {
            msg_error(_("%s:%d: keys.%s: there is no such action; the setting is not used"), file,
                      ck->line, ck->action);
            refused++;
            continue;
        }
        if (!parse_list(ck->keys, codes, &n, bad, sizeof bad)) {
            msg_error(_("%s:%d: keys.%s: \"%s\" is not a key name; the setting is not used"),
                      file, ck->line, ck->action, bad);
            refused++;
            continue;
        }
        if (needs_fixed_key(b) && !any_fixed(codes, n)) {
            msg_error(_("%s:%d: keys.%s: give it at least one key that is not a letter or "
                        "digit, like F10 or Esc (forms take letters as text); the setting is "
                        "not used"),
                      file, ck->line, ck->action);
            refused++;
            continue;
        }
        struct binding old = *b;
        struct clash c;
        memcpy(b->keys, codes, sizeof codes[0] * (size_t)n);
        b->nkeys = n;
        if (clashes(km, b, screens, &c)) {
            *b = old;
            msg_error(_("%s:%d: keys.%s: %s; the setting is not used"), file, ck->line,
                      ck->action, c.text);
            refused++;
        }
    }
    return refused;
}
