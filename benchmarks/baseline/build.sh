#!/usr/bin/env bash
# Builds the fleet v1.0.0 baselines with Debian's Go (GOPATH mode, fleet's own vendor/) into
# the cache folder benchmarks/.baseline (git-ignored; BASELINE_DIR overrides it):
#
#   bin/fleetctl     fleet's fleetctl v1.0.0
#   bin/fleet-api    ours: fleet's v1 API handlers over fleet's EtcdRegistry (go/fleet-api)
#   bin/unitbench    ours: go-systemd's unit.Deserialize and fleet's unit hash timed over the
#                    accepted reference units (go/unitbench)
#   bin/loaddriver   ours: the neutral HTTP load driver (go/loaddriver, standard library only)
#
# Fleet's source, first that applies:
#   FLEET_SRC=DIR    an unpacked fleet v1.0.0 tree (copied, never changed)
#   FLEET_GIT=G      a git dir or URL to archive FLEET_REF (default v1.0.0) from
#   the mirror /work/.mirror/coreos+fleet/repo if present, else
#   git clone https://github.com/coreos/fleet at FLEET_REF.
# Our three mains are copied into the cache's copy of the tree (fleet/fleetnetbench/) so that
# fleet's vendor/ applies to them; our repository holds only go/*/main.go. Prints the bin folder.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${BASELINE_DIR:-$(cd "$here/.." && pwd)/.baseline}
ref=${FLEET_REF:-v1.0.0}
mirror=/work/.mirror/coreos+fleet/repo
gopath=$cache/gopath
tree=$gopath/src/github.com/coreos/fleet
bin=$cache/bin
tmp=""
cleanup() { [[ -n $tmp ]] && rm -rf "$tmp"; return 0; }
trap cleanup EXIT

command -v go >/dev/null || { echo "build.sh: no go on PATH (Debian: apt-get install golang-go)" >&2; exit 1; }
mkdir -p "$cache" "$bin"

# 1. fleet's tree, once per cache (delete $cache/gopath to take it again).
if [[ ! -f $tree/.fleetnet-source ]]; then
    rm -rf "$tree"
    mkdir -p "$tree"
    if [[ -n ${FLEET_SRC:-} ]]; then
        cp -a "$FLEET_SRC"/. "$tree"/
        source="dir $FLEET_SRC"
    else
        git_src=${FLEET_GIT:-}
        if [[ -z $git_src && -d $mirror ]]; then git_src=$mirror; fi
        if [[ -n $git_src && -d $git_src ]]; then
            git -C "$git_src" archive "$ref" | tar -x -C "$tree"
            source="git $git_src $ref ($(git -C "$git_src" rev-parse "$ref^{commit}"))"
        else
            tmp=$(mktemp -d)
            git clone --quiet --branch "$ref" --depth 1 "${git_src:-https://github.com/coreos/fleet}" "$tmp/fleet"
            git -C "$tmp/fleet" archive HEAD | tar -x -C "$tree"
            source="git ${git_src:-https://github.com/coreos/fleet} $ref ($(git -C "$tmp/fleet" rev-parse HEAD))"
        fi
    fi
    [[ -d $tree/vendor && -f $tree/api/mux.go ]] || { echo "build.sh: $tree does not look like fleet's source" >&2; exit 1; }
    echo "$source" > "$tree/.fleetnet-source"
fi

# 2. Our mains inside fleet's tree, so its vendor/ resolves their imports.
rm -rf "$tree/fleetnetbench"
for main in fleet-api unitbench loaddriver; do
    mkdir -p "$tree/fleetnetbench/$main"
    cp "$here/go/$main/main.go" "$tree/fleetnetbench/$main/main.go"
done

# 3. Build (GOPATH mode; go's build cache makes a second run quick).
export GO111MODULE=off GOPATH=$gopath GOCACHE=$cache/gocache GOFLAGS= CGO_ENABLED=0
version=${ref#v}
cd "$tree"
echo "building fleet $ref baselines with $(go version) into $bin" >&2
go build -o "$bin/fleetctl" -ldflags "-X github.com/coreos/fleet/version.Version=$version" ./fleetctl
go build -o "$bin/fleet-api" -ldflags "-X github.com/coreos/fleet/version.Version=$version" ./fleetnetbench/fleet-api
go build -o "$bin/unitbench" ./fleetnetbench/unitbench
go build -o "$bin/loaddriver" ./fleetnetbench/loaddriver
echo "$bin"
