/* ui/placeholders/supplies.c — F5, supplies (物资, 代购, 代开药).  Not built yet:
 * the body says so and what the screen will hold. */
#include "src/i18n.h"
#include "ui/kit/placeholder.h"
#include "ui/kit/screen.h"

static const char *const what[] = {
    N_("Here you will take supply orders from quarantined and vulnerable households, "
       "errand purchases and medicine runs."),
    N_("You will track each delivery and the stock on hand."),
    NULL,
};

static void draw(struct app *a, WINDOW *body)
{
    placeholder_draw(body, what);
}

static const enum action bar[] = { ACT_OPERATOR, ACT_NONE };

const struct screen_ops screen_supplies = {
    .id = SCR_SUPPLIES,
    .title = N_("Supplies"),
    .draw = draw,
    .bar_actions = bar,
};
