#!/bin/sh
# The layering rule: ui -> src -> db.  The core (src/, db/) never includes
# curses; the interface (ui/) never calls SQLite.
set -u
cd "${1:-.}" || exit 2
bad=0
core=$(grep -RlsE '#include[[:space:]]*[<"](n?curses|ncursesw/|form\.h|panel\.h|menu\.h|term\.h)' src db)
if [ -n "$core" ]; then
    echo "layering: curses is included in the core (src/, db/):" >&2
    echo "$core" | sed 's/^/  /' >&2
    bad=1
fi
ui=$(grep -RlsE 'sqlite3_|#include[[:space:]]*[<"]sqlite3\.h' ui)
if [ -n "$ui" ]; then
    echo "layering: SQLite is used in ui/ (data access belongs in src/ and db/):" >&2
    echo "$ui" | sed 's/^/  /' >&2
    bad=1
fi
dbup=$(grep -RlsE '#include[[:space:]]*"(src|ui)/' db)
if [ -n "$dbup" ]; then
    echo "layering: db/ includes a header from src/ or ui/:" >&2
    echo "$dbup" | sed 's/^/  /' >&2
    bad=1
fi
srcup=$(grep -RlsE '#include[[:space:]]*"ui/' src)
if [ -n "$srcup" ]; then
    echo "layering: src/ includes a header from ui/:" >&2
    echo "$srcup" | sed 's/^/  /' >&2
    bad=1
fi
[ $bad -eq 0 ] && echo "layering: ui -> src -> db holds"
exit $bad
