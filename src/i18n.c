/* i18n.c — binds the message catalogue. */
#include "src/i18n.h"

#include <stdlib.h>

#ifndef DD_LOCALEDIR
#define DD_LOCALEDIR "/usr/local/share/locale"
#endif

void i18n_init(void)
{
    const char *dir = getenv("DUTYDESK_LOCALEDIR");

    bindtextdomain("dutydesk", dir && *dir ? dir : DD_LOCALEDIR);
    bind_textdomain_codeset("dutydesk", "UTF-8");
    textdomain("dutydesk");
}
