/* i18n.h — gettext marking.  _() translates now; N_() marks a string in a
 * static table to be translated where it is shown. */
#ifndef DD_I18N_H
#define DD_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Binds the "dutydesk" text domain to the first folder holding the
 * catalogue of the locale's language: $DUTYDESK_LOCALEDIR when set, else
 * the compiled-in locale folder, "locale" beside the program (the build
 * tree) or "../share/locale" from the program's folder.  When Chinese is
 * asked for and found nowhere, says so once on stderr (English is shown).
 * Call after setlocale and before the interface starts. */
void i18n_init(void);

#endif
