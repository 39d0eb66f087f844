# t_20_ui.sh — the terminal interface in English: the bars, the screens, the
# help screen, a terminal too small, quitting and signals.

GLOBAL_KEYS='F1Help F2Households F3Quarantine F4Rosters F5Supplies F6Summary F10Quit'
PLACEHOLDER='Placeholder: this screen is not built yet.'
TODAY=2026-11-23

start_english() {
    db=$DD_E2E_SCRATCH/desk.db
    dd_init_db "$db"
    dd_start_ready --db "$db" --operator 张三
}

# The body (rows 1 .. LINES-3) holds the placeholder sentence on a line of
# its own and at least one more line saying what the screen will hold.
expect_placeholder_body() {
    expect_own_line "$PLACEHOLDER"
    body=$(screen | sed -n "2,$(($(last_row) - 1))p" | grep -c '[^ ]')
    [ "$body" -ge 2 ] || fail "the body has no line besides the placeholder sentence"
}

# F2 is built: its search box on the first line of the body, and (an empty
# database) what can be typed there.
expect_households_body() {
    wait_line 1 'Search:'
    wait_for 'Type to search'
    expect_not "$PLACEHOLDER"
}

# The body of the screen TITLE names.
expect_body_of() {
    if [ "$1" = Households ]; then
        expect_households_body
    else
        expect_placeholder_body
    fi
}

case_start_shows_title_and_key_bar() {
    start_english
    wait_line 0 Households
    expect_title_bar 80 "张三  $TODAY"
    expect_key_bar "$GLOBAL_KEYS"
    expect_households_body
}

case_function_keys_switch_screens() {
    start_english
    wait_line 0 Households
    for pair in F3:Quarantine F4:Rosters F5:Supplies F6:Summary F2:Households; do
        key=${pair%%:*} title=${pair#*:}
        send "$key"
        wait_line 0 "$title"
        for other in Households Quarantine Rosters Supplies Summary; do
            [ "$other" = "$title" ] && continue
            case $(screen_line 0) in
                *"$other"*) fail "$key: the title bar still names $other" ;;
            esac
        done
        expect_title_bar 80 "张三  $TODAY"
        expect_key_bar "$GLOBAL_KEYS"
        expect_body_of "$title"
    done
}

# Every page of the help screen, from the top, into FILE (PgDn until the
# screen no longer changes).
help_pages() {
    all=$1
    send Home
    screen > "$all"
    pages=1
    while :; do
        screen > "$DD_E2E_SCRATCH/page.txt"
        send PgDn
        screen_changes_from "$DD_E2E_SCRATCH/page.txt" 1 || break
        cat "$DD_SCREEN" >> "$all"
        pages=$((pages + 1))
        [ $pages -le 20 ] || fail "PgDn keeps changing the help screen"
    done
}

# HEADING is on some page of FILE; so is each row KEY|LABEL|HELP.
expect_help() {
    all=$1
    shift
    for row in "$@"; do
        key=${row%%|*} rest=${row#*|} label=${rest%%|*} help=${rest#*|}
        grep -q "^ *$key  *$label  *$help" "$all" \
            || { cat "$all"; fail "no help row: $key $label $help"; }
    done
}

# F1 shows this screen's keys first, then those of its kind (list or
# form), then the global ones; nothing is cut (a long help text wraps).
# (Every row, exactly, is in the golden screens of t_70_golden.sh.)
case_help_lists_every_action() {
    start_english
    send F1
    wait_line 0 Help
    wait_line 3 'On this screen: Households'
    all=$DD_E2E_SCRATCH/help.txt
    help_pages "$all"
    on=$(grep -n 'On this screen: Households' "$all" | head -1 | cut -d: -f1)
    lists=$(grep -n '^  In lists' "$all" | head -1 | cut -d: -f1)
    every=$(grep -n '^  Everywhere' "$all" | head -1 | cut -d: -f1)
    [ -n "$on" ] && [ -n "$lists" ] && [ -n "$every" ] \
        && [ "$on" -lt "$lists" ] && [ "$lists" -lt "$every" ] \
        || { cat "$all"; fail "the headings are not in the order: this screen, lists, everywhere"; }
    expect_help "$all" 'a|Add|Add a household' 'm|Move|Move the resident' \
        'Tab|List|Move the keyboard between' 'Enter|Open|Open the selected row' \
        'Space|Mark|Mark or unmark' 'F10|Quit|Quit; asks first' 'Esc|Back|Go back'
    grep -q '~ *$' "$all" && { cat "$all"; fail "a help row is cut"; }
    grep -q 'In forms' "$all" && fail "the form keys are shown over a list"
    # over a form: the form's keys
    send Escape
    wait_line 0 Households
    send Tab
    wait_for 'aAdd'
    send a
    wait_for 'New household'
    send F1
    wait_line 0 Help
    help_pages "$all"
    expect_help "$all" 'Tab, Enter, Down|Next|Next field' 'Shift-Tab, Up|Previous|Previous field' \
        'F10|Quit|Quit; asks first'
    grep -q '^  In forms' "$all" || { cat "$all"; fail "no heading: In forms"; }
    grep -q '^  In lists' "$all" && fail "the list keys are shown over a form"
    # Still the help screen, still alive; back to the form
    wait_line 0 Help
    send Escape
    wait_for 'New household'
}

case_help_goes_back_with_esc_q_f1() {
    start_english
    send F3
    wait_line 0 Quarantine
    for back in Escape q F1; do
        send F1
        wait_line 0 Help
        send "$back"
        wait_line 0 Quarantine
        wait_for "$PLACEHOLDER"
        expect_own_line "$PLACEHOLDER"
        case $(screen_line 0) in
            *Help*) fail "$back: the title still says Help" ;;
        esac
    done
}

case_too_small_then_larger() {
    start_english
    wait_line 0 Households
    resize 40 10
    wait_for 'Terminal too small'
    wait_for 'Need at least 80x24, now 40x10.'
    expect_not 'F10Quit' 'dutydesk' "$PLACEHOLDER"
    # centred: the notice starts half the free columns in (give or take one)
    row=$(row_of 'Terminal too small')
    col=$(col_of 'Terminal too small' "$row")
    want=$(((40 - 18) / 2))
    [ "$col" -ge $((want - 1)) ] && [ "$col" -le $((want + 1)) ] \
        || fail "'Terminal too small' starts at column $col, not centred (about $want)"
    resize 100 30
    wait_line 29 F10Quit
    wait_line 0 Households
    expect_not 'Terminal too small' 'Need at least'
    expect_title_bar 100 "张三  $TODAY"
    expect_key_bar "$GLOBAL_KEYS"
    expect_households_body
}

case_minimum_size_boundary() {
    start_english
    resize 79 24
    wait_for 'Need at least 80x24, now 79x24.'
    resize 80 23
    wait_for 'Need at least 80x24, now 80x23.'
    resize 80 24
    wait_gone 'Need at least'
    wait_line 23 F10Quit
    expect_title_bar 80 "张三  $TODAY"
    expect_key_bar "$GLOBAL_KEYS"
}

case_f10_quits_with_status_0() {
    start_english
    send F10
    expect_exit 0
    [ "$(alternate_on)" = 0 ] || fail "the terminal was left on the alternate screen"
}

# A signal restores the terminal and ends the program with 128 + its number.
quit_by_signal() {
    start_english
    wait_line 0 Households
    pid=$(prog_pid)
    kill "-$1" "$pid" || fail "kill -$1 $pid failed"
    expect_exit "$2"
    [ "$(alternate_on)" = 0 ] || fail "SIG$1 left the terminal on the alternate screen"
}

case_sigterm_exits_143() {
    quit_by_signal TERM 143
}

case_sighup_exits_129() {
    quit_by_signal HUP 129
}

case_sigint_exits_130() {
    quit_by_signal INT 130
}
