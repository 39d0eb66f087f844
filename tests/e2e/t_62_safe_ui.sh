# t_62_safe_ui.sh — the interface where the data is at stake: an import
# that would move registered people shows them and asks first; a save
# while another program holds the database (a large import) says so in
# plain words, keeps what was typed and goes through by itself once the
# database is free; a database that cannot be written opens read-only and
# says so.  80x24.

FIXTURES=$DD_E2E_ROOT/tests/fixtures

status_row() {
    echo $(($(last_row) - 1))
}

# 张国强 lives at 大美北苑2幢3单元501室 with his wife; the survey, saved by
# Excel in GB18030, has him, by his ID number, at 大美南苑12幢2单元301室.
desk_with_a_mover() {
    db=$DD_E2E_SCRATCH/desk.db
    dd_init_db "$db"
    printf '姓名,身份证号,与户主关系,小区,楼栋,单元,室\n张国强,330102198001010018,户主,大美北苑,2,3,501\n刘美,330102198203150027,妻,大美北苑,2,3,501\n' \
        > "$DD_E2E_SCRATCH/home.csv"
    "$DD_E2E_PROG" --db "$db" import residents "$DD_E2E_SCRATCH/home.csv" > /dev/null 2>&1 \
        || fail "the first import failed"
    printf '姓名,身份证号,小区,楼栋,单元,室\r\n王芳,,大美南苑,12,2,301\r\n张国强,330102198001010018,大美南苑,12,2,301\r\n' \
        | iconv -f UTF-8 -t GB18030 > "$DD_E2E_SCRATCH/survey.csv" || fail "iconv failed"
}

ask_import() {
    to_list
    send i
    wait_for 'File'
    send C-e C-u
    type "$1"
    send Enter
    wait_for 'Preview of the import of '
}

case_the_preview_names_whom_the_import_would_move() {
    desk_with_a_mover
    dd_start_ready --db "$db" --operator 陈静
    wait_for 'Search'
    # a name relative to the folder the program runs in, so the report's
    # lines wrap where this test expects them, wherever the tests run
    ask_import survey.csv
    wait_for 'Would import: 1 new, 1 updated, 0 unchanged; 1 new households; 0 rows'
    wait_for '1 registered people would move to another household; 1 households would'
    expect_screen 'Registered people this file would move to another household:' \
                  'Households these moves would leave without a head:'
    # the mover's line, wrapped to the screen, with both addresses
    expect_own_line 'survey.csv:3: would move 张国强 (330102********0018) from 大美北苑2幢3单元501'
    expect_own_line '室 to 大美南苑12幢2单元301室'
    expect_own_line 'survey.csv: 大美北苑2幢3单元501室 would be left without a head (户主): 1'
    expect_line "$(status_row)" 'Nothing is written yet. Import these rows? (y/n)'
    # a key that is not an answer changes nothing
    send x
    wait_line "$(status_row)" 'Import these rows?'
    expect_line 0 Import
    # n: back, nothing written
    send n
    wait_line 0 Households
    wait_for 'Nothing was imported.'
    n=$("$DD_E2E_PROG" --db "$db" lookup 张国强 | grep -c 大美北苑2幢3单元501室)
    [ "$n" = 1 ] || fail "the preview moved him"
    # again, and y: the import is made and says whom it moved
    ask_import survey.csv
    wait_for 'Import these rows? (y/n)'
    send y
    wait_for 'Imported: 1 new, 1 updated, 0 unchanged; 1 new households; 0 rows left'
    expect_screen 'Registered people moved to another household:'
    expect_own_line 'survey.csv:3: moved 张国强 (330102********0018) from 大美北苑2幢3单元501室 to'
    expect_own_line '大美南苑12幢2单元301室'
    n=$("$DD_E2E_PROG" --db "$db" lookup 张国强 | grep -c 大美南苑12幢2单元301室)
    [ "$n" = 1 ] || fail "he was not moved"
}

# Holds the write lock of the database as a large import does, and leaves
# the note a dutydesk import leaves (db-busy, under an exclusive lock).
hold_the_database() {
    echo '张三 is importing 调查表.csv (since 10:02)' > "$db-busy"
    ( exec flock "$db-busy" sleep 60 ) &
    dd_bg $!
    holder_note=$!
    mkfifo "$DD_E2E_SCRATCH/lock.in"
    sqlite3 "$db" < "$DD_E2E_SCRATCH/lock.in" > "$DD_E2E_SCRATCH/lock.log" 2>&1 &
    dd_bg $!
    holder=$!
    exec 7> "$DD_E2E_SCRATCH/lock.in"
    echo 'BEGIN IMMEDIATE;' >&7
    # wait until the lock is taken: the shell's own write is refused
    t=0
    while sqlite3 -cmd '.timeout 0' "$db" 'BEGIN IMMEDIATE; ROLLBACK;' > /dev/null 2>&1; do
        t=$((t + 1))
        [ $t -lt 100 ] || fail "the lock was never taken"
        sleep 0.05
    done
}

let_go() {
    exec 7>&-
    wait "$holder" 2>/dev/null
    kill "$holder_note" 2>/dev/null
    rm -f "$db-busy"
}

case_a_save_while_the_database_is_held_waits_and_says_why() {
    db=$DD_E2E_SCRATCH/desk.db
    dd_init_db "$db"
    dd_start_ready --db "$db" --operator 陈静
    wait_for 'Search'
    to_list
    send a
    wait_for 'New household'
    type '大美南苑'
    send Enter
    type '12'
    send Enter
    type '2'
    send Enter
    type '303'
    hold_the_database
    start=$(date +%s%3N)
    send C-s
    wait_for 'Not saved yet: 张三 is importing 调查表.csv (since 10:02).' 3
    took=$(($(date +%s%3N) - start))
    [ "$took" -lt 2000 ] || fail "the screen froze for ${took} ms before saying so"
    # the form is kept as typed, and the screen still answers
    expect_line 0 Household
    expect_screen '303'
    send Tab
    expect_line 0 Household
    # Ctrl-S tries again at once, and says it again
    send C-s
    wait_for 'Not saved yet: 张三 is importing'
    # once the database is free, the save goes through by itself
    let_go
    wait_for 'Saved the household 大美南苑12幢2单元303室' 10
    n=$(sqlite3 "$db" "SELECT count(*) FROM household WHERE room = '303'")
    [ "$n" = 1 ] || fail "the household was saved $n times"
}

case_a_read_only_database_opens_read_only_and_says_so() {
    db=$DD_E2E_SCRATCH/ro/desk.db
    mkdir "$DD_E2E_SCRATCH/ro"
    dd_init_db "$db"
    "$DD_E2E_PROG" --db "$db" import residents "$FIXTURES/residents-utf8.csv" > /dev/null 2>&1 \
        || fail "the import failed"
    dd_as_other_user
    chown -R "$DD_OTHER_UID" "$DD_E2E_SCRATCH/ro"
    chmod 400 "$db"
    dd_start_ready --db ro/desk.db --operator 陈静
    wait_for 'Households [read-only]'
    wait_for 'ro/desk.db is open read-only (the file or its folder cannot be written): you can'
    wait_for 'look everything up, nothing can be saved'
    # looking up works
    type '张三'
    wait_for '大美南苑12幢2单元301室'
    # saving says why it cannot
    send Escape
    to_list
    send a
    wait_for 'New household'
    type '大美南苑'
    send Enter
    type '12'
    send Enter Enter
    type '309'
    send C-s
    wait_for 'The household could not be saved:'
    wait_for 'nothing can be saved'
    expect_line 0 Household
}
