/* scratch.h — a scratch database for the unit tests of the core.
 *
 * scratch_open makes a private directory under /tmp, creates desk.db in it
 * with the whole schema, and sets the operator and the clock the audit
 * trail records (2026-11-23T09:30:00).  scratch_close checks that nothing
 * was left open (statements, transactions), frees ICU's objects and removes
 * the directory. */
#ifndef DD_TEST_SCRATCH_H
#define DD_TEST_SCRATCH_H

#include "db/db.h"

struct scratch {
    char dir[64];
    db *d;
};

/* Fails the test when the database cannot be made. */
db *scratch_open(struct scratch *s, const char *operator_name);
void scratch_close(struct scratch *s);

#endif
