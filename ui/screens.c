/* screens.c — the table of screens: the base screens behind the function
 * keys, and every screen, for the config's key overrides, the help screen
 * and the key tests.  A new screen adds its line here, and nowhere else
 * outside its own folder. */
#include "ui/households/hh.h"
#include "ui/kit/screen.h"

extern const struct screen_ops screen_help, screen_operator;
extern const struct screen_ops screen_households, screen_quarantine, screen_rosters,
    screen_supplies, screen_summary;
extern const struct screen_ops screen_hh_card, screen_hh_household_form,
    screen_hh_resident_form, screen_hh_move, screen_hh_move_out, screen_hh_filter,
    screen_hh_filter_arrived, screen_hh_filter_building, screen_hh_filter_worker,
    screen_hh_import, screen_hh_import_report;

const struct base_screen ui_base_screens[] = {
    { ACT_HOUSEHOLDS, &screen_households },
    { ACT_QUARANTINE, &screen_quarantine },
    { ACT_ROSTERS, &screen_rosters },
    { ACT_SUPPLIES, &screen_supplies },
    { ACT_SUMMARY, &screen_summary },
    { ACT_NONE, NULL },
};

const struct screen_ops *const ui_screens[] = {
    &screen_help, &screen_operator,
    &screen_households, &screen_quarantine, &screen_rosters, &screen_supplies, &screen_summary,
    &screen_hh_card, &screen_hh_household_form, &screen_hh_resident_form, &screen_hh_move,
    &screen_hh_move_out, &screen_hh_filter, &screen_hh_filter_arrived,
    &screen_hh_filter_building, &screen_hh_filter_worker, &screen_hh_import,
    &screen_hh_import_report,
    NULL,
};

/* What other screens add to a household card, in this order. */
extern const struct card_section hh_section_quarantine, hh_section_supplies;

const struct card_section *const hh_card_sections[] = {
    &hh_section_quarantine,
    &hh_section_supplies,
    NULL,
};
