# Shared by benchmarks/*.sh (sourced, not run): temp folder, process cleanup, free loopback
# ports, etcd and fleet-api. Every process started here is recorded by pid and stopped by that
# pid on exit; nothing is stopped by name.

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)  # the checkout
bench_dir=$bench_root/benchmarks
baseline_bin=${BASELINE_DIR:-$bench_dir/.baseline}/bin
bench_tmp=$(mktemp -d "${TMPDIR:-/tmp}/fleetnet-bench.XXXXXX")
bench_pids=()

bench_cleanup() {
    local pid
    for pid in "${bench_pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${bench_pids[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    bench_pids=()
    rm -rf "$bench_tmp"
}
trap bench_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log() { echo "== $*" >&2; }

# A free TCP port on 127.0.0.1 (the kernel's pick; another process could take it before use).
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_for CMD...: retries CMD for up to 30 s.
wait_for() {
    for _ in $(seq 300); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.1
    done
    echo "timed out waiting for: $*" >&2
    return 1
}

# stop_pid PID: SIGTERM, then SIGKILL after 5 s; removes it from the cleanup list.
stop_pid() {
    local pid=$1 kept=() p
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    for p in "${bench_pids[@]}"; do [[ $p == "$pid" ]] || kept+=("$p"); done
    bench_pids=("${kept[@]}")
}

# start_etcd NAME: etcd (v2 API on) on free loopback ports with a fresh data dir under the temp
# folder. Sets etcd_url and etcd_pid.
start_etcd() {
    local name=$1 client peer
    client=$(free_port); peer=$(free_port)
    etcd_url=http://127.0.0.1:$client
    etcd --name "$name" --data-dir "$bench_tmp/etcd-$name" \
        --listen-client-urls "$etcd_url" --advertise-client-urls "$etcd_url" \
        --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
        --initial-cluster "$name=http://127.0.0.1:$peer" --enable-v2=true \
        >"$bench_tmp/etcd-$name.log" 2>&1 &
    etcd_pid=$!
    bench_pids+=("$etcd_pid")
    wait_for curl -sf "$etcd_url/v2/keys/" || { tail -20 "$bench_tmp/etcd-$name.log" >&2; return 1; }
}

# start_fleet_api NAME MACHINES: etcd plus fleet-api on a unix socket. Sets fleet_api_sock,
# fleet_api_pid (and etcd_url, etcd_pid).
start_fleet_api() {
    local name=$1 machines=$2
    start_etcd "$name"
    fleet_api_sock=$bench_tmp/$name.sock
    "$baseline_bin/fleet-api" -etcd "$etcd_url" -unix "$fleet_api_sock" -machines "$machines" \
        >"$bench_tmp/$name.log" 2>&1 &
    fleet_api_pid=$!
    bench_pids+=("$fleet_api_pid")
    wait_for curl -sf --unix-socket "$fleet_api_sock" http://fleet/fleet/v1/machines \
        || { cat "$bench_tmp/$name.log" >&2; return 1; }
}

# start_simulator NAME MACHINES: our simulated fleet (`serve`) on a unix socket. FLEET_SERVE
# overrides the command (default: the Release build of Fleet.Cli). Sets sim_sock, sim_pid.
start_simulator() {
    local name=$1 machines=$2
    sim_sock=$bench_tmp/$name.sock
    # shellcheck disable=SC2086
    ${FLEET_SERVE:-dotnet $bench_root/Fleet.Cli/bin/Release/net10.0/Fleet.Cli.dll serve} \
        --unix "$sim_sock" --machines "$machines" >"$bench_tmp/$name.log" 2>&1 &
    sim_pid=$!
    bench_pids+=("$sim_pid")
    wait_for curl -sf --unix-socket "$sim_sock" http://fleet/fleet/v1/machines \
        || { cat "$bench_tmp/$name.log" >&2; return 1; }
}

# machine_line: one line describing the machine the figures are from.
machine_line() {
    local cpu
    cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
    echo "$(uname -sr), $cpu, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(go version | cut -d' ' -f3), .NET $(dotnet --version 2>/dev/null || echo '?')"
}

# median N...: the median of numbers (mean of the middle two for an even count).
median() {
    printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}
