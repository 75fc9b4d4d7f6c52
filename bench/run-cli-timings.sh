#!/bin/sh
# Whole-process timings of the modsvc command line on generated setups: wall time and peak RSS
# from /usr/bin/time -v, the median of RUNS runs each, with the load average before each command.
#
# Usage: bench/run-cli-timings.sh [WORKDIR]      (from the repository root)
# Environment: RUNS (default 3), SIZES (default "1000 10000 100000"), FORMATS (default "yaml json"),
# SHAPES (default "chain fleet"): chain is SetupGenerator's shape (a few shared contracts, explicit
# binds), fleet is FleetGenerator's (issue 15: N/50 contracts, policy auto, N/200 nodes), timed
# beside `tsort` over the same binding edges. Both shapes time `emit --target systemd` into a new
# directory, and at 100 000 services also `emit --force` over the tree of an earlier emit.
# Builds the jar (./modsvc does) and the generator classes when missing; generates each setup once
# into WORKDIR (default bench/target/cli-timings) and reuses it; prints a table on stdout, the
# single runs on stderr. Needs /usr/bin/time (Debian package "time").
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-"$here/bench/target/cli-timings"}
runs=${RUNS:-3}
sizes=${SIZES:-"1000 10000 100000"}
formats=${FORMATS:-"yaml json"}
shapes=${SHAPES:-"chain fleet"}
mkdir -p "$work"
cd "$here"
[ -x /usr/bin/time ] || { echo "run-cli-timings: needs /usr/bin/time" >&2; exit 2; }
if [ ! -f bench/target/classes/org/modsvc/bench/FleetGenerator.class ]; then
    mvn -B -q -o -DskipTests -Dspotless.check.skip=true -pl bench -am compile >&2
fi
./modsvc --version >/dev/null # builds the jar and the start-up archive when needed

nodes_for() { n=$(($1 / 100)); [ "$n" -lt 2 ] && n=2; [ "$n" -gt 100 ] && n=100; echo "$n"; }

generate() { # SERVICES NODES FORMAT -> prints the directory
    d="$work/$3-$1"
    if [ ! -f "$d/.complete" ]; then
        rm -rf "$d"
        flag=""; [ "$3" = json ] && flag="--json"
        # shellcheck disable=SC2086
        java -cp bench/target/classes org.modsvc.bench.SetupGenerator --services "$1" --nodes "$2" $flag --out "$d" >&2
        touch "$d/.complete"
    fi
    echo "$d"
}

generate_fleet() { # SERVICES -> prints the directory
    d="$work/fleet-$1"
    if [ ! -f "$d/.complete" ]; then
        rm -rf "$d"
        java -cp bench/target/classes org.modsvc.bench.FleetGenerator --services "$1" --out "$d" >&2
        touch "$d/.complete"
    fi
    echo "$d"
}

generate_compose() { # SERVICES -> prints the directory (a fleet setup with docker-compose.yml beside)
    d="$work/compose-$1"
    if [ ! -f "$d/.complete" ]; then
        rm -rf "$d"
        java -cp bench/target/classes org.modsvc.bench.FleetGenerator --services "$1" --compose --out "$d" >&2
        touch "$d/.complete"
    fi
    echo "$d"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# time_cmd LABEL COMMAND...: runs the command RUNS times; prints "LABEL  wall  rss  load". An
# argument @OUT@ becomes a directory that does not exist yet, new for every run.
seq=0
run_once() { # OUT COMMAND...: the command with @OUT@ replaced by OUT, timed
    out=$1; shift
    for arg do
        shift
        if [ "$arg" = @OUT@ ]; then set -- "$@" "$out"; else set -- "$@" "$arg"; fi
    done
    /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt"
}
time_cmd() {
    label=$1; shift
    : >"$work/walls"; : >"$work/rss"; loads=""
    i=0
    while [ "$i" -lt "$runs" ]; do
        i=$((i + 1))
        load=$(cut -d' ' -f1 /proc/loadavg)
        loads="$loads $load"
        seq=$((seq + 1))
        run_once "$work/out.$seq" "$@" || {
            echo "run-cli-timings: $label failed:" >&2; tail -5 "$work/stderr.txt" >&2; exit 1; }
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(k=1;k<=n;k++) s=s*60+t[k]; print s}' "$work/time.txt")
        rss=$(awk -F': ' '/Maximum resident set size/ {printf "%d", $2/1024}' "$work/time.txt")
        echo "$wall" >>"$work/walls"; echo "$rss" >>"$work/rss"
        echo "  $label run $i: ${wall} s, ${rss} MiB, load $load" >&2
    done
    printf '| %s | %s | %s | %s |\n' "$label" "$(median <"$work/walls")" "$(median <"$work/rss")" "$loads"
}

# time_force LABEL SETUP: `emit --force` over a tree the same setup emitted just before (untimed).
# The old tree is removed in the background after the command ends (docs/commands.md); that removal
# is waited for, untimed, before the next run, since it competes for the disk.
time_force() {
    label=$1; d=$2
    : >"$work/walls"; : >"$work/rss"; loads=""
    i=0
    while [ "$i" -lt "$runs" ]; do
        i=$((i + 1))
        seq=$((seq + 1))
        old="$work/out.$seq"
        ./modsvc emit "$d" --target systemd --out "$old" >/dev/null 2>&1 || {
            echo "run-cli-timings: $label: the first emit failed" >&2; exit 1; }
        load=$(cut -d' ' -f1 /proc/loadavg)
        loads="$loads $load"
        /usr/bin/time -v -o "$work/time.txt" ./modsvc emit "$d" --target systemd --out "$old" --force \
            >/dev/null 2>"$work/stderr.txt" || {
            echo "run-cli-timings: $label failed:" >&2; tail -5 "$work/stderr.txt" >&2; exit 1; }
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(k=1;k<=n;k++) s=s*60+t[k]; print s}' "$work/time.txt")
        rss=$(awk -F': ' '/Maximum resident set size/ {printf "%d", $2/1024}' "$work/time.txt")
        echo "$wall" >>"$work/walls"; echo "$rss" >>"$work/rss"
        waited=0
        while ls -d "$work"/.out."$seq".del-* >/dev/null 2>&1; do sleep 1; waited=$((waited + 1)); done
        echo "  $label run $i: ${wall} s, ${rss} MiB, load $load; old tree gone ${waited} s later" >&2
    done
    printf '| %s | %s | %s | %s |\n' "$label" "$(median <"$work/walls")" "$(median <"$work/rss")" "$loads"
}

echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(free -h | awk '/Mem:/ {print $2}') RAM"
echo "java (generators): $(java -version 2>&1 | head -n 1)"
# MODSVC_JAVA_OPTS replaces the launcher's options: -version makes the JVM it picked say which it is.
echo "java (./modsvc): $(MODSVC_JAVA_OPTS=-version ./modsvc 2>&1 | head -n 1)"
echo "runs per command: $runs (median shown); load: 1-minute load average before each run"
echo
echo "| command | wall s (median) | peak RSS MiB (median) | load before runs |"
echo "| --- | --- | --- | --- |"
sample=$(generate 20 2 yaml)
time_cmd "validate, 20 services" ./modsvc validate "$sample"
# The peer of issue 15: docker compose checking the same 1 000 services (fleet shape, written
# as compose describes them), in the same run.
if command -v docker-compose >/dev/null 2>&1; then
    dc=$(generate_compose 1000)
    time_cmd "docker-compose config, the same 1 000 services" docker-compose -f "$dc/docker-compose.yml" config
    time_cmd "validate, fleet 1 000 services" ./modsvc validate "$dc"
else
    echo "run-cli-timings: no docker-compose (apt-get install docker-compose): its peer row is left out" >&2
fi
case " $shapes " in *" chain "*)
for fmt in $formats; do
    for n in $sizes; do
        d=$(generate "$n" "$(nodes_for "$n")" "$fmt")
        time_cmd "plan --format json, $n services ($fmt)" ./modsvc plan "$d" --format json
        [ "$fmt" = yaml ] && time_cmd "emit --target systemd, $n services ($fmt)" \
            ./modsvc emit "$d" --target systemd --out @OUT@
        if [ "$fmt" = yaml ] && [ "$n" -ge 100000 ]; then
            time_force "emit --force over its own tree, $n services ($fmt)" "$d"
        fi
    done
done
;; esac
case " $shapes " in *" fleet "*)
for n in $sizes; do
    d=$(generate_fleet "$n")
    time_cmd "tsort over the same edges, fleet $n" tsort "$d/edges.txt"
    time_cmd "plan --format json, fleet $n" ./modsvc plan "$d" --format json
    time_cmd "validate, fleet $n" ./modsvc validate "$d"
    time_cmd "emit --target systemd, fleet $n" ./modsvc emit "$d" --target systemd --out @OUT@
    if [ "$n" -ge 100000 ]; then time_force "emit --force over its own tree, fleet $n" "$d"; fi
done
;; esac
# Trees are removed only now: deleting 250 000 files while the next run writes its own made
# that run two to eight times slower on this machine's file system.
rm -rf "$work"/out.*
