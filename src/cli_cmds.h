/* cli_cmds.h — what the command files share with cli.c (not for ui/). */
#ifndef DD_CLI_CMDS_H
#define DD_CLI_CMDS_H

#include <stdbool.h>

#include "src/cli.h"

/* Says "dutydesk: TEXT (see dutydesk --help)" and returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* An option with a value: "NAME VALUE" or "NAME=VALUE" at ARGV[*I].  1 when
 * it is NAME (the value in *VAL, *I moved past it), 0 when not, -1 when its
 * value is missing. */
int cli_option_value(int argc, char **argv, int *i, const char *name, const char **val);

/* Opens s->db_path into s->db (CREATE: make it when missing).  0, or -1
 * after saying why. */
int cli_open_store(struct session *s, bool create);

/* Opens the community's database for work: a missing default database is
 * created, a missing one the person named is refused.  0, or -1 after
 * saying why. */
int cli_open_work(struct session *s);

/* Opens the community's database for a command that only reads it
 * (lookup, export, backup, check): like cli_open_work, but a file that
 * cannot be written is opened read-only (store_readonly says so).  0, or -1
 * after saying why. */
int cli_open_read(struct session *s);

/* The commands on households and residents (src/households/cli.c).  ARGV holds
 * the words after the command's name. */
int cmd_import(struct session *s, int argc, char **argv);
int cmd_lookup(struct session *s, int argc, char **argv);
int cmd_export(struct session *s, int argc, char **argv);

#endif
