/* actions.h — what a person can ask for, declared once where it belongs.
 *
 * An action has an id, a config name, default keys, a short label for the
 * key bar and a line of help.  Two kinds of tables hold them:
 *   - the generic table here: the global actions (help, the function keys
 *     of the base screens, quit, operator, back), the actions of every
 *     list (open, movement, search, marks) and of every form (next and
 *     previous field, save);
 *   - each screen's own table (struct screen_ops.actions), with ids from
 *     ACT_SCREEN up, local to that screen: F2's "m move" and F3's "r
 *     release" never meet.
 * Dispatch, the key bar, the help screen and the config file's key
 * overrides (keys.quit, keys.households.move) all read these tables through
 * ui/kit/keymap.h, so they cannot drift apart.  Labels and help texts are
 * marked N_() and translated where they are shown. */
#ifndef DD_UI_ACTIONS_H
#define DD_UI_ACTIONS_H

#include <stddef.h>

#define ACT_NONE (-1)

enum action {
    /* global: on every screen */
    ACT_HELP,
    ACT_HOUSEHOLDS,
    ACT_QUARANTINE,
    ACT_ROSTERS,
    ACT_SUPPLIES,
    ACT_SUMMARY,
    ACT_QUIT,
    ACT_OPERATOR,
    ACT_BACK,
    /* on every list screen */
    ACT_OPEN,
    ACT_UP,
    ACT_DOWN,
    ACT_PAGE_UP,
    ACT_PAGE_DOWN,
    ACT_HOME,
    ACT_END,
    ACT_SEARCH,
    ACT_MARK,
    ACT_MARK_ALL,
    /* on every form screen */
    ACT_NEXT_FIELD,
    ACT_PREV_FIELD,
    ACT_SAVE,
    ACT_GENERIC_COUNT,
    /* A screen's own actions are numbered from here. */
    ACT_SCREEN = 100,
};

/* Where a generic action applies; a screen's own actions are SCOPE_SCREEN. */
enum action_scope { SCOPE_GLOBAL, SCOPE_LIST, SCOPE_FORM, SCOPE_SCREEN };

#define ACTION_MAX_KEYS 4

struct action_def {
    int id;                              /* enum action, or ACT_SCREEN + n */
    const char *name;                    /* in the config file: "quit", "move" */
    const char *keys[ACTION_MAX_KEYS];   /* default key names (keys.h), NULL-ended */
    const char *label;                   /* N_(): the key bar, the help screen */
    const char *help;                    /* N_(): one line on the help screen */
};

/* The generic action ID (0 <= ID < ACT_GENERIC_COUNT), or NULL. */
const struct action_def *action_generic(int id);

/* The scope of the generic action ID. */
enum action_scope action_scope_of(int id);

/* The generic action named NAME, or ACT_NONE. */
int action_by_name(const char *name);

/* The heading of a scope on the help screen (N_(), translate when shown). */
const char *action_scope_title(enum action_scope scope);

#endif
