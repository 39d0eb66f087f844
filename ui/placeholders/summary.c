/* ui/placeholders/summary.c — F6, the daily summary (日报).  Not built yet: the body
 * says so and what the screen will hold. */
#include "src/i18n.h"
#include "ui/kit/placeholder.h"
#include "ui/kit/screen.h"

static const char *const what[] = {
    N_("Here you will read today's figures: households, people in quarantine, "
       "releases, health checks, shifts on post and supply orders, with charts."),
    N_("You will export the daily summary as text for the street office."),
    NULL,
};

static void draw(struct app *a, void *st, WINDOW *body)
{
    placeholder_draw(body, what);
}

static const int bar[] = { ACT_OPERATOR, ACT_NONE };

const struct screen_ops screen_summary = {
    .name = "summary",
    .kind = SCREEN_LIST,
    .title = N_("Summary"),
    .draw = draw,
    .bar = bar,
};
