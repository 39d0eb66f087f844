/* ui/placeholders/quarantine.c — F3, quarantine (居家隔离, 集中隔离, 居家健康监测).
 * Not built yet: the body says so and what the screen will hold. */
#include <stdio.h>

#include "src/i18n.h"
#include "ui/households/hh.h"
#include "ui/kit/placeholder.h"
#include "ui/kit/screen.h"

static const char *const what[] = {
    N_("Here you will see who is in home quarantine, centralised quarantine or home health "
       "monitoring, with the start and end dates."),
    N_("You will record the twice-daily health checks and release people on the due day."),
    NULL,
};

static void draw(struct app *a, void *st, WINDOW *body)
{
    placeholder_draw(body, what);
}

static const int bar[] = { ACT_OPERATOR, ACT_NONE };

const struct screen_ops screen_quarantine = {
    .name = "quarantine",
    .kind = SCREEN_LIST,
    .title = N_("Quarantine"),
    .draw = draw,
    .bar = bar,
};

/* Its section of the household card, a placeholder too. */
static int card_lines(struct app *a, int64_t household_id, char (*lines)[256], int max)
{
    snprintf(lines[0], sizeof lines[0], "%s", _("Not kept yet: the quarantine screen (F3) is a placeholder."));
    return 1;
}

const struct card_section hh_section_quarantine = { N_("Quarantines"), card_lines };
