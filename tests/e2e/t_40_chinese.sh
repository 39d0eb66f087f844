# t_40_chinese.sh — the interface under zh_CN.UTF-8, the title bar's width
# with a Chinese community name, and where the program finds its Chinese
# messages without DUTYDESK_LOCALEDIR.

TODAY=2026-11-23

need_zh() {
    dd_have_zh_locale || skip "the zh_CN.UTF-8 locale is missing (sh scripts/deps.sh test generates it)"
    mo=$DUTYDESK_LOCALEDIR/zh_CN/LC_MESSAGES/dutydesk.mo
    [ -f "$mo" ] || fail "no Chinese catalogue at $mo (build it: make)"
}

# The community name the demo database holds (the setting "community").
demo_community() {
    command -v sqlite3 > /dev/null || fail "sqlite3 is not installed (sh scripts/deps.sh test)"
    c=$(sqlite3 "$1" "SELECT value FROM setting WHERE key = 'community';") \
        || fail "cannot read the community name from $1"
    [ -n "$c" ] || fail "the demo database has no community name (setting 'community')"
    [ "$(width "$c")" -gt "$(printf '%s' "$c" | wc -m)" ] \
        || fail "the demo community name is not Chinese: $c"
    printf '%s\n' "$c"
}

case_zh_key_bar_and_quarantine() {
    need_zh
    db=$DD_E2E_SCRATCH/desk.db
    dd_init_db "$db"
    dd_start_ready -l zh_CN.UTF-8 --db "$db" --operator 张三
    wait_for 'F10退出'
    expect_key_bar 'F1帮助 F2住户 F3隔离 F4排班 F5物资 F6日报 F10退出'
    wait_line 0 住户
    # F2 is built: its search box, no placeholder
    wait_line 1 '搜索:'
    expect_not '占位：此屏幕尚未完成。'
    expect_title_bar 80 "张三  $TODAY"
    send F3
    wait_line 0 隔离
    expect_own_line '占位：此屏幕尚未完成。'
    expect_key_bar 'F1帮助 F2住户 F3隔离 F4排班 F5物资 F6日报 F10退出'
    expect_title_bar 80 "张三  $TODAY"
}

case_zh_operator_form_and_quit_prompt() {
    need_zh
    db=$DD_E2E_SCRATCH/desk.db
    dd_init_db "$db"
    dd_start_ready -l zh_CN.UTF-8 --db "$db" --operator 张三
    send F9
    wait_line 0 值班员
    wait_for 姓名
    wait_for 电话
    send -N 40 BSpace
    type '李䶮'
    send F10
    wait_for '未保存的输入将丢失。仍要退出吗？(y/n)'
    send n
    send C-s
    wait_for '当前值班员：李䶮'
    expect_title_bar 80 "李䶮  $TODAY"
}

title_width_is() {
    [ "$(width "$(sed -n 1p "$DD_SCREEN")")" = "$1" ]
}

# At several widths the title bar fills exactly the width of the terminal
# in display columns, the community shown whole, operator and date ending in
# the last column.
title_bar_widths() {
    db=$DD_E2E_SCRATCH/demo.db
    dd_init_db "$db" --demo
    community=$(demo_community "$db") || exit 1
    dd_start_ready "$@" --db "$db" --operator 陈静
    for size in 80x24 81x24 83x25 100x30; do
        w=${size%x*} h=${size#*x}
        resize "$w" "$h"
        wait_line $((h - 1)) F10
        # (the old title bar holds the date too: wait for the redraw)
        wait_until 10 "a title bar $w columns wide" title_width_is "$w"
        expect_title_bar "$w" "陈静  $TODAY"
        expect_line 0 "dutydesk  $community  "
        case $(screen_line 1) in
            *"$TODAY"*) fail "the title bar spills onto row 1" ;;
        esac
    done
}

case_title_bar_width_with_chinese_community() {
    title_bar_widths
    expect_line 0 Households
}

case_zh_title_bar_width_with_chinese_community() {
    need_zh
    title_bar_widths -l zh_CN.UTF-8
    expect_line 0 住户
}

# ---- where the catalogue is found -------------------------------------------

# Under zh_CN.UTF-8 without DUTYDESK_LOCALEDIR (run.sh sets it): the
# program finds its catalogue by itself.
zh_on_its_own() {
    need_zh
    unset DUTYDESK_LOCALEDIR
    export LANG=zh_CN.UTF-8
}

# The folder compiled into the program under test (build/gen/paths.h).
builtin_localedir() {
    d=$(sed -n 's/^#define DD_LOCALEDIR "\(.*\)"$/\1/p' "$(dirname "$DD_E2E_PROG")/gen/paths.h" \
        2>/dev/null)
    printf '%s\n' "${d:-/usr/local/share/locale}"
}

case_zh_catalogue_beside_the_program_in_the_build_tree() {
    zh_on_its_own
    # build/dutydesk finds build/locale, which make builds.
    dd_run --help
    expect_status 0
    expect_out '用法：dutydesk'
    expect_empty "$DD_ERR"
}

case_zh_catalogue_of_a_copy_moved_to_another_prefix() {
    zh_on_its_own
    prefix=$DD_E2E_SCRATCH/opt
    mkdir -p "$prefix/bin" "$prefix/share/locale/zh_CN/LC_MESSAGES"
    cp "$DD_E2E_PROG" "$prefix/bin/dutydesk"
    cp "$(dirname "$DD_E2E_PROG")/locale/zh_CN/LC_MESSAGES/dutydesk.mo" \
        "$prefix/share/locale/zh_CN/LC_MESSAGES/"
    DD_E2E_PROG=$prefix/bin/dutydesk
    dd_run --help
    expect_status 0
    expect_out '用法：dutydesk'
    expect_empty "$DD_ERR"
}

case_zh_without_a_catalogue_says_so_once_and_shows_english() {
    zh_on_its_own
    builtin=$(builtin_localedir)
    for mo in "$builtin"/zh*/LC_MESSAGES/dutydesk.mo; do
        [ ! -f "$mo" ] || skip "the folder built into the program holds a Chinese catalogue: $mo"
    done
    # The program alone, nothing beside it.
    alone=$(cd "$DD_E2E_SCRATCH" && pwd -P)/alone
    mkdir -p "$alone/bin"
    cp "$DD_E2E_PROG" "$alone/bin/dutydesk"
    DD_E2E_PROG=$alone/bin/dutydesk
    dd_run --help
    expect_status 0
    expect_out 'Usage: dutydesk'
    looked="$builtin, $alone/bin/locale, $alone/share/locale"
    expect_err_line "dutydesk: no Chinese messages found (looked in $looked): showing English"
    [ "$(wc -l < "$DD_ERR")" = 1 ] || _dd_fail_run "more than one line on stderr"
    # A command that opens a database says it once too, and works in English.
    dd_run --db "$DD_E2E_SCRATCH/desk.db" init
    expect_status 0
    [ "$(grep -c 'no Chinese messages found' "$DD_ERR")" = 1 ] \
        || _dd_fail_run "the missing catalogue is not said exactly once"
}

# `make install PREFIX=...` after a plain `make`: the program installed
# finds its catalogue in that prefix, where the install put it -- even
# when the program is then copied elsewhere, alone (it looks in the
# folder compiled into it, which the install rebuilt it with).  A build of
# its own, in the scratch directory.
case_zh_after_make_install_into_a_prefix() {
    need_zh
    command -v make > /dev/null || skip "make is not installed"
    build=$DD_E2E_SCRATCH/build
    prefix=$DD_E2E_SCRATCH/opt
    make -s -C "$DD_E2E_ROOT" BUILD="$build" all > "$DD_E2E_SCRATCH/make.log" 2>&1 \
        || { cat "$DD_E2E_SCRATCH/make.log"; fail "make failed"; }
    make -s -C "$DD_E2E_ROOT" BUILD="$build" PREFIX="$prefix" install \
        >> "$DD_E2E_SCRATCH/make.log" 2>&1 \
        || { cat "$DD_E2E_SCRATCH/make.log"; fail "make install failed"; }
    zh_on_its_own
    DD_E2E_PROG=$prefix/bin/dutydesk
    dd_run --help
    expect_status 0
    expect_out '用法：dutydesk'
    expect_empty "$DD_ERR"
    mkdir -p "$DD_E2E_SCRATCH/elsewhere"
    cp "$prefix/bin/dutydesk" "$DD_E2E_SCRATCH/elsewhere/dutydesk"
    DD_E2E_PROG=$DD_E2E_SCRATCH/elsewhere/dutydesk
    dd_run --help
    expect_status 0
    expect_out '用法：dutydesk'
    expect_empty "$DD_ERR"
}
