// unitbench times fleet v1.0.0's unit-file code over the accepted reference unit files, the
// same corpus as benchmarks/Fleet.Benchmarks (ReferenceUnits.Accepted: every units/*.unit whose
// .expected.json has no "error" property, in file-name order). One operation is the whole
// corpus, as in UnitFileParseBenchmarks and UnitFileWriteHashBenchmarks.
//
//	parse       go-systemd's unit.Deserialize (vendored in fleet) of each file's bytes
//	newunitfile fleet's unit.NewUnitFile (Deserialize plus fleet's option map), for reference
//	writehash   fleet's UnitFile.Hash().String() of each parsed unit: unit.Serialize, SHA1, hex,
//	            as fleet hashes a unit for the registry (MB/s over the serialized bytes)
//
// Each result is printed as one line:
//
//	unitbench name=parse files=136 bytes=123456 ns_per_op=... mb_per_s=... rounds=...
//
// ns_per_op is the median of the rounds; mb_per_s is bytes / ns_per_op * 1000 (10^6 bytes/s,
// as Go's testing.B and the benchmarks' MB/s column count).
//
// benchmarks/baseline/build.sh copies this file into fleet's source tree and builds it there.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/ioutil"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	sdunit "github.com/coreos/go-systemd/unit"

	"github.com/coreos/fleet/unit"
)

func main() {
	dir := flag.String("units", "", "folder of reference units (*.unit beside *.expected.json)")
	rounds := flag.Int("rounds", 10, "timed rounds per benchmark; the median is reported")
	roundTime := flag.Duration("round-time", 300*time.Millisecond, "least time of one round")
	only := flag.String("only", "", "comma-separated benchmarks to run (parse,newunitfile,writehash); all when empty")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "unitbench: -units DIR is required")
		os.Exit(2)
	}

	files, err := accepted(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "unitbench:", err)
		os.Exit(1)
	}
	var rawBytes int64
	for _, f := range files {
		rawBytes += int64(len(f))
	}

	parsed := make([]*unit.UnitFile, len(files))
	var writtenBytes int64
	for i, f := range files {
		opts, err := sdunit.Deserialize(bytes.NewReader(f))
		if err != nil {
			fmt.Fprintf(os.Stderr, "unitbench: file %d: %v\n", i, err)
			os.Exit(1)
		}
		parsed[i] = unit.NewUnitFromOptions(opts)
		writtenBytes += int64(len(parsed[i].Bytes()))
	}

	want := map[string]bool{}
	for _, n := range strings.Split(*only, ",") {
		if n != "" {
			want[n] = true
		}
	}
	run := func(name string, size int64, op func() int) {
		if len(want) > 0 && !want[name] {
			return
		}
		ns := measure(op, *rounds, *roundTime)
		fmt.Printf("unitbench name=%s files=%d bytes=%d ns_per_op=%.0f mb_per_s=%.1f rounds=%d\n",
			name, len(files), size, ns, float64(size)/ns*1000, *rounds)
	}

	run("parse", rawBytes, func() int {
		n := 0
		for _, f := range files {
			opts, err := sdunit.Deserialize(bytes.NewReader(f))
			if err != nil {
				return -1
			}
			n += len(opts)
		}
		return n
	})
	run("newunitfile", rawBytes, func() int {
		n := 0
		for _, f := range files {
			u, err := unit.NewUnitFile(string(f))
			if err != nil {
				return -1
			}
			n += len(u.Options)
		}
		return n
	})
	run("writehash", writtenBytes, func() int {
		n := 0
		for _, u := range parsed {
			n += len(u.Hash().String())
		}
		return n
	})
}

var sink int

// measure returns the median over rounds of the time of one op, each round running op as many
// times as fill roundTime (calibrated once, after a warm-up).
func measure(op func() int, rounds int, roundTime time.Duration) float64 {
	iterations := 1
	for {
		start := time.Now()
		for i := 0; i < iterations; i++ {
			sink += op()
		}
		if elapsed := time.Since(start); elapsed >= roundTime/4 {
			iterations = int(float64(iterations) * float64(roundTime) / float64(elapsed))
			if iterations < 1 {
				iterations = 1
			}
			break
		}
		iterations *= 2
	}
	perOp := make([]float64, rounds)
	for r := range perOp {
		start := time.Now()
		for i := 0; i < iterations; i++ {
			sink += op()
		}
		perOp[r] = float64(time.Since(start).Nanoseconds()) / float64(iterations)
	}
	sort.Float64s(perOp)
	if rounds%2 == 1 {
		return perOp[rounds/2]
	}
	return (perOp[rounds/2-1] + perOp[rounds/2]) / 2
}

// accepted reads every *.unit in dir whose .expected.json has no "error" property, in file-name
// (byte) order, as ReferenceUnits.Accepted does.
func accepted(dir string) ([][]byte, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.unit"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var files [][]byte
	for _, name := range names {
		expected, err := ioutil.ReadFile(strings.TrimSuffix(name, ".unit") + ".expected.json")
		if err != nil {
			return nil, err
		}
		var props map[string]json.RawMessage
		if err := json.Unmarshal(expected, &props); err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		if _, bad := props["error"]; bad {
			continue
		}
		b, err := ioutil.ReadFile(name)
		if err != nil {
			return nil, err
		}
		files = append(files, b)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no accepted units in %s", dir)
	}
	return files, nil
}
