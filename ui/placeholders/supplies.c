/* ui/placeholders/supplies.c — F5, supplies (物资, 代购, 代开药).  Not built yet:
 * the body says so and what the screen will hold. */
#include <stdio.h>

#include "src/i18n.h"
#include "ui/households/hh.h"
#include "ui/kit/placeholder.h"
#include "ui/kit/screen.h"

static const char *const what[] = {
    N_("Here you will take supply orders from quarantined and vulnerable households, "
       "errand purchases and medicine runs."),
    N_("You will track each delivery and the stock on hand."),
    NULL,
};

static void draw(struct app *a, void *st, WINDOW *body)
{
    placeholder_draw(body, what);
}

static const int bar[] = { ACT_OPERATOR, ACT_NONE };

const struct screen_ops screen_supplies = {
    .name = "supplies",
    .kind = SCREEN_LIST,
    .title = N_("Supplies"),
    .draw = draw,
    .bar = bar,
};

/* Its section of the household card, a placeholder too. */
static int card_lines(struct app *a, int64_t household_id, char (*lines)[256], int max)
{
    snprintf(lines[0], sizeof lines[0], "%s", _("Not kept yet: the supplies screen (F5) is a placeholder."));
    return 1;
}

const struct card_section hh_section_supplies = { N_("Supply orders"), card_lines };
