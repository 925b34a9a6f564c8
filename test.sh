#!/usr/bin/env bash
# Runs every test of the solution on a fresh Debian machine that has the .NET SDK.
# Installs what the tests need when it is missing, then runs `dotnet test`, and the command line's
# tests once more against its native build.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET SDK (dotnet) is not on PATH; install the SDK that global.json names (10.0.1xx or later)." >&2
  exit 1
fi

# Debian packages the tests use; installed only when missing.
needed=()
command -v git >/dev/null 2>&1 || needed+=(git)
# The SSH tests start a throwaway OpenSSH server and agent on loopback, and use socat as the
# remote end of the unix-socket tunnel.
[ -x /usr/sbin/sshd ] || needed+=(openssh-server)
command -v ssh-keygen >/dev/null 2>&1 && command -v ssh-agent >/dev/null 2>&1 || needed+=(openssh-client)
command -v socat >/dev/null 2>&1 || needed+=(socat)
# The etcd tests start a throwaway etcd (3.4, v2 keys API on) on loopback, as fleet's registry keeps it.
command -v etcd >/dev/null 2>&1 || needed+=(etcd-server)
# The command line's terminal tests run it under util-linux's script, which gives it a terminal.
command -v script >/dev/null 2>&1 || needed+=(bsdutils)
# Native AOT links the command line's native build with clang, against zlib.
command -v clang >/dev/null 2>&1 || needed+=(clang)
[ -e /usr/include/zlib.h ] || needed+=(zlib1g-dev)
if [ ${#needed[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${needed[@]}"
fi

dotnet test Fleet.sln --nologo "$@"

# The command line again, natively published as its tool package ships it on linux-x64: the same
# tests, run against the native executable (CliProcess reads FLEET_CLI_NATIVE).
native="$(mktemp -d)"
trap 'rm -rf "$native"' EXIT
dotnet publish Fleet.Cli -c Release -r linux-x64 -o "$native" --nologo
FLEET_CLI_NATIVE="$native/Fleet.Cli" dotnet test tests/Fleet.Cli.Tests --nologo "$@"
