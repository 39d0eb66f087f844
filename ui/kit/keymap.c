/* keymap.c — default keys, config overrides, lookup. */
#include "ui/kit/keymap.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "src/i18n.h"
#include "src/msg.h"
#include "src/text.h"
#include "ui/kit/keys.h"

static bool scopes_meet(enum action_scope a, enum action_scope b)
{
    return a == SCOPE_GLOBAL || b == SCOPE_GLOBAL || a == b;
}

static void add_key(struct keymap *km, enum action a, int code)
{
    for (int i = 0; i < km->nkeys[a]; i++)
        if (km->keys[a][i] == code)
            return;
    if (km->nkeys[a] < ACTION_MAX_KEYS)
        km->keys[a][km->nkeys[a]++] = code;
}

static void remove_key(struct keymap *km, enum action a, int code)
{
    int n = 0;

    for (int i = 0; i < km->nkeys[a]; i++)
        if (km->keys[a][i] != code)
            km->keys[a][n++] = km->keys[a][i];
    km->nkeys[a] = n;
}

void keymap_init(struct keymap *km)
{
    memset(km, 0, sizeof *km);
    for (int a = 0; a < ACT_COUNT; a++) {
        const struct action_def *def = action_get((enum action)a);
        for (int i = 0; i < ACTION_MAX_KEYS && def->keys[i]; i++) {
            int code = keys_parse(def->keys[i]);
            if (code != KEYS_NONE)
                add_key(km, (enum action)a, code);
        }
    }
}

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

static void apply_one(struct keymap *km, enum action a, const int *codes, int n)
{
    enum action_scope scope = action_get(a)->scope;

    km->nkeys[a] = 0;
    for (int i = 0; i < n; i++) {
        for (int other = 0; other < ACT_COUNT; other++)
            if (other != (int)a && scopes_meet(scope, action_get((enum action)other)->scope))
                remove_key(km, (enum action)other, codes[i]);
        add_key(km, a, codes[i]);
    }
}

int keymap_apply_config(struct keymap *km, const struct config *cfg)
{
    const char *file = *cfg->source ? cfg->source : "dutydesk.conf";
    int rejected = 0;

    for (int k = 0; k < cfg->nkeys; k++) {
        const struct cfg_key *ck = &cfg->keys[k];
        enum action a = action_by_name(ck->action);
        int codes[ACTION_MAX_KEYS], n;
        char bad[64];

        if (a == ACT_NONE) {
            msg_error(_("%s:%d: unknown action \"%s\" in keys"), file, ck->line, ck->action);
            rejected++;
        } else if (!parse_list(ck->keys, codes, &n, bad, sizeof bad)) {
            msg_error(_("%s:%d: unknown key name \"%s\" for %s in keys"), file, ck->line, bad,
                      ck->action);
            rejected++;
        } else {
            apply_one(km, a, codes, n);
        }
    }
    return rejected;
}

enum action keymap_lookup(const struct keymap *km, int key, enum action_scope scope)
{
    for (int a = 0; a < ACT_COUNT; a++) {
        enum action_scope s = action_get((enum action)a)->scope;
        if (s != SCOPE_GLOBAL && s != scope)
            continue;
        for (int i = 0; i < km->nkeys[a]; i++)
            if (km->keys[a][i] == key)
                return (enum action)a;
    }
    return ACT_NONE;
}

int keymap_first(const struct keymap *km, enum action a)
{
    return km->nkeys[a] > 0 ? km->keys[a][0] : KEYS_NONE;
}

void keymap_describe(const struct keymap *km, enum action a, char *buf, size_t bufsz)
{
    size_t used = 0;

    buf[0] = '\0';
    for (int i = 0; i < km->nkeys[a] && used < bufsz; i++) {
        char name[32];
        keys_format(km->keys[a][i], name, sizeof name);
        used += (size_t)snprintf(buf + used, bufsz - used, "%s%s", i ? ", " : "", name);
    }
}
