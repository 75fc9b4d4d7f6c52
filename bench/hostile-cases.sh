#!/bin/sh
# The resource cases of issue 17, each at its limit: generates every setup, runs the command line
# on it under /usr/bin/time -v and prints one Markdown row per run (wall time, peak RSS, exit
# code, the first error line), with the load average before it. docs/performance.md's table
# "Resource cases at their limits" comes from this script.
#
# Usage: bench/hostile-cases.sh [WORKDIR]        (from the repository root)
# Environment: CASES (default: all of "chain diagnostics budget fanout lines word nesting").
# Needs /usr/bin/time (Debian package "time") and python3 (to write the large files quickly).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-"$here/bench/target/hostile-cases"}
cases=${CASES:-"chain diagnostics budget fanout lines word nesting"}
[ -x /usr/bin/time ] || { echo "hostile-cases: needs /usr/bin/time" >&2; exit 2; }
mkdir -p "$work"
cd "$here"
./modsvc --version >/dev/null # builds the jar and the start-up archive when needed, not timed

gen() { # NAME PYTHON-PROGRAM: runs the program in a fresh directory WORK/NAME once
    d="$work/$1"
    if [ ! -f "$d/.complete" ]; then
        rm -rf "$d" && mkdir -p "$d/services" && (cd "$d" && python3 -c "$2") && touch "$d/.complete"
    fi
}

row() { # CASE COMMAND-ARGS...: one timed run, one table row
    what=$1; shift
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    t="$work/time.txt"
    set +e
    /usr/bin/time -v -o "$t" ./modsvc "$@" >"$work/stdout.txt" 2>"$work/stderr.txt"
    code=$?
    set -e
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$t")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$t")
    err=$(cat "$work/stderr.txt" "$work/stdout.txt" | grep -m1 -E 'error\[|^modsvc:' | sed "s|$work/||g; s/|/\\\\|/g" | cut -c1-150)
    bytes=$(wc -c <"$work/stderr.txt")
    cmd=$(echo "$*" | sed "s|$work/||g")
    printf '| %s | `modsvc %s` | %s | %s MiB | %s | %s | %s B | %s |\n' \
        "$what" "$cmd" "$wall" "$((rss / 1024))" "$code" "$err" "$bytes" "$load"
}

echo "| case | command | wall | peak RSS | exit | first error | stderr | load before |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for c in $cases; do
    case $c in
    chain) # item 4: m0 imports m1 imports ... m(n-1); the limit import-depth (64) ends it
        for n in 5000 10000 15000; do
            gen "chain$n" "
n = $n
open('setup.yaml', 'w').write('name: chain\nnodes:\n  n1: { address: 10.0.0.1, run: [m0] }\n')
for i in range(n):
    imp = 'imports: [m%d]\n' % (i + 1) if i + 1 < n else ''
    open('services/m%d.yaml' % i, 'w').write(imp + 'process: { argv: [/usr/bin/m%d], environment: { V%d: x } }\n' % (i, i))
"
            row "imports chain of $n modules" validate "$work/chain$n"
        done ;;
    diagnostics) # item 5: 200 000 unknown keys (E010) in one 5.4 MB file; output capped at 200
        gen diagnostics "
open('setup.yaml', 'w').write('name: many\nnodes:\n  n1: { address: 10.0.0.1, run: [app] }\n')
with open('services/app.yaml', 'w') as f:
    f.write('name: app\nprocess: { argv: [/usr/bin/app] }\n')
    for i in range(200000):
        f.write('unknown_key_%07d: value\n' % i)
"
        row "200 000 diagnostics in one file" validate "$work/diagnostics"
        row "200 000 diagnostics, all shown" validate "$work/diagnostics" --all-diagnostics ;;
    budget) # item 6: 13 files; 12 levels of two static sub-services (4 095 instances), each leaf
        # holding one 1 000 000-character argument: 2 GB of units; the limit output-bytes ends it
        gen budget "
open('setup.yaml', 'w').write('name: budget\nnodes:\n  n1: { address: 10.0.0.1, run: [m0] }\n')
for i in range(12):
    subs = 'services:\n  l: { imports: [m%d] }\n  r: { imports: [m%d] }\n' % (i + 1, i + 1) if i < 11 else ''
    arg = ', ' + 'y' * 1000000 if i == 11 else ''
    open('services/m%d.yaml' % i, 'w').write('process: { argv: [/bin/m%d%s] }\n' % (i, arg) + subs)
"
        row "output budget: 13 files, 4 095 units, 2 048 of them with a 1 MB argument" emit "$work/budget" --out "$work/budget-out" --force ;;
    fanout) # item 7: 17 files; 16 levels of three static sub-services (3^15 instances); the limit
        # instances (2 000 000) ends it, counted before any instance is built
        gen fanout "
open('setup.yaml', 'w').write('name: fan\nnodes:\n  n1: { address: 10.0.0.1, run: [m0] }\n')
for i in range(16):
    subs = 'services:\n' + ''.join('  s%d: { imports: [m%d] }\n' % (w, i + 1) for w in range(3)) if i < 15 else ''
    open('services/m%d.yaml' % i, 'w').write('process: { argv: [/bin/true] }\n' + subs)
"
        row "fan-out: 17 files, 3^15 instances" validate "$work/fanout"
        row "fan-out: 17 files, 3^15 instances" compare "$work/fanout" ;;
    lines) # item 8: two 600 000-character arguments (each under string-length, over Linux's
        # 131 071-byte argument limit), then twelve of 100 000 (under it), one ExecStart= line of
        # 1.2 MB, over systemd's line limit
        gen lines "
open('setup.yaml', 'w').write('name: lines\nnodes:\n  n1: { address: 10.0.0.1, run: [app] }\n')
open('services/app.yaml', 'w').write('process: { argv: [/usr/bin/app, ' + 'a' * 600000 + ', ' + 'b' * 600000 + '] }\n')
"
        gen lines12 "
open('setup.yaml', 'w').write('name: lines\nnodes:\n  n1: { address: 10.0.0.1, run: [app] }\n')
open('services/app.yaml', 'w').write('process: { argv: [/usr/bin/app, ' + ', '.join(chr(97 + i) * 100000 for i in range(12)) + '] }\n')
"
        row "two arguments of 600 000" validate "$work/lines"
        row "unit line of 1.2 MB (12 × 100 000)" validate "$work/lines12"
        row "unit line of 1.2 MB (12 × 100 000)" emit "$work/lines12" --out "$work/lines-out" --force ;;
    word) # one YAML word of 8 MB minus a byte (within file-bytes): string-length ends it
        gen word "
open('setup.yaml', 'w').write('name: word\nnodes:\n  n1: { address: 10.0.0.1, run: [app] }\n')
head = 'process: { argv: [/usr/bin/app] }\nx: '
open('services/app.yaml', 'w').write(head + 'w' * (8 * 1024 * 1024 - 2 - len(head)) + '\n')
"
        row "one YAML word of 8 MB" validate "$work/word" ;;
    nesting) # 1 000 000 nested flow lists, spaced so that no word is long (3 MB): depth (64) ends it
        gen nesting "
open('setup.yaml', 'w').write('name: nest\nnodes:\n  n1: { address: 10.0.0.1, run: [app] }\n')
d = 1000000
open('services/app.yaml', 'w').write('process: { argv: [/usr/bin/app] }\nx: ' + '[ ' * d + ']' * d + '\n')
"
        row "nesting 1 000 000 deep" validate "$work/nesting" ;;
    *) echo "hostile-cases: unknown case $c" >&2; exit 2 ;;
    esac
done
rm -rf "$work/budget-out" "$work/lines-out"
