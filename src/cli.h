/* cli.h — the command line: options, commands, exit codes.
 *
 *   dutydesk [--db PATH] [--config PATH] [--operator NAME] [COMMAND ...]
 *
 * Exit status: 0 success; 1 the work failed or input was rejected; 2 a usage
 * error.  With no command, the terminal interface is opened through the
 * function the program passes in (the core never draws). */
#ifndef DD_CLI_H
#define DD_CLI_H

#include <limits.h>
#include <stdbool.h>

#include "db/db.h"
#include "src/config.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* What the terminal interface is handed: the settings, the open database
 * (already migrated, operator and clock set) and who is working. */
struct session {
    struct config cfg;
    char db_path[PATH_MAX];
    char operator_name[CFG_STR];
    bool db_explicit;            /* named with --db or in the config file */
    db *db;
};

typedef int (*cli_ui_fn)(struct session *s);

int cli_main(int argc, char **argv, cli_ui_fn run_ui);

/* Changes who is working for the rest of the session (audit trail too). */
void session_set_operator(struct session *s, const char *name);

#endif
