# t_40_chinese.sh — the interface under zh_CN.UTF-8, and the title bar's
# width with a Chinese community name.

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
