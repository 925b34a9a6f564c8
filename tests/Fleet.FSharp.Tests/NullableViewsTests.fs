/// The option views read each absent value as None and each present one as Some.
module Fleet.FSharp.Tests.NullableViewsTests

open System
open Xunit
open Fleet
open Fleet.Core
open Fleet.FSharp

[<Fact>]
let ``an error's optional parts`` () =
    let http = APIError.Http(404, "unit does not exist")
    Assert.Equal(Some 404, APIError.code http)
    Assert.Equal(None, APIError.location http)
    Assert.Equal(None, APIError.received http)
    Assert.Equal(None, APIError.parameter http)
    let refused = APIError.UnitFile("no '=' on line 2", SourceLocation(2, 1, 10))
    Assert.Equal(None, APIError.code refused)
    Assert.Equal(Some(SourceLocation(2, 1, 10)), APIError.location refused)
    let validation = APIError(ErrorKind.Validation, "bad", Parameter = "desiredState", Received = "x")
    Assert.Equal(Some "desiredState", APIError.parameter validation)
    Assert.Equal(Some "x", APIError.received validation)

[<Fact>]
let ``a unit's states and machine`` () =
    let submitted = FleetUnit("hello.service", [ UnitOption("Service", "ExecStart", "/bin/true") ])
    Assert.Equal(None, FleetUnit.desiredState submitted)
    Assert.Equal(None, FleetUnit.currentState submitted)
    Assert.Equal(None, FleetUnit.machineId submitted)
    let scheduled = FleetUnit("hello.service", [], DesiredState.Launched, CurrentState = DesiredState.Loaded, MachineId = "222f532f")
    Assert.Equal(Some DesiredState.Launched, FleetUnit.desiredState scheduled)
    Assert.Equal(Some DesiredState.Loaded, FleetUnit.currentState scheduled)
    Assert.Equal(Some "222f532f", FleetUnit.machineId scheduled)

[<Fact>]
let ``a unit state's machine and systemd states`` () =
    let bare = UnitState("hello.service")
    Assert.Equal(None, UnitState.hash bare)
    Assert.Equal(None, UnitState.machineId bare)
    Assert.Equal(None, UnitState.systemdLoadState bare)
    Assert.Equal(None, UnitState.systemdActiveState bare)
    Assert.Equal(None, UnitState.systemdSubState bare)
    let running = UnitState("hello.service", "86943ac", "222f532f", "loaded", "active", "running")
    Assert.Equal(Some "86943ac", UnitState.hash running)
    Assert.Equal(Some "222f532f", UnitState.machineId running)
    Assert.Equal(Some "loaded", UnitState.systemdLoadState running)
    Assert.Equal(Some "active", UnitState.systemdActiveState running)
    Assert.Equal(Some "running", UnitState.systemdSubState running)

[<Fact>]
let ``a machine's address, a unit name's template and instance, a wait's progress`` () =
    Assert.Equal(None, Machine.primaryIp (Machine("9a805ebde048c3f6e34bd2c4b3f89a2c")))
    Assert.Equal(Some "172.17.8.103", Machine.primaryIp (Machine("9a805ebde048c3f6e34bd2c4b3f89a2c", "172.17.8.103")))
    let parse name =
        match Fleet.FSharp.FleetResult.ofEither (UnitNameInfo.Parse name) with
        | Ok info -> UnitNameInfo.template info, UnitNameInfo.instance info
        | Error error -> failwithf "%O" error
    Assert.Equal((None, None), parse "hello.service")
    Assert.Equal((Some "hello@.service", None), parse "hello@.service")
    Assert.Equal((Some "hello@.service", Some "1"), parse "hello@1.service")
    let waiting = UnitProgress("hello.service", Nullable DesiredState.Launched, Nullable(), null, null, null)
    Assert.Equal(Some DesiredState.Launched, UnitProgress.desiredState waiting)
    Assert.Equal(None, UnitProgress.currentState waiting)
    Assert.Equal(None, UnitProgress.machineId waiting)
    Assert.Equal(None, UnitProgress.activeState waiting)
    Assert.Equal(None, UnitProgress.subState waiting)
    let running = UnitProgress("hello.service", Nullable DesiredState.Launched, Nullable DesiredState.Launched, "222f532f", "active", "running")
    Assert.Equal(Some DesiredState.Launched, UnitProgress.currentState running)
    Assert.Equal(Some "222f532f", UnitProgress.machineId running)
    Assert.Equal(Some "active", UnitProgress.activeState running)
    Assert.Equal(Some "running", UnitProgress.subState running)
