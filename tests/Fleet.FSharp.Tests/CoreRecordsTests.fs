module Fleet.FSharp.Tests.CoreRecordsTests

open System
open Xunit
open Fleet.Core
open Fleet.UnitFiles

let toResult = Fleet.FSharp.FleetResult.ofEither

[<Fact>]
let ``records are built with F# lists and named optional arguments`` () =
    let unit =
        FleetUnit(
            "hello.service",
            [ UnitOption("Service", "ExecStart", "/bin/true") ],
            desiredState = DesiredState.Launched)
    Assert.Equal("hello.service", unit.Name)
    Assert.Equal(Nullable DesiredState.Launched, unit.DesiredState)
    Assert.Equal(unit, FleetUnit("hello.service", [| UnitOption("Service", "ExecStart", "/bin/true") |], DesiredState.Launched))
    let machine = Machine("9a805ebde048c3f6e34bd2c4b3f89a2c", "172.17.8.103", readOnlyDict [ "role", "web" ])
    Assert.Equal("web", machine.Metadata["role"])
    Assert.Equal(machine, Machine("9a805ebde048c3f6e34bd2c4b3f89a2c", "172.17.8.103", readOnlyDict [ "role", "web" ]))

[<Fact>]
let ``results and errors are matched with plain F# patterns`` () =
    let describe (text: string) =
        match UnitFile.Parse text |> toResult with
        | Ok unit -> sprintf "%d options, hash %s" unit.Options.Count (unit.Hash.Substring(0, 7))
        | Error error when error.Kind = ErrorKind.UnitFile ->
            match error.Location with
            | null -> "refused"
            | location -> sprintf "refused at line %d" location.Line
        | Error error -> sprintf "other: %s" error.Message
    Assert.Equal("1 options, hash 86943ac", describe "[Service]\nExecStart=/bin/true\n")
    Assert.Equal("refused at line 2", describe "[Service]\nExecStart\n")

[<Fact>]
let ``options are read and edited as F# values`` () =
    match UnitFile.Parse "[Unit]\nDescription=hi\n" |> toResult with
    | Ok unit ->
        let edited = unit.AddOption("Service", "ExecStart", "/bin/true")
        let triples = edited.Options |> Seq.map (fun o -> o.Section, o.Name, o.Value) |> List.ofSeq
        Assert.Equal<(string * string * string) list>([ "Unit", "Description", "hi"; "Service", "ExecStart", "/bin/true" ], triples)
        Assert.Equal(1, unit.Options.Count)
    | Error e -> failwith e.Message

[<Fact>]
let ``desired states parse with python-fleet's message`` () =
    match DesiredStates.Parse "running" |> toResult with
    | Error error -> Assert.Equal("state must be one of: ['inactive', 'loaded', 'launched']", error.Message)
    | Ok state -> failwithf "accepted %A" state
