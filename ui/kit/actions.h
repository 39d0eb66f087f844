/* actions.h — every action a person can ask for, declared once.
 *
 * The constant table in actions.c gives each action its config name, its
 * default keys, a short label for the key bar, a help text and a scope.
 * Dispatch, the key bar, the help screen and the key overrides of the config
 * file all read this table (through keymap.h for the keys in force), so
 * they cannot drift apart.  Labels and help texts are marked N_() and
 * translated where they are shown. */
#ifndef DD_UI_ACTIONS_H
#define DD_UI_ACTIONS_H

#include <stddef.h>

enum action {
    ACT_NONE = -1,
    ACT_HELP,
    ACT_HOUSEHOLDS,
    ACT_QUARANTINE,
    ACT_ROSTERS,
    ACT_SUPPLIES,
    ACT_SUMMARY,
    ACT_QUIT,
    ACT_OPERATOR,
    ACT_BACK,
    ACT_SEARCH,
    ACT_OPEN,
    ACT_ADD,
    ACT_EDIT,
    ACT_UP,
    ACT_DOWN,
    ACT_PAGE_UP,
    ACT_PAGE_DOWN,
    ACT_HOME,
    ACT_END,
    ACT_FILTER,
    ACT_IMPORT,
    ACT_MOVE,
    ACT_MOVE_OUT,
    ACT_NEXT_FIELD,
    ACT_PREV_FIELD,
    ACT_SAVE,
    ACT_COUNT
};

/* Where an action applies.  Global actions work on every screen; list
 * actions on screens that show lists (and the help screen); form actions
 * while a form has the keyboard.  A key may mean one list action and one
 * form action (Enter opens a row, or goes to the next field), never two
 * actions of scopes that meet. */
enum action_scope { SCOPE_GLOBAL, SCOPE_LIST, SCOPE_FORM, SCOPE_COUNT };

#define ACTION_MAX_KEYS 4

struct action_def {
    enum action id;
    const char *name;                    /* in the config file: "quit" */
    const char *keys[ACTION_MAX_KEYS];   /* default key names (keys.h), NULL-ended */
    const char *label;                   /* N_(): the key bar, the help screen */
    const char *help;                    /* N_(): one line on the help screen */
    enum action_scope scope;
};

/* The definition of ID (ACT_NONE < ID < ACT_COUNT). */
const struct action_def *action_get(enum action id);

/* The action named NAME in the config file, or ACT_NONE. */
enum action action_by_name(const char *name);

/* The heading of a scope on the help screen (N_(), translate when shown). */
const char *action_scope_title(enum action_scope scope);

#endif
