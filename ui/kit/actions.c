/* actions.c — the generic actions: global, of every list, of every form. */
#include "ui/kit/actions.h"

#include <string.h>

#include "src/i18n.h"

/* In the order of enum action; the help screen lists them in this order. */
static const struct action_def table[ACT_GENERIC_COUNT] = {
    { ACT_HELP, "help", { "F1" }, N_("Help"),
      N_("Show the keys of this screen, then every other key") },
    { ACT_HOUSEHOLDS, "households", { "F2" }, N_("Households"),
      N_("Households: search, household card, members") },
    { ACT_QUARANTINE, "quarantine", { "F3" }, N_("Quarantine"),
      N_("Quarantine lists, health checks, release") },
    { ACT_ROSTERS, "rosters", { "F4" }, N_("Rosters"),
      N_("Checkpoint duty rosters, staff, check-in") },
    { ACT_SUPPLIES, "supplies", { "F5" }, N_("Supplies"),
      N_("Supply orders, deliveries, stock") },
    { ACT_SUMMARY, "summary", { "F6" }, N_("Summary"),
      N_("Today's figures and the daily summary") },
    { ACT_QUIT, "quit", { "F10" }, N_("Quit"),
      N_("Quit; asks first if a form has unsaved input") },
    { ACT_OPERATOR, "operator", { "o", "F9" }, N_("Operator"),
      N_("Change the operator, who is on duty (not while typing)") },
    { ACT_BACK, "back", { "Esc" }, N_("Back"),
      N_("Go back; in a form with changes, asks before they are thrown away") },
    { ACT_OPEN, "open", { "Enter" }, N_("Open"),
      N_("Open the selected row") },
    { ACT_UP, "up", { "Up" }, N_("Up"),
      N_("Move up one line") },
    { ACT_DOWN, "down", { "Down" }, N_("Down"),
      N_("Move down one line") },
    { ACT_PAGE_UP, "page_up", { "PgUp" }, N_("Page up"),
      N_("Move up one page") },
    { ACT_PAGE_DOWN, "page_down", { "PgDn" }, N_("Page down"),
      N_("Move down one page") },
    { ACT_HOME, "home", { "Home" }, N_("First"),
      N_("Go to the first line") },
    { ACT_END, "end", { "End" }, N_("Last"),
      N_("Go to the last line") },
    { ACT_SEARCH, "search", { "/" }, N_("Search"),
      N_("Put the keyboard in the search box: every key is text there") },
    { ACT_MARK, "mark", { "Space" }, N_("Mark"),
      N_("Mark or unmark the selected row; an action applies to the marked rows") },
    { ACT_MARK_ALL, "mark_all", { "*" }, N_("Mark all"),
      N_("Mark every row shown, or unmark them all") },
    { ACT_NEXT_FIELD, "next_field", { "Tab", "Enter", "Down" }, N_("Next"),
      N_("Next field; Enter on the last field saves") },
    { ACT_PREV_FIELD, "prev_field", { "Shift-Tab", "Up" }, N_("Previous"),
      N_("Previous field") },
    { ACT_SAVE, "save", { "^S" }, N_("Save"),
      N_("Check and save the form") },
};

const struct action_def *action_generic(int id)
{
    if (id < 0 || id >= ACT_GENERIC_COUNT)
        return NULL;
    return &table[id];
}

enum action_scope action_scope_of(int id)
{
    if (id >= 0 && id <= ACT_BACK)
        return SCOPE_GLOBAL;
    if (id >= ACT_OPEN && id <= ACT_MARK_ALL)
        return SCOPE_LIST;
    if (id >= ACT_NEXT_FIELD && id < ACT_GENERIC_COUNT)
        return SCOPE_FORM;
    return SCOPE_SCREEN;
}

int action_by_name(const char *name)
{
    for (int i = 0; i < ACT_GENERIC_COUNT; i++)
        if (strcmp(table[i].name, name) == 0)
            return table[i].id;
    return ACT_NONE;
}

const char *action_scope_title(enum action_scope scope)
{
    switch (scope) {
    case SCOPE_GLOBAL:
        return N_("Everywhere");
    case SCOPE_LIST:
        return N_("In lists");
    case SCOPE_FORM:
        return N_("In forms");
    case SCOPE_SCREEN:
        return N_("On this screen");
    }
    return "";
}
