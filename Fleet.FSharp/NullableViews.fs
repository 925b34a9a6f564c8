/// Where the records have a value that may be absent (a C# `int?`, a `string?` that is null), F#
/// reads it as an option: `APIError.code error = Some 404`, `UnitState.machineId state`.
/// Each function only reads one property; none adds behaviour.
namespace Fleet.FSharp

open System
open Fleet
open Fleet.Core

/// The optional parts of an APIError.
[<RequireQualifiedAccess; CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module APIError =

    /// The HTTP status code, when fleet answered.
    let code (error: APIError) : int option = Option.ofNullable error.Code

    /// Where in the input the problem is, for errors about a text such as a unit file.
    let location (error: APIError) : SourceLocation option = Option.ofObj error.Location

    /// The start of what the peer sent before the failure, when anything was received.
    let received (error: APIError) : string option = Option.ofObj error.Received

    /// The argument at fault, for input refused before anything was sent.
    let parameter (error: APIError) : string option = Option.ofObj error.Parameter

/// The optional parts of a FleetUnit.
[<RequireQualifiedAccess; CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module FleetUnit =

    /// The state the unit should be in, when fleet said.
    let desiredState (unit: FleetUnit) : DesiredState option = Option.ofNullable unit.DesiredState

    /// The state the unit is in, once fleet has scheduled it.
    let currentState (unit: FleetUnit) : DesiredState option = Option.ofNullable unit.CurrentState

    /// The machine the unit is scheduled to, once it is.
    let machineId (unit: FleetUnit) : string option = Option.ofObj unit.MachineId

/// The optional parts of a UnitState.
[<RequireQualifiedAccess; CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module UnitState =

    /// fleet's hash of the unit file the machine runs.
    let hash (state: UnitState) : string option = Option.ofObj state.Hash

    /// The machine reporting.
    let machineId (state: UnitState) : string option = Option.ofObj state.MachineId

    /// systemd's load state (loaded, not-found, ...).
    let systemdLoadState (state: UnitState) : string option = Option.ofObj state.SystemdLoadState

    /// systemd's active state (active, inactive, failed, ...).
    let systemdActiveState (state: UnitState) : string option = Option.ofObj state.SystemdActiveState

    /// systemd's sub-state (running, dead, ...).
    let systemdSubState (state: UnitState) : string option = Option.ofObj state.SystemdSubState

/// The optional parts of a Machine.
[<RequireQualifiedAccess; CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module Machine =

    /// The machine's primary IP address, when it reported one.
    let primaryIp (machine: Machine) : string option = Option.ofObj machine.PrimaryIp

/// The optional parts of a UnitNameInfo.
[<RequireQualifiedAccess; CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module UnitNameInfo =

    /// The template a unit name instantiates (`hello@.service` for `hello@1.service`).
    let template (info: UnitNameInfo) : string option = Option.ofObj info.Template

    /// The instance of a templated unit name (`1` for `hello@1.service`); None for a template
    /// itself (`hello@.service`, whose instance is empty) as for a plain unit.
    let instance (info: UnitNameInfo) : string option =
        if String.IsNullOrEmpty info.Instance then None else Some info.Instance

/// The optional parts of a UnitProgress, what WaitForUnitAsync reports and answers.
[<RequireQualifiedAccess; CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module UnitProgress =

    /// The state the unit should be in, when fleet said.
    let desiredState (progress: UnitProgress) : DesiredState option = Option.ofNullable progress.DesiredState

    /// The state the unit is in, once fleet has scheduled it.
    let currentState (progress: UnitProgress) : DesiredState option = Option.ofNullable progress.CurrentState

    /// The machine the unit is scheduled to, once it is.
    let machineId (progress: UnitProgress) : string option = Option.ofObj progress.MachineId

    /// systemd's active state on that machine, once it reported one.
    let activeState (progress: UnitProgress) : string option = Option.ofObj progress.ActiveState

    /// systemd's sub-state on that machine, once it reported one.
    let subState (progress: UnitProgress) : string option = Option.ofObj progress.SubState
