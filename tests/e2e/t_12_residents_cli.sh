# t_12_residents_cli.sh — import residents, lookup and export on the command
# line.  No terminal needed.

FIX=$DD_E2E_ROOT/tests/fixtures

# A survey sheet with every kind of bad row, as Excel saves it (BOM, CRLF).
write_bad_sheet() {
    printf '\357\273\277姓名,性别,身份证号,手机号,小区,楼栋,单元,房号,颜色\r\n' > "$1"
    printf '%s\r\n' \
        '张三,男,330102198001010018,13912347788,大美南苑,12,2,301,红' \
        '李四,男,330102198001010019,13912347788,大美南苑,12,2,302,红' \
        ',女,,,大美南苑,12,2,303,' \
        '王五,男,3.30102E+17,,大美南苑,12,2,304,' \
        '赵六,男,330102198001010018,,大美南苑,12,2,305,' \
        '钱七,男,,123,大美南苑,12,2,306,' \
        '孙八,女,,,大美南苑,12,2' \
        '周九,女,,,大美南苑,12,2,307,' >> "$1"
}

case_import_reports_counts_and_is_idempotent() {
    dd_fixture_db
    expect_out_line "imported: 6 new, 0 updated, 0 unchanged residents; 3 new households; 0 rows rejected"
    expect_out_line "  the file was read as UTF-8"
    expect_empty "$DD_ERR"
    dd_run --db "$db" import residents "$FIX/residents-gb18030.csv"
    expect_status 0
    # The first line says nothing new was made.
    expect_out_line "imported: 0 new, 0 updated, 6 unchanged residents; 0 new households; 0 rows rejected"
    expect_out_line "  the file was read as GB18030"
    n=$(sqlite3 "$db" 'SELECT count(*) FROM resident;')
    [ "$n" = 6 ] || fail "importing the same people twice left $n residents, not 6"
}

case_import_rejects_bad_rows_with_file_and_line() {
    db=$DD_E2E_SCRATCH/desk.db
    sheet=$DD_E2E_SCRATCH/survey.csv
    dd_init_db "$db"
    write_bad_sheet "$sheet"
    dd_run --db "$db" import residents "$sheet"
    expect_status 1
    expect_out_line "imported: 2 new, 0 updated, 0 unchanged residents; 2 new households; 6 rows rejected"
    expect_err "$sheet:1: unknown column \"颜色\" skipped"
    expect_err "$sheet:3: 身份证号 330102********0019: the check character is wrong"
    expect_err "$sheet:4: the 姓名 is empty"
    expect_err "$sheet:5: the 身份证号 \"3.30102E+17\" was turned into a number by the spreadsheet"
    expect_err "$sheet:6: the ID number 330102********0018 appears twice in the file (first on line 2)"
    expect_err "$sheet:7: the 手机号 \"123\" is not a possible phone number"
    expect_err "$sheet:8: wrong number of columns"
    # Every message names its place; the good rows are in.
    bad=$(grep -cv "^$sheet:[0-9]*: " "$DD_ERR" || true)
    [ "$bad" = 0 ] || _dd_fail_run "a message on stderr does not start with FILE:LINE:"
    dd_run --db "$db" lookup 周九
    expect_status 0
    expect_out 大美南苑12幢2单元307室
}

case_import_dry_run_writes_nothing() {
    db=$DD_E2E_SCRATCH/desk.db
    dd_init_db "$db"
    dd_run --db "$db" import residents "$FIX/residents-utf8.csv" --dry-run
    expect_status 0
    expect_out_line "dry run, nothing written: 6 new, 0 updated, 0 unchanged residents; 3 new households; 0 rows rejected"
    n=$(sqlite3 "$db" 'SELECT count(*) FROM resident;')
    [ "$n" = 0 ] || fail "a dry run wrote $n residents"
}

case_import_missing_column_stops_before_writing() {
    db=$DD_E2E_SCRATCH/desk.db
    sheet=$DD_E2E_SCRATCH/names.csv
    dd_init_db "$db"
    printf '姓名,性别,身份证号\n张三,男,330102198001010018\n' > "$sheet"
    dd_run --db "$db" import residents "$sheet"
    expect_status 1
    expect_err "$sheet:1: no column for the building"
    expect_err "nothing was imported"
    n=$(sqlite3 "$db" 'SELECT count(*) FROM resident;')
    [ "$n" = 0 ] || fail "a refused import wrote $n residents"
}

case_import_piped_prints_no_progress_bar() {
    dd_fixture_db
    if grep -q 'rows/s' "$DD_OUT" "$DD_ERR"; then
        _dd_fail_run "a progress bar was printed although nobody watches"
    fi
}

case_import_usage_errors() {
    db=$DD_E2E_SCRATCH/desk.db
    dd_init_db "$db"
    dd_run --db "$db" import
    expect_status 2
    expect_err "(see dutydesk --help)"
    dd_run --db "$db" import residents
    expect_status 2
    dd_run --db "$db" import residents a.csv --frob
    expect_status 2
    expect_err "--frob"
}

case_lookup_prints_header_then_matches() {
    dd_fixture_db
    dd_run --db "$db" lookup 张
    expect_status 0
    [ "$(sed -n 1p "$DD_OUT")" = "$(printf 'household\taddress\tname\tid\tphone\tflags')" ] \
        || _dd_fail_run "the first line is not the header"
    expect_out "$(printf '\t大美南苑12幢2单元301室\t张三\t330102********0018\t139****7788\t')"
    expect_out "$(printf '\t张小䶮\t')"
    for q in zs 7788 0018 12-2-301 '南苑 12' 330102198001010018; do
        dd_run --db "$db" lookup $q
        expect_status 0
        expect_out "$(printf '\t张三\t')"
    done
    if grep -q 330102198001010018 "$DD_OUT"; then
        _dd_fail_run "lookup printed a whole ID number"
    fi
}

case_lookup_finds_compounds_with_numbers_in_their_names() {
    db=$DD_E2E_SCRATCH/desk.db
    sheet=$DD_E2E_SCRATCH/compounds.csv
    dd_init_db "$db"
    printf '姓名,性别,身份证号,手机号,小区,楼栋,单元,房号\n' > "$sheet"
    printf '%s\n' \
        '孙丽,女,,,万科城3期,12,2,301' \
        '周强,男,,,万科城,12,2,302' \
        '吴敏,女,,,时代1号院,5,2,301' >> "$sheet"
    dd_run --db "$db" import residents "$sheet"
    expect_status 0
    expect_out_line "imported: 3 new, 0 updated, 0 unchanged residents; 3 new households; 0 rows rejected"
    for q in 万科城3期 '万科城3期 12-2-301' 万科城3期12幢2单元301室 '万科城3期 12'; do
        dd_run --db "$db" lookup "$q"
        expect_status 0
        expect_out "$(printf '\t万科城3期12幢2单元301室\t孙丽\t')"
        if grep -q 周强 "$DD_OUT"; then _dd_fail_run "万科城 is not 万科城3期"; fi
    done
    for q in 时代1号院 时代1号院5幢 时代1号院5幢2单元301 '时代1号院 5-2-301'; do
        dd_run --db "$db" lookup "$q"
        expect_status 0
        expect_out "$(printf '\t时代1号院5幢2单元301室\t吴敏\t')"
    done
    dd_run --db "$db" lookup 万科城
    expect_status 0
    expect_out 孙丽
    expect_out 周强
    dd_run --db "$db" lookup 时代1号院5幢2单元302
    expect_status 1
}

case_lookup_without_match_exits_1() {
    dd_fixture_db
    dd_run --db "$db" lookup 诸葛
    expect_status 1
    expect_out_line "$(printf 'household\taddress\tname\tid\tphone\tflags')"
    [ "$(wc -l < "$DD_OUT")" = 1 ] || _dd_fail_run "lines besides the header"
    expect_err 诸葛
    dd_run --db "$db" lookup
    expect_status 2
}

case_export_is_excel_csv_masked_by_default() {
    dd_fixture_db
    out=$DD_E2E_SCRATCH/out.csv
    dd_run --db "$db" export residents -o "$out"
    expect_status 0
    [ "$(head -c 3 "$out" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no UTF-8 BOM"
    [ "$(stat -c %a "$out")" = 600 ] || fail "the export is readable by others"
    lines=$(wc -l < "$out")
    crlf=$(grep -c "$(printf '\r')\$" "$out")
    [ "$lines" = 7 ] || fail "expected a header and 6 residents, got $lines lines"
    [ "$crlf" = 7 ] || fail "the rows do not end with CRLF"
    grep -q '330102\*\*\*\*\*\*\*\*0018' "$out" || fail "no masked ID in the export"
    if grep -q 330102198001010018 "$out"; then fail "a whole ID number in a masked export"; fi
    grep -q '"住一楼, 腿脚不便"' "$out" || fail "a note with a comma is not quoted"
    grep -q '阿依古丽·买买提' "$out" || fail "a name is missing"
}

case_export_unmasked_imports_again_unchanged() {
    dd_fixture_db
    out=$DD_E2E_SCRATCH/all.csv
    dd_run --db "$db" export residents --unmasked -o "$out"
    expect_status 0
    expect_err "keep the file safe"
    grep -q 330102198001010018 "$out" || fail "the unmasked export masks the ID"
    db2=$DD_E2E_SCRATCH/copy.db
    dd_init_db "$db2"
    dd_run --db "$db2" import residents "$out"
    expect_status 0
    expect_out_line "imported: 6 new, 0 updated, 0 unchanged residents; 3 new households; 0 rows rejected"
    dd_run --db "$db2" export residents --unmasked
    expect_status 0
    cmp -s "$out" "$DD_OUT" || fail "the export of the re-imported file differs from the first"
}

case_export_unknown_list_is_a_usage_error() {
    dd_fixture_db
    dd_run --db "$db" export staff
    expect_status 2
    expect_err "export residents"
}

case_import_on_a_terminal_shows_progress() {
    command -v script > /dev/null || skip "script(1) is missing (package bsdutils)"
    db=$DD_E2E_SCRATCH/desk.db
    dd_init_db "$db"
    # script(1) gives the import a terminal and keeps all it printed.
    script -qec "$(_dd_quote "$DD_E2E_PROG") --db $(_dd_quote "$db") import residents \
$(_dd_quote "$FIX/residents-gb18030.csv")" "$DD_E2E_SCRATCH/tty.log" > /dev/null 2>&1 \
        || fail "the import on a terminal failed"
    grep -q '100% \[##############################\] 6 rows  [0-9]* rows/s' "$DD_E2E_SCRATCH/tty.log" \
        || { cat -A "$DD_E2E_SCRATCH/tty.log" >&2; fail "no progress bar on the terminal"; }
    grep -q 'imported: 6 new, 0 updated, 0 unchanged residents; 3 new households; 0 rows rejected' "$DD_E2E_SCRATCH/tty.log" \
        || fail "no counts line after the bar"
}
