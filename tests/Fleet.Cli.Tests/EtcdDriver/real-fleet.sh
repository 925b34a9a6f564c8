#!/usr/bin/env bash
# Holds the simulated fleetd over etcd to fleet's own code: the reference's etcd scenario
# (EtcdScenarioTests) run three more times, with fleet v1.0.0's code in our place,
#   1. fleetctl v1.0.0 as the command line, against our engine, agents and API;
#   2. fleetctl-net, against fleet's API handlers over fleet's EtcdRegistry (benchmarks' fleet-api)
#      on the registry our engine and agents keep;
#   3. fleetctl v1.0.0 against fleet's API handlers, our engine and agents alone being ours;
# each compared step by step with what fleet printed, answered and left in etcd. Not part of
# ./test.sh: it needs Go and fleet's source (benchmarks/baseline/build.sh builds fleetctl and
# fleet-api from the fleet mirror or FLEET_SRC/FLEET_GIT; see there).
#
#   tests/Fleet.Cli.Tests/EtcdDriver/real-fleet.sh [dotnet test arguments]
set -euo pipefail
repository=$(cd "$(dirname "$0")/../../.." && pwd)
bin=$("$repository/benchmarks/baseline/build.sh" | tail -n 1)
[ -x "$bin/fleetctl" ] && [ -x "$bin/fleet-api" ] || { echo "$0: build.sh gave no fleetctl or fleet-api in $bin" >&2; exit 1; }
run() {
  echo "== $1" >&2
  shift
  env "$@" dotnet test "$repository/tests/Fleet.Cli.Tests" --nologo --filter "FullyQualifiedName~EtcdScenarioTests" "${extra[@]}"
}
extra=("$@")
run "fleetctl v1.0.0, our fleetd" FLEET_CLI_NATIVE="$bin/fleetctl" FLEET_CLI_IS_FLEETCTL=1
run "fleetctl-net, fleet's API code over our engine's registry" FLEET_API_PROGRAM="$bin/fleet-api"
run "fleetctl v1.0.0 and fleet's API code, our engine and agents" FLEET_CLI_NATIVE="$bin/fleetctl" FLEET_CLI_IS_FLEETCTL=1 FLEET_API_PROGRAM="$bin/fleet-api"
