/* ui/placeholders/quarantine.c — F3, quarantine (居家隔离, 集中隔离, 居家健康监测).
 * Not built yet: the body says so and what the screen will hold. */
#include "src/i18n.h"
#include "ui/kit/placeholder.h"
#include "ui/kit/screen.h"

static const char *const what[] = {
    N_("Here you will see who is in home quarantine, centralised quarantine or home health "
       "monitoring, with the start and end dates."),
    N_("You will record the twice-daily health checks and release people on the due day."),
    NULL,
};

static void draw(struct app *a, WINDOW *body)
{
    placeholder_draw(body, what);
}

static const enum action bar[] = { ACT_OPERATOR, ACT_NONE };

const struct screen_ops screen_quarantine = {
    .id = SCR_QUARANTINE,
    .title = N_("Quarantine"),
    .draw = draw,
    .bar_actions = bar,
};
