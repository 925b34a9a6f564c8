module Fleet.Samples.FSharp.Program

open System
open System.Threading
open Fleet.Simulator

/// With an endpoint, the tour runs against that fleet; without one, against a simulated cluster
/// started here, so it runs anywhere.
[<EntryPoint>]
let main args =
    task {
        let! result =
            task {
                if args.Length > 0 then
                    return! HelloFleet.run args[0] Console.Out CancellationToken.None
                else
                    let! simulated = FleetServer.StartAsync(FleetServerOptions(AgentDelay = TimeSpan.FromMilliseconds 100.0))
                    use _ = simulated
                    return! HelloFleet.run simulated.Endpoint Console.Out CancellationToken.None
            }
        match result with
        | Ok () -> return 0
        | Error error ->
            eprintfn "%O" error
            return 1
    }
    // F# has no asynchronous entry point: the process's one thread waits here, as any F# main must.
    |> fun t -> t.GetAwaiter().GetResult()
