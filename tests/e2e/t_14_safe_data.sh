# t_14_safe_data.sh — what the commands never do: write over the database
# or replace a file unasked, give an ID number away, write a control
# character to a terminal, take an empty file for a database, or move a
# registered person without naming them.  No terminal needed.

FIX=$DD_E2E_ROOT/tests/fixtures

# Does FILE hold ESC, BEL or a C1 control (as UTF-8: C2 80..C2 9F)?
has_controls() {
    LC_ALL=C grep -q "$(printf '[\033\007]')" "$1" && return 0
    od -An -tx1 -v "$1" | tr -s ' \n' ' ' | grep -qE 'c2 (8[0-9a-f]|9[0-9a-f])'
}

case_export_onto_the_database_is_refused() {
    dd_fixture_db
    before=$(sha256sum < "$db")
    ln -s "$db" "$DD_E2E_SCRATCH/link.csv"
    ln "$db" "$DD_E2E_SCRATCH/hard.csv"
    for dest in "$db" "$db-wal" "$db-shm" "$db-journal" "$DD_E2E_SCRATCH/./desk.db" \
                "$DD_E2E_SCRATCH/link.csv" "$DD_E2E_SCRATCH/hard.csv"; do
        dd_run --db "$db" export residents -o "$dest" --force
        expect_status 1
        grep -qE 'is the database itself|is a working file of the database' "$DD_ERR" \
            || _dd_fail_run "export -o $dest was not refused as the database"
        dd_run --db "$db" backup "$dest" --force
        expect_status 1
    done
    [ "$(sha256sum < "$db")" = "$before" ] || fail "the database was changed"
    dd_run --db "$db" check
    expect_status 0
    dd_run --db "$db" lookup 张三
    expect_status 0
}

case_an_existing_file_is_replaced_only_with_force() {
    dd_fixture_db
    out=$DD_E2E_SCRATCH/住户.csv
    echo old > "$out"
    dd_run --db "$db" export residents -o "$out"
    expect_status 1
    expect_err "$out already exists: add --force to replace it"
    [ "$(cat "$out")" = old ] || fail "the file was replaced without --force"
    dd_run --db "$db" export residents -o "$out" --force
    expect_status 0
    [ "$(head -c 3 "$out" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "not replaced"
    copy=$DD_E2E_SCRATCH/copy.db
    echo old > "$copy"
    dd_run --db "$db" backup "$copy"
    expect_status 1
    expect_err "already exists: add --force"
    [ "$(cat "$copy")" = old ] || fail "the backup replaced a file without --force"
    dd_run --db "$db" backup "$copy" --force
    expect_status 0
    dd_run --db "$copy" check
    expect_status 0
}

case_no_control_character_reaches_the_terminal() {
    db=$DD_E2E_SCRATCH/desk.db
    dd_init_db "$db"
    sheet=$DD_E2E_SCRATCH/x.csv
    printf '姓名,楼栋,房号,联系电话,备注\n坏,1,101,\033]0;pwned\007,\n好\033[2J,1,102,,\n好人,1,103,,\302\233\n正常,1,104,,\n' > "$sheet"
    dd_run --db "$db" import residents "$sheet"
    expect_status 1
    ! has_controls "$DD_ERR" || _dd_fail_run "a control character on stderr"
    ! has_controls "$DD_OUT" || _dd_fail_run "a control character on stdout"
    expect_err "$sheet:2: the 联系电话 holds a control character (U+001B) at character 1"
    expect_err "$sheet:3: the 姓名 holds a control character (U+001B) at character 2"
    expect_err "$sheet:4: the 备注 holds a control character (U+009B) at character 1"
    expect_out_line "imported: 1 new, 0 updated, 0 unchanged residents; 1 new households; 3 rows rejected"
    # A record that holds them anyway (written by an older program): the
    # sqlite3 shell puts them in, without the program's triggers.
    sqlite3 "$db" "DROP TRIGGER resident_audit_update; DROP TRIGGER resident_gram_update;
        UPDATE resident SET name = '正常' || char(27) || ']0;pwned' || char(7),
                            notes = char(27) || '[2J' || char(155) || 'x'
         WHERE name = '正常';" || fail "cannot prepare the record"
    dd_run --db "$db" lookup 1-104
    expect_status 0
    ! has_controls "$DD_OUT" || _dd_fail_run "lookup wrote a control character"
    expect_out "正常�]0;pwned�"
    dd_run --db "$db" export residents
    expect_status 0
    ! has_controls "$DD_OUT" || _dd_fail_run "export wrote a control character"
    dd_run --db "$db" export residents --unmasked
    ! has_controls "$DD_OUT" || _dd_fail_run "export --unmasked wrote a control character"
}

case_an_exported_formula_opens_as_text() {
    db=$DD_E2E_SCRATCH/desk.db
    dd_init_db "$db"
    printf '姓名,楼栋,房号,备注\n=1+1,1,101,"=HYPERLINK(""http://x"",""点我"")"\n@SUM(A1),1,102,-2\n' \
        > "$DD_E2E_SCRATCH/f.csv"
    dd_run --db "$db" import residents "$DD_E2E_SCRATCH/f.csv"
    expect_status 0
    out=$DD_E2E_SCRATCH/out.csv
    dd_run --db "$db" export residents --unmasked -o "$out"
    expect_status 0
    grep -q ",'=1+1," "$out" || fail "=1+1 is not kept as text: $(cat "$out")"
    grep -q ",\"'=HYPERLINK(" "$out" || fail "the formula in the notes is not kept as text"
    grep -q ",'@SUM(A1)," "$out" || fail "@SUM is not kept as text"
    grep -q ",'-2," "$out" || fail "-2 is not kept as text"
    # Imported again, the mark is gone: the same text.
    db2=$DD_E2E_SCRATCH/copy.db
    dd_init_db "$db2"
    dd_run --db "$db2" import residents "$out"
    expect_status 0
    [ "$(sqlite3 "$db2" "SELECT name || '|' || notes FROM resident ORDER BY name")" = \
      "$(printf '%s\n%s' '=1+1|=HYPERLINK("http://x","点我")' '@SUM(A1)|-2')" ] \
        || fail "the text changed on the way: $(sqlite3 "$db2" 'SELECT name, notes FROM resident')"
}

# 200,000 rows of UTF-8 and one byte that is not: that row is reported at
# its line, with the byte and its column; the file is read as UTF-8 and
# every other row is imported.
case_one_bad_byte_in_a_large_utf8_file() {
    db=$DD_E2E_SCRATCH/desk.db
    dd_init_db "$db"
    sheet=$DD_E2E_SCRATCH/big.csv
    awk 'BEGIN {
        print "姓名,小区,楼栋,单元,室"
        for (i = 2; i <= 200001; i++) {
            c = (i == 100001) ? "大美\240南苑" : "大美南苑"
            j = int(i / 3) # three people a household
            printf "居民%d,%s,%d,%d,%d\n", i, c, int(j / 240) + 1, int(j / 60) % 4 + 1, 101 + j % 60
        }
    }' > "$sheet"
    dd_run --db "$db" import residents "$sheet"
    expect_status 1
    # 居民100001,大美 is 11 characters: the byte is the 12th.
    expect_err_line "$sheet:100001: not valid UTF-8 (byte 0xA0 at column 12): the row is left out; correct that cell, or save the spreadsheet again as CSV, and import the file again"
    [ "$(wc -l < "$DD_ERR")" = 1 ] || _dd_fail_run "more than that one message"
    expect_out_line "imported: 199999 new, 0 updated, 0 unchanged residents; 66668 new households; 1 rows rejected"
    expect_out_line "  the file was read as UTF-8"
}

case_an_empty_file_is_refused_by_every_command() {
    e=$DD_E2E_SCRATCH/empty.db
    : > "$e"
    chmod 644 "$e"
    printf '姓名,楼栋,室\n张三,1,101\n' > "$DD_E2E_SCRATCH/one.csv"
    for args in "lookup 张三" "export residents" "check" "backup $DD_E2E_SCRATCH/b.db" \
                "import residents $DD_E2E_SCRATCH/one.csv" "init"; do
        # shellcheck disable=SC2086
        dd_run --db "$e" $args
        expect_status 1
        if [ "$args" = init ]; then
            expect_err "already exists"
        else
            expect_err "$e is empty: it is not a dutydesk database; nothing was changed"
        fi
        [ ! -s "$e" ] || fail "dutydesk $args wrote into the empty file"
        [ "$(stat -c %a "$e")" = 644 ] || fail "dutydesk $args changed its mode"
        [ ! -e "$e-wal" ] && [ ! -e "$e-shm" ] || fail "dutydesk $args made side files"
    done
    [ ! -e "$DD_E2E_SCRATCH/b.db" ] || fail "a backup of an empty file was made"
    # and `backup && check` cannot pass on an emptied database
    dd_run --db /dev/null check
    expect_status 1
    expect_err "/dev/null is not a regular file"
    # the interface too
    dd_start --db "$e"
    expect_exit 1
    [ ! -s "$e" ] || fail "the interface wrote into the empty file"
}

case_a_masked_export_is_refused_as_such() {
    dd_fixture_db
    dd_run --db "$db" export residents -o "$DD_E2E_SCRATCH/masked.csv"
    expect_status 0
    db2=$DD_E2E_SCRATCH/copy.db
    dd_init_db "$db2"
    dd_run --db "$db2" import residents "$DD_E2E_SCRATCH/masked.csv"
    expect_status 1
    [ "$(wc -l < "$DD_ERR")" = 1 ] || _dd_fail_run "not one message"
    expect_err "this file is a list with the ID numbers masked (like 330102********1234): 5 of its 5 ID numbers are hidden"
    [ "$(sqlite3 "$db2" 'SELECT count(*) FROM resident')" = 0 ] || fail "something was imported"
}

# 张国强 lives at 大美北苑2幢3单元501室 with his wife; the survey of 大美南苑,
# saved by Excel in GB18030, has him, by his ID number, at 12幢2单元301室.
write_moving_survey() {
    printf '姓名,身份证号,与户主关系,小区,楼栋,单元,室\n张国强,330102198001010018,户主,大美北苑,2,3,501\n刘美,330102198203150027,妻,大美北苑,2,3,501\n' \
        > "$DD_E2E_SCRATCH/home.csv"
    printf '姓名,身份证号,小区,楼栋,单元,室\r\n王芳,,大美南苑,12,2,301\r\n张国强,330102198001010018,大美南苑,12,2,301\r\n' \
        | iconv -f UTF-8 -t GB18030 > "$DD_E2E_SCRATCH/survey.csv" || fail "iconv failed"
}

case_an_import_that_moves_someone_names_him() {
    db=$DD_E2E_SCRATCH/desk.db
    dd_init_db "$db"
    write_moving_survey
    dd_run --db "$db" import residents "$DD_E2E_SCRATCH/home.csv"
    expect_status 0
    sheet=$DD_E2E_SCRATCH/survey.csv
    dd_run --db "$db" import residents "$sheet" --dry-run
    expect_status 0
    expect_err_line "$sheet:3: would move 张国强 (330102********0018) from 大美北苑2幢3单元501室 to 大美南苑12幢2单元301室"
    expect_err_line "$sheet: 大美北苑2幢3单元501室 would be left without a head (户主): 1 people live there; choose one on its card"
    expect_out_line "dry run, nothing written: 1 new, 1 updated, 0 unchanged residents; 1 new households; 0 rows rejected"
    expect_out_line "  1 residents would move to another household (named above)"
    expect_out_line "  the file was read as GB18030"
    dd_run --db "$db" lookup 张国强
    expect_out 大美北苑2幢3单元501室
    # the real run moves him and says so
    dd_run --db "$db" import residents "$sheet"
    expect_status 0
    expect_err_line "$sheet:3: moved 张国强 (330102********0018) from 大美北苑2幢3单元501室 to 大美南苑12幢2单元301室"
    expect_err_line "$sheet: 大美北苑2幢3单元501室 is left without a head (户主): 1 people live there; choose one on its card"
    expect_out_line "  1 residents moved to another household (named above)"
    expect_out_line "  1 households left without a head (named above)"
    dd_run --db "$db" lookup 张国强
    expect_out 大美南苑12幢2单元301室
}

case_an_unmasked_export_is_recorded() {
    dd_fixture_db
    dd_run --db "$db" --operator 陈静 export residents -o "$DD_E2E_SCRATCH/m.csv"
    expect_status 0
    [ "$(sqlite3 "$db" 'SELECT count(*) FROM export_run')" = 0 ] \
        || fail "a masked export was recorded as unmasked"
    dd_run --db "$db" --operator 陈静 export residents --unmasked -o "$DD_E2E_SCRATCH/all.csv"
    expect_status 0
    dd_run --db "$db" --operator 陈静 export residents --unmasked > /dev/null
    expect_status 0
    got=$(sqlite3 "$db" "SELECT what || '|' || file || '|' || rows || '|' || created_by || '|'
                                || created_at FROM export_run ORDER BY id")
    want=$(printf '%s\n%s' "residents|$DD_E2E_SCRATCH/all.csv|6|陈静|2026-11-23T09:30:00" \
                           "residents|-|6|陈静|2026-11-23T09:30:00")
    [ "$got" = "$want" ] || fail "the record of the unmasked exports: $got"
    [ "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE tbl = 'export_run'")" = 2 ] \
        || fail "the unmasked exports are not in the audit trail"
}

# A database the person may read but not write: the commands that read
# work on it, those that write say why they cannot.
case_reading_commands_work_on_a_read_only_file() {
    dd_fixture_db
    dd_as_other_user
    mkdir "$DD_E2E_SCRATCH/ro"
    mv "$db" "$DD_E2E_SCRATCH/ro/desk.db"
    db=$DD_E2E_SCRATCH/ro/desk.db
    chown -R "$DD_OTHER_UID" "$DD_E2E_SCRATCH/ro"
    chmod 400 "$db"
    dd_run --db "$db" lookup 张三
    expect_status 0
    expect_out 大美南苑12幢2单元301室
    dd_run --db "$db" check
    expect_status 0
    dd_run --db "$db" export residents
    expect_status 0
    expect_out 330102********0018
    dd_run --db "$db" backup "$DD_E2E_SCRATCH/ro/copy.db"
    expect_status 0
    dd_run --db "$db" export residents --unmasked
    expect_status 1
    expect_err "is open read-only: an export with ID and phone numbers in full is recorded in it"
    dd_run --db "$db" import residents "$FIX/residents-utf8.csv"
    expect_status 1
    expect_err "$db cannot be written"
    [ "$(stat -c %a "$db")" = 400 ] || fail "the mode changed"
}

# The folder cannot be written (the database keeps its working files
# there): reading works, writing names the folder.
case_a_folder_that_cannot_be_written() {
    dd_fixture_db
    dd_as_other_user
    mkdir "$DD_E2E_SCRATCH/shared"
    mv "$db" "$DD_E2E_SCRATCH/shared/desk.db"
    db=$DD_E2E_SCRATCH/shared/desk.db
    chown "$DD_OTHER_UID" "$db"
    chmod 555 "$DD_E2E_SCRATCH/shared"
    dd_run --db "$db" lookup 张三
    expect_status 0
    expect_out 大美南苑12幢2单元301室
    dd_run --db "$db" import residents "$FIX/residents-utf8.csv"
    expect_status 1
    expect_err "the folder $DD_E2E_SCRATCH/shared cannot be written"
    chmod 755 "$DD_E2E_SCRATCH/shared"
}

# A home folder that cannot be read (another person's, on a shared PC):
# the configuration looked for there is not an error.
case_a_home_that_cannot_be_read() {
    dd_fixture_db
    dd_as_other_user
    chown "$DD_OTHER_UID" "$db"
    mkdir -m 700 "$DD_E2E_SCRATCH/locked-home"
    [ "$(id -u)" = 0 ] || chmod 000 "$DD_E2E_SCRATCH/locked-home"
    export HOME="$DD_E2E_SCRATCH/locked-home"
    unset XDG_CONFIG_HOME
    dd_run --db "$db" lookup 张三
    expect_status 0
    expect_out 大美南苑12幢2单元301室
    if grep -q "cannot read the configuration file" "$DD_ERR"; then
        _dd_fail_run "the unreadable home stopped the command"
    fi
    chmod 700 "$DD_E2E_SCRATCH/locked-home"
}
