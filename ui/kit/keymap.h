/* keymap.h — the keys in force: the action table's defaults, with the
 * config file's overrides applied.
 *
 * An override replaces all the keys of one action.  A key given to an
 * action is taken away from any other action whose scope meets it (global
 * meets everything; list and form do not meet), so one key never means two
 * things at once.  A bad override (unknown action, unknown key name) is
 * reported with msg_error as "FILE:LINE: ..." and skipped; the rest apply. */
#ifndef DD_UI_KEYMAP_H
#define DD_UI_KEYMAP_H

#include <stddef.h>

#include "src/config.h"
#include "ui/kit/actions.h"

struct keymap {
    int keys[ACT_COUNT][ACTION_MAX_KEYS]; /* key codes (keys.h) */
    int nkeys[ACT_COUNT];
};

/* The defaults of the action table. */
void keymap_init(struct keymap *km);

/* Applies CFG's key overrides; returns how many were rejected. */
int keymap_apply_config(struct keymap *km, const struct config *cfg);

/* The action KEY means in SCOPE (global actions are seen from every scope;
 * SCOPE_GLOBAL sees only them), or ACT_NONE. */
enum action keymap_lookup(const struct keymap *km, int key, enum action_scope scope);

/* The first key of ACTION (for the key bar), or KEYS_NONE when it has none. */
int keymap_first(const struct keymap *km, enum action a);

/* All keys of ACTION, by name, joined with ", " ("Tab, Enter"). */
void keymap_describe(const struct keymap *km, enum action a, char *buf, size_t bufsz);

#endif
