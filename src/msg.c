/* msg.c — messages for the person, to stderr or to the interface's sink. */
#include "src/msg.h"

#include <stdio.h>
#include <stdlib.h>

#include "src/text.h"

static msg_sink_fn sink;
static void *sink_ctx;
static void (*cleanup_fn)(void);

void msg_set_sink(msg_sink_fn fn, void *ctx)
{
    sink = fn;
    sink_ctx = ctx;
}

void msg_set_cleanup(void (*cleanup)(void))
{
    cleanup_fn = cleanup;
}

void msg_run_cleanup(void)
{
    void (*fn)(void) = cleanup_fn;

    cleanup_fn = NULL;
    if (fn)
        fn();
}

void msg_vsay(enum msg_level level, const char *fmt, va_list ap)
{
    char raw[1024], text[1024];

    /* A message may quote a name, a file or a path: it reaches the
     * terminal without a control character, on one line. */
    vsnprintf(raw, sizeof raw, fmt, ap);
    text_clean(text, sizeof text, raw, NULL);
    if (sink) {
        sink(level, text, sink_ctx);
        return;
    }
    fflush(stdout);
    fprintf(stderr, "dutydesk: %s\n", text);
}

#define SAY(level)                 \
    do {                           \
        va_list ap;                \
        va_start(ap, fmt);         \
        msg_vsay(level, fmt, ap);  \
        va_end(ap);                \
    } while (0)

void msg_info(const char *fmt, ...)
{
    SAY(MSG_INFO);
}

void msg_warn(const char *fmt, ...)
{
    SAY(MSG_WARN);
}

void msg_error(const char *fmt, ...)
{
    SAY(MSG_ERROR);
}

_Noreturn void msg_fatal(const char *fmt, ...)
{
    va_list ap;

    msg_run_cleanup();
    sink = NULL;
    va_start(ap, fmt);
    msg_vsay(MSG_ERROR, fmt, ap);
    va_end(ap);
    exit(1);
}
