# t_15_layers.sh — scripts/check-layers.sh (run by `make test`) holds the
# line ui -> src -> db: it passes a clean tree and catches each violation.

# A small tree that keeps the rule.
clean_tree() {
    mkdir -p "$1/src" "$1/db" "$1/ui"
    printf '#include <sqlite3.h>\n#include "db/db.h"\n' > "$1/db/db.c"
    printf '#include "db/db.h"\n#include "src/text.h"\n' > "$1/src/store.c"
    printf '#include <curses.h>\n#include "src/cli.h"\n#include "ui/ui.h"\n' > "$1/ui/app.c"
}

layers() {
    DD_STATUS=0
    DD_CMD="sh scripts/check-layers.sh $1"
    sh "$DD_E2E_ROOT/scripts/check-layers.sh" "$1" > "$DD_OUT" 2> "$DD_ERR" || DD_STATUS=$?
}

case_clean_tree_passes() {
    t=$DD_E2E_SCRATCH/tree
    clean_tree "$t"
    layers "$t"
    expect_status 0
}

case_curses_in_core_is_caught() {
    t=$DD_E2E_SCRATCH/tree
    clean_tree "$t"
    printf '#include <curses.h>\nint bad;\n' > "$t/src/bad.c"
    layers "$t"
    expect_status 1
    expect_err src/bad.c
    rm "$t/src/bad.c"
    printf '#include <ncursesw/curses.h>\n' > "$t/db/bad.c"
    layers "$t"
    expect_status 1
    expect_err db/bad.c
}

case_sqlite_in_ui_is_caught() {
    t=$DD_E2E_SCRATCH/tree
    clean_tree "$t"
    printf 'void f(void *d) { sqlite3_exec(d, "", 0, 0, 0); }\n' > "$t/ui/bad.c"
    layers "$t"
    expect_status 1
    expect_err ui/bad.c
}

case_upward_includes_are_caught() {
    t=$DD_E2E_SCRATCH/tree
    clean_tree "$t"
    printf '#include "src/text.h"\n' > "$t/db/up.c"
    layers "$t"
    expect_status 1
    expect_err db/up.c
    rm "$t/db/up.c"
    printf '#include "ui/ui.h"\n' > "$t/src/up.c"
    layers "$t"
    expect_status 1
    expect_err src/up.c
}
