#!/usr/bin/env bash
# Records what a real fleetctl v1.0.0 prints for each line of cases.txt into fleetctl.json (the
# arguments, exit code, standard output and standard error, exactly). Not run by the tests.
#
# Build fleetctl from fleet's tagged source with its vendored packages (Go 1.19 works):
#   src=$GOPATH/src/github.com/coreos/fleet; mkdir -p $src
#   git -C <a clone of coreos/fleet> archive v1.0.0 | tar -x -C $src
#   cd $src && GO111MODULE=off go build -ldflags "-X github.com/coreos/fleet/version.Version=v1.0.0" -o /tmp/fleetctl ./fleetctl
# then: ./capture.sh /tmp/fleetctl
set -euo pipefail
fleetctl=$(realpath "${1:?usage: capture.sh PATH-TO-FLEETCTL}")
cd "$(dirname "$0")"
reference=${FLEETCTL_REFERENCE:-../../../../shared/fleet-reference/fleetctl}
# The build must print what the reference's fleetctl printed with no arguments.
diff <(sed -n '/^--- stdout ---$/,/^--- stderr ---$/p' "$reference/073-no-command.txt" | sed '1d;$d') <("$fleetctl") >/dev/null \
  || { echo "capture.sh: $fleetctl does not print the reference's usage; not fleetctl v1.0.0?" >&2; exit 1; }
python3 - "$fleetctl" <<'PY'
import json, subprocess, sys, tempfile
fleetctl = sys.argv[1]
cases = []
for line in open("cases.txt", encoding="utf-8"):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    case_id, command = line.split("\t", 1)
    args = command.split(" ")
    with tempfile.TemporaryDirectory() as home:
        run = subprocess.run([fleetctl, *args], cwd=home, env={"PATH": "/usr/bin:/bin", "HOME": home},
                             stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
    cases.append({"id": case_id, "args": args, "exit": run.returncode,
                  "stdout": run.stdout.decode("utf-8"), "stderr": run.stderr.decode("utf-8")})
with open("fleetctl.json", "w", encoding="utf-8") as out:
    json.dump({"fleetctl": "v1.0.0, built from fleet's tagged source", "cases": cases}, out, indent=1, ensure_ascii=False)
    out.write("\n")
PY
