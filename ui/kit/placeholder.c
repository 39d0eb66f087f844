/* placeholder.c — the common body of the screens still to be built. */
#include "ui/kit/placeholder.h"

#include "src/i18n.h"
#include "ui/kit/draw.h"
#include "ui/kit/term.h"

#define MARGIN 2

void placeholder_draw(WINDOW *body, const char *const *what)
{
    int rows = getmaxy(body), cols = getmaxx(body) - 2 * MARGIN;
    int y = 1;

    draw_text_mark(body, y, MARGIN, cols, _("Placeholder: this screen is not built yet."),
                   term_attr(ROLE_HEADING), false);
    y += 2;
    for (; *what && y < rows; what++)
        y += draw_wrap(body, y, MARGIN, cols, rows - y, _(*what), term_attr(ROLE_NORMAL));
}
