// fleet-api serves fleet v1.0.0's own v1 API handlers (package api's mux) over fleet's own
// registry.EtcdRegistry on a real etcd: the "real server" baseline of benchmarks/cli.sh and
// benchmarks/simulator.sh. No agent, engine or heart runs: units are stored as fleet's API
// stores them and are never scheduled.
//
// benchmarks/baseline/build.sh copies this file into fleet's source tree (so fleet's vendor/
// applies) and builds it in GOPATH mode. It is ours, not fleet's: it only imports fleet.
package main

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	etcd "github.com/coreos/etcd/client"
	"golang.org/x/net/context"

	"github.com/coreos/fleet/api"
	"github.com/coreos/fleet/machine"
	"github.com/coreos/fleet/registry"
	"github.com/coreos/fleet/unit"
)

// referenceMachines are Fleet.Simulator's ReferenceCluster.Machines: the three machines of the
// cluster the reference captures were made on.
var referenceMachines = []machine.MachineState{
	{ID: "222f532fc7580e18ebfca1f8614c8086", PublicIP: "172.17.8.101", Metadata: map[string]string{"disk": "ssd", "region": "us-east", "role": "web"}},
	{ID: "7d6b720dcb47f5ecaabc6955293ad1b6", PublicIP: "172.17.8.102", Metadata: map[string]string{"region": "us-west", "role": "db"}},
	{ID: "9a805ebde048c3f6e34bd2c4b3f89a2c", PublicIP: "172.17.8.103", Metadata: map[string]string{}},
}

// take mirrors ReferenceCluster.Take(n): the reference three, then ids that are the first 32 hex
// digits of SHA1("fleet-machine-<index+1>") with IPs continuing 172.17.8.104, ...
func take(n int) []machine.MachineState {
	var ms []machine.MachineState
	for i := 0; i < n; i++ {
		if i < len(referenceMachines) {
			ms = append(ms, referenceMachines[i])
			continue
		}
		sum := sha1.Sum([]byte(fmt.Sprintf("fleet-machine-%d", i+1)))
		ms = append(ms, machine.MachineState{
			ID:       hex.EncodeToString(sum[:])[:32],
			PublicIP: fmt.Sprintf("172.17.%d.%d", 8+(100+i)/254, (100+i)%254+1),
			Metadata: map[string]string{},
		})
	}
	return ms
}

func main() {
	var (
		endpoints  = flag.String("etcd", "http://127.0.0.1:2379", "etcd client URL(s), comma separated")
		prefix     = flag.String("prefix", registry.DefaultKeyPrefix, "fleet's etcd key prefix")
		unixPath   = flag.String("unix", "", "serve on this unix socket")
		tcpAddr    = flag.String("tcp", "", "serve on this HOST:PORT")
		machines   = flag.Int("machines", 3, "machine objects to write to etcd before serving (ReferenceCluster.Take(n)); 0 writes none")
		tokenLimit = flag.Int("token-limit", 100, "page size of the API (fleetd's token_limit, default 100)")
		version    = flag.String("machine-version", "1.0.0", "the Version field of seeded machines")
		settle     = flag.Bool("settle", false, "do not serve: schedule every unit in the registry round-robin on the -machines machines and save each a loaded/active/running unit state, as fleet's engine and agents would once, then exit")
	)
	flag.Parse()
	if *unixPath == "" && *tcpAddr == "" && !*settle {
		fmt.Fprintln(os.Stderr, "fleet-api: give -unix PATH and/or -tcp HOST:PORT")
		os.Exit(2)
	}

	eClient, err := etcd.New(etcd.Config{
		Endpoints:               strings.Split(*endpoints, ","),
		Transport:               etcd.DefaultTransport,
		HeaderTimeoutPerRequest: 10 * time.Second,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "fleet-api: etcd:", err)
		os.Exit(1)
	}
	kAPI := etcd.NewKeysAPI(eClient)

	// Machine objects as fleetd's heart writes them (registry/machine.go: <prefix>/machines/<id>/object,
	// the JSON of machine.MachineState), without a TTL since no heart renews them.
	for _, ms := range take(*machines) {
		ms.Version = *version
		if err := seed(kAPI, *prefix, ms); err != nil {
			fmt.Fprintln(os.Stderr, "fleet-api: seeding machines:", err)
			os.Exit(1)
		}
	}

	reg := registry.NewEtcdRegistry(kAPI, *prefix)
	if *settle {
		if err := settleUnits(reg, take(*machines)); err != nil {
			fmt.Fprintln(os.Stderr, "fleet-api: settle:", err)
			os.Exit(1)
		}
		return
	}
	handler := api.NewServeMux(reg, *tokenLimit)

	var listeners []net.Listener
	if *unixPath != "" {
		os.Remove(*unixPath)
		l, err := net.Listen("unix", *unixPath)
		if err != nil {
			fmt.Fprintln(os.Stderr, "fleet-api:", err)
			os.Exit(1)
		}
		listeners = append(listeners, l)
		fmt.Printf("fleet API on unix://%s\n", *unixPath)
	}
	if *tcpAddr != "" {
		l, err := net.Listen("tcp", *tcpAddr)
		if err != nil {
			fmt.Fprintln(os.Stderr, "fleet-api:", err)
			os.Exit(1)
		}
		listeners = append(listeners, l)
		fmt.Printf("fleet API on http://%s\n", l.Addr())
	}
	fmt.Printf("%d machines\n", *machines)

	for _, l := range listeners {
		go http.Serve(l, handler)
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	<-sig
	for _, l := range listeners {
		l.Close()
	}
	if *unixPath != "" {
		os.Remove(*unixPath)
	}
}

func seed(kAPI etcd.KeysAPI, prefix string, ms machine.MachineState) error {
	// encoding/json of MachineState, as registry's marshal does.
	val, err := marshalJSON(ms)
	if err != nil {
		return err
	}
	key := strings.TrimSuffix(prefix, "/") + "/machines/" + ms.ID + "/object"
	_, err = kAPI.Set(context.Background(), key, val, nil)
	return err
}

func marshalJSON(v interface{}) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// settleUnits stands in for fleet's engine and agents, once: every unit is scheduled on a machine
// (round-robin, in the registry's order) and given the state an agent would publish for a
// running unit, through fleet's own registry calls (ScheduleUnit, SaveUnitState), so that
// list-units has a state per unit as on a live cluster. Eight writers in parallel.
func settleUnits(reg *registry.EtcdRegistry, machines []machine.MachineState) error {
	if len(machines) == 0 {
		return fmt.Errorf("no machines to schedule on (-machines 0)")
	}
	units, err := reg.Units()
	if err != nil {
		return err
	}
	work := make(chan int)
	errs := make(chan error, len(units))
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				u := units[i]
				machID := machines[i%len(machines)].ID
				if err := reg.ScheduleUnit(u.Name, machID); err != nil {
					errs <- err
					continue
				}
				reg.SaveUnitState(u.Name, &unit.UnitState{
					LoadState: "loaded", ActiveState: "active", SubState: "running",
					MachineID: machID, UnitHash: u.Unit.Hash().String(), UnitName: u.Name,
				}, 0)
			}
		}()
	}
	for i := range units {
		work <- i
	}
	close(work)
	wg.Wait()
	close(errs)
	for err := range errs {
		return err
	}
	fmt.Printf("settled %d units on %d machines\n", len(units), len(machines))
	return nil
}
