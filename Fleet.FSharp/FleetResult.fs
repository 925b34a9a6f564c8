/// The functional client answers LanguageExt's Either, which F# cannot pattern-match; these turn
/// each answer into F#'s Result so that calls read as `match! ... |> FleetResult.ofTask with`.
/// They only convert: every function maps one call's answer and adds no behaviour. For a script
/// of several calls, `fleetResult { }` (FleetResultBuilder.fs) binds the answers without them.
namespace Fleet.FSharp

open System
open System.Collections.Generic
open System.Threading
open System.Threading.Tasks
open Fleet.Core

/// Conversions from the client's Either answers to F#'s Result.
[<RequireQualifiedAccess>]
module FleetResult =

    /// An Either as a Result: Right is Ok, Left (an APIError) is Error.
    let ofEither (either: LanguageExt.Either<APIError, 'T>) : Result<'T, APIError> =
        // Typed delegates: Match has overloads F# cannot choose between from bare lambdas.
        either.Match(Func<'T, Result<'T, APIError>>(Ok), Func<APIError, Result<'T, APIError>>(Error))

    /// Awaits a client call and answers its Result.
    let ofTask (call: Task<LanguageExt.Either<APIError, 'T>>) : Task<Result<'T, APIError>> =
        task {
            let! either = call
            return ofEither either
        }

    /// Awaits a call whose error the caller means to look at (fleet's 404 for a unit it expects to
    /// be gone, say) and answers its whole Result as the value, so that inside `fleetResult { }`
    /// `match! FleetResult.attempt (client.GetUnitAsync name) with` sees the error instead of
    /// stopping at it.
    let attempt (call: Task<LanguageExt.Either<APIError, 'T>>) : Task<Result<Result<'T, APIError>, APIError>> =
        task {
            let! either = call
            return Ok(ofEither either)
        }

    /// Awaits a call that answers nothing (create, set state, destroy, metadata edits) and answers
    /// F#'s unit in place of LanguageExt's.
    let ofDone (call: Task<LanguageExt.Either<APIError, LanguageExt.Unit>>) : Task<Result<unit, APIError>> =
        task {
            let! either = call
            return ofEither either |> Result.map ignore
        }

    /// Reads one of the client's list streams to its end: every item, or its first error.
    let ofStream (cancellationToken: CancellationToken) (stream: IAsyncEnumerable<LanguageExt.Either<APIError, 'T>>) : Task<Result<'T list, APIError>> =
        task {
            let items = ResizeArray<'T>()
            // The task builder disposes an IAsyncDisposable bound with `use` asynchronously.
            use enumerator = stream.GetAsyncEnumerator cancellationToken
            let mutable failure = None
            let mutable go = true
            while go do
                let! more = enumerator.MoveNextAsync()
                if not more then
                    go <- false
                else
                    match ofEither enumerator.Current with
                    | Ok item -> items.Add item
                    | Error error ->
                        failure <- Some error
                        go <- false
            return
                match failure with
                | Some error -> Error error
                | None -> Ok(List.ofSeq items)
        }
