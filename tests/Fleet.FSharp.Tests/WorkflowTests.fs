module Fleet.FSharp.Tests.WorkflowTests

open System
open System.IO
open System.Threading.Tasks
open Xunit
open Fleet.Core
open Fleet.FSharp
open Fleet.Simulator
open Fleet
open Fleet.UnitFiles

let helloText = "[Unit]\nDescription=Hello from F#\n\n[Service]\nExecStart=/bin/sleep 1d\n"

/// Polls a unit until its current state is the one wanted, or fails once `patience` has passed.
let waitForState (client: FleetClient) (patience: TimeSpan) name (wanted: DesiredState) =
    task {
        let deadline = DateTime.UtcNow + patience
        let mutable seen = None
        while seen <> Some wanted do
            if DateTime.UtcNow > deadline then failwithf "%s never became %A (last seen %A)" name wanted seen
            match! client.GetUnitAsync name |> FleetResult.ofTask with
            | Ok unit when unit.CurrentState.HasValue && unit.CurrentState.Value = wanted -> seen <- Some wanted
            | Ok unit ->
                seen <- Option.ofNullable unit.CurrentState
                do! Task.Delay 10
            | Error error -> failwithf "reading %s failed: %O" name error
    }

/// Create a unit from a unit file, wait for it to run, list, change, destroy: what a script does.
/// `owns` picks the workflow's own units out of a list that may hold others'.
let workflow (client: FleetClient) (patience: TimeSpan) (name: string) (owns: string -> bool) =
    task {
        let file =
            match UnitFile.Parse helloText |> FleetResult.ofEither with
            | Ok file -> file
            | Error error -> failwithf "bad unit file: %O" error

        match! client.CreateUnitAsync(name, file, DesiredState.Launched) |> FleetResult.ofDone with
        | Error error -> failwithf "create failed: %O" error
        | Ok () -> ()
        do! waitForState client patience name DesiredState.Launched

        match! client.ListUnits() |> FleetResult.ofStream Threading.CancellationToken.None with
        | Ok units -> Assert.Equal<string list>([ name ], units |> List.map (fun u -> u.Name) |> List.filter owns)
        | Error error -> failwithf "list failed: %O" error

        match! client.ListUnitStates(unitName = name) |> FleetResult.ofStream Threading.CancellationToken.None with
        | Ok [ state ] ->
            Assert.Equal("running", state.SystemdSubState)
            Assert.Equal(file.Hash, state.Hash)
        | Ok states -> failwithf "expected one state, got %A" states
        | Error error -> failwithf "states failed: %O" error

        match! client.SetDesiredStateAsync(name, DesiredState.Loaded) |> FleetResult.ofDone with
        | Ok () -> do! waitForState client patience name DesiredState.Loaded
        | Error error -> failwithf "stop failed: %O" error

        match! client.DestroyUnitAsync name |> FleetResult.ofDone with
        | Ok () -> ()
        | Error error -> failwithf "destroy failed: %O" error

        match! client.GetUnitAsync name |> FleetResult.ofTask with
        | Error error when error.Code = Nullable 404 -> Assert.Equal("unit does not exist", error.Message)
        | other -> failwithf "expected fleet's 404, got %A" other
    }

/// The workflow on a client of its own, against a fresh fleet where every unit is the workflow's.
let workflowAt (endpoint: string) =
    task {
        match! FleetClient.ConnectAsync endpoint |> FleetResult.ofTask with
        | Error error -> failwithf "could not connect: %O" error
        | Ok client ->
            use client = client
            do! workflow client (TimeSpan.FromSeconds 15.0) "hello.service" (fun _ -> true)
    }

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
