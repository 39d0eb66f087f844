# t_30_operator.sh — the operator form: Chinese input, a rejected phone
# number, saving, Esc, and F10 with unsaved input.

TODAY=2026-11-23

start_desk() {
    db=$DD_E2E_SCRATCH/desk.db
    dd_init_db "$db"
    dd_start_ready --db "$db" --operator 张三
    wait_line 0 Households
}

open_operator_form() {
    send F9
    wait_line 0 Operator
    wait_for Name
    wait_for Phone
}

# Is the terminal cursor on ROW between columns FROM and TO?
cursor_in() {
    pos=$(cursor_pos)
    [ "${pos#*,}" = "$1" ] && [ "${pos%,*}" -ge "$2" ] && [ "${pos%,*}" -le "$3" ]
}

# Empties the current field (more backspaces than it can hold characters).
clear_field() {
    send -N 40 BSpace
}

case_operator_form_rejects_bad_phone_then_saves() {
    start_desk
    open_operator_form
    clear_field
    type '李䶮'
    wait_for '李䶮'
    send Tab
    clear_field
    type 12345
    wait_for 12345
    send Enter
    wait_status 'not a phone number'
    status_row=$(status_row_of 'not a phone number')
    expect_line "$status_row" 'Phone'
    # ... and next to or under the field, in the body
    n=$(screen | sed -n "2,$status_row p" | grep -c 'not a phone number')
    [ "$n" -ge 1 ] || fail "the reason is not shown at the field, only on the status line"
    # still in the form, the cursor on the phone field, nothing saved
    expect_line 0 Operator
    expect_title_bar 80 "张三  $TODAY"
    prow=$(row_of 12345)
    pcol=$(col_of 12345 "$prow")
    wait_until 5 "the cursor in the phone field (row $prow, columns $pcol..$((pcol + 5)))" \
        cursor_in "$prow" "$pcol" $((pcol + 5))
    clear_field
    wait_gone 12345
    type 13912347788
    wait_for 13912347788
    send Enter
    wait_for 'Operator is now 李䶮'
    wait_line 0 Households
    expect_title_bar 80 "李䶮  $TODAY"
    expect_not 'not a phone number'
}

case_operator_form_saves_with_ctrl_s() {
    start_desk
    open_operator_form
    clear_field
    type '阿依古丽·买买提'
    send C-s
    wait_for 'Operator is now 阿依古丽·买买提'
    wait_line 0 Households
    expect_title_bar 80 "阿依古丽·买买提  $TODAY"
}

# The terminal cursor sits at the caret, after double-width text too (the
# input method's window follows it).
case_cursor_follows_chinese_text() {
    start_desk
    open_operator_form
    clear_field
    type '李䶮'
    wait_for '李䶮'
    row=$(row_of '李䶮')
    col=$(col_of '李䶮' "$row")
    wait_until 5 "the cursor after 李䶮 at $((col + 4)),$row" cursor_at $((col + 4)) "$row"
    # and after moving back one character, before 䶮
    send Left
    wait_until 5 "the cursor before 䶮 at $((col + 2)),$row" cursor_at $((col + 2)) "$row"
}

case_operator_form_esc_restores() {
    start_desk
    open_operator_form
    clear_field
    type '王五'
    wait_for '王五'
    # Esc on a changed form asks before it throws anything away
    send Escape
    wait_for 'Throw away what you typed in this form? (y/n)'
    expect_line 0 Operator
    send n
    wait_gone 'Throw away'
    expect_screen '王五'
    send Escape
    wait_for 'Throw away what you typed in this form? (y/n)'
    send y
    wait_line 0 Households
    expect_not '王五' 'Operator is now'
    expect_title_bar 80 "张三  $TODAY"
    # opened again, the form shows nothing of what was typed
    open_operator_form
    expect_not '王五'
    send Escape
    wait_line 0 Households
    expect_title_bar 80 "张三  $TODAY"
}

case_f10_with_unsaved_input_asks() {
    start_desk
    open_operator_form
    clear_field
    type '王'
    wait_for '王'
    send F10
    wait_for 'Unsaved input will be lost. Quit anyway? (y/n)'
    send n
    # stays: in the form, with the input, still taking keys
    type 'X'
    wait_for '王X'
    expect_line 0 Operator
    [ "$(pane_dead)" = 0 ] || fail "n quit the program"
    send F10
    wait_for 'Quit anyway? (y/n)'
    send y
    expect_exit 0
    [ "$(alternate_on)" = 0 ] || fail "the terminal was left on the alternate screen"
}

case_f10_in_untouched_form_quits_at_once() {
    start_desk
    open_operator_form
    send F10
    expect_exit 0
}
