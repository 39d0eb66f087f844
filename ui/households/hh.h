/* hh.h — the households screens (F2) and how one opens another.
 *
 *   screen.c          the list: one search box, the hits as you type, the
 *                     filters, the recently changed households
 *   rows.c            the hits as a list source and a column table
 *   card.c            the household card: the household and its members
 *   household_form.c  adding and editing a household
 *   resident_form.c   adding and editing a resident
 *   move.c            moving a resident to another household, and marking
 *                     one moved out
 *   filter.c          the filter menu: the supervisors' lists
 *   import.c          importing a spreadsheet: the preview, the report
 *
 * Each hh_*_open pushes its screen over the one on top and loads what it
 * is given.  A screen that changes records says so on the status line and
 * closes; the screen below reloads in its resume hook.  Every screen is
 * built on the kit (ui/kit): forms from a spec, lists from a column table. */
#ifndef DD_UI_HH_H
#define DD_UI_HH_H

#include <stdint.h>

#include "src/households/list.h"
#include "ui/kit/actions.h"

struct app;

/* The actions of the households list and the card, each screen's own. */
enum hh_action {
    HH_ADD = ACT_SCREEN,
    HH_EDIT,
    HH_FILTER,
    HH_IMPORT,
    HH_MOVE,
    HH_MOVE_OUT,
    HH_FOCUS,        /* the keyboard between a search box and its list */
};

/* What another screen shows on a household card (its quarantines, its
 * orders): a title and the lines for one household, read when the card
 * loads (LINES: up to MAX lines of 256 bytes; the count, 0 for none).  The
 * sections are listed in ui/screens.c. */
struct card_section {
    const char *title; /* N_() */
    int (*load)(struct app *a, int64_t household_id, char (*lines)[256], int max);
};
extern const struct card_section *const hh_card_sections[];

/* The card of HOUSEHOLD_ID with RESIDENT_ID selected (0: the first member). */
void hh_card_open(struct app *a, int64_t household_id, int64_t resident_id);
/* After a resident was saved: select RESIDENT_ID when the card shows next. */
void hh_card_select(struct app *a, int64_t resident_id);

/* The form of HOUSEHOLD_ID, or of a new household (0) with the compound,
 * building and unit of the last household saved in this run.  A new
 * household, once saved, opens its card and the form of its first member. */
void hh_household_form_open(struct app *a, int64_t household_id);

/* The form of RESIDENT_ID, or of a new member (0) of HOUSEHOLD_ID. */
void hh_resident_form_open(struct app *a, int64_t household_id, int64_t resident_id);

/* Moving RESIDENT_ID to another household; marking them moved out. */
void hh_move_open(struct app *a, int64_t resident_id);
void hh_move_out_open(struct app *a, int64_t resident_id);

/* The filter menu; a list chosen there is shown by the households list. */
void hh_filter_open(struct app *a);
/* Shows the list Q on the households list instead of its search. */
void households_show_list(struct app *a, const struct hh_list_query *q);

/* Asks for a file and imports it, after a preview. */
void hh_import_open(struct app *a);

/* The household's address as people write it, "" when it is not found. */
void hh_address_of(struct app *a, int64_t household_id, char *buf, size_t bufsz);

#endif
