#!/bin/sh
# run.sh PROG — the end-to-end tests: drives the real program PROG on its
# command line and in a private tmux server, against scratch files.
#
# Runs every case (a function case_NAME) of every tests/e2e/t_*.sh, sorted by
# file and in file order, each in a process of its own with a fresh scratch
# directory (removed afterwards unless the case failed), a private tmux
# server, and a time limit.  Prints "ok - NAME", "not ok - NAME" (with the
# reason and the screen) or "skip - NAME: why" per case, then one line
# "N passed, N failed".  Exit status 1 when a case failed, 2 on a usage error.
#
# Environment: DD_E2E_TIMEOUT  seconds one case may take (default 60)
#              DD_E2E_ONLY     run only the cases whose NAME contains this
set -u

if [ $# -ne 1 ]; then
    echo "usage: sh tests/e2e/run.sh PROG" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
prog=$1
case $prog in
    /*) ;;
    *) prog=$(pwd)/$prog ;;
esac
if [ ! -f "$prog" ] || [ ! -x "$prog" ]; then
    echo "run.sh: $1 is not an executable program; build it first (make)" >&2
    exit 2
fi
if ! command -v tmux > /dev/null 2>&1; then
    echo "run.sh: tmux is not installed; run: sh scripts/deps.sh test" >&2
    exit 2
fi
localedir=$(cd "$(dirname "$prog")" && pwd)/locale
limit=${DD_E2E_TIMEOUT:-60}
only=${DD_E2E_ONLY:-}
sockdir=${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)

# The cases and the tools see one locale; nothing of the caller's tmux.
unset LC_ALL LC_CTYPE LC_MESSAGES LC_COLLATE LANGUAGE TMUX TMUX_PANE
export LANG=C.UTF-8

n=0 passed=0 failed=0 skipped=0
socks="" casepid=""

cleanup() {
    if [ -n "$casepid" ]; then
        kill "$casepid" 2>/dev/null
        wait "$casepid" 2>/dev/null
        echo "run.sh: interrupted during $name (scratch directory: $scratch)" >&2
    fi
    for s in $socks; do
        tmux -L "$s" -f /dev/null kill-server 2>/dev/null
        rm -f "$sockdir/$s"
    done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

if command -v timeout > /dev/null 2>&1; then
    limiter="timeout -k 5 $limit"
else
    limiter=
fi

# run_case FILE CASE NAME
run_case() {
    n=$((n + 1))
    scratch=$(mktemp -d "${TMPDIR:-/tmp}/dd-e2e.XXXXXX") || {
        echo "run.sh: cannot create a scratch directory" >&2
        exit 1
    }
    mkdir -p "$scratch/config/dutydesk" "$scratch/data" "$scratch/home"
    # An empty configuration of our own, so no /etc/dutydesk.conf of the
    # machine takes part: the built-in defaults.
    echo '# end-to-end tests: the built-in defaults' > "$scratch/config/dutydesk/dutydesk.conf"
    sock=dd-e2e-$$-$n
    socks="$socks $sock"
    (
        cd "$scratch" || exit 1
        export DD_E2E_PROG="$prog" DD_E2E_ROOT="$root" DD_E2E_SCRATCH="$scratch" \
               DD_E2E_SOCK="$sock" XDG_CONFIG_HOME="$scratch/config" \
               XDG_DATA_HOME="$scratch/data" HOME="$scratch/home" \
               DUTYDESK_LOCALEDIR="$localedir" DUTYDESK_TODAY=2026-11-23 \
               DUTYDESK_NOW=2026-11-23T09:30
        # shellcheck disable=SC2086
        exec $limiter sh -c '
            . "$1" && . "$2" || exit 2
            "$3"
            st=$?
            [ $st -eq 0 ] || echo "reason: $3 returned $st" >&2
            exit $st' sh "$here/lib.sh" "$1" "$2"
    ) > "$scratch/log" 2>&1 < /dev/null &
    casepid=$!
    wait "$casepid"
    rc=$?
    casepid=
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        {
            echo "timed out after ${limit}s: killed"
            if tmux -L "$sock" -f /dev/null capture-pane -p -t e2e > "$scratch/last-screen" 2>/dev/null; then
                echo "the screen at that moment:"
                awk '{ printf "%02d|%s\n", NR - 1, $0 }' "$scratch/last-screen"
            fi
        } >> "$scratch/log"
    fi
    tmux -L "$sock" -f /dev/null kill-server 2>/dev/null
    rm -f "$sockdir/$sock"

    case $rc in
        0)
            passed=$((passed + 1))
            echo "ok - $3"
            rm -rf "$scratch"
            ;;
        77)
            skipped=$((skipped + 1))
            echo "skip - $3: $(tail -n 1 "$scratch/log")"
            rm -rf "$scratch"
            ;;
        *)
            failed=$((failed + 1))
            echo "not ok - $3"
            sed 's/^/#   /' "$scratch/log"
            echo "#   (exit status $rc; scratch directory kept: $scratch)"
            ;;
    esac
}

for file in "$here"/t_*.sh; do
    [ -f "$file" ] || continue
    base=$(basename "$file" .sh)
    for c in $(sed -n 's/^\(case_[A-Za-z0-9_]*\)[[:space:]]*().*/\1/p' "$file"); do
        name="$base/${c#case_}"
        case $name in
            *"$only"*) run_case "$file" "$c" "$name" ;;
        esac
    done
done

[ $skipped -eq 0 ] || echo "($skipped skipped)"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
