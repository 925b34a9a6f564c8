/// `fleetResult { }`: a script against fleet written as a list of steps, each awaiting a client call
/// and going on with its value, the whole stopping at the first APIError. It runs to
/// Task<Result<'T, APIError>>, so nothing nests and nothing throws but cancellation and bugs.
namespace Fleet.FSharp

open System
open System.Collections.Generic
open System.Threading.Tasks
open Fleet.Core

/// FSharp.Core 6.0.0, the floor this package asks for, has no Result.isOk.
module internal Outcome =

    let isOk (result: Result<'T, 'Error>) =
        match result with
        | Ok _ -> true
        | Error _ -> false

/// The builder behind `fleetResult { }`. Each step is a Task<Result<'T, APIError>>; Source turns
/// what a step binds (the client's Task<Either<APIError, _>>, an Either, F#'s Result, a Task of
/// it) into one. Steps are plain Task continuations written with `task { }`, so a `let mutable`
/// cannot cross a `let!` (use a ref cell, as in `async { }`).
type FleetResultBuilder() =

    /// A step that did nothing: Ok ().
    member _.Zero() : Task<Result<unit, APIError>> = Task.FromResult(Ok())

    /// `return value`: the computation's answer, Ok value.
    member _.Return(value: 'T) : Task<Result<'T, APIError>> = Task.FromResult(Ok value)

    /// `return! step`: the computation answers what the step answers, error or value.
    member _.ReturnFrom(step: Task<Result<'T, APIError>>) : Task<Result<'T, APIError>> = step

    /// `let! value = step`: awaits the step and goes on with its value, or answers its error
    /// without running the rest.
    member _.Bind(step: Task<Result<'T, APIError>>, rest: 'T -> Task<Result<'U, APIError>>) : Task<Result<'U, APIError>> =
        task {
            match! step with
            | Ok value -> return! rest value
            | Error error -> return Error error
        }

    /// Holds the rest of a computation until it is its turn.
    member _.Delay(rest: unit -> Task<Result<'T, APIError>>) : unit -> Task<Result<'T, APIError>> = rest

    /// Starts the computation; an exception it throws is the returned task's, never the caller's.
    member _.Run(computation: unit -> Task<Result<'T, APIError>>) : Task<Result<'T, APIError>> =
        task { return! computation () }

    /// One step after another: the second runs only when the first answered Ok.
    member this.Combine(first: Task<Result<unit, APIError>>, second: unit -> Task<Result<'T, APIError>>) : Task<Result<'T, APIError>> =
        this.Bind(first, second)

    /// `while guard do body`: runs the body while the guard holds and the body answers Ok.
    member _.While(guard: unit -> bool, body: unit -> Task<Result<unit, APIError>>) : Task<Result<unit, APIError>> =
        task {
            let mutable outcome = Ok()
            while Outcome.isOk outcome && guard () do
                let! step = body ()
                outcome <- step
            return outcome
        }

    /// `for item in items do body` over a sequence: stops at the first body that answers an error.
    member _.For(items: seq<'T>, body: 'T -> Task<Result<unit, APIError>>) : Task<Result<unit, APIError>> =
        task {
            use enumerator = items.GetEnumerator()
            let mutable outcome = Ok()
            while Outcome.isOk outcome && enumerator.MoveNext() do
                let! step = body enumerator.Current
                outcome <- step
            return outcome
        }

    /// `for item in client.ListUnits() do body` over one of the client's streams: reads it page
    /// after page, and stops at the stream's first error or the first body that answers one,
    /// disposing the stream (asynchronously) either way.
    member _.For(stream: IAsyncEnumerable<LanguageExt.Either<APIError, 'T>>, body: 'T -> Task<Result<unit, APIError>>) : Task<Result<unit, APIError>> =
        task {
            use enumerator = stream.GetAsyncEnumerator()
            let mutable outcome = Ok()
            let mutable reading = true
            while reading do
                let! more = enumerator.MoveNextAsync()
                if not more then
                    reading <- false
                else
                    match FleetResult.ofEither enumerator.Current with
                    | Ok item ->
                        let! step = body item
                        outcome <- step
                    | Error error -> outcome <- Error error
                    reading <- Outcome.isOk outcome
            return outcome
        }

    /// `try ... finally`: the compensation runs however the body ends.
    member _.TryFinally(body: unit -> Task<Result<'T, APIError>>, compensation: unit -> unit) : Task<Result<'T, APIError>> =
        task {
            try
                return! body ()
            finally
                compensation ()
        }

    /// `try ... with`: the handler sees exceptions only; an APIError is an answer, not an exception.
    member _.TryWith(body: unit -> Task<Result<'T, APIError>>, handler: exn -> Task<Result<'T, APIError>>) : Task<Result<'T, APIError>> =
        task {
            try
                return! body ()
            with error ->
                return! handler error
        }

    /// `use! client = FleetClient.ConnectAsync(...)` (and `use`) of anything IAsyncDisposable:
    /// disposed asynchronously once the rest has run, whether it answered Ok, an error, or threw.
    /// Preferred over `use` of IDisposable when a resource is both, as FleetClient is.
    member _.Using(resource: 'Resource, body: 'Resource -> Task<Result<'T, APIError>>) : Task<Result<'T, APIError>> when 'Resource :> IAsyncDisposable =
        task {
            // task { } disposes an IAsyncDisposable with DisposeAsync, and skips null.
            use _ = resource
            return! body resource
        }

    /// Binds a step as it is.
    member _.Source(step: Task<Result<'T, APIError>>) : Task<Result<'T, APIError>> = step

    /// Binds a Result that is already there.
    member _.Source(result: Result<'T, APIError>) : Task<Result<'T, APIError>> = Task.FromResult result

    /// Binds one of the client's calls.
    member _.Source(call: Task<LanguageExt.Either<APIError, 'T>>) : Task<Result<'T, APIError>> = FleetResult.ofTask call

    /// Binds one of the client's calls that answer nothing (create, set state, destroy), so that
    /// `do! client.DestroyUnitAsync name` reads as F#.
    member _.Source(call: Task<LanguageExt.Either<APIError, LanguageExt.Unit>>) : Task<Result<unit, APIError>> = FleetResult.ofDone call

    /// Binds an Either that is already there (a parsed unit file, a validated name).
    member _.Source(either: LanguageExt.Either<APIError, 'T>) : Task<Result<'T, APIError>> =
        Task.FromResult(FleetResult.ofEither either)

    /// Binds an Either of nothing as F#'s unit.
    member _.Source(either: LanguageExt.Either<APIError, LanguageExt.Unit>) : Task<Result<unit, APIError>> =
        Task.FromResult(FleetResult.ofEither either |> Result.map ignore)

    /// `for item in stream do`: the client's streams are read by For as they are.
    member _.Source(stream: IAsyncEnumerable<LanguageExt.Either<APIError, 'T>>) : IAsyncEnumerable<LanguageExt.Either<APIError, 'T>> = stream

    /// `for item in items do`: sequences are read by For as they are.
    member _.Source(items: seq<'T>) : seq<'T> = items

/// What `fleetResult { }` binds with lower priority than the overloads on FleetResultBuilder, so
/// that F# picks those first where both apply: a plain Task<'T> is a value (not a Task of an
/// Either or a Result), and `use` of IDisposable is for what is not IAsyncDisposable.
[<AutoOpen>]
module FleetResultBuilderExtensions =

    type FleetResultBuilder with

        /// Binds a task that cannot fail with an APIError: its value, as Ok.
        member _.Source(call: Task<'T>) : Task<Result<'T, APIError>> =
            task {
                let! value = call
                return Ok value
            }

        /// Binds a task that answers nothing: `do! Task.Delay 10`.
        member _.Source(call: Task) : Task<Result<unit, APIError>> =
            task {
                do! call
                return Ok()
            }

        /// `use` (and `use!`) of something only IDisposable: disposed once the rest has run.
        member _.Using(resource: 'Resource, body: 'Resource -> Task<Result<'T, APIError>>) : Task<Result<'T, APIError>> when 'Resource :> IDisposable =
            task {
                // Not task's own `use`: in FSharp.Core 6.0.0 that asks for IAsyncDisposable.
                try
                    return! body resource
                finally
                    if not (isNull (box resource)) then resource.Dispose()
            }

/// The `fleetResult { }` computation expression.
[<AutoOpen>]
module FleetResultBuilderInstance =

    /// Writes a script against fleet as steps that each bind a client call's value, stopping at
    /// the first APIError: `fleetResult { use! client = FleetClient.ConnectAsync endpoint; ... }`
    /// is a Task<Result<'T, APIError>>.
    let fleetResult = FleetResultBuilder()
