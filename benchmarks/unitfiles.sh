#!/usr/bin/env bash
# Unit files, ours against fleet v1.0.0's, in one sitting (the issue's goal 5):
#   parse       Fleet.UnitFiles' UnitFile.Parse (BenchmarkDotNet, UnitFileParseBenchmarks)
#               against go-systemd's unit.Deserialize as vendored in fleet (unitbench parse)
#   write+hash  UnitFileWriter.Hash (UnitFileWriteHashBenchmarks "write + hash") against fleet's
#               UnitFile.Hash().String(): unit.Serialize, SHA1, hex (unitbench writehash)
# over the 136 accepted reference units (tests/fleet-reference/units, or FLEET_UNIT_CASES),
# then prints both sides' MB/s and the ratios against the goals (>= 35x go-systemd's parse,
# >= 10x fleet's write+hash).
#
# The Go side runs before and after BenchmarkDotNet; the ratio is taken against the faster of
# its two runs, so a busy machine during one of them does not flatter us.
#
# Environment:
#   BDN_JOB=Default      BenchmarkDotNet job (Dry, Short, Medium, Default, ...)
#   SKIP_BUILD=1         reuse benchmarks/.baseline and the Release build as they are
#   GO_ROUNDS=10         timed rounds of each Go benchmark (median reported)
# Takes about 10 minutes with the Default job on two busy cores (incremental builds included).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/baseline/lib.sh"
cd "$bench_root"

units=${FLEET_UNIT_CASES:-$bench_root/tests/fleet-reference/units}
[[ -d $units ]] || units=$bench_root/../shared/fleet-reference/units
[[ -d $units ]] || { echo "no reference units (tests/fleet-reference/units); set FLEET_UNIT_CASES" >&2; exit 1; }
export FLEET_UNIT_CASES=$units

if [[ ${SKIP_BUILD:-} != 1 ]]; then
    log "building the baselines"
    "$bench_dir/baseline/build.sh" >/dev/null
    log "building benchmarks/Fleet.Benchmarks (Release)"
    dotnet build "$bench_dir/Fleet.Benchmarks" -c Release -v quiet -nologo >/dev/null
fi
bench_dll=$bench_dir/Fleet.Benchmarks/bin/Release/net10.0/Fleet.Benchmarks.dll

go_run() {
    "$baseline_bin/unitbench" -units "$units" -rounds "${GO_ROUNDS:-10}" -only parse,writehash | tee -a "$bench_tmp/go.txt" >&2
}
# field NAME KEY: KEY's value from the Go runs' lines of NAME, the largest (fastest) one.
go_best() {
    grep "name=$1 " "$bench_tmp/go.txt" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2 | sort -g | tail -1
}

log "machine: $(machine_line)"
log "Go unitbench (1 of 2)"
go_run

log "BenchmarkDotNet, job ${BDN_JOB:-Default}"
dotnet "$bench_dll" --filter '*UnitFileParseBenchmarks*' '*UnitFileWriteHashBenchmarks*' \
    --job "${BDN_JOB:-Default}" --exporters csv --artifacts "$bench_tmp/bdn" >"$bench_tmp/bdn.log" 2>&1 \
    || { tail -40 "$bench_tmp/bdn.log" >&2; exit 1; }
grep -A12 '^| Method' "$bench_tmp/bdn.log" | grep '^|' >&2 || true
grep 'MB/s *:' "$bench_tmp/bdn.log" >&2 || true

log "Go unitbench (2 of 2)"
go_run

# The MB/s column of BenchmarkDotNet's CSV report (bytes of the corpus / Mean).
bdn_mbs() {
    python3 - "$bench_tmp/bdn/results/$1-report.csv" "$2" <<'PY'
import csv, sys
with open(sys.argv[1], newline="") as f:
    for row in csv.DictReader(f):
        if row["Method"].strip("'") == sys.argv[2]:
            print(row["MB/s"].replace(",", ""))
            break
    else:
        sys.exit("no row " + sys.argv[2])
PY
}
ours_parse=$(bdn_mbs Fleet.Benchmarks.UnitFileParseBenchmarks 'UnitFile.Parse')
ours_write=$(bdn_mbs Fleet.Benchmarks.UnitFileWriteHashBenchmarks 'write + hash')
go_parse=$(go_best parse mb_per_s)
go_write=$(go_best writehash mb_per_s)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
verdict() { awk -v r="$1" -v g="$2" 'BEGIN { print (r >= g ? "meets" : "below") }'; }
r_parse=$(ratio "$ours_parse" "$go_parse")
r_write=$(ratio "$ours_write" "$go_write")

echo
echo "unit files, $(grep -c 'name=parse ' "$bench_tmp/go.txt") Go runs (best taken), BenchmarkDotNet job ${BDN_JOB:-Default}"
echo "machine: $(machine_line)"
printf '%-12s %12s %12s %8s %6s\n' "" "ours MB/s" "fleet MB/s" "ratio" "goal"
printf '%-12s %12s %12s %7sx %5sx  %s\n' parse "$ours_parse" "$go_parse" "$r_parse" 35 "$(verdict "$r_parse" 35)"
printf '%-12s %12s %12s %7sx %5sx  %s\n' write+hash "$ours_write" "$go_write" "$r_write" 10 "$(verdict "$r_write" 10)"
echo "result parse ours_mb_per_s=$ours_parse go_mb_per_s=$go_parse ratio=$r_parse goal=35"
echo "result writehash ours_mb_per_s=$ours_write go_mb_per_s=$go_write ratio=$r_write goal=10"
