#!/usr/bin/env bash
# The command line, ours against fleetctl v1.0.0, both against the same real fleet API
# (fleet-api: fleet's own v1 handlers over EtcdRegistry on a real etcd, 3 machines, unix socket):
#
#   1. list-machines, whole process: hyperfine, ROUNDS rounds of RUNS runs of each command,
#      the order of the two swapped every round (hyperfine itself runs one command's runs in a
#      row); median, mean and min over all runs.
#   2. Peak RSS of list-machines (/usr/bin/time -f %M), median of RSS_RUNS alternating runs.
#   3. UNITS units (default 10000) created through the API by the neutral loader (loaddriver),
#      scheduled and given a running state by `fleet-api -settle` (fleet's ScheduleUnit and
#      SaveUnitState, what the engine and agents would write), then the client process's CPU time
#      (user+sys) and wall time of list-units and list-unit-files, median of CPU_RUNS alternating
#      runs each; each command's output is checked to have a line per unit. Both get
#      --request-timeout REQUEST_TIMEOUT (default 60 s): fleet-api reads every unit from etcd
#      for each page of 100, so a page can take seconds on a busy machine, past the 3 s default.
#      A failed run is left out of the median and counted.
#
# Environment:
#   FLEETCTL_NET   our command, any command line (default: dotnet Fleet.Cli/bin/Release/net10.0/Fleet.Cli.dll;
#                  e.g. a Native AOT build's path)
#   ROUNDS=5 RUNS=10 RSS_RUNS=5 CPU_RUNS=5 UNITS=10000 REQUEST_TIMEOUT=60
#   SKIP_BUILD=1   reuse benchmarks/.baseline and the Release build as they are
#   SERVER=ours    both command lines against our simulated fleet (`serve`, see lib.sh's
#                  start_simulator) instead of fleet-api: the same server for both still, and
#                  one that pages 10,000 units in milliseconds rather than minutes
# Takes about 30 minutes on two busy cores (build excluded), most of it fleet-api serving the
# 10,000-unit listings.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/baseline/lib.sh"
cd "$bench_root"

rounds=${ROUNDS:-5} runs=${RUNS:-10} rss_runs=${RSS_RUNS:-5} cpu_runs=${CPU_RUNS:-5} units=${UNITS:-10000}
request_timeout=${REQUEST_TIMEOUT:-60}
if [[ ${SKIP_BUILD:-} != 1 ]]; then
    log "building the baselines"
    "$bench_dir/baseline/build.sh" >/dev/null
    if [[ -z ${FLEETCTL_NET:-} ]]; then
        log "building Fleet.Cli (Release)"
        dotnet build "$bench_root/Fleet.Cli" -c Release -v quiet -nologo >/dev/null
    fi
fi
net=${FLEETCTL_NET:-dotnet $bench_root/Fleet.Cli/bin/Release/net10.0/Fleet.Cli.dll}
go=$baseline_bin/fleetctl
read -ra net_cmd <<<"$net"

log "machine: $(machine_line)"
server=${SERVER:-fleet-api}
if [[ $server == ours ]]; then
    start_simulator cli 3
    sock=$sim_sock
    log "our simulated fleet on unix://$sock"
else
    start_fleet_api cli 3
    sock=$fleet_api_sock
    log "fleet-api on unix://$sock (etcd $etcd_url)"
fi
endpoint=unix://$sock

# 1. list-machines under hyperfine.
for ((r = 1; r <= rounds; r++)); do
    a="$go --endpoint $endpoint list-machines"
    b="$net --endpoint $endpoint list-machines"
    if ((r % 2 == 0)); then t=$a; a=$b; b=$t; fi
    log "hyperfine round $r of $rounds"
    hyperfine -N --warmup 2 --runs "$runs" --style basic --export-json "$bench_tmp/hf-$r.json" "$a" "$b" >&2
done
python3 - "$go" "$bench_tmp"/hf-*.json >"$bench_tmp/hf.txt" <<'PY'
import json, statistics, sys
go = sys.argv[1]
times = {"fleetctl": [], "ours": []}
for path in sys.argv[2:]:
    for r in json.load(open(path))["results"]:
        times["fleetctl" if r["command"].startswith(go + " ") else "ours"] += r["times"]
for name, t in times.items():
    print(name, "%.1f %.1f %.1f %d" % (statistics.median(t) * 1000, statistics.mean(t) * 1000, min(t) * 1000, len(t)))
PY
read -r _ go_med go_mean go_min go_n < <(grep '^fleetctl ' "$bench_tmp/hf.txt")
read -r _ net_med net_mean net_min net_n < <(grep '^ours ' "$bench_tmp/hf.txt")

# 2. Peak RSS, alternating.
go_rss=() net_rss=()
for ((i = 0; i < rss_runs; i++)); do
    /usr/bin/time -f %M -o "$bench_tmp/rss" "$go" --endpoint "$endpoint" list-machines >/dev/null
    go_rss+=("$(tail -1 "$bench_tmp/rss")")
    /usr/bin/time -f %M -o "$bench_tmp/rss" "${net_cmd[@]}" --endpoint "$endpoint" list-machines >/dev/null
    net_rss+=("$(tail -1 "$bench_tmp/rss")")
done

# 3. UNITS units, then CPU time of the listings.
log "creating $units units through the API"
"$baseline_bin/loaddriver" -unix "$sock" -count "$units" -steps create >&2
if [[ $server == ours ]]; then
    log "waiting for the simulated agents to launch the last unit"
    last=$(printf 'bench-%05d.service' "$units")
    wait_for sh -c "curl -sf --unix-socket '$sock' http://fleet/fleet/v1/units/$last | grep -q '\"currentState\":\"launched\"'"
else
    log "scheduling them and saving their states (fleet-api -settle)"
    "$baseline_bin/fleet-api" -etcd "$etcd_url" -machines 3 -settle >&2
fi

# cpu_of NAME COMMAND...: appends "user+sys wall" of one run to $bench_tmp/cpu-NAME when it
# succeeds with a line per unit (and a header); else counts a failure in $bench_tmp/fail-NAME.
cpu_of() {
    local name=$1; shift
    touch "$bench_tmp/cpu-$name" "$bench_tmp/fail-$name"
    if ! /usr/bin/time -f '%U %S %e' -o "$bench_tmp/cpu" "$@" >"$bench_tmp/out" 2>"$bench_tmp/err"; then
        echo "failed: $*" >&2; tail -3 "$bench_tmp/err" >&2
        echo x >>"$bench_tmp/fail-$name"
        return 0
    fi
    local lines
    lines=$(wc -l <"$bench_tmp/out")
    if ((lines != units + 1)); then
        echo "$*: $lines lines, expected $((units + 1))" >&2
        head -3 "$bench_tmp/out" "$bench_tmp/err" >&2
        echo x >>"$bench_tmp/fail-$name"
        return 0
    fi
    awk '{ printf "%.3f %.3f\n", $1 + $2, $3 }' "$bench_tmp/cpu" >>"$bench_tmp/cpu-$name"
}
for cmd in list-units list-unit-files; do
    log "$cmd, $cpu_runs runs of each, alternating"
    for ((i = 0; i < cpu_runs; i++)); do
        cpu_of "go-$cmd" "$go" --endpoint "$endpoint" --request-timeout "$request_timeout" "$cmd"
        cpu_of "net-$cmd" "${net_cmd[@]}" --endpoint "$endpoint" --request-timeout "$request_timeout" "$cmd"
    done
done
# col NAME FIELD: the median of a column of cpu-NAME, with "(k failed)" when runs failed.
col() {
    local m="-" f
    [[ -s $bench_tmp/cpu-$1 ]] && m=$(median $(cut -d' ' -f"$2" "$bench_tmp/cpu-$1"))
    f=$(wc -l <"$bench_tmp/fail-$1")
    if ((f > 0)); then m="$m ($f failed)"; fi
    echo "$m"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }'; }

echo
echo "command line, fleetctl v1.0.0 ($go) against ours ($net)"
if [[ $server == ours ]]; then
    echo "server: our simulated fleet (serve) on a unix socket, 3 machines"
else
    echo "server: fleet-api (fleet v1.0.0 API handlers, EtcdRegistry, etcd $(etcd --version | head -1 | cut -d' ' -f3)) on a unix socket, 3 machines"
fi
echo "machine: $(machine_line)"
printf '%-36s %12s %12s %10s\n' "" "fleetctl" "ours" "ours/fleet"
printf '%-36s %12s %12s %10s\n' "list-machines wall ms, median" "$go_med" "$net_med" "$(ratio "$net_med" "$go_med")"
printf '%-36s %12s %12s %10s\n' "list-machines wall ms, mean" "$go_mean" "$net_mean" "$(ratio "$net_mean" "$go_mean")"
printf '%-36s %12s %12s %10s\n' "list-machines wall ms, min" "$go_min" "$net_min" "$(ratio "$net_min" "$go_min")"
g=$(median "${go_rss[@]}"); n=$(median "${net_rss[@]}")
printf '%-36s %12s %12s %10s\n' "list-machines peak RSS KB, median" "$g" "$n" "$(ratio "$n" "$g")"
for cmd in list-units list-unit-files; do
    g=$(col "go-$cmd" 1); n=$(col "net-$cmd" 1)
    printf '%-36s %12s %12s %10s\n' "$cmd ($units) CPU s, median" "$g" "$n" "$(ratio "${n%% *}" "${g%% *}")"
    g=$(col "go-$cmd" 2); n=$(col "net-$cmd" 2)
    printf '%-36s %12s %12s %10s\n' "$cmd ($units) wall s, median" "$g" "$n" "$(ratio "${n%% *}" "${g%% *}")"
done
echo "(list-machines: $go_n runs of each over $rounds rounds; RSS: $rss_runs runs; CPU: $cpu_runs runs)"
