module Fleet.FSharp.Tests.WorkflowTests

open System
open System.IO
open System.Threading
open System.Threading.Tasks
open Xunit
open Fleet.Core
open Fleet.FSharp
open Fleet.Simulator
open Fleet
open Fleet.UnitFiles

let helloText = "[Unit]\nDescription=Hello from F#\n\n[Service]\nExecStart=/bin/sleep 1d\n"

/// A computation's answer in a test: its value, or the test fails with its error.
let expectOk (computation: Task<Result<'T, APIError>>) : Task<'T> =
    task {
        match! computation with
        | Ok value -> return value
        | Error error -> return failwithf "fleet answered an error: %O" error
    }

/// Polls a unit until its current state is the one wanted, or fails once `patience` has passed.
let waitForState (client: FleetClient) (patience: TimeSpan) name (wanted: DesiredState) =
    fleetResult {
        let deadline = DateTime.UtcNow + patience
        let seen = ref None
        while seen.Value <> Some wanted do
            if DateTime.UtcNow > deadline then failwithf "%s never became %A (last seen %A)" name wanted seen.Value
            let! unit = client.GetUnitAsync name
            seen.Value <- FleetUnit.currentState unit
            if seen.Value <> Some wanted then do! Task.Delay 10
    }

/// Create a unit from a unit file, wait for it to run, list, change, destroy: what a script does.
/// `owns` picks the workflow's own units out of a list that may hold others'.
let workflow (client: FleetClient) (patience: TimeSpan) (name: string) (owns: string -> bool) =
    fleetResult {
        let! file = UnitFile.Parse helloText
        do! client.CreateUnitAsync(name, file, DesiredState.Launched)
        do! waitForState client patience name DesiredState.Launched

        let! units = client.ListUnits() |> FleetResult.ofStream CancellationToken.None
        Assert.Equal<string list>([ name ], units |> List.map (fun u -> u.Name) |> List.filter owns)

        let states = ResizeArray()
        for state in client.ListUnitStates(unitName = name) do
            states.Add state
        let state = Assert.Single states
        Assert.Equal(Some "running", UnitState.systemdSubState state)
        Assert.Equal(Some file.Hash, UnitState.hash state)

        do! client.SetDesiredStateAsync(name, DesiredState.Loaded)
        do! waitForState client patience name DesiredState.Loaded
        do! client.DestroyUnitAsync name

        match! FleetResult.attempt (client.GetUnitAsync name) with
        | Error error when APIError.code error = Some 404 -> Assert.Equal("unit does not exist", error.Message)
        | other -> failwithf "expected fleet's 404, got %A" other
    }
    |> expectOk

/// The workflow on a client of its own, against a fresh fleet where every unit is the workflow's.
let workflowAt (endpoint: string) =
    fleetResult {
        use! client = FleetClient.ConnectAsync endpoint
        do! workflow client (TimeSpan.FromSeconds 15.0) "hello.service" (fun _ -> true)
    }
    |> expectOk

[<Fact>]
let ``a script's whole workflow over a unix socket`` () =
    task {
        let directory = Directory.CreateTempSubdirectory("fleet-").FullName
        try
            let options = FleetServerOptions(UnixSocketPath = Path.Combine(directory, "fleet.sock"), AgentDelay = TimeSpan.FromMilliseconds 50.0)
            use! server = FleetServer.StartAsync options
            do! workflowAt server.Endpoint
        finally
            Directory.Delete(directory, true)
    }

[<Fact>]
let ``the same workflow over tcp`` () =
    task {
        use! server = FleetServer.StartAsync(FleetServerOptions(AgentDelay = TimeSpan.FromMilliseconds 50.0))
        Assert.StartsWith("http://127.0.0.1:", server.Endpoint)
        do! workflowAt server.Endpoint
    }

[<Fact>]
let ``the same workflow over fleet's registry in a real etcd`` () =
    task {
        use! etcd = Fleet.Tests.Shared.Etcd.EtcdServer.StartAsync()
        let registry = Fleet.Transport.Registry.FleetRegistryOptions(KeyPrefix = Fleet.Tests.Shared.Etcd.EtcdFixture.NewPrefix())
        let options = Fleet.Simulator.Registry.EtcdFleetOptions(Registry = registry, Interval = TimeSpan.FromMilliseconds 50.0)
        let! started = Fleet.Simulator.Registry.EtcdFleet.StartAsync(Fleet.Simulator.Cluster.ReferenceCluster.Machines, [ etcd.ClientUrl ], options)
        use fleet =
            match FleetResult.ofEither started with
            | Ok fleet -> fleet
            | Error error -> failwithf "the simulated fleetd did not start: %O" error
        do!
            fleetResult {
                use! client = FleetClient.ConnectToRegistryAsync([ etcd.ClientUrl ], registry)
                do! workflow client (TimeSpan.FromSeconds 15.0) "hello.service" (fun _ -> true)
            }
            |> expectOk
    }

[<Fact>]
let ``failures to connect are matched by kind`` () =
    task {
        let describe endpoint =
            task {
                match! FleetClient.ConnectAsync(endpoint: string) |> FleetResult.ofTask with
                | Ok _ -> return "connected"
                | Error error when error.Kind = ErrorKind.Validation -> return sprintf "bad endpoint: %s" error.Message
                | Error error when error.Kind = ErrorKind.Transport -> return "unreachable"
                | Error error -> return sprintf "other: %O" error
            }
        let! bad = describe "var/run/fleet.sock"
        let! missing = describe (sprintf "unix://%s/no-fleet-%O.sock" (Path.GetTempPath().TrimEnd('/')) (Guid.NewGuid()))
        Assert.Equal("bad endpoint: URL scheme undefined", bad)
        Assert.Equal("unreachable", missing)
    }
