/* term.c — curses set-up and tear-down, input, colours, signal flags. */
#include "ui/kit/term.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/i18n.h"
#include "src/msg.h"
#include "ui/kit/keys.h"

static volatile sig_atomic_t caught;
static bool started;
static bool use_colors;
static attr_t attrs[ROLE_COUNT];

enum { PAIR_TITLE = 1, PAIR_BAR_LABEL, PAIR_ERROR, PAIR_FIELD, PAIR_HEADING };

static void on_signal(int sig)
{
    caught = sig;
}

static void install_signals(void)
{
    static const int sigs[] = { SIGTERM, SIGHUP, SIGINT };
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a waiting read returns at once */
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, NULL);
}

static void set_attrs(void)
{
    attrs[ROLE_NORMAL] = A_NORMAL;
    attrs[ROLE_TITLE] = A_REVERSE;
    attrs[ROLE_BAR_KEY] = A_NORMAL;
    attrs[ROLE_BAR_LABEL] = A_REVERSE;
    attrs[ROLE_ERROR] = A_BOLD;
    attrs[ROLE_FIELD] = A_UNDERLINE;
    attrs[ROLE_HEADING] = A_BOLD;
    attrs[ROLE_FRAME] = A_NORMAL;
    if (!use_colors)
        return;
    start_color();
    use_default_colors();
    init_pair(PAIR_TITLE, COLOR_BLACK, COLOR_CYAN);
    init_pair(PAIR_BAR_LABEL, COLOR_BLACK, COLOR_CYAN);
    init_pair(PAIR_ERROR, COLOR_RED, -1);
    init_pair(PAIR_FIELD, COLOR_WHITE, COLOR_BLUE);
    init_pair(PAIR_HEADING, COLOR_YELLOW, -1);
    attrs[ROLE_TITLE] = COLOR_PAIR(PAIR_TITLE);
    attrs[ROLE_BAR_LABEL] = COLOR_PAIR(PAIR_BAR_LABEL);
    attrs[ROLE_ERROR] = COLOR_PAIR(PAIR_ERROR) | A_BOLD;
    attrs[ROLE_FIELD] = COLOR_PAIR(PAIR_FIELD) | A_UNDERLINE;
    attrs[ROLE_HEADING] = COLOR_PAIR(PAIR_HEADING) | A_BOLD;
}

bool term_start(bool colors)
{
    caught = 0;
    install_signals();
    if (!newterm(NULL, stdout, stdin)) {
        msg_error("%s", _("cannot start the terminal interface: the terminal type "
                          "(TERM) is unknown; set TERM, e.g. TERM=xterm-256color"));
        return false;
    }
    started = true;
    msg_set_cleanup(term_stop);
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    if (!getenv("ESCDELAY"))
        set_escdelay(25);
    curs_set(0);
    use_colors = colors && has_colors();
    set_attrs();
    return true;
}

void term_stop(void)
{
    if (!started)
        return;
    started = false;
    curs_set(1);
    endwin();
    fflush(stdout);
}

bool term_colors(void)
{
    return use_colors;
}

attr_t term_attr(enum term_role role)
{
    return role >= 0 && role < ROLE_COUNT ? attrs[role] : A_NORMAL;
}

int term_read_key(int timeout_ms)
{
    wint_t ch = 0;
    int ret;

    if (caught)
        return KEYS_NONE;
    wtimeout(stdscr, timeout_ms);
    ret = wget_wch(stdscr, &ch);
    if (ret == ERR)
        return KEYS_NONE;
    return keys_from_input(ret, ch);
}

int term_signal(void)
{
    return (int)caught;
}

void term_cursor(int y, int x)
{
    if (y < 0) {
        curs_set(0);
        return;
    }
    wmove(stdscr, y, x);
    curs_set(1);
}
