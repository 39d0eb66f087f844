# t_70_golden.sh — F2's screens, whole, compared row for row with the
# files under tests/e2e/expected/ (f2-LANG-WxH-STEP.txt): at 80x24 and at
# 120x40, in English and in Chinese.  The walk is a clerk's: the desk as it
# opens, a search, the list, a household card, a member's form, a new
# household's form, the lists menu, help, and an import's preview.
# UPDATE=1 rewrites the files from the screens; review them with git diff.

FIXTURES=$DD_E2E_ROOT/tests/fixtures

# golden_walk LANG SIZE LOCALE
golden_walk() {
    lang=$1 size=$2 locale=$3
    db=$DD_E2E_SCRATCH/desk.db
    dd_init_db "$db"
    "$DD_E2E_PROG" --db "$db" import residents "$FIXTURES/residents-gb18030.csv" > /dev/null 2>&1 \
        || fail "the import failed"
    # a sheet in the folder the program runs in: its name, not the
    # checkout's path, is on the screen
    cp "$FIXTURES/residents-utf8.csv" "$DD_E2E_SCRATCH/survey.csv"
    dd_start_ready -s "$size" -l "$locale" --db "$db" --operator 张三
    wait_for '阿依古丽'
    g=f2-$lang-$size
    expect_golden "$g-1-start"
    type '大美'
    wait_for '大美南苑3幢1单元101室'
    expect_golden "$g-2-search"
    send Tab
    expect_golden "$g-3-list"
    send Down Down
    send Enter
    wait_for '张小䶮'
    expect_golden "$g-4-card"
    send e
    expect_golden "$g-5-member-form"
    send Escape
    expect_golden "$g-4-card"
    send Escape
    expect_golden "$g-3-list-after"
    send a
    expect_golden "$g-6-household-form"
    send Escape
    send f
    expect_golden "$g-7-lists"
    send Escape
    send F1
    expect_golden "$g-8-help"
    send Escape
    send i
    send C-e C-u
    type survey.csv
    send Enter
    wait_for 'survey.csv'
    expect_golden "$g-9-import-preview"
    send n
}

case_golden_en_80x24() {
    golden_walk en 80x24 C.UTF-8
}

case_golden_en_120x40() {
    golden_walk en 120x40 C.UTF-8
}

case_golden_zh_80x24() {
    dd_have_zh_locale || skip "the zh_CN.UTF-8 locale is missing (sh scripts/deps.sh test generates it)"
    golden_walk zh 80x24 zh_CN.UTF-8
}

case_golden_zh_120x40() {
    dd_have_zh_locale || skip "the zh_CN.UTF-8 locale is missing (sh scripts/deps.sh test generates it)"
    golden_walk zh 120x40 zh_CN.UTF-8
}
