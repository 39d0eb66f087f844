#!/bin/sh
# run.sh — `make bench`: what a community of N residents costs.
#
#   sh bench/run.sh PROG TOOL     (make bench passes build/dutydesk and
#                                  build/dutydesk-bench)
#
# For each N (BENCH_SIZES, default "10000 100000 1000000"):
#   1. the demo community of N residents (src/households/demo.c) written as a survey
#      spreadsheet (CSV with Chinese headers);
#   2. imported into a new database with `dutydesk import residents`
#      (or, in a program without that command, import_residents called by
#      the tool): rows per second (the median of BENCH_IMPORT_RUNS imports,
#      by default 3, and 1 from a million rows up) and peak memory; and the
#      same file read by the sqlite3 shell's .import into one plain table,
#      as the floor;
#   3. BENCH_QUERIES (default 200) different queries of each kind, drawn
#      from the residents, run through search_run three times each: wall
#      time p50 / p99 (and the CPU time p99, which leaves out the time the
#      process waited for the machine), one screen of 50 hits asked for;
#      the same kind of query run by the sqlite3 shell on the same file as
#      the floor (its own .timer, CPU time: its wall clock counts whole
#      milliseconds);
#   4. time to the first screen: the program started on the file in an
#      80x24 pseudo-terminal, until its key bar has come out (a tmux client
#      alone costs some 30 ms here, so tmux is not used to watch it); and a
#      fresh process that opens the file (migrations included) and runs its
#      first search, from exec to exit;
#   5. peak memory (ru_maxrss) of the import, of the program showing its
#      first screen, and of the searching process.
# On a machine others use too the figures move with their load: the load
# average is printed with the table.
# It reports figures; it does not pass or fail.  Files go to bench/out/
# (the databases and spreadsheets are removed at the end unless
# BENCH_KEEP=1); the table is printed and kept in bench/out/results.txt.
set -u

prog=$(realpath "${1:?usage: run.sh PROG TOOL}") || exit 2
tool=$(realpath "${2:?usage: run.sh PROG TOOL}") || exit 2
sizes=${BENCH_SIZES:-"10000 100000 1000000"}
queries=${BENCH_QUERIES:-200}
out=$(pwd)/bench/out
export DUTYDESK_TODAY=${DUTYDESK_TODAY:-2026-11-23}
export LANG=C.UTF-8
unset LC_ALL DUTYDESK_NOW

mkdir -p "$out" || exit 1
results=$out/results.txt
raw=$out/raw.txt
: > "$raw"

say() { printf '%s\n' "$*" >&2; }

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "nan" }'; }

# The value after KEY on a "name key value key value" line.
field() { awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) { print $(i + 1); exit } }'; }

# ---- the machine ---------------------------------------------------------

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
cores=$(nproc 2>/dev/null || echo "?")
ram=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
kernel=$(uname -sr)
sqlite=$(sqlite3 --version 2>/dev/null | cut -d' ' -f1)
load=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- does the program have the import command? ---------------------------

probe=$out/probe
rm -rf "$probe" && mkdir -p "$probe"
"$tool" csv 20 1 "$probe/p.csv" || exit 1
import_how="dutydesk import residents"
if ! "$prog" --db "$probe/p.db" init >/dev/null 2>&1 \
   || ! "$prog" --db "$probe/p.db" import residents "$probe/p.csv" >/dev/null 2>&1; then
    import_how="import_residents() in bench/bench.c (the program has no import command)"
fi
rm -rf "$probe"

# ---- each size -----------------------------------------------------------

for n in $sizes; do
    csv=$out/community-$n.csv
    db=$out/community-$n.db
    say "== $n residents"
    say "   writing the survey spreadsheet"
    "$tool" csv "$n" 1 "$csv" || exit 1
    # Each import into a new file; the median of the runs (the machine may be
    # shared: one run can be slowed by others).
    runs=${BENCH_IMPORT_RUNS:-}
    [ -n "$runs" ] || { [ "$n" -ge 1000000 ] && runs=1 || runs=3; }
    say "   importing ($import_how), $runs time(s)"
    : > "$out/import.txt"
    i=0
    while [ $i -lt "$runs" ]; do
        rm -f "$db" "$db-wal" "$db-shm"
        case $import_how in
            dutydesk*)
                "$prog" --db "$db" init >/dev/null || exit 1
                line=$("$tool" exec "$prog" --db "$db" --operator bench import residents "$csv") || {
                    say "   the import failed: $line"; exit 1; }
                ;;
            *)
                line=$("$tool" import "$db" "$csv") || { say "   the import failed: $line"; exit 1; }
                ;;
        esac
        echo "$line" >> "$out/import.txt"
        i=$((i + 1))
    done
    ms=$(awk '{ for (i = 1; i < NF; i++) if ($i == "ms") print $(i + 1) }' "$out/import.txt" | median)
    rss=$(awk '{ for (i = 1; i < NF; i++) if ($i == "maxrss") print $(i + 1) }' "$out/import.txt" \
          | sort -n | tail -n 1)
    rate=$(awk -v n="$n" -v ms="$ms" 'BEGIN { printf "%.0f", n / (ms / 1000) }')
    size=$(du -k "$db" | awk '{ printf "%.1f", $1 / 1024 }')
    # The floor: the sqlite3 shell's own .import of the same file into one
    # plain table (no checks, no households, no indexes), as many times.
    floor=$out/floor-$n.db
    : > "$out/floor.txt"
    i=0
    while [ $i -lt "$runs" ]; do
        rm -f "$floor" "$floor-journal"
        "$tool" exec sqlite3 "$floor" ".import --csv $csv survey" >> "$out/floor.txt" || {
            say "   the sqlite3 shell's .import failed"; exit 1; }
        i=$((i + 1))
    done
    rm -f "$floor"
    sh_ms=$(awk '{ for (i = 1; i < NF; i++) if ($i == "ms") print $(i + 1) }' "$out/floor.txt" | median)
    echo "size $n import_ms $ms import_rate $rate import_rss $rss db_mb $size sh_import_ms $sh_ms" >> "$raw"

    say "   searching ($queries queries of each kind, 3 times each, and the sqlite3 shell)"
    "$tool" search "$db" "$queries" | sed "s/^/n $n /" >> "$raw" || exit 1

    say "   first screen"
    c=$(for i in 1 2 3 4 5 6 7; do "$tool" exec "$tool" first "$db" 王 | field ms; done | median)
    for i in 1 2 3 4 5 6 7; do "$tool" screen "$prog" "$db"; done > "$out/screen.txt"
    t=$(awk '{ print $3 }' "$out/screen.txt" | median)
    m=$(awk '{ print $5 }' "$out/screen.txt" | sort -n | tail -n 1)
    echo "first $n c_ms $c screen_ms ${t:-n/a} screen_rss ${m:-0}" >> "$raw"
    [ "${BENCH_KEEP:-0}" = 1 ] || rm -f "$csv" "$db" "$db-wal" "$db-shm"
done

# ---- the table -----------------------------------------------------------

{
    echo "dutydesk benchmark, $(date '+%Y-%m-%d %H:%M')"
    echo "machine: $cpu, $cores cores, $ram RAM, $kernel, SQLite $sqlite"
    echo "load average: $load at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
    echo "command: make bench (BENCH_SIZES=\"$sizes\" BENCH_QUERIES=$queries)"
    echo "import:  $import_how"
    echo
    awk '
        function get(key,   i) { for (i = 1; i < NF; i++) if ($i == key) return $(i + 1); return "" }
        $1 == "size"   { n = $2; order[++k] = n; rate[n] = get("import_rate"); irss[n] = get("import_rss")
                         dbmb[n] = get("db_mb"); ims[n] = get("import_ms"); sims[n] = get("sh_import_ms") }
        $1 == "n" && $4 == "maxrss" { srss[$2] = $5 }
        $1 == "first"  { fc[$2] = get("c_ms"); ft[$2] = get("screen_ms"); frss[$2] = get("screen_rss") }
        END {
            printf "%-10s %13s %9s %8s %7s %10s %8s %13s %13s %10s %10s\n", "residents",
                   "import rows/s", "import s", "sh .imp s", "ratio", "import MB", "db MB",
                   "1st screen ms", "1st search ms", "screen MB", "search MB"
            for (i = 1; i <= k; i++) {
                n = order[i]
                ratio = sims[n] + 0 > 0 ? sprintf("%.1f", ims[n] / sims[n]) : "-"
                printf "%-10s %13s %9.1f %8.2f %7s %10.1f %8s %13s %13s %10.1f %10.1f\n", n,
                       rate[n], ims[n] / 1000, sims[n] / 1000, ratio, irss[n] / 1024, dbmb[n],
                       ft[n], fc[n], frss[n] / 1024, srss[n] / 1024
            }
        }' "$raw"
    echo
    echo "import: the median of the runs (BENCH_IMPORT_RUNS; 3, and 1 from a million rows up)."
    echo "sh .imp: the sqlite3 shell's .import of the same file into one plain table (no checks,"
    echo "  no households, no indexes), as many runs: the floor; ratio: import s / sh .imp s."
    echo "first screen: dutydesk started on the file in an 80x24 pseudo-terminal, until its key bar"
    echo "  has come out (median of 7)."
    echo "first search: a fresh process opens the file (migrations checked) and searches 王, exec to exit (median of 7)."
    echo "MB: peak resident memory (ru_maxrss) of the import, of dutydesk showing its first screen,"
    echo "  and of the process running all the searches."
    echo
    echo "search latency in ms (one screen: 50 hits), $queries different queries of each kind x 3 runs"
    printf "%-10s %-16s %6s %8s %8s %8s %8s %8s %7s  %s\n" residents kind \
        hits p50 p99 "cpu p99" "sh p50" "sh p99" p50/sh example
    awk '
        $1 == "n" && $4 == "kind" {
            n = $2; kind = $5
            at = index($0, " example ")
            v["example"] = substr($0, at + 9)
            split(substr($0, 1, at - 1), f, " ")
            for (i = 6; i < length(f); i += 2) v[f[i]] = f[i + 1]
            ratio = (v["floor_p50"] + 0 > 0) ? sprintf("%.1f", v["p50"] / v["floor_p50"]) : "-"
            printf "%-10s %-16s %6s %8s %8s %8s %8s %8s %7s  %s\n", n, kind, v["hits"], v["p50"],
                   v["p99"], v["cpu_p99"], v["floor_p50"], v["floor_p99"], ratio, v["example"]
        }' "$raw"
    echo
    echo "p50, p99: wall time of search_run; cpu p99: its CPU time (without waiting for the machine)."
    echo "sh: the same kind of query (the index range search.c reads first for it, LIMIT 50) in the"
    echo "sqlite3 shell on the same file, CPU time from its .timer: the floor.  p50/sh: how many times the floor."
} > "$results"
cat "$results"
