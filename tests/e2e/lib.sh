# lib.sh — helpers for the end-to-end tests (POSIX sh; run.sh sources it).
#
# Every case runs in a process of its own, in a fresh scratch directory (its
# working directory), with these set by run.sh:
#   DD_E2E_PROG     the program under test (absolute path)
#   DD_E2E_ROOT     the source tree
#   DD_E2E_SCRATCH  the scratch directory
#   DD_E2E_SOCK     the name of this case's private tmux server (tmux -L)
#   XDG_CONFIG_HOME, XDG_DATA_HOME, HOME   inside the scratch directory
#   DUTYDESK_LOCALEDIR, DUTYDESK_TODAY, DUTYDESK_NOW, LANG=C.UTF-8
#
# A case is a shell function named case_SOMETHING in a tests/e2e/t_*.sh file.
# It passes when it returns 0.  It fails through `fail REASON` (every expect_
# and wait_ helper calls it), which prints the reason and, when the program
# runs in tmux, the whole screen.  `skip REASON` ends it as skipped.
#
# The terminal (the program runs in tmux; 80x24 unless told otherwise):
#   dd_start [-s WxH] [-l LOCALE] [ARG...]   start the program
#   dd_start_ready [-s WxH] [-l LOCALE] [ARG...]
#                          start it and wait for the ready marker (the title
#                          bar's "dutydesk" and the key bar's F10)
#   send KEY...            tmux key names: F2 Escape Enter Tab BTab C-s BSpace
#                          (send -N 20 BSpace repeats)
#   type TEXT              literal text (send-keys -l), Chinese included
#   resize W H             resize the terminal
#   wait_for TEXT [SECS]   poll the screen every 0.05 s until TEXT shows (10 s)
#   wait_gone TEXT [SECS]  poll until TEXT is no longer on the screen
#   wait_until SECS WHAT CMD [ARG...]   poll until CMD succeeds (CMD reads
#                          the screen from the file $DD_SCREEN)
#   expect_screen TEXT...  every TEXT is on the screen now
#   expect_not TEXT...     no TEXT is on the screen now
#   expect_line N TEXT     row N holds TEXT now
#   wait_line N TEXT [SECS]  poll until row N holds TEXT
#   expect_own_line TEXT   some row is exactly TEXT (leading/trailing spaces aside)
#   wait_status TEXT [SECS]  poll until the status line (wrapped: up to 4 rows
#                          above the key bar) holds TEXT, on a row or across
#                          the rows it wraps over
#   status_row_of TEXT     the row of the status line that holds TEXT, or -1
#   screen                 print the screen (capture-pane -p)
#   screen_line N          print row N (0 is the top row)
#   last_row               the number of the bottom row
#   width TEXT             display width of TEXT in columns
#   col_of TEXT ROW        the column (from 0) where TEXT starts on ROW, or -1
#   row_of TEXT            the first row that holds TEXT, or -1
#   screen_changes_from FILE [SECS]   wait for the screen to differ from FILE
#   expect_title_bar COLS RIGHT       row 0: " dutydesk..." ending in RIGHT at
#                          the last column, COLS columns wide
#   expect_key_bar TEXT    the bottom row starts with TEXT
#   expect_golden NAME     the screen is, row for row, the file
#                          tests/e2e/expected/NAME.txt (polled for up to 3 s);
#                          with UPDATE=1 the file is written from the screen
#                          instead, once it has stayed the same for 0.3 s
#   prog_pid               the program's process id (for kill)
#   cursor_pos             the terminal cursor as X,Y; cursor_at X Y tests it
#   pane_dead, alternate_on   tmux's #{pane_dead} and #{alternate_on}
#   wait_exit [SECS]       wait until the program has ended
#   exit_status            its exit status, once it has ended
#   expect_exit STATUS [SECS]
#
# The command line (no tmux):
#   dd_run ARG...          run the program; sets DD_STATUS, and the files
#                          $DD_OUT and $DD_ERR hold what it printed
#   expect_status N, expect_out TEXT, expect_out_line LINE, expect_err TEXT,
#   expect_err_line LINE, expect_empty FILE
#
# Fixtures: dd_init_db PATH [--demo], dd_fixture_db, dd_have_zh_locale,
# dd_as_other_user.
#
# F2, households (English): to_list puts the keyboard in the list (Tab from
# the search box) unless it is there already.
#
# `type` here is the helper above, not the shell builtin: use `command -v`.
# Internal variables start with _dd_ so they do not clash with a case's own.

DD_SESSION=e2e
DD_SCREEN=$DD_E2E_SCRATCH/screen.txt
DD_OUT=$DD_E2E_SCRATCH/stdout.txt
DD_ERR=$DD_E2E_SCRATCH/stderr.txt
DD_STATUS=
DD_CMD=
_dd_bg_pids=
_dd_tmux_up=0

# ---- outcome -------------------------------------------------------------

_dd_on_exit() {
    for _dd_p in $_dd_bg_pids; do
        kill "$_dd_p" 2>/dev/null
    done
}
trap _dd_on_exit EXIT

# Registers a background process to be killed when the case ends.
dd_bg() {
    _dd_bg_pids="$_dd_bg_pids $1"
}

# Both write to stderr, so they work inside $(...) too.
fail() {
    {
        echo "reason: $*"
        if [ "$_dd_tmux_up" = 1 ]; then
            dd_dump_screen
        fi
    } >&2
    exit 1
}

skip() {
    echo "$*" >&2
    exit 77
}

# Prints the screen with row numbers, and the program's state.
dd_dump_screen() {
    if ! dd_tmux capture-pane -p -t "$DD_SESSION" > "$DD_SCREEN.dump" 2>/dev/null; then
        echo "(no screen: the tmux server is gone)"
        return
    fi
    echo "screen $(_dd_fmt '#{pane_width}x#{pane_height}'); the program $(_dd_state_words):"
    awk '{ printf "%02d|%s\n", NR - 1, $0 }' "$DD_SCREEN.dump"
}

_dd_state_words() {
    if [ "$(pane_dead)" = 1 ]; then
        echo "ended with exit status $(exit_status)"
    else
        echo "is running"
    fi
}

# ---- tmux ----------------------------------------------------------------

dd_tmux() {
    tmux -L "$DD_E2E_SOCK" -f /dev/null "$@"
}

_dd_fmt() {
    dd_tmux display-message -p -t "$DD_SESSION" "$1" 2>/dev/null
}

# Quotes one word for sh.
_dd_quote() {
    printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

dd_start() {
    _dd_w=80 _dd_h=24 _dd_loc=C.UTF-8
    while [ $# -gt 0 ]; do
        case $1 in
            -s) _dd_w=${2%x*}; _dd_h=${2#*x}; shift 2 ;;
            -l) _dd_loc=$2; shift 2 ;;
            *) break ;;
        esac
    done
    _dd_launch=$DD_E2E_SCRATCH/launch.sh
    # The program gets exactly this environment.  It runs as a child of the
    # launcher, which writes its pid and, at the end, its exit status: tmux
    # 3.3 loses #{pane_dead_status} now and then (when the pane's terminal
    # closes before tmux has reaped the process), so the status comes from
    # here.  The shell gives a death by signal N as 128+N, like an exit.
    rm -f "$DD_E2E_SCRATCH/prog.pid" "$DD_E2E_SCRATCH/exit-status"
    {
        echo '#!/bin/sh'
        echo "cd $(_dd_quote "$DD_E2E_SCRATCH") || exit 126"
        printf '%s' "sh -c 'echo \$\$ > prog.pid; exec \"\$@\"' sh"
        printf ' env -u LC_ALL -u LC_CTYPE -u LC_MESSAGES -u LANGUAGE'
        for _dd_v in "LANG=$_dd_loc" TERM=tmux-256color ESCDELAY=25 \
                 "XDG_CONFIG_HOME=$XDG_CONFIG_HOME" "XDG_DATA_HOME=$XDG_DATA_HOME" \
                 "HOME=$HOME" "DUTYDESK_LOCALEDIR=$DUTYDESK_LOCALEDIR" \
                 "DUTYDESK_TODAY=$DUTYDESK_TODAY" "DUTYDESK_NOW=$DUTYDESK_NOW" \
                 "$DD_E2E_PROG" "$@"; do
            printf ' %s' "$(_dd_quote "$_dd_v")"
        done
        echo
        echo 'st=$?'
        echo 'echo "$st" > exit-status.tmp && mv exit-status.tmp exit-status'
        echo 'exit "$st"'
    } > "$_dd_launch"
    # The options are set in the same command list as new-session, so they
    # are in place before the program could end.
    dd_tmux new-session -d -s "$DD_SESSION" -x "$_dd_w" -y "$_dd_h" \
            "exec sh $(_dd_quote "$_dd_launch")" \; \
        set -g remain-on-exit on \; set -g status off \; set -g window-size manual \; \
        set -g default-terminal tmux-256color \; set -s escape-time 0 \
        || fail "could not start tmux"
    _dd_tmux_up=1
}

dd_start_ready() {
    dd_start "$@"
    wait_for dutydesk
    wait_for F10
}

send() {
    dd_tmux send-keys -t "$DD_SESSION" "$@" || fail "send-keys $* failed"
}

type() {
    dd_tmux send-keys -t "$DD_SESSION" -l -- "$1" || fail "send-keys -l $1 failed"
}

resize() {
    dd_tmux resize-window -t "$DD_SESSION" -x "$1" -y "$2" || fail "resize-window to $1x$2 failed"
}

screen() {
    dd_tmux capture-pane -p -t "$DD_SESSION"
}

screen_line() {
    screen | sed -n "$(($1 + 1))p"
}

last_row() {
    echo $(($(_dd_fmt '#{pane_height}') - 1))
}

# Is the terminal cursor at column X, row Y?  (For wait_until.)
cursor_at() {
    [ "$(_dd_fmt '#{cursor_x},#{cursor_y}')" = "$1,$2" ]
}

cursor_pos()   { _dd_fmt '#{cursor_x},#{cursor_y}'; }
pane_dead()    { _dd_fmt '#{pane_dead}'; }
alternate_on() { _dd_fmt '#{alternate_on}'; }

prog_pid() {
    [ -s "$DD_E2E_SCRATCH/prog.pid" ] || fail "the program's pid is not known"
    cat "$DD_E2E_SCRATCH/prog.pid"
}

exit_status() {
    if [ -s "$DD_E2E_SCRATCH/exit-status" ]; then
        cat "$DD_E2E_SCRATCH/exit-status"
    else
        echo "unknown"
    fi
}

# Milliseconds since the epoch (GNU date).
_dd_ms() {
    date +%s%3N
}

# Polls the screen (into $DD_SCREEN) until "$@" succeeds.  Fails after SECS
# seconds, or at once when the program has ended.
_dd_poll() {
    _dd_secs=$1 _dd_what=$2
    shift 2
    _dd_deadline=$(($(_dd_ms) + _dd_secs * 1000))
    while :; do
        screen > "$DD_SCREEN" 2>/dev/null || fail "the tmux server is gone ($_dd_what)"
        "$@" && return 0
        if [ "$(pane_dead)" = 1 ]; then
            fail "the program $(_dd_state_words) ($_dd_what)"
        fi
        [ "$(_dd_ms)" -lt "$_dd_deadline" ] || fail "timed out after ${_dd_secs}s $_dd_what"
        sleep 0.05
    done
}

# Polls the screen until CMD ARG... succeeds; CMD reads the screen from the
# file $DD_SCREEN.  WHAT names the wait in the failure message.
wait_until() {
    _dd_wu_secs=$1 _dd_wu_what=$2
    shift 2
    _dd_poll "$_dd_wu_secs" "waiting for $_dd_wu_what" "$@"
}

_dd_has()   { grep -qF -- "$1" "$DD_SCREEN"; }
_dd_hasnt() { ! grep -qF -- "$1" "$DD_SCREEN"; }

wait_for() {
    _dd_poll "${2:-10}" "waiting for: $1" _dd_has "$1"
}

wait_gone() {
    _dd_poll "${2:-10}" "waiting for this to go: $1" _dd_hasnt "$1"
}

expect_screen() {
    screen > "$DD_SCREEN" || fail "the tmux server is gone"
    for _dd_t in "$@"; do
        _dd_has "$_dd_t" || fail "not on the screen: $_dd_t"
    done
}

expect_not() {
    screen > "$DD_SCREEN" || fail "the tmux server is gone"
    for _dd_t in "$@"; do
        _dd_hasnt "$_dd_t" || fail "on the screen, but should not be: $_dd_t"
    done
}

# Polls until row ROW holds TEXT.
wait_line() {
    _dd_poll "${3:-10}" "waiting for row $1 to hold: $2" _dd_row_has "$1" "$2"
}

_dd_row_has() {
    sed -n "$(($1 + 1))p" "$DD_SCREEN" | grep -qF -- "$2"
}

# Some row, without its leading and trailing spaces, is exactly TEXT (now).
expect_own_line() {
    screen > "$DD_SCREEN" || fail "the tmux server is gone"
    sed 's/^ *//; s/ *$//' "$DD_SCREEN" | grep -qxF -- "$1" \
        || fail "not on a line of its own: $1"
}

expect_line() {
    _dd_l=$(screen_line "$1")
    case $_dd_l in
        *"$2"*) ;;
        *) fail "row $1 does not hold: $2" ;;
    esac
}

# The status line is the row above the key bar; a longer message wraps
# upwards over the bottom of the body (at most 4 rows).  wait_status polls
# until one of those rows holds TEXT; status_row_of prints the first row of
# them that holds TEXT now, or -1.
wait_status() {
    _dd_poll "${2:-10}" "waiting for the status line to hold: $1" _dd_status_has "$1"
}

# TEXT on a row of the status line, or across its rows (a message wrapped
# at a space, or between two Chinese characters).
_dd_status_has() {
    _dd_last=$(($(wc -l < "$DD_SCREEN") - 1))
    _dd_rows=$(sed -n "$((_dd_last - 4 + 1)),$((_dd_last))p" "$DD_SCREEN")
    printf '%s\n' "$_dd_rows" | grep -qF -- "$1" && return 0
    printf '%s\n' "$_dd_rows" | sed 's/^ *//; s/ *$//' | paste -sd ' ' | grep -qF -- "$1" \
        && return 0
    printf '%s\n' "$_dd_rows" | sed 's/^ *//; s/ *$//' | paste -sd '' | grep -qF -- "$1"
}

status_row_of() {
    _dd_last=$(last_row)
    screen | awk -v t="$1" -v from=$((_dd_last - 4)) -v to=$((_dd_last - 1)) \
        'NR - 1 >= from && NR - 1 <= to && index($0, t) { print NR - 1; f = 1; exit }
         END { if (!f) print -1 }'
}

# The first row that holds TEXT (now), or -1.
row_of() {
    screen | awk -v t="$1" 'index($0, t) { print NR - 1; found = 1; exit } END { if (!found) print -1 }'
}

# Waits until the screen differs from what FILE holds; returns 1 (without
# failing) when it stays the same for SECS seconds (default 1).
screen_changes_from() {
    _dd_deadline=$(($(_dd_ms) + ${2:-1} * 1000))
    while :; do
        screen > "$DD_SCREEN" 2>/dev/null || fail "the tmux server is gone"
        cmp -s "$DD_SCREEN" "$1" || return 0
        [ "$(_dd_ms)" -lt "$_dd_deadline" ] || return 1
        sleep 0.05
    done
}

# The title bar (row 0): starts with " dutydesk", ends with RIGHT (the
# operator and the date) in the last column, and is exactly COLS columns
# wide in display width.
expect_title_bar() {
    _dd_l=$(screen_line 0)
    case $_dd_l in
        " dutydesk"*) ;;
        *) fail "the title bar does not start with ' dutydesk'" ;;
    esac
    case $_dd_l in
        *"$2") ;;
        *) fail "the title bar does not end with '$2'" ;;
    esac
    _dd_w=$(width "$_dd_l")
    [ "$_dd_w" = "$1" ] || fail "the title bar is $_dd_w columns wide, not $1"
}

# The key bar (the bottom row) starts with TEXT.
expect_key_bar() {
    _dd_l=$(screen_line "$(last_row)")
    _dd_l=${_dd_l#"${_dd_l%%[! ]*}"}
    case $_dd_l in
        "$1"*) ;;
        *) fail "the key bar does not start with: $1" ;;
    esac
}

# Display width in terminal columns.  capture-pane prints a double-width
# character once, so characters are not columns: wc -L measures with the C
# library's wcwidth in a UTF-8 locale, as the program does.
width() {
    printf '%s\n' "$1" | LC_ALL=C.UTF-8 wc -L | tr -d ' '
}

col_of() {
    _dd_l=$(screen_line "$2")
    case $_dd_l in
        *"$1"*) width "${_dd_l%%"$1"*}" ;;
        *) echo -1 ;;
    esac
}

# Waits until the program has ended and the terminal has closed (so tmux
# has read all it wrote, the rmcup that leaves the alternate screen too).
wait_exit() {
    _dd_deadline=$(($(_dd_ms) + ${1:-10} * 1000))
    while [ "$(pane_dead)" != 1 ]; do
        [ "$(_dd_ms)" -lt "$_dd_deadline" ] || fail "the program is still running after ${1:-10}s"
        sleep 0.05
    done
}

expect_exit() {
    wait_exit "${2:-10}"
    _dd_st=$(exit_status)
    [ "$_dd_st" = "$1" ] || fail "exit status: expected $1, but the program $(_dd_state_words)"
}

# ---- command line ---------------------------------------------------------

dd_run() {
    DD_STATUS=0
    DD_CMD="dutydesk $*"
    "$DD_E2E_PROG" "$@" < /dev/null > "$DD_OUT" 2> "$DD_ERR" || DD_STATUS=$?
}

_dd_fail_run() {
    {
        echo "command: $DD_CMD (exit status $DD_STATUS)"
        echo "--- stdout:"
        cat "$DD_OUT"
        echo "--- stderr:"
        cat "$DD_ERR"
        echo "---"
    } >&2
    fail "$*"
}

expect_status() {
    [ "$DD_STATUS" = "$1" ] || _dd_fail_run "exit status: expected $1, got $DD_STATUS"
}

expect_out() {
    grep -qF -- "$1" "$DD_OUT" || _dd_fail_run "not in stdout: $1"
}

expect_out_line() {
    grep -qxF -- "$1" "$DD_OUT" || _dd_fail_run "no such line in stdout: $1"
}

expect_err() {
    grep -qF -- "$1" "$DD_ERR" || _dd_fail_run "not in stderr: $1"
}

expect_err_line() {
    grep -qxF -- "$1" "$DD_ERR" || _dd_fail_run "no such line in stderr: $1"
}

expect_empty() {
    [ ! -s "$1" ] || _dd_fail_run "$(basename "$1") should be empty"
}

# ---- fixtures ---------------------------------------------------------------

# Creates a database at PATH with `init` (and its further arguments).
dd_init_db() {
    _dd_db=$1
    shift
    "$DD_E2E_PROG" --db "$_dd_db" init "$@" > "$DD_E2E_SCRATCH/init.log" 2>&1 || {
        cat "$DD_E2E_SCRATCH/init.log" >&2
        fail "dutydesk --db $_dd_db init $* failed"
    }
}

# For the cases about permissions: root may write any file, so as root the
# program is run as the user nobody (setpriv, util-linux), from a copy of it
# that nobody can run, in a scratch directory nobody can enter; as anyone
# else, as that user.  Sets DD_E2E_PROG (dd_run and dd_start use it) and
# DD_OTHER_UID, the user the files of the case are to belong to.
dd_as_other_user() {
    if [ "$(id -u)" != 0 ]; then
        DD_OTHER_UID=$(id -u)
        return
    fi
    command -v setpriv > /dev/null || skip "setpriv (util-linux) is missing"
    mkdir -p "$DD_E2E_SCRATCH/bin"
    cp "$DD_E2E_PROG" "$DD_E2E_SCRATCH/bin/dutydesk"
    {
        echo '#!/bin/sh'
        echo "exec setpriv --reuid=65534 --regid=65534 --clear-groups $(_dd_quote "$DD_E2E_SCRATCH/bin/dutydesk")"' "$@"'
    } > "$DD_E2E_SCRATCH/bin/as-nobody"
    chmod 755 "$DD_E2E_SCRATCH" "$DD_E2E_SCRATCH/bin" "$DD_E2E_SCRATCH/bin/dutydesk" \
        "$DD_E2E_SCRATCH/bin/as-nobody"
    DD_E2E_PROG=$DD_E2E_SCRATCH/bin/as-nobody
    DD_OTHER_UID=65534
}

# A desk at $DD_E2E_SCRATCH/desk.db (its path in $db) with the six residents
# of the survey fixture, imported on the command line.
dd_fixture_db() {
    db=$DD_E2E_SCRATCH/desk.db
    dd_init_db "$db"
    dd_run --db "$db" import residents "$DD_E2E_ROOT/tests/fixtures/residents-utf8.csv"
    expect_status 0
}

dd_have_zh_locale() {
    locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'
}

# ---- golden screens ------------------------------------------------------

expect_golden() {
    _dd_gold=$DD_E2E_ROOT/tests/e2e/expected/$1.txt
    if [ "${UPDATE:-}" = 1 ]; then
        mkdir -p "$(dirname "$_dd_gold")"
        screen > "$DD_E2E_SCRATCH/golden.txt"
        while :; do
            sleep 0.3
            screen > "$DD_SCREEN"
            cmp -s "$DD_SCREEN" "$DD_E2E_SCRATCH/golden.txt" && break
            cp "$DD_SCREEN" "$DD_E2E_SCRATCH/golden.txt"
        done
        cp "$DD_SCREEN" "$_dd_gold"
        echo "wrote $_dd_gold" >&2
        return 0
    fi
    [ -f "$_dd_gold" ] || fail "no golden screen $1 (UPDATE=1 writes it)"
    _dd_deadline=$(($(_dd_ms) + 3000))
    while :; do
        screen > "$DD_SCREEN" 2>/dev/null || fail "the tmux server is gone"
        cmp -s "$DD_SCREEN" "$_dd_gold" && return 0
        [ "$(_dd_ms)" -lt "$_dd_deadline" ] || break
        sleep 0.05
    done
    diff -u "$_dd_gold" "$DD_SCREEN" >&2
    fail "the screen differs from the golden screen $1 (above; UPDATE=1 rewrites it)"
}

# ---- F2 ------------------------------------------------------------------

to_list() {
    case $(screen_line $(($(last_row) - 2))) in
        *aAdd*) return 0 ;;
    esac
    send Tab
    wait_line $(($(last_row) - 2)) 'EnterOpen aAdd'
}
