#!/usr/bin/env bash
# Our simulated fleet against the real one under the same load (the issue's goal 3):
#   fleet: fleet-api (fleet v1.0.0's API handlers over EtcdRegistry) on a real etcd
#   ours:  `Fleet.Cli serve` (FLEET_SERVE overrides the command; it is given --unix and --machines)
# both with MACHINES machines (default 1000, ReferenceCluster.Take's ids on both sides) on a
# unix socket. The neutral load driver (loaddriver, Go standard library) then, over one
# keep-alive connection:
#   create      PUT /fleet/v1/units/bench-NNNNN.service, COUNT times (default 10000), a small
#               launched unit, one after another: the total time and the rate
#   get-unit    GET of the first unit, GETS times (median and first printed)
#   state-page  GET /fleet/v1/state (the first page), GETS times
# Before the GETs fleet's side is settled (`fleet-api -settle`: each unit scheduled and given a
# running state, as the engine and agents would) and ours is given time for its simulated agents
# to publish states (up to 60 s), so both /state pages are full pages.
# The servers' own CPU time during the creates is reported too (etcd + fleet-api, or ours).
#
# Environment:
#   COUNT=10000 MACHINES=1000 GETS=5
#   TIMEOUT=600    seconds each side may spend creating; a side that runs out reports how many
#                  it created and its rate
#   SIDES="fleet ours"   which sides, in order
#   SKIP_BUILD=1   reuse benchmarks/.baseline and the Release build as they are
#   FLEET_SERVE    our server command (default: dotnet Fleet.Cli/bin/Release/net10.0/Fleet.Cli.dll serve)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/baseline/lib.sh"
cd "$bench_root"

count=${COUNT:-10000} machines=${MACHINES:-1000} limit=${TIMEOUT:-600} gets=${GETS:-5}
if [[ ${SKIP_BUILD:-} != 1 ]]; then
    log "building the baselines"
    "$bench_dir/baseline/build.sh" >/dev/null
    if [[ -z ${FLEET_SERVE:-} ]]; then
        log "building Fleet.Cli (Release)"
        dotnet build "$bench_root/Fleet.Cli" -c Release -v quiet -nologo >/dev/null
    fi
fi
tck=$(getconf CLK_TCK)
# cpu_seconds PID...: user+sys seconds the processes have used so far.
cpu_seconds() {
    local total=0 pid
    for pid in "$@"; do
        total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
    done
    awk -v t="$total" -v k="$tck" 'BEGIN { printf "%.2f", t / k }'
}
field() { tr ' ' '\n' <"$1" | grep "^$2=" | cut -d= -f2; }

# drive SIDE SOCKET PIDS...: the creates, then the side's settling, then the GETs.
drive() {
    local side=$1 sock=$2; shift 2
    local before after
    before=$(cpu_seconds "$@")
    timeout $((limit + 120)) "$baseline_bin/loaddriver" -unix "$sock" -count "$count" -timeout "${limit}s" \
        -steps create | tee "$bench_tmp/$side-create" >&2
    after=$(cpu_seconds "$@")
    echo "$(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.2f", a - b }')" >"$bench_tmp/$side-server-cpu"
    if [[ $side == fleet ]]; then
        log "settling fleet's side (fleet-api -settle, not timed)"
        "$baseline_bin/fleet-api" -etcd "$etcd_url" -machines "$machines" -settle >&2
    else
        log "waiting for our simulated agents to publish states (up to 60 s, not timed)"
        for _ in $(seq 120); do
            curl -sf --unix-socket "$sock" http://fleet/fleet/v1/state | grep -q '"states":\[{' && break
            sleep 0.5
        done
    fi
    "$baseline_bin/loaddriver" -unix "$sock" -gets "$gets" -steps get-unit,state-page | tee "$bench_tmp/$side-gets" >&2
    grep name=get-unit "$bench_tmp/$side-gets" >"$bench_tmp/$side-get-unit"
    grep name=state-page "$bench_tmp/$side-gets" >"$bench_tmp/$side-state-page"
}

log "machine: $(machine_line)"
sides=${SIDES:-fleet ours}
for side in $sides; do
    case $side in
    fleet)
        log "fleet: etcd + fleet-api, $machines machines"
        start_fleet_api sim-fleet "$machines"
        drive fleet "$fleet_api_sock" "$etcd_pid" "$fleet_api_pid"
        stop_pid "$fleet_api_pid"; stop_pid "$etcd_pid"
        ;;
    ours)
        log "ours: ${FLEET_SERVE:-Fleet.Cli serve}, $machines machines"
        start_simulator sim-ours "$machines"
        drive ours "$sim_sock" "$sim_pid"
        stop_pid "$sim_pid"
        ;;
    *) echo "unknown side $side" >&2; exit 2 ;;
    esac
done

echo
echo "simulator: $count unit creates over one keep-alive connection, $machines machines, unix socket"
echo "machine: $(machine_line)"
printf '%-7s %8s %10s %9s %12s %14s %14s %8s\n' side created seconds units/s "server CPU s" "GET unit ms" "GET /state ms" states
for side in $sides; do
    printf '%-7s %8s %10s %9s %12s %14s %14s %8s\n' "$side" \
        "$(field "$bench_tmp/$side-create" done)/$count" "$(field "$bench_tmp/$side-create" seconds)" \
        "$(field "$bench_tmp/$side-create" per_s)" "$(cat "$bench_tmp/$side-server-cpu")" \
        "$(awk -v s="$(field "$bench_tmp/$side-get-unit" seconds)" 'BEGIN { printf "%.2f", s * 1000 }')" \
        "$(awk -v s="$(field "$bench_tmp/$side-state-page" seconds)" 'BEGIN { printf "%.2f", s * 1000 }')" \
        "$(field "$bench_tmp/$side-state-page" states)"
done
echo "(GETs: median of $gets on one connection; a side short of $count created ran out of TIMEOUT=${limit}s)"
