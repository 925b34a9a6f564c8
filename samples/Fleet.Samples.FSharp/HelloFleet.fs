/// What an F# program does with fleet through the functional client: every answer is a Result,
/// and `fleetResult { }` runs the steps one after another until the first error, which is the
/// answer; nothing throws but cancellation.
module Fleet.Samples.FSharp.HelloFleet

open System.IO
open System.Threading
open System.Threading.Tasks
open Fleet
open Fleet.Core
open Fleet.FSharp
open Fleet.UnitFiles

let private helloText = "[Unit]\nDescription=Hello from F#\n\n[Service]\nExecStart=/bin/sh -c \"while true; do echo hello; sleep 1; done\"\n"

/// The first eight characters of a machine ID, as fleetctl shows it.
let private shortId (machineId: string option) =
    match machineId with
    | Some id -> id.Substring(0, 8)
    | None -> "(no machine)"

/// Runs the tour against fleet at endpoint, writing what it sees; answers the first error, if any.
let run (endpoint: string) (output: TextWriter) (cancellationToken: CancellationToken) : Task<Result<unit, APIError>> =
    fleetResult {
        // Disposed (asynchronously) when the tour ends, however it ends.
        use! client = FleetClient.ConnectAsync(endpoint, cancellationToken = cancellationToken)

        for machine in client.ListMachines(cancellationToken) do
            output.WriteLine(sprintf "machine %s %s" (shortId (Some machine.Id)) (Machine.primaryIp machine |> Option.defaultValue "-"))

        let! file = UnitFile.Parse helloText
        do! client.CreateUnitAsync("hello.service", file, DesiredState.Launched, cancellationToken)
        output.WriteLine(sprintf "submitted hello.service %s" (file.Hash.Substring(0, 7)))

        let! launched = client.WaitForUnitAsync("hello.service", DesiredState.Launched, cancellationToken = cancellationToken)
        output.WriteLine(sprintf "%s launched on %s" launched.Name (shortId (UnitProgress.machineId launched)))

        // An error this tour expects: attempt answers the whole Result, so the tour goes on.
        match! FleetResult.attempt (client.GetUnitAsync("missing.service", cancellationToken)) with
        | Error error when APIError.code error = Some 404 -> output.WriteLine(sprintf "missing.service: fleet says 404 %s" error.Message)
        | Error error -> output.WriteLine(sprintf "missing.service: %O" error)
        | Ok _ -> output.WriteLine "missing.service exists after all"

        do! client.DestroyUnitAsync("hello.service", cancellationToken)
        output.WriteLine "destroyed hello.service"
    }
