# t_60_households.sh — F2, households: search as you type, the household
# card, adding a household and its members, importing a spreadsheet from
# the screen, the filters, moving a resident, at 80x24.
#
# The data comes in through the screen itself: a fresh database (init),
# then the survey fixture imported with i, or households keyed in.

TODAY=2026-11-23
FIXTURES=$DD_E2E_ROOT/tests/fixtures

start_desk() {
    db=$DD_E2E_SCRATCH/desk.db
    dd_init_db "$db"
    dd_start_ready "$@" --db "$db" --operator 张三
    wait_for 'Search'
}

# Asks for the import of FILE with i from the list; leaves the preview
# (what the import would do, and its question) on the screen.
preview_file() {
    to_list
    send i
    wait_for 'Import residents'
    wait_for 'File'
    send C-e C-u
    type "$1"
    send Enter
    wait_for 'Preview of the import of ' 60
}

# Imports FILE with i from the list, saying yes to the preview; leaves the
# report on the screen.
import_file() {
    preview_file "$1"
    wait_for 'Import these rows? (y/n)'
    send y
    wait_for 'Import of ' 60
}

back_to_list() {
    send Escape
    wait_line 0 Households
}

# A fresh desk with the six residents of the GB18030 survey fixture.
start_with_survey() {
    start_desk "$@"
    import_file "$FIXTURES/residents-gb18030.csv"
    wait_for 'Imported: 6 new, 0 updated, 0 unchanged; 3 new households; 0 rows'
    back_to_list
    wait_for 'Recently changed households'
}

# A small sheet of our own: a care flag, and a row with a wrong check
# character (line 4).
write_care_sheet() {
    cat > "$DD_E2E_SCRATCH/care.csv" <<'CSV'
姓名,身份证号,小区,楼栋,单元,室,关爱标记
王秀英,330102195508080046,大美南苑,12幢,2单元,302室,独居老人
钱七,,大美南苑,12幢,2单元,302室,
孙八,330102199003071231,大美南苑,12幢,2单元,303室,
CSV
}

status_row() {
    echo $(($(last_row) - 1))
}

# Every row that shows a masked ID number has it at the same display
# column, under the header's "ID number"; the care marks start under
# "Care".  (Chinese names are two columns a character: a column counted in
# characters would drift.)
columns_line_up() {
    head_row=$(row_of 'ID number')
    [ "$head_row" -ge 0 ] || fail "no column header"
    id_col=$(col_of 'ID number' "$head_row")
    care_col=$(col_of 'Care' "$head_row")
    rows=0
    r=$((head_row + 1))
    while [ "$r" -lt "$(status_row)" ]; do
        line=$(screen_line "$r")
        case $line in
            *'********'*)
                c=$(col_of '********' "$r")
                [ "$c" = $((id_col + 6)) ] \
                    || fail "row $r: the masked ID starts at column $((c - 6)), not $id_col"
                rows=$((rows + 1))
                ;;
        esac
        case $line in
            *' alone'*)
                c=$(col_of 'alone' "$r")
                [ "$c" = "$care_col" ] || fail "row $r: the care mark is at $c, not $care_col"
                ;;
        esac
        [ "$(width "$line")" -le 80 ] || fail "row $r is wider than 80 columns"
        r=$((r + 1))
    done
    [ "$rows" -ge "${1:-1}" ] || fail "only $rows rows with an ID number to compare"
}

case_empty_desk_says_what_to_type() {
    start_desk
    wait_for 'Search:'
    wait_for 'Type to search: part of a name'
    expect_not 'Placeholder'
    expect_key_bar 'F1Help F2Households F3Quarantine F4Rosters F5Supplies F6Summary F10Quit'
    # the keyboard is in the search box: the key bar shows the keys that
    # work there, on the line above the status line
    expect_line $(($(last_row) - 2)) 'TabList EnterOpen'
    cursor_at 9 1 || fail "the cursor is not in the search box"
    # Tab takes it to the list, where the letters are the screen's actions
    send Tab
    wait_line $(($(last_row) - 2)) 'EnterOpen aAdd eEdit fFilter iImport mMove xMoved out SpaceMark /Search'
}

case_import_gb18030_fixture_from_the_screen() {
    start_desk
    import_file "$FIXTURES/residents-gb18030.csv"
    wait_for 'Imported: 6 new, 0 updated, 0 unchanged; 3 new households; 0 rows'
    expect_screen 'residents-gb18030.csv'
    expect_line "$(status_row)" 'Imported: 6 new'
    back_to_list
    # the households just imported, newest first, names whole
    wait_for 'Recently changed households'
    expect_screen '大美南苑12幢2单元301室' '大美南苑12幢2单元302室' '大美南苑3幢1单元101室'
    expect_screen '王秀英' '330102********0046' '0571-****4321'
}

# A sheet big enough for the import to write straight into the file
# (db_direct_begin), imported from the screen of a desk that has the file
# open: the rows are there, the file is back in WAL mode, and a second
# program can open it again once the import is done.
case_a_large_import_from_the_screen() {
    sheet=$DD_E2E_SCRATCH/large.csv
    awk 'BEGIN {
        print "姓名,小区,楼栋,单元,室,备注"
        split("王 李 张 刘 陈 杨 黄 赵", s, " "); split("伟 芳 娜 敏 静 丽 强 磊 军 洋", g, " ")
        for (i = 0; i < 60000; i++)
            printf "%s%s%s,大美南苑,%d,%d,%d,第%d行的备注，用来让这一行和调查表里的行一样长\n",
                   s[i % 8 + 1], g[int(i / 8) % 10 + 1], g[int(i / 80) % 10 + 1],
                   int(i / 240) + 1, int(i / 60) % 4 + 1, 101 + i % 60, i + 2
    }' > "$sheet"
    start_desk
    import_file "$sheet"
    wait_for 'Imported: 60000 new, 0 updated, 0 unchanged;' 60
    mode=$(sqlite3 "$DD_E2E_SCRATCH/desk.db" 'PRAGMA journal_mode;')
    [ "$mode" = wal ] || fail "the file was left in journal mode $mode"
    n=$("$DD_E2E_PROG" --db "$DD_E2E_SCRATCH/desk.db" lookup 王伟伟 | wc -l)
    [ "$n" -gt 1 ] || fail "a second program could not search the file"
    back_to_list
    send 王伟伟
    wait_for '大美南苑1幢1单元101室'
}

case_import_report_lists_every_bad_row() {
    start_desk
    write_care_sheet
    import_file "$DD_E2E_SCRATCH/care.csv"
    wait_for 'Imported: 2 new, 0 updated, 0 unchanged; 1 new households; 1 rows'
    wait_for 'care.csv:4: '
    line=$(screen_line "$(row_of 'care.csv:4: ')")
    case $line in
        *check*) ;;
        *) fail "the report line for line 4 does not give the reason: $line" ;;
    esac
    # again: nothing would change, so nothing is asked
    back_to_list
    preview_file "$DD_E2E_SCRATCH/care.csv"
    wait_for 'Would import: 0 new, 0 updated, 2 unchanged; 0 new households; 1 rows'
    wait_for 'Nothing to import: everyone in the file is registered as it says.'
}

case_chinese_fragment_finds_the_person() {
    start_with_survey
    type '秀'
    wait_for '王秀英'
    wait_line "$(status_row)" '1 found'
    row=$(row_of '王秀英')
    expect_line "$row" '大美南苑12幢2单元302室'
    expect_line "$row" '330102********0046'
    # more characters narrow it; a rare character is found too
    send BSpace
    type '䶮'
    wait_for '张小䶮'
    expect_not '王秀英'
    # Esc leaves the box, Esc again clears the search
    send Escape Escape
    wait_for 'Recently changed households'
}

case_pinyin_initials_after_slash() {
    start_with_survey
    # z is no key: it starts the search
    type 'zs'
    wait_for '张三'
    send Escape Escape
    wait_for 'Recently changed households'
    # in the list, a is a key (add): / puts the keyboard in the box first
    to_list
    send /
    type 'ayg'
    wait_for '阿依古丽'
    expect_line 0 Households
}

case_enter_opens_the_card_and_esc_keeps_the_list() {
    start_with_survey
    type '大美'
    wait_for '阿依古丽'
    # the rows are in address order: 3幢 first; Down selects the next row
    send Down Down Down
    send Enter
    wait_line 0 'Household card'
    wait_for 'Members (3)'
    expect_screen '大美南苑12幢2单元301室' '张三' '李梅' '张小䶮'
    # Beside a masked ID number the birth date is the year only: the stars
    # hide exactly the date.
    row=$(row_of '户主     张三')
    expect_line "$row" '1980       330102********0018'
    expect_not '1980-01-01'
    # the sections the other screens add to the card (placeholders yet)
    expect_screen 'Quarantines' 'the quarantine screen (F3) is a placeholder'
    expect_screen 'Supply orders' 'the supplies screen (F5) is a placeholder'
    expect_screen '户主' '配偶'
    send Escape
    wait_line 0 Households
    expect_line 1 'Search: 大美'
    # the same row is still selected: Enter opens the same card
    send Enter
    wait_line 0 'Household card'
    wait_for 'Members (3)'
    expect_screen '张小䶮'
}

case_columns_line_up_at_80x24() {
    start_with_survey
    type '大美'
    wait_for '王秀英'
    columns_line_up 5
    send Escape Escape
    wait_for 'Recently changed households'
    columns_line_up 2
}

case_columns_line_up_wider() {
    start_with_survey -s 120x30
    type '大美'
    wait_for '阿依古丽·买买提'
    head_row=$(row_of 'ID number')
    id_col=$(col_of 'ID number' "$head_row")
    for who in 李梅 王秀英 张小䶮 阿依古丽·买买提; do
        r=$(row_of "$who")
        c=$(col_of '********' "$r")
        [ "$c" = $((id_col + 6)) ] || fail "$who: the masked ID starts at $((c - 6)), not $id_col"
    done
}

case_add_household_then_member_bad_id_then_good() {
    start_desk
    to_list
    send a
    wait_line 0 Household
    wait_for 'New household'
    type '大美南苑'
    send Enter
    type '12幢'
    send Enter
    type '2'
    send Enter
    type '303'
    send C-s
    # saved: on to its first member, over its card
    wait_for 'Saved the household 大美南苑12幢2单元303室'
    wait_for 'New member: 大美南苑12幢2单元303室'
    expect_line 0 Resident
    type '孙八'
    send Enter
    type '330102199003071231'
    # the check character is checked as it is typed, and shown at the field
    wait_for 'the check character is wrong'
    id_row=$(row_of '330102199003071231')
    err_row=$(row_of 'the check character is wrong')
    [ "$err_row" = $((id_row + 1)) ] || fail "the error is on row $err_row, not under the field ($id_row)"
    expect_not '1990-03-07'
    # saving is refused, with the reason
    send C-s
    wait_status 'ID number: the check character is wrong'
    expect_line 0 Resident
    # corrected: the birth date and the sex are filled in from the number
    send BSpace
    type '0'
    wait_gone 'the check character is wrong'
    wait_for '1990-03-07'
    sex_row=$(row_of 'Sex:')
    expect_line "$sex_row" 'male'
    send C-s
    wait_for 'Saved 孙八'
    wait_line 0 'Household card'
    wait_for 'Members (1)'
    expect_screen '孙八' '330102********1230'
    expect_line "$(row_of '孙八')" ' 1990 '
    expect_not '1990-03-07'
    # the next household starts where this one was: compound, building, unit
    send Escape
    wait_line 0 Households
    expect_screen '孙八'
    send a
    wait_for 'New household'
    row=$(row_of 'Compound:')
    expect_line "$row" '大美南苑'
    expect_line $((row + 1)) 'Building:  12'
    expect_line $((row + 2)) 'Unit:  2'
    case $(screen_line $((row + 3))) in
        *'Room:'*[0-9]*) fail "the room is carried over too" ;;
    esac
    send Escape
    wait_line 0 Households
}

case_member_form_asks_about_a_birth_date_that_differs() {
    start_desk
    to_list
    send a
    wait_for 'New household'
    type '小美北苑'
    send Enter
    type '1'
    send C-s
    wait_for 'New member:'
    type '周九'
    send Enter
    type '330102199003071230'
    wait_for '1990-03-07'
    send Tab Tab
    send C-e C-u
    type '1991-01-01'
    send C-s
    wait_for 'Birth date differs from the ID number (1990-03-07). Save anyway? (y/n)'
    send n
    expect_line 0 Resident
    send C-s
    wait_for 'Save anyway? (y/n)'
    send y
    wait_for 'Saved 周九'
    wait_for 'Members (1)'
    expect_line "$(row_of '周九')" ' 1991 '
    expect_not '1991-01-01'
}

case_registered_id_offers_to_open_that_person() {
    start_with_survey
    send a
    wait_for 'New household'
    type '小美北苑'
    send Enter
    type '5'
    send C-s
    # a compound nobody lives in yet is asked about
    wait_status 'No compound is called 小美北苑 (registered: 大美南苑). Register 小美北苑 as a new compound? (y/n)'
    send y
    wait_for 'New member:'
    type '张三丰'
    send Enter
    type '330102198001010018'
    send C-s
    wait_for 'ID already registered: 张三, 大美南苑12幢2单元301室. Open them instead? (y/n)'
    send y
    wait_line 0 'Household card'
    wait_for '大美南苑12幢2单元301室'
    wait_for 'Members (3)'
    expect_not '张三丰'
}

case_filter_shows_care_flagged_residents() {
    start_desk
    write_care_sheet
    import_file "$DD_E2E_SCRATCH/care.csv"
    wait_for 'Imported: 2 new'
    back_to_list
    send f
    wait_for 'Show a list'
    wait_for 'Care-flagged residents'
    send 1
    wait_line 0 Households
    wait_for 'Care-flagged residents: 1'
    row=$(row_of '王秀英')
    [ "$row" -ge 0 ] || fail "王秀英 is not in the list"
    expect_line "$row" 'alone'
    expect_not '钱七'
    columns_line_up 1
    # Esc goes back to the search
    send Escape
    wait_gone 'Care-flagged residents'
    wait_for 'Recently changed households'
}

case_filter_residents_of_a_building() {
    start_with_survey
    send f
    wait_for 'Show a list'
    send 3
    wait_for 'Residents of one building'
    type '南苑'
    send Enter
    type '12'
    send Enter
    wait_for 'Residents of 大美南苑12幢: 4'
    expect_screen '张三' '李梅' '张小䶮' '王秀英'
    expect_not '阿依古丽'
}

case_move_a_resident_and_mark_one_moved_out() {
    start_with_survey
    type '张小'
    wait_for '张小䶮'
    # the keyboard is in the box: Tab takes it to the hit, where m moves
    send Tab
    wait_for 'mMove'
    send m
    wait_line 0 'Move a resident'
    type '12-2-302'
    wait_for '王秀英'
    # Enter asks first, with both addresses; n leaves everyone where they are
    send Enter
    wait_status 'Move 张小䶮 from 大美南苑12幢2单元301室 to 大美南苑12幢2单元302室? (y/n)'
    send n
    wait_status 'Not moved.'
    expect_line 0 'Move a resident'
    send Enter
    wait_status '(y/n)'
    send y
    wait_for 'Moved 张小䶮 to 大美南苑12幢2单元302室'
    wait_line 0 Households
    send Enter
    wait_for 'Members (2)'
    expect_screen '王秀英' '张小䶮'
    # moved out: today unless changed
    send Down
    send x
    wait_for 'Moved out on'
    expect_screen "$TODAY"
    send Tab
    type '杭州'
    send C-s
    wait_status "Mark 张小䶮 moved out on $TODAY, to 杭州? (y/n)"
    send y
    wait_for "is marked moved out on $TODAY"
    wait_for 'Members (2)'
    expect_screen 'moved out'
}

case_help_lists_the_new_actions() {
    start_desk
    send F1
    wait_line 0 Help
    all=$DD_E2E_SCRATCH/help.txt
    screen > "$all"
    while :; do
        screen > "$DD_E2E_SCRATCH/page.txt"
        send PgDn
        screen_changes_from "$DD_E2E_SCRATCH/page.txt" 1 || break
        cat "$DD_SCREEN" >> "$all"
    done
    for row in 'f|Filter|Lists: care flags' 'i|Import|Import residents from' \
               'm|Move|Move the resident' 'x|Moved out|Mark the resident moved out'; do
        key=${row%%|*} rest=${row#*|} label=${rest%%|*} help=${rest#*|}
        grep -q "^ *$key  *$label  *$help" "$all" \
            || { cat "$all"; fail "no help row: $key $label $help"; }
    done
}

case_zh_households_screen_fits_80_columns() {
    dd_have_zh_locale || skip "the zh_CN.UTF-8 locale is missing (sh scripts/deps.sh test generates it)"
    db=$DD_E2E_SCRATCH/desk.db
    dd_init_db "$db"
    dd_start_ready -l zh_CN.UTF-8 --db "$db" --operator 张三
    wait_line 0 住户
    wait_for '搜索'
    send Tab
    wait_for 'i导入'
    send i
    send C-e C-u
    type "$FIXTURES/residents-gb18030.csv"
    send Enter
    wait_for 'residents-gb18030.csv'
    # the preview asks, in Chinese, before it writes
    wait_for '还没有写入任何内容'
    send y
    wait_for '已导入：新增 6 人'
    send Escape
    wait_for '王秀英'
    expect_key_bar 'F1帮助 F2住户 F3隔离 F4排班 F5物资 F6日报 F10退出'
    type '张'
    wait_for '张小䶮'
    r=0
    while [ "$r" -le "$(last_row)" ]; do
        [ "$(width "$(screen_line "$r")")" -le 80 ] || fail "row $r is wider than 80 columns"
        r=$((r + 1))
    done
}

# A sheet deep in a long folder, as a user's Documents folder may be: the
# screens show its file name whole, and cut the folder instead.
case_a_long_path_shows_the_file_name() {
    deep=$DD_E2E_SCRATCH/home/someone/Documents/community-office/2026-11/door-to-door-survey/building-12
    mkdir -p "$deep"
    cp "$FIXTURES/residents-gb18030.csv" "$deep/第三网格摸排表.csv"
    start_desk
    preview_file "$deep/第三网格摸排表.csv"
    expect_line 1 'Preview of the import of 第三网格摸排表.csv'
    send y
    wait_for 'Imported: 6 new'
    expect_line 1 '第三网格摸排表.csv'
}

# A compound is one of those registered; a new one (or a typo) is asked
# about, and n goes back to the field.
case_a_new_compound_is_asked_about() {
    start_with_survey
    send a
    wait_for 'New household'
    type '美南苑'
    send Enter
    type '7'
    send C-s
    wait_status 'No compound is called 美南苑; registered ones like it: 大美南苑. Register 美南苑 as a new compound? (y/n)'
    send n
    wait_for 'not a registered compound'
    expect_line 0 Household
    row=$(row_of 'Compound:')
    expect_line $((row + 1)) 'not a registered compound'
    # corrected: saved without a question
    send Up Up Home
    type '大'
    send C-s
    wait_for 'Saved the household 大美南苑7幢'
    n=$(sqlite3 "$DD_E2E_SCRATCH/desk.db" "SELECT count(DISTINCT compound) FROM household")
    [ "$n" = 1 ] || fail "$n compounds, not 1"
}
