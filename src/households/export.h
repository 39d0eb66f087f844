/* export.h — lists written out as CSV for Excel and WPS.
 *
 * UTF-8 with a BOM, CRLF, the importer's Chinese column names; ID and phone
 * numbers masked unless UNMASKED (src/text.h), and kept as text for the
 * spreadsheet by a leading TAB; a cell a spreadsheet would run as a formula
 * (= + - @) begins with a '; control characters are not written.  Residents who moved out are included, with
 * their date and destination, after those still living in the household. */
#ifndef DD_EXPORT_H
#define DD_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "db/db.h"

/* Every resident, by address, with the household's own phone and notes on
 * each row: every field the importer reads, so an unmasked export imports
 * into a new database as the same community.  0 with *COUNT rows written,
 * or -1 with db_errmsg (a write error on OUT is the caller's to check with
 * ferror). */
int export_residents(db *d, FILE *out, bool unmasked, long *count);

/* Records in the trail (export_run, audited) that ROWS rows of the list
 * WHAT went to FILE ("-": standard output) with ID and phone numbers in
 * full.  The caller runs it in the transaction that read the rows, so the
 * count is exact, and exports nothing it could not record.  0, or -1 with
 * db_errmsg. */
int export_record(db *d, const char *what, const char *file, long rows);

#endif
