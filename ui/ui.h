/* ui.h — the terminal interface, entered from the command line. */
#ifndef DD_UI_H
#define DD_UI_H

#include "src/cli.h"

/* Runs the interface until the person quits; returns the exit status.
 * Restores the terminal on every way out. */
int ui_run(struct session *s);

#endif
