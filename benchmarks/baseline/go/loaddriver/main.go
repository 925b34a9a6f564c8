// loaddriver is the neutral load driver of benchmarks/cli.sh and benchmarks/simulator.sh: the
// same plain net/http client against fleet-api (fleet's own handlers on etcd) and against our
// simulated fleet. It uses only Go's standard library and one keep-alive connection, sends the
// requests one after another, and prints one machine-readable line per measurement:
//
//	loaddriver name=create count=10000 done=10000 dials=1 seconds=12.345 per_s=810.0
//	loaddriver name=get-unit seconds=0.000812 first_seconds=... gets=5 status=200 bytes=...
//	loaddriver name=state-page seconds=0.004 first_seconds=... gets=5 status=200 bytes=... states=...
//
// create: PUT /fleet/v1/units/<prefix>-<i>.service with desiredState "launched" and a small
// [Service] ExecStart, i = 1..count (201 expected). get-unit: GET of the first unit.
// state-page: GET /fleet/v1/state (the first page). Each GET is made -gets times; the median
// and the first are printed.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/ioutil"
	"net"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync/atomic"
	"time"
)

func main() {
	unixPath := flag.String("unix", "", "the API's unix socket")
	base := flag.String("url", "", "the API's http://HOST:PORT (instead of -unix)")
	count := flag.Int("count", 10000, "units to create")
	prefix := flag.String("prefix", "bench", "unit name prefix")
	limit := flag.Duration("timeout", 0, "stop creating after this long and report what was done (0: no limit)")
	steps := flag.String("steps", "create,get-unit,state-page", "what to do, in order")
	gets := flag.Int("gets", 5, "GETs of get-unit and state-page, on the same connection; the first and the median are printed")
	flag.Parse()

	var dials int32
	dialer := &net.Dialer{}
	transport := &http.Transport{MaxIdleConnsPerHost: 1, DisableCompression: true}
	root := strings.TrimSuffix(*base, "/")
	if *unixPath != "" {
		root = "http://fleet"
		transport.DialContext = func(ctx context.Context, _, _ string) (net.Conn, error) {
			atomic.AddInt32(&dials, 1)
			return dialer.DialContext(ctx, "unix", *unixPath)
		}
	} else if root != "" {
		transport.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
			atomic.AddInt32(&dials, 1)
			return dialer.DialContext(ctx, network, addr)
		}
	} else {
		fmt.Fprintln(os.Stderr, "loaddriver: give -unix PATH or -url http://HOST:PORT")
		os.Exit(2)
	}
	client := &http.Client{Transport: transport}
	name := func(i int) string { return fmt.Sprintf("%s-%05d.service", *prefix, i) }

	failed := false
	for _, step := range strings.Split(*steps, ",") {
		switch step {
		case "create":
			body := func(i int) []byte {
				b, _ := json.Marshal(map[string]interface{}{
					"desiredState": "launched",
					"options": []map[string]string{
						{"section": "Unit", "name": "Description", "value": fmt.Sprintf("bench unit %d", i)},
						{"section": "Service", "name": "ExecStart", "value": "/bin/sleep 3000"},
					},
				})
				return b
			}
			start := time.Now()
			done := 0
			for i := 1; i <= *count; i++ {
				if *limit > 0 && time.Since(start) > *limit {
					break
				}
				req, _ := http.NewRequest("PUT", root+"/fleet/v1/units/"+name(i), bytes.NewReader(body(i)))
				req.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(req)
				if err != nil {
					fmt.Fprintln(os.Stderr, "loaddriver: create:", err)
					failed = true
					break
				}
				ioutil.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusNoContent {
					fmt.Fprintf(os.Stderr, "loaddriver: create %s: HTTP %d\n", name(i), resp.StatusCode)
					failed = true
					break
				}
				done++
			}
			s := time.Since(start).Seconds()
			fmt.Printf("loaddriver name=create count=%d done=%d dials=%d seconds=%.3f per_s=%.1f\n",
				*count, done, atomic.LoadInt32(&dials), s, float64(done)/s)
		case "get-unit":
			s, first, status, n, _ := repeatGet(client, root+"/fleet/v1/units/"+name(1), *gets)
			fmt.Printf("loaddriver name=get-unit seconds=%.6f first_seconds=%.6f gets=%d status=%d bytes=%d\n", s, first, *gets, status, n)
		case "state-page":
			s, first, status, n, b := repeatGet(client, root+"/fleet/v1/state", *gets)
			var page struct {
				States        []json.RawMessage `json:"states"`
				NextPageToken string            `json:"nextPageToken"`
			}
			json.Unmarshal(b, &page)
			fmt.Printf("loaddriver name=state-page seconds=%.6f first_seconds=%.6f gets=%d status=%d bytes=%d states=%d next_page=%t\n",
				s, first, *gets, status, n, len(page.States), page.NextPageToken != "")
		default:
			fmt.Fprintln(os.Stderr, "loaddriver: unknown step", step)
			os.Exit(2)
		}
	}
	if failed {
		os.Exit(1)
	}
}

// repeatGet GETs url count times and returns the median and the first time, and the last status,
// size and body.
func repeatGet(client *http.Client, url string, count int) (float64, float64, int, int, []byte) {
	if count < 1 {
		count = 1
	}
	var times []float64
	var status, n int
	var body []byte
	for i := 0; i < count; i++ {
		var s float64
		s, status, n, body = timedGet(client, url)
		times = append(times, s)
	}
	first := times[0]
	sort.Float64s(times)
	median := times[len(times)/2]
	if len(times)%2 == 0 {
		median = (times[len(times)/2-1] + times[len(times)/2]) / 2
	}
	return median, first, status, n, body
}

func timedGet(client *http.Client, url string) (float64, int, int, []byte) {
	start := time.Now()
	resp, err := client.Get(url)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loaddriver:", err)
		return time.Since(start).Seconds(), 0, 0, nil
	}
	b, _ := ioutil.ReadAll(resp.Body)
	resp.Body.Close()
	return time.Since(start).Seconds(), resp.StatusCode, len(b), b
}
