/// The READMEs' F# blocks, each compiled in the context it assumes. Fleet.Readme.Tests' SnippetTests
/// holds every F# block of every README to one of these regions, character for character: change a
/// block here and in the README together. They compile, they do not run.
module ReadmeSnippets

open Fleet
open Fleet.FSharp

let fsharpPackage () =
    // <readme>
    task {
        let! connected = FleetClient.ConnectAsync "unix:///var/run/fleet.sock" |> FleetResult.ofTask
        match connected with
        | Ok client -> printfn "connected to %s" (string client)
        | Error e -> eprintfn "%s" e.Message
    }
    // </readme>
