# t_64_clerk.sh — the clerk's path through F2, taken with the keys the key
# bar shows and nothing else: find 王晨, act on the hit, start a new
# household and change one's mind.  Where the keyboard is decides what a
# key does: a letter typed in the search box is text, a letter in the list
# is an action, and an action never leaves text behind in the box.

# The key the key bar (the line above the status line) shows for LABEL:
# "mMove" -> m, "TabList" -> Tab.
bar_key_for() {
    bar=$(screen_line $(($(last_row) - 2)))
    item=$(printf '%s\n' "$bar" | tr ' ' '\n' | grep -E "^[^ ]+$1\$" | head -1)
    [ -n "$item" ] || fail "the key bar does not show \"$1\": $bar"
    printf '%s\n' "${item%"$1"}"
}

# Presses the key the bar shows for LABEL.
press_for() {
    k=$(bar_key_for "$1")
    case $k in
        ?) type "$k" ;;
        *) send "$k" ;;
    esac
}

case_clerk_finds_wang_chen_and_acts_with_the_bar_keys() {
    db=$DD_E2E_SCRATCH/desk.db
    dd_init_db "$db" --demo
    dd_start_ready --db "$db" --operator 陈静
    wait_for 'Search:'
    type '王晨'
    wait_for '大美北苑3幢1单元401室'
    # in the box the bar offers no letters: every letter is text here
    bar=$(screen_line $(($(last_row) - 2)))
    case $bar in
        *Move*|*Add*) fail "the bar offers actions while the keyboard is in the box: $bar" ;;
    esac
    # the bar says how to reach the list
    press_for List
    wait_for 'mMove'
    press_for Move
    wait_line 0 'Move a resident'
    wait_for 'Move 王晨 (now at 大美北苑3幢1单元401室)'
    send Escape
    wait_line 0 Households
    # nothing was typed into the search by the action key
    expect_line 1 'Search: 王晨'
    expect_not '王晨m'
    # a new household, typed into, then Esc: asked before it is thrown away
    press_for Add
    wait_for 'New household'
    type '大美西苑'
    send Escape
    wait_status 'Throw away what you typed in this form? (y/n)'
    send n
    expect_line 0 Household
    expect_screen '大美西苑'
    send Escape
    wait_status 'Throw away what you typed in this form? (y/n)'
    send y
    wait_line 0 Households
    n=$(sqlite3 "$db" "SELECT count(*) FROM household WHERE compound = '大美西苑'")
    [ "$n" = 0 ] || fail "a thrown-away form saved a household"
    # Ctrl-C does not quit: it says which key does
    send C-c
    wait_status 'Ctrl-C does not quit here: F10 quits'
    expect_line 0 Households
}
