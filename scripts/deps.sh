#!/bin/sh
# Installs the Debian packages dutydesk needs, and only those missing.
#   deps.sh run    what building and running needs
#   deps.sh test   that, plus what the tests need (and the zh_CN.UTF-8 locale)
# Uses sudo when not run as root.  Says what it installs before it does.
set -eu
what=${1:-run}

RUN_PKGS="gcc make pkg-config libc6-dev libncurses-dev libsqlite3-dev libconfig-dev libicu-dev libcsv-dev gettext"
TEST_PKGS="libcriterion-dev tmux locales sqlite3 util-linux"

case $what in
    run)  pkgs=$RUN_PKGS ;;
    test) pkgs="$RUN_PKGS $TEST_PKGS" ;;
    *)    echo "usage: deps.sh run|test" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "deps: this is not a Debian or Ubuntu system; install by hand: $pkgs" >&2
    exit 0
fi

missing=
for p in $pkgs; do
    st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$st" = installed ] || missing="$missing $p"
done

if [ "$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi

if [ -n "$missing" ]; then
    echo "deps: installing Debian packages:$missing"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

if [ "$what" = test ]; then
    # Debian images carry only C, C.UTF-8 and POSIX; the Chinese interface
    # tests need zh_CN.UTF-8.
    if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then
        echo "deps: generating the zh_CN.UTF-8 locale"
        if [ -f /etc/locale.gen ] && grep -q 'zh_CN.UTF-8 UTF-8' /etc/locale.gen; then
            $sudo sed -i 's/^# *\(zh_CN.UTF-8 UTF-8\)/\1/' /etc/locale.gen
        else
            echo 'zh_CN.UTF-8 UTF-8' | $sudo tee -a /etc/locale.gen >/dev/null
        fi
        $sudo locale-gen >/dev/null
    fi
fi
