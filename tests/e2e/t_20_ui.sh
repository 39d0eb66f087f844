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

# Every action of the action table, on a row with its key, its label and the
# start of its help text: key|label|help.
HELP_TABLE='F1|Help|Show every key and what it does
F2|Households|Households: search, household
F3|Quarantine|Quarantine lists, health checks
F4|Rosters|Checkpoint duty rosters, staff
F5|Supplies|Supply orders, deliveries
F6|Summary|Today'"'"'s figures and the daily
F10|Quit|Quit; asks first if a form
o|Operator|Change the operator
Esc|Back|Go back; in a form, cancel
/|Search|Search or filter the current
Enter|Open|Open the selected row
a|Add|Add a new record
e|Edit|Edit the selected record
Up|Up|Move up one line
Down|Down|Move down one line
PgUp|Page up|Move up one page
PgDn|Page down|Move down one page
Home|First|Go to the first line
End|Last|Go to the last line
Tab|Next|Next field; Enter on the last
Shift-Tab|Previous|Previous field
S|Save|Check and save the form'

case_help_lists_every_action() {
    start_english
    send F1
    wait_line 0 Help
    wait_for Everywhere
    # Read every page: PgDn until the screen no longer changes.
    all=$DD_E2E_SCRATCH/help.txt
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
    for heading in Everywhere 'In lists' 'In forms'; do
        grep -qF "$heading" "$all" || fail "the help screen has no heading: $heading"
    done
    echo "$HELP_TABLE" | while IFS='|' read -r key label help; do
        found=0
        while IFS= read -r row; do
            case $row in
                *"$key"*"$label"*"$help"*) found=1; break ;;
            esac
        done < "$all"
        if [ $found = 0 ]; then
            echo "help screen, all pages:"
            cat "$all"
            fail "no help row with key '$key', label '$label' and help '$help'"
        fi
    done || exit 1
    # Still the help screen, still alive.
    wait_line 0 Help
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
