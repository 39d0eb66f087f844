/* conn.h — for the files of db/ only: the SQLite connection of a db. */
#ifndef DD_CONN_H
#define DD_CONN_H

#include <sqlite3.h>

#include "db/db.h"

sqlite3 *db_conn(db *d);
/* Sets the message db_errmsg returns. */
void db_say(db *d, const char *msg);

#endif
