/* i18n.h — gettext marking.  _() translates now; N_() marks a string in a
 * static table to be translated where it is shown. */
#ifndef DD_I18N_H
#define DD_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Binds the "dutydesk" text domain: $DUTYDESK_LOCALEDIR when set (an
 * uninstalled build), else the compiled-in locale directory. */
void i18n_init(void);

#endif
