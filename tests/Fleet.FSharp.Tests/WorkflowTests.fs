module Fleet.FSharp.Tests.WorkflowTests

open System
open System.IO
open System.Threading.Tasks
open Xunit
open Fleet.Core
open Fleet.FSharp
open Fleet.Testing
open Fleet.Transport.Api
open Fleet.Unit

let helloText = "[Unit]\nDescription=Hello from F#\n\n[Service]\nExecStart=/bin/sleep 1d\n"

/// Polls a unit until its current state is the one wanted, or fails at the deadline.
let waitForState (client: FleetClient) name (wanted: DesiredState) =
    task {
        let deadline = DateTime.UtcNow.AddSeconds 15.0
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

/// Connect, create from a unit file, wait for it to run, list, change, destroy: what a script does.
let workflow (endpoint: string) =
    task {
        match! FleetClient.ConnectAsync endpoint |> FleetResult.ofTask with
        | Error error -> failwithf "could not connect: %O" error
        | Ok client ->
            use client = client
            let file =
                match UnitFile.Parse helloText |> FleetResult.ofEither with
                | Ok file -> file
                | Error error -> failwithf "bad unit file: %O" error

            match! client.CreateUnitAsync("hello.service", file, DesiredState.Launched) |> FleetResult.ofDone with
            | Error error -> failwithf "create failed: %O" error
            | Ok () -> ()
            do! waitForState client "hello.service" DesiredState.Launched

            match! client.ListUnits() |> FleetResult.ofStream Threading.CancellationToken.None with
            | Ok units -> Assert.Equal<string list>([ "hello.service" ], units |> List.map (fun u -> u.Name))
            | Error error -> failwithf "list failed: %O" error

            match! client.ListUnitStates(unitName = "hello.service") |> FleetResult.ofStream Threading.CancellationToken.None with
            | Ok [ state ] ->
                Assert.Equal("running", state.SystemdSubState)
                Assert.Equal(file.Hash, state.Hash)
            | Ok states -> failwithf "expected one state, got %A" states
            | Error error -> failwithf "states failed: %O" error

            match! client.SetDesiredStateAsync("hello.service", DesiredState.Loaded) |> FleetResult.ofDone with
            | Ok () -> do! waitForState client "hello.service" DesiredState.Loaded
            | Error error -> failwithf "stop failed: %O" error

            match! client.DestroyUnitAsync "hello.service" |> FleetResult.ofDone with
            | Ok () -> ()
            | Error error -> failwithf "destroy failed: %O" error

            match! client.GetUnitAsync "hello.service" |> FleetResult.ofTask with
            | Error error when error.Code = Nullable 404 -> Assert.Equal("unit does not exist", error.Message)
            | other -> failwithf "expected fleet's 404, got %A" other
    }

[<Fact>]
let ``a script's whole workflow over a unix socket`` () =
    task {
        let directory = Directory.CreateTempSubdirectory("fleet-").FullName
        try
            let options = FleetServerOptions(UnixSocketPath = Path.Combine(directory, "fleet.sock"), AgentDelay = TimeSpan.FromMilliseconds 50.0)
            use! server = FleetServer.StartAsync options
            do! workflow server.Endpoint
        finally
            Directory.Delete(directory, true)
    }

[<Fact>]
let ``the same workflow over tcp`` () =
    task {
        use! server = FleetServer.StartAsync(FleetServerOptions(AgentDelay = TimeSpan.FromMilliseconds 50.0))
        Assert.StartsWith("http://127.0.0.1:", server.Endpoint)
        do! workflow server.Endpoint
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
