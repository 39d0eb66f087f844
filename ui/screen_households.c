/* screen_households.c — F2, households (一户一档).  Not built yet: the
 * body says so and what the screen will hold. */
#include "src/i18n.h"
#include "ui/placeholder.h"
#include "ui/screen.h"

static const char *const what[] = {
    N_("Here you will search households as you type, by name, address, ID number or phone."),
    N_("The household card will show the address, the head of the household and every member."),
    NULL,
};

static void draw(struct app *a, WINDOW *body)
{
    placeholder_draw(body, what);
}

static const enum action bar[] = { ACT_OPERATOR, ACT_NONE };

const struct screen_ops screen_households = {
    .id = SCR_HOUSEHOLDS,
    .title = N_("Households"),
    .draw = draw,
    .bar_actions = bar,
};
