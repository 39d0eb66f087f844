#!/bin/sh
# Runs the Criterion unit tests.
#   run-unit.sh BIN                 plain run
#   run-unit.sh BIN --sanitizers    BIN was built with ASan/UBSan: any report fails the run
#   run-unit.sh BIN --valgrind      under valgrind: any error or definite leak fails the run
# Criterion's workers do not turn a sanitizer or valgrind finding into a
# failed test, so every finding is written to a log file of its own and a
# non-empty log fails the run here.
set -u
bin=$1
mode=${2:-plain}
logs=$(dirname "$bin")/findings
rm -rf "$logs"
mkdir -p "$logs"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset DUTYDESK_TODAY DUTYDESK_NOW

status=0
case $mode in
    plain)
        "$bin" --jobs 2 || status=$?
        ;;
    --sanitizers)
        ASAN_OPTIONS="log_path=$logs/asan:detect_leaks=1:abort_on_error=0:strict_string_checks=1" \
        UBSAN_OPTIONS="log_path=$logs/ubsan:print_stacktrace=1:halt_on_error=1" \
        LSAN_OPTIONS="suppressions=$(pwd)/scripts/lsan.supp:print_suppressions=0" \
            "$bin" --jobs 2 || status=$?
        ;;
    --valgrind)
        command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
        valgrind -q --trace-children=yes --leak-check=full --errors-for-leak-kinds=definite \
            --log-file="$logs/vg.%p" "$bin" --jobs 1 || status=$?
        ;;
    *)
        echo "usage: run-unit.sh BIN [--sanitizers|--valgrind]" >&2; exit 2 ;;
esac

found=0
for f in "$logs"/*; do
    [ -s "$f" ] || continue
    if [ "$mode" = --valgrind ]; then
        grep -qE 'ERROR SUMMARY: [1-9]|definitely lost: [1-9]' "$f" || continue
    fi
    found=1
    echo "--- finding in $f:" >&2
    cat "$f" >&2
done
if [ $found -ne 0 ]; then
    echo "unit tests: memory or undefined-behaviour findings (above)" >&2
    exit 1
fi
exit $status
