/* keymap.h — the keys in force: the defaults of the action tables, with
 * the config file's overrides.
 *
 * One binding per action: the generic ones (ui/kit/actions.h) and those of
 * every screen (struct screen_ops.actions).  On a screen, a key is looked
 * up in the screen's own actions, then in the generic actions of its kind
 * (list or form), then in the global ones; while the screen takes text, a
 * printable key is text and means no action.
 *
 * No key means two things on one screen: keymap_collisions finds every key
 * two actions reachable on a screen share (a test runs it on every screen
 * with the default keys), and an override from the config file that would
 * make one is refused with the file's line, as is an unknown action or key
 * name; the other overrides apply.  An override replaces all the keys of
 * one action: keys.quit = "F10,q", keys.households.move = "m". */
#ifndef DD_UI_KEYMAP_H
#define DD_UI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "src/config.h"
#include "ui/kit/actions.h"
#include "ui/kit/screen.h"

struct binding {
    const struct screen_ops *owner; /* NULL: a generic action */
    const struct action_def *def;
    int keys[ACTION_MAX_KEYS];      /* key codes (keys.h) */
    int nkeys;
};

struct keymap {
    struct binding *b;
    int n;
};

/* The default keys of the generic actions and of every screen of
 * SCREENS (NULL-ended).  Exits with a message when out of memory. */
void keymap_init(struct keymap *km, const struct screen_ops *const *screens);
void keymap_free(struct keymap *km);

/* Applies CFG's key overrides, each checked against every screen of
 * SCREENS; returns how many were refused (each said with msg_error, as
 * "FILE:LINE: reason; the setting is not used"). */
int keymap_apply_config(struct keymap *km, const struct config *cfg,
                        const struct screen_ops *const *screens);

/* The action KEY means on SCREEN (NULL: the global ones only), or
 * ACT_NONE; TYPING: printable keys are text. */
int keymap_lookup(const struct keymap *km, const struct screen_ops *screen, bool typing,
                  int key);

/* The binding of ACTION as SCREEN sees it (its own, else generic), or NULL. */
const struct binding *keymap_binding(const struct keymap *km, const struct screen_ops *screen,
                                     int action);

/* The first key of ACTION on SCREEN (for the key bar), or KEYS_NONE. */
int keymap_first(const struct keymap *km, const struct screen_ops *screen, int action);

/* All keys of ACTION on SCREEN, by name, joined with ", " ("Tab, Enter"). */
void keymap_describe(const struct keymap *km, const struct screen_ops *screen, int action,
                     char *buf, size_t bufsz);

/* Is the binding B reachable on SCREEN? */
bool keymap_reachable(const struct binding *b, const struct screen_ops *screen);

/* Calls FN for every key two actions reachable on SCREEN share (the key
 * code and the two bindings); returns how many. */
int keymap_collisions(const struct keymap *km, const struct screen_ops *screen,
                      void (*fn)(int key, const struct binding *a, const struct binding *b,
                                 void *ctx),
                      void *ctx);

#endif
