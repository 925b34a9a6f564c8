/// What an F# program does with fleet through the functional client: every answer is a Result,
/// so each step is a match! and nothing throws but cancellation.
module Fleet.Samples.FSharp.HelloFleet

open System
open System.IO
open System.Threading
open System.Threading.Tasks
open Fleet.Core
open Fleet.FSharp
open Fleet
open Fleet.UnitFiles

let private helloText = "[Unit]\nDescription=Hello from F#\n\n[Service]\nExecStart=/bin/sh -c \"while true; do echo hello; sleep 1; done\"\n"

/// Runs the tour against fleet at endpoint, writing what it sees; answers the first error, if any.
let run (endpoint: string) (output: TextWriter) (cancellationToken: CancellationToken) : Task<Result<unit, APIError>> =
    task {
        match! FleetClient.ConnectAsync(endpoint, cancellationToken = cancellationToken) |> FleetResult.ofTask with
        | Error error -> return Error error
        | Ok client ->
            use client = client
            match! client.ListMachines(cancellationToken) |> FleetResult.ofStream cancellationToken with
            | Error error -> return Error error
            | Ok machines ->
                for machine in machines do
                    output.WriteLine(sprintf "machine %s %s" (machine.Id.Substring(0, 8)) machine.PrimaryIp)

                match UnitFile.Parse helloText |> FleetResult.ofEither with
                | Error error -> return Error error
                | Ok file ->
                    match! client.CreateUnitAsync("hello.service", file, DesiredState.Launched, cancellationToken) |> FleetResult.ofDone with
                    | Error error -> return Error error
                    | Ok () ->
                        output.WriteLine(sprintf "submitted hello.service %s" (file.Hash.Substring(0, 7)))
                        match! client.WaitForUnitAsync("hello.service", DesiredState.Launched, cancellationToken = cancellationToken) |> FleetResult.ofTask with
                        | Error error -> return Error error
                        | Ok unit ->
                            output.WriteLine(sprintf "%s launched on %s" unit.Name (unit.MachineId.Substring(0, 8)))
                            match! client.GetUnitAsync("missing.service", cancellationToken) |> FleetResult.ofTask with
                            | Error error when error.Code = Nullable 404 -> output.WriteLine(sprintf "missing.service: fleet says %d %s" error.Code.Value error.Message)
                            | Error error -> output.WriteLine(sprintf "missing.service: %O" error)
                            | Ok _ -> output.WriteLine "missing.service exists after all"
                            match! client.DestroyUnitAsync("hello.service", cancellationToken) |> FleetResult.ofDone with
                            | Error error -> return Error error
                            | Ok () ->
                                output.WriteLine "destroyed hello.service"
                                return Ok()
    }
