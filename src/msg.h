/* msg.h — messages for the person, routed by mode.
 *
 * On the command line a message goes to stderr as one line
 * ("dutydesk: ..."); inside the terminal interface the interface installs a
 * sink and the same call shows it on the status line.  A fatal error first
 * runs the cleanup hook (the interface restores the terminal there), then
 * prints and exits with status 1.  Control characters in a message (a name
 * or a path it quotes) are shown as U+FFFD: none reaches the terminal. */
#ifndef DD_MSG_H
#define DD_MSG_H

#include <stdarg.h>

enum msg_level { MSG_INFO, MSG_WARN, MSG_ERROR };

typedef void (*msg_sink_fn)(enum msg_level level, const char *text, void *ctx);

void msg_set_sink(msg_sink_fn sink, void *ctx); /* NULL: back to stderr */
void msg_set_cleanup(void (*cleanup)(void));

void msg_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_vsay(enum msg_level level, const char *fmt, va_list ap);
_Noreturn void msg_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Runs the cleanup hook once (idempotent); for exit paths. */
void msg_run_cleanup(void);

#endif
