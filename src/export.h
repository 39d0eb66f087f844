/* export.h — lists written out as CSV for Excel and WPS.
 *
 * UTF-8 with a BOM, CRLF, the importer's Chinese column names; ID and phone
 * numbers masked unless UNMASKED (src/text.h), and kept as text for the
 * spreadsheet by a leading TAB.  Residents who moved out are included, with
 * their date and destination, after those still living in the household. */
#ifndef DD_EXPORT_H
#define DD_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "db/db.h"

/* Every resident, by address.  0 with *COUNT rows written, or -1 with
 * db_errmsg (a write error on OUT is the caller's to check with ferror). */
int export_residents(db *d, FILE *out, bool unmasked, long *count);

#endif
