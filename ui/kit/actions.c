/* actions.c — the one table of actions. */
#include "ui/kit/actions.h"

#include <string.h>

#include "src/i18n.h"

/* In the order of enum action; the help screen lists them in this order. */
static const struct action_def table[ACT_COUNT] = {
    { ACT_HELP, "help", { "F1" }, N_("Help"),
      N_("Show every key and what it does"), SCOPE_GLOBAL },
    { ACT_HOUSEHOLDS, "households", { "F2" }, N_("Households"),
      N_("Households: search, household card, members"), SCOPE_GLOBAL },
    { ACT_QUARANTINE, "quarantine", { "F3" }, N_("Quarantine"),
      N_("Quarantine lists, health checks, release"), SCOPE_GLOBAL },
    { ACT_ROSTERS, "rosters", { "F4" }, N_("Rosters"),
      N_("Checkpoint duty rosters, staff, check-in"), SCOPE_GLOBAL },
    { ACT_SUPPLIES, "supplies", { "F5" }, N_("Supplies"),
      N_("Supply orders, deliveries, stock"), SCOPE_GLOBAL },
    { ACT_SUMMARY, "summary", { "F6" }, N_("Summary"),
      N_("Today's figures and the daily summary"), SCOPE_GLOBAL },
    { ACT_QUIT, "quit", { "F10" }, N_("Quit"),
      N_("Quit; asks first if a form has unsaved input"), SCOPE_GLOBAL },
    { ACT_OPERATOR, "operator", { "o" }, N_("Operator"),
      N_("Change the operator, who is on duty"), SCOPE_GLOBAL },
    { ACT_BACK, "back", { "Esc" }, N_("Back"),
      N_("Go back; in a form, cancel and restore it"), SCOPE_GLOBAL },
    { ACT_SEARCH, "search", { "/" }, N_("Search"),
      N_("Search or filter the current list"), SCOPE_LIST },
    { ACT_OPEN, "open", { "Enter" }, N_("Open"),
      N_("Open the selected row"), SCOPE_LIST },
    { ACT_ADD, "add", { "a" }, N_("Add"),
      N_("Add a new record to the current list"), SCOPE_LIST },
    { ACT_EDIT, "edit", { "e" }, N_("Edit"),
      N_("Edit the selected record"), SCOPE_LIST },
    { ACT_UP, "up", { "Up" }, N_("Up"),
      N_("Move up one line"), SCOPE_LIST },
    { ACT_DOWN, "down", { "Down" }, N_("Down"),
      N_("Move down one line"), SCOPE_LIST },
    { ACT_PAGE_UP, "page_up", { "PgUp" }, N_("Page up"),
      N_("Move up one page"), SCOPE_LIST },
    { ACT_PAGE_DOWN, "page_down", { "PgDn" }, N_("Page down"),
      N_("Move down one page"), SCOPE_LIST },
    { ACT_HOME, "home", { "Home" }, N_("First"),
      N_("Go to the first line"), SCOPE_LIST },
    { ACT_END, "end", { "End" }, N_("Last"),
      N_("Go to the last line"), SCOPE_LIST },
    { ACT_FILTER, "filter", { "f" }, N_("Filter"),
      N_("Lists: care flags, returnees, building, worker"), SCOPE_LIST },
    { ACT_IMPORT, "import", { "i" }, N_("Import"),
      N_("Import residents from a spreadsheet (CSV)"), SCOPE_LIST },
    { ACT_MOVE, "move", { "m" }, N_("Move"),
      N_("Move the resident to another household"), SCOPE_LIST },
    { ACT_MOVE_OUT, "move_out", { "x" }, N_("Moved out"),
      N_("Mark the resident moved out: date, where to"), SCOPE_LIST },
    { ACT_NEXT_FIELD, "next_field", { "Tab", "Enter", "Down" }, N_("Next"),
      N_("Next field; Enter on the last field saves"), SCOPE_FORM },
    { ACT_PREV_FIELD, "prev_field", { "Shift-Tab", "Up" }, N_("Previous"),
      N_("Previous field"), SCOPE_FORM },
    { ACT_SAVE, "save", { "^S" }, N_("Save"),
      N_("Check and save the form"), SCOPE_FORM },
};

const struct action_def *action_get(enum action id)
{
    if (id <= ACT_NONE || id >= ACT_COUNT)
        return NULL;
    return &table[id];
}

enum action action_by_name(const char *name)
{
    for (int i = 0; i < ACT_COUNT; i++)
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
    default:
        return "";
    }
}
