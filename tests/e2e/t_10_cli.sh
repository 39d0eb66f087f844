# t_10_cli.sh — the command line: help, version, usage errors, init, check,
# backup.  No terminal needed.

case_help_lists_commands() {
    dd_run --help
    expect_status 0
    for word in init check backup --demo --db --config --operator --help --version; do
        expect_out "$word"
    done
    expect_empty "$DD_ERR"
}

case_version() {
    version=$(sed -n 's/^VERSION[[:space:]]*:=[[:space:]]*//p' "$DD_E2E_ROOT/Makefile")
    [ -n "$version" ] || fail "no VERSION in the Makefile"
    dd_run --version
    expect_status 0
    expect_out_line "dutydesk $version"
    expect_empty "$DD_ERR"
}

case_unknown_option_is_a_usage_error() {
    dd_run --frobnicate
    expect_status 2
    expect_err_line "dutydesk: unknown option --frobnicate (see dutydesk --help)"
    expect_empty "$DD_OUT"
}

case_unknown_command_is_a_usage_error() {
    dd_run --db "$DD_E2E_SCRATCH/x.db" frobnicate
    expect_status 2
    expect_err frobnicate
    expect_empty "$DD_OUT"
}

case_backup_without_file_is_a_usage_error() {
    db=$DD_E2E_SCRATCH/x.db
    dd_init_db "$db"
    dd_run --db "$db" backup
    expect_status 2
    [ -s "$DD_ERR" ] || fail "no message on stderr"
}

case_init_creates_db_mode_600() {
    db=$DD_E2E_SCRATCH/new.db
    umask 022
    dd_run --db "$db" init
    expect_status 0
    [ -f "$db" ] || fail "init did not create $db"
    mode=$(stat -c %a "$db")
    [ "$mode" = 600 ] || fail "$db has mode $mode, not 600"
    for side in "$db-wal" "$db-shm"; do
        if [ -e "$side" ]; then
            mode=$(stat -c %a "$side")
            [ "$mode" = 600 ] || fail "$side has mode $mode, not 600"
        fi
    done
    head -c 16 "$db" | grep -q 'SQLite format 3' || fail "$db is not an SQLite database"
}

case_init_default_path_is_xdg() {
    dd_run init
    expect_status 0
    db=$XDG_DATA_HOME/dutydesk/dutydesk.db
    [ -f "$db" ] || fail "init without --db did not create $db"
    mode=$(stat -c %a "$db")
    [ "$mode" = 600 ] || fail "$db has mode $mode, not 600"
    [ ! -e "$HOME/.local/share/dutydesk" ] || fail "init wrote under HOME despite XDG_DATA_HOME"
}

case_init_refuses_existing_db() {
    db=$DD_E2E_SCRATCH/here.db
    dd_init_db "$db" --demo
    cp "$db" "$DD_E2E_SCRATCH/before.db"
    for args in "init" "init --demo"; do
        # shellcheck disable=SC2086
        dd_run --db "$db" $args
        expect_status 1
        expect_err "$db already exists; nothing was changed"
        cmp -s "$db" "$DD_E2E_SCRATCH/before.db" || fail "$args changed the existing file"
    done
}

case_init_refuses_existing_other_file() {
    f=$DD_E2E_SCRATCH/notes.txt
    printf 'not a database\n' > "$f"
    dd_run --db "$f" init
    expect_status 1
    expect_err "$f already exists; nothing was changed"
    [ "$(cat "$f")" = "not a database" ] || fail "init changed $f"
}

case_check_good_db() {
    db=$DD_E2E_SCRATCH/good.db
    dd_init_db "$db" --demo
    dd_run --db "$db" check
    expect_status 0
    expect_out_line "$db: ok"
}

case_check_text_file_fails_clearly() {
    f=$DD_E2E_SCRATCH/residents.csv
    printf '姓名,电话\n张三,13912347788\n' > "$f"
    cp "$f" "$DD_E2E_SCRATCH/before.csv"
    dd_run --db "$f" check
    expect_status 1
    [ -s "$DD_ERR" ] || _dd_fail_run "no message on stderr"
    expect_err "$f"
    if grep -q ': ok' "$DD_OUT"; then
        _dd_fail_run "check says ok for a text file"
    fi
    cmp -s "$f" "$DD_E2E_SCRATCH/before.csv" || fail "check changed the text file"
    for side in "$f-wal" "$f-shm" "$f-journal"; do
        [ ! -e "$side" ] || fail "check left $side behind"
    done
}

case_check_missing_file_creates_nothing() {
    db=$DD_E2E_SCRATCH/missing.db
    dd_run --db "$db" check
    expect_status 1
    [ -s "$DD_ERR" ] || _dd_fail_run "no message on stderr"
    [ ! -e "$db" ] || fail "check created $db"
}

# A writer that changes the database all the time; backups taken meanwhile
# must be good databases, each a consistent snapshot.  The writer uses the
# sqlite3 shell on a table of its own without audit triggers (the shell does
# not have the program's dd_* functions).
case_backup_while_another_process_writes() {
    command -v sqlite3 > /dev/null || fail "sqlite3 is not installed (sh scripts/deps.sh test)"
    db=$DD_E2E_SCRATCH/live.db
    dd_init_db "$db" --demo
    sqlite3 "$db" "CREATE TABLE e2e_load (n INTEGER, pad BLOB);" || fail "cannot create the load table"
    rows=200
    (
        while [ ! -f "$DD_E2E_SCRATCH/stop" ]; do
            sqlite3 -cmd '.timeout 10000' "$db" "BEGIN IMMEDIATE;
                INSERT INTO e2e_load
                  WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $rows)
                  SELECT i, randomblob(400) FROM c;
                COMMIT;" > /dev/null || exit 1
        done
    ) &
    writer=$!
    dd_bg "$writer"
    count() {
        sqlite3 -cmd '.timeout 10000' "$1" 'SELECT count(*) FROM e2e_load;'
    }
    t=0
    while [ "$(count "$db")" -lt $((3 * rows)) ]; do
        t=$((t + 1))
        [ $t -lt 200 ] || fail "the writer wrote nothing"
        sleep 0.05
    done
    for i in 1 2 3; do
        copy=$DD_E2E_SCRATCH/copy$i.db
        dd_run --db "$db" backup "$copy"
        expect_status 0
        mode=$(stat -c %a "$copy")
        [ "$mode" = 600 ] || fail "$copy has mode $mode, not 600"
        dd_run --db "$copy" check
        expect_status 0
        expect_out_line "$copy: ok"
        n=$(count "$copy")
        [ "$n" -gt 0 ] && [ $((n % rows)) -eq 0 ] \
            || fail "$copy holds $n rows of the load table: not a consistent snapshot"
    done
    touch "$DD_E2E_SCRATCH/stop"
    wait "$writer" || fail "the writer failed (the database was locked too long?)"
    dd_run --db "$db" check
    expect_status 0
}

case_interface_refuses_missing_db() {
    db=$DD_E2E_SCRATCH/typo.db
    dd_run --db "$db"
    expect_status 1
    expect_err "$db"
    [ ! -e "$db" ] || fail "the interface created $db, named with --db"
}

case_bad_pinned_date_is_a_usage_error() {
    db=$DD_E2E_SCRATCH/x.db
    dd_init_db "$db"
    DUTYDESK_TODAY=2026-02-30 dd_run --db "$db" check
    expect_status 2
    expect_err 2026-02-30
}
