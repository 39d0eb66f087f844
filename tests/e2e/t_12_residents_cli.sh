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

# ---- lookup --sheet ---------------------------------------------------------

# The display column (from 0) where TEXT starts in LINE, or -1.
col_in() {
    case $2 in
        *"$1"*) width "${2%%"$1"*}" ;;
        *) echo -1 ;;
    esac
}

# Line N (from 1) of the program's output.
out_line() {
    sed -n "${1}p" "$DD_OUT"
}

# Every row of a resident (a masked ID number in it) has its ID and phone
# numbers at the display columns of their headings.
expect_sheet_columns_aligned() {
    heads=$(grep -m1 '  ID number  ' "$DD_OUT") || _dd_fail_run "no line of column headings"
    id_col=$(col_in "ID number" "$heads")
    phone_col=$(col_in "Phone" "$heads")
    rows=0
    while IFS= read -r line; do
        id=$(printf '%s\n' "$line" | grep -o '[0-9]\{6\}\*\{8\}[0-9X]\{4\}') || continue
        rows=$((rows + 1))
        [ "$(col_in "$id" "$line")" = "$id_col" ] \
            || _dd_fail_run "the ID number is not under its heading (column $id_col): $line"
        phone=$(printf '%s\n' "$line" | grep -o '[0-9-]\{1,\}\*\{4\}[0-9]\{4\}$') || continue
        [ "$(col_in "$phone" "$line")" = "$phone_col" ] \
            || _dd_fail_run "the phone number is not under its heading (column $phone_col): $line"
    done < "$DD_OUT"
    [ "$rows" = "$1" ] || _dd_fail_run "$rows rows with an ID number, not $1"
}

case_lookup_sheet_groups_households_in_aligned_columns() {
    dd_fixture_db
    conf=$DD_E2E_SCRATCH/desk.conf
    echo 'community = "大美社区";' > "$conf"
    dd_run --db "$db" --config "$conf" --operator 王五 lookup 大美 --sheet
    expect_status 0
    expect_empty "$DD_ERR"
    # The title, centred; the header: community, date and time, operator.
    [ "$(out_line 1 | sed 's/^ *//')" = "Residents matching «大美»" ] \
        || _dd_fail_run "line 1 is not the title"
    case $(out_line 2) in
        "大美社区 "*"  2026-11-23 09:30  operator: 王五") ;;
        *) _dd_fail_run "line 2 is not the header line" ;;
    esac
    [ "$(out_line 3)" = "" ] || _dd_fail_run "no blank line under the header"
    # At 80 columns the address heads its household and is no column.
    case $(out_line 4) in
        "Name "*"  ID number "*"  Phone "*"  Marks") ;;
        *) _dd_fail_run "line 4 is not the column headings" ;;
    esac
    out_line 5 | grep -qx '[- ]*' || _dd_fail_run "no rule under the headings"
    # Each household: its address on a line of its own, then its people.
    for group in 大美南苑3幢1单元101室 大美南苑12幢2单元301室 大美南苑12幢2单元302室; do
        expect_out_line "$group"
    done
    [ "$(grep -c '^大美南苑' "$DD_OUT")" = 3 ] || _dd_fail_run "not three household headings"
    sed -n '/^大美南苑12幢2单元301室$/,/^$/p' "$DD_OUT" > "$DD_E2E_SCRATCH/group.txt"
    for name in 张三 李梅 张小䶮; do
        grep -q "^$name " "$DD_E2E_SCRATCH/group.txt" || _dd_fail_run "$name is not under 301室"
    done
    expect_out "阿依古丽·买买提       650102********0088  159****5678"
    expect_out "王秀英                330102********0046  0571-****4321"
    expect_out_line 吉吉
    expect_sheet_columns_aligned 5
    if grep -q 330102198001010018 "$DD_OUT"; then
        _dd_fail_run "the sheet printed a whole ID number"
    fi
    while IFS= read -r line; do
        [ "$(width "$line")" -le 80 ] || _dd_fail_run "wider than 80 columns: $line"
        case $line in *' ') _dd_fail_run "a line ends in a space: $line" ;; esac
    done < "$DD_OUT"
}

case_lookup_sheet_wider_page_shows_the_address_column() {
    dd_fixture_db
    dd_run --db "$db" lookup 大美 --sheet --width 120
    expect_status 0
    case $(out_line 4) in
        "Address "*"  Name "*"  ID number "*"  Phone "*"  Marks") ;;
        *) _dd_fail_run "line 4 is not the five column headings" ;;
    esac
    expect_out "大美南苑12幢2单元301室          张三                  330102********0018"
    expect_sheet_columns_aligned 5
}

case_lookup_sheet_pages_repeat_headings_and_number_pages() {
    dd_fixture_db
    dd_run --db "$db" lookup 大美 --sheet --lines 12
    expect_status 0
    # Page 1: title, header, blank, headings, rule, 3幢1单元101室 and its
    # two people; 301室 and its three would not fit: page 2 has both 12幢
    # households.  Every page is padded to 12 lines, its number last.
    [ "$(wc -l < "$DD_OUT")" = 24 ] || _dd_fail_run "not two pages of 12 lines"
    [ "$(grep -c '^Name ' "$DD_OUT")" = 2 ] || _dd_fail_run "the headings are not on every page"
    for p in 1 2; do
        [ "$(out_line $((p * 12)) | sed 's/^ *//')" = "page $p" ] \
            || _dd_fail_run "line $((p * 12)) is not the footer of page $p"
    done
    [ "$(out_line 13 | cut -c1-4)" = Name ] \
        || _dd_fail_run "page 2 does not start with the headings"
    if LC_ALL=C grep -q "$(printf '\f')" "$DD_OUT"; then
        _dd_fail_run "a form feed without --form-feed"
    fi
    dd_run --db "$db" lookup 大美 --sheet --lines 12 --form-feed
    expect_status 0
    [ "$(LC_ALL=C tr -cd '\f' < "$DD_OUT" | wc -c)" = 1 ] || _dd_fail_run "not one form feed"
    expect_out "$(printf '\fName ')"
}

case_lookup_sheet_to_a_file_never_onto_the_database() {
    dd_fixture_db
    before=$(cksum < "$db")
    dd_run --db "$db" lookup 大美 --sheet -o "$db"
    expect_status 1
    expect_err "is the database itself"
    dd_run --db "$db" lookup 大美 --sheet -o "$db-wal" --force
    expect_status 1
    expect_err "is a working file of the database"
    [ "$(cksum < "$db")" = "$before" ] || fail "the database file changed"
    n=$(sqlite3 "$db" 'SELECT count(*) FROM resident;')
    [ "$n" = 6 ] || fail "the database lost residents: $n"

    out=$DD_E2E_SCRATCH/sheet.txt
    dd_run --db "$db" lookup 大美 --sheet -o "$out"
    expect_status 0
    expect_empty "$DD_OUT"
    expect_err "wrote the sheet of 6 matches to $out"
    [ "$(stat -c %a "$out")" = 600 ] || fail "the sheet is readable by others"
    grep -qx '大美南苑12幢2单元301室' "$out" || fail "no household heading in the file"
    dd_run --db "$db" lookup 张三 --sheet -o "$out"
    expect_status 1
    expect_err "add --force"
    grep -q 王秀英 "$out" || fail "the file was replaced without --force"
    dd_run --db "$db" lookup 张三 --sheet -o "$out" --force
    expect_status 0
    if grep -q 王秀英 "$out"; then fail "--force did not replace the file"; fi

    dd_run --db "$db" lookup 诸葛 --sheet -o "$DD_E2E_SCRATCH/none.txt"
    expect_status 1
    [ ! -e "$DD_E2E_SCRATCH/none.txt" ] || fail "a sheet of nobody was written"
}

case_lookup_sheet_usage_errors() {
    dd_fixture_db
    for args in "-o x.txt" "--width 100" "--form-feed" "--sheet --width 5" \
        "--sheet --width abc" "--sheet --lines 5" "--sheet -o" "--sheet --frob"; do
        # shellcheck disable=SC2086
        dd_run --db "$db" lookup 大美 $args
        expect_status 2
        expect_err "(see dutydesk --help)"
    done
    [ ! -e x.txt ] || fail "a usage error wrote a file"
    # "--" ends the options: the rest is the query.
    dd_run --db "$db" lookup -- --sheet
    expect_status 1
    expect_err 'nobody matches "--sheet"'
}

case_lookup_sheet_in_chinese() {
    dd_have_zh_locale || skip "the zh_CN.UTF-8 locale is missing (sh scripts/deps.sh test)"
    dd_fixture_db
    LANG=zh_CN.UTF-8
    export LANG
    dd_run --db "$db" --operator 王五 lookup 大美 --sheet --lines 20
    expect_status 0
    expect_out "与“大美”相符的居民"
    expect_out "值班员：王五"
    expect_out "第 1 页"
    heads=$(grep -m1 '^姓名 ' "$DD_OUT") || _dd_fail_run "no Chinese column headings"
    id_col=$(col_in 身份证号 "$heads")
    line=$(grep -m1 '^张三 ' "$DD_OUT")
    [ "$(col_in 330102 "$line")" = "$id_col" ] || _dd_fail_run "the ID number is not under 身份证号"
}
