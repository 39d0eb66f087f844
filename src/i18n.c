/* i18n.c — binds the message catalogue. */
#include "src/i18n.h"

#include <stdlib.h>

#include "gen/paths.h" /* DD_LOCALEDIR, from the Makefile */

void i18n_init(void)
{
    const char *dir = getenv("DUTYDESK_LOCALEDIR");

    bindtextdomain("dutydesk", dir && *dir ? dir : DD_LOCALEDIR);
    bind_textdomain_codeset("dutydesk", "UTF-8");
    textdomain("dutydesk");
}
