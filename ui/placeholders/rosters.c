/* ui/placeholders/rosters.c — F4, checkpoint duty rosters (卡点排班).  Not built
 * yet: the body says so and what the screen will hold. */
#include "src/i18n.h"
#include "ui/kit/placeholder.h"
#include "ui/kit/screen.h"

static const char *const what[] = {
    N_("Here you will plan the checkpoint rosters: checkpoints by shifts by days, "
       "and the staff and volunteers on each shift."),
    N_("You will check people in on post and see the shifts nobody covers."),
    NULL,
};

static void draw(struct app *a, void *st, WINDOW *body)
{
    placeholder_draw(body, what);
}

static const int bar[] = { ACT_OPERATOR, ACT_NONE };

const struct screen_ops screen_rosters = {
    .name = "rosters",
    .kind = SCREEN_LIST,
    .title = N_("Rosters"),
    .draw = draw,
    .bar = bar,
};
