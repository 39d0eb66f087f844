# t_50_config.sh — what the configuration file changes on the screen: the
# community name, colours, key overrides.

TODAY=2026-11-23

# start_with_config 'libconfig text' [ARG...]
start_with_config() {
    conf=$DD_E2E_SCRATCH/test.conf
    printf '%s\n' "$1" > "$conf"
    shift
    db=$DD_E2E_SCRATCH/desk.db
    dd_init_db "$db"
    dd_start_ready --db "$db" --config "$conf" --operator 张三 "$@"
    wait_line 0 Households
}

case_community_from_config() {
    start_with_config 'community = "幸福里社区";'
    expect_line 0 'dutydesk  幸福里社区  Households'
    expect_title_bar 80 "张三  $TODAY"
}

# Without colours an error on the status line says "Error: ".
case_errors_say_error_without_colours() {
    start_with_config 'ui = { colors = false; };'
    send F9
    wait_line 0 Operator
    send -N 40 BSpace
    type '李四'
    send Tab
    type 12345
    send C-s
    wait_status 'not a phone number'
    status_row=$(status_row_of 'not a phone number')
    case $(screen_line "$status_row") in
        'Error: '*) ;;
        *) fail "the status line does not start with 'Error: '" ;;
    esac
}

case_key_override_from_config() {
    start_with_config 'keys = { quit = "F10,q"; };'
    send F1
    wait_line 0 Help
    send End
    wait_for Everywhere
    row=$(row_of 'Quit')
    case $(screen_line "$row") in
        *F10*q*Quit*) ;;
        *) fail "the help screen does not show F10 and q for Quit" ;;
    esac
    send Escape
    wait_line 0 Households
    # in the search box q is text; in the list it quits
    send q
    wait_for 'Search: q'
    send Tab
    wait_for 'aAdd'
    send q
    expect_exit 0
}

case_bad_config_names_file_and_line() {
    conf=$DD_E2E_SCRATCH/bad.conf
    printf 'community = "x";\nquarantine = { home_days = 99; };\n' > "$conf"
    db=$DD_E2E_SCRATCH/desk.db
    dd_init_db "$db"
    dd_run --db "$db" --config "$conf" check
    expect_status 1
    expect_err 'bad.conf:2'
}
