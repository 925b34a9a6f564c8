/// The READMEs' F# blocks, each compiled in the context it assumes. Fleet.Packages.Tests' SnippetTests
/// holds every F# block of every README to one of these regions, character for character: change a
/// block here and in the README together. They compile, they do not run.
module ReadmeSnippets

open Fleet
open Fleet.FSharp

let fsharpPackage () =
    // <readme>
    let machines =
        fleetResult {
            use! client = FleetClient.ConnectAsync "unix:///var/run/fleet.sock"
            for machine in client.ListMachines() do
                printfn "%s %s" machine.Id (Machine.primaryIp machine |> Option.defaultValue "-")
        }
    // </readme>
    machines
