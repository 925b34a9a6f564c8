#!/usr/bin/env bash
# Holds the conformance suite to fleet v1.0.0's own code: its API handlers, etcd registry, engine,
# agents and heartbeats for three machines (realfleet.go.txt; only systemd is stood in for), over a
# real etcd with its v2 API. Not part of ./test.sh: it needs fleet's source, Go and etcd.
#
#   tests/Fleet.Conformance.Tests/RealFleet/run.sh FLEET_SOURCE [dotnet test arguments]
#
# FLEET_SOURCE is a checkout of github.com/coreos/fleet at v1.0.0; it is built in GOPATH mode with
# its own vendor/ (Debian's golang-go, 1.19). etcd is Debian's etcd-server (3.4). Everything runs on
# loopback from a temporary folder that is removed at the end, with the processes it started.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 FLEET_SOURCE [dotnet test arguments]" >&2; exit 2; }
fleet_source=$(cd "$1" && pwd)
shift
here=$(cd "$(dirname "$0")" && pwd)
repository=$(cd "$here/../../.." && pwd)
command -v go >/dev/null || { echo "$0: go is not on PATH (apt-get install golang-go)" >&2; exit 1; }
command -v etcd >/dev/null || { echo "$0: etcd is not on PATH (apt-get install etcd-server)" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# A loopback port nobody answers on.
free_port() {
  while true; do
    local port=$((RANDOM % 20000 + 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

# Waits up to 30 s for a command to succeed.
wait_for() {
  local what=$1; shift
  for _ in $(seq 300); do "$@" 2>/dev/null && return 0; sleep 0.1; done
  echo "$0: $what did not come up; its log:" >&2
  cat "$work"/*.log >&2
  exit 1
}

mkdir -p "$work/gopath/src/github.com/coreos"
cp -r "$fleet_source" "$work/gopath/src/github.com/coreos/fleet"
mkdir -p "$work/gopath/src/github.com/coreos/fleet/cmd/realfleet"
cp "$here/realfleet.go.txt" "$work/gopath/src/github.com/coreos/fleet/cmd/realfleet/main.go"
(cd "$work/gopath/src/github.com/coreos/fleet" && GOPATH="$work/gopath" GO111MODULE=off go build -o "$work/realfleet" ./cmd/realfleet)

client_port=$(free_port)
peer_port=$(free_port)
etcd --name conformance --data-dir "$work/etcd" --enable-v2=true \
  --listen-client-urls "http://127.0.0.1:$client_port" --advertise-client-urls "http://127.0.0.1:$client_port" \
  --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
  --initial-cluster "conformance=http://127.0.0.1:$peer_port" >"$work/etcd.log" 2>&1 &
pids+=($!)
wait_for etcd bash -c "exec 3<>/dev/tcp/127.0.0.1/$client_port"

"$work/realfleet" -etcd "http://127.0.0.1:$client_port" -unix "$work/fleet.sock" >"$work/realfleet.log" 2>&1 &
pids+=($!)
wait_for realfleet test -S "$work/fleet.sock"

cd "$repository"
FLEET_TEST_ENDPOINT="unix://$work/fleet.sock" dotnet test Fleet.sln --filter Category=Conformance "$@"
