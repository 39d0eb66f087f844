/* term.h — the terminal: curses start and stop, input, colours, signals.
 *
 * term_start() installs handlers for SIGTERM, SIGHUP and SIGINT (before
 * initscr, so curses keeps ours), starts curses in raw mode (Ctrl-S and
 * Ctrl-C reach the program as keys) with keypad on, no echo, a 25 ms Escape
 * delay (unless ESCDELAY is set in the environment) and the cursor hidden,
 * and registers term_stop() with msg_set_cleanup so a fatal error restores
 * the terminal first.  The signal handlers only record the signal; the
 * main loop asks term_signal() after each read, which returns within the
 * read timeout.  term_stop() is safe to call more than once. */
#ifndef DD_UI_TERM_H
#define DD_UI_TERM_H

#include <curses.h>
#include <stdbool.h>

/* What a piece of the screen is, for its attributes. */
enum term_role {
    ROLE_NORMAL,
    ROLE_TITLE,     /* the title bar */
    ROLE_BAR_KEY,   /* a key name in the key bar */
    ROLE_BAR_LABEL, /* its label */
    ROLE_ERROR,     /* an error on the status line, a field's error */
    ROLE_FIELD,     /* the editable area of a field */
    ROLE_HEADING,   /* headings inside a screen */
    ROLE_FRAME,     /* the border of a box */
    ROLE_COUNT
};

/* Starts the terminal; COLORS: the config's ui.colors.  Returns false when
 * the terminal could not be set up (a message has been given). */
bool term_start(bool colors);
void term_stop(void);

/* Are colours in use (has_colors() and the config allows them)? */
bool term_colors(void);
attr_t term_attr(enum term_role role);

/* Reads one key, waiting at most TIMEOUT_MS.  Returns the key code
 * (keys.h), or KEYS_NONE on timeout or when a signal interrupted the wait. */
int term_read_key(int timeout_ms);

/* The signal that asked the program to end, or 0. */
int term_signal(void);

/* Puts the terminal cursor at Y, X of the screen and shows it, or hides it
 * (Y < 0); takes effect at the next update of stdscr. */
void term_cursor(int y, int x);

#endif
