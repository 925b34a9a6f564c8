/// `fleetResult { }` on its own: what each kind of step binds, that the first error ends the
/// computation (later steps do not run), that `use!`/`use` dispose however it ends, and that `for`
/// over a stream stops at the stream's first error.
module Fleet.FSharp.Tests.FleetResultBuilderTests

open System
open System.Collections.Generic
open System.Threading.Tasks
open Xunit
open Fleet
open Fleet.Core
open Fleet.FSharp
open Fleet.Simulator

type Either<'T> = LanguageExt.Either<APIError, 'T>

let right<'T> (value: 'T) : Either<'T> = Either<'T>.Right value
let left<'T> (error: APIError) : Either<'T> = Either<'T>.Left error

let boom = APIError.Http(500, "boom")

/// Something disposable only asynchronously, counting its disposals.
type AsyncOnly() =
    member val Disposals = 0 with get, set
    interface IAsyncDisposable with
        member this.DisposeAsync() =
            this.Disposals <- this.Disposals + 1
            ValueTask()

/// Something disposable both ways, as FleetClient is: `use!` must take the asynchronous way.
type BothWays() =
    member val AsyncDisposals = 0 with get, set
    member val Disposals = 0 with get, set
    interface IAsyncDisposable with
        member this.DisposeAsync() =
            this.AsyncDisposals <- this.AsyncDisposals + 1
            ValueTask()
    interface IDisposable with
        member this.Dispose() = this.Disposals <- this.Disposals + 1

/// Something disposable only synchronously.
type SyncOnly() =
    member val Disposals = 0 with get, set
    interface IDisposable with
        member this.Dispose() = this.Disposals <- this.Disposals + 1

/// One of the client's streams, scripted: hands out its items one at a time, each after a yield
/// (so that reading it really is asynchronous), and counts what was read and whether it was disposed.
type ScriptedStream<'T>(items: Either<'T> list) =
    let mutable remaining = items
    let mutable current = Unchecked.defaultof<Either<'T>>
    member val Read = 0 with get, set
    member val Disposed = false with get, set
    interface IAsyncEnumerable<Either<'T>> with
        member this.GetAsyncEnumerator _ = this :> IAsyncEnumerator<Either<'T>>
    interface IAsyncEnumerator<Either<'T>> with
        member _.Current = current
        member this.MoveNextAsync() =
            ValueTask<bool>(
                task {
                    do! Task.Yield()
                    match remaining with
                    | [] -> return false
                    | item :: rest ->
                        current <- item
                        remaining <- rest
                        this.Read <- this.Read + 1
                        return true
                })
    interface IAsyncDisposable with
        member this.DisposeAsync() =
            this.Disposed <- true
            ValueTask()

[<Fact>]
let ``each kind of step binds its value`` () =
    task {
        let! result =
            fleetResult {
                let! a = Task.FromResult(right 1)
                let! b = right 2
                let! c = Task.FromResult(Ok 3: Result<int, APIError>)
                let! d = (Ok 4: Result<int, APIError>)
                let! e = Task.FromResult 5
                do! Task.Delay 1
                do! Task.FromResult(right LanguageExt.Unit.Default)
                do! right LanguageExt.Unit.Default
                let! f = fleetResult { return 6 }
                return [ a; b; c; d; e; f ]
            }
        Assert.Equal(Ok [ 1; 2; 3; 4; 5; 6 ], result)
    }

[<Fact>]
let ``return! answers a step's error or value as it is`` () =
    task {
        let! failed = fleetResult { return! Task.FromResult(left<int> boom) }
        let! fine = fleetResult { return! (Ok "fine": Result<string, APIError>) }
        let! failedToo = fleetResult { return! (Error boom: Result<string, APIError>) }
        Assert.Equal(Error boom, failed)
        Assert.Equal(Ok "fine", fine)
        Assert.Equal(Error boom, failedToo)
    }

/// Every kind of failing step ends the computation with its error before the next step runs.
let stopsAt (failing: unit -> Task<Result<int, APIError>>) =
    task {
        let reached = ref []
        let! result =
            fleetResult {
                reached.Value <- "first" :: reached.Value
                let! one = right 1
                reached.Value <- "before" :: reached.Value
                let! two = failing ()
                reached.Value <- "after" :: reached.Value
                do! Task.Delay 1
                reached.Value <- "later still" :: reached.Value
                return one + two
            }
        Assert.Equal(Error boom, result)
        Assert.Equal<string list>([ "before"; "first" ], reached.Value)
    }

[<Fact>]
let ``a client call's error stops the computation`` () =
    stopsAt (fun () -> fleetResult { return! Task.FromResult(left<int> boom) })

[<Fact>]
let ``an Either's error stops the computation`` () =
    stopsAt (fun () -> fleetResult { return! left<int> boom })

[<Fact>]
let ``a Result's error stops the computation`` () =
    stopsAt (fun () -> fleetResult { return! (Error boom: Result<int, APIError>) })

[<Fact>]
let ``an error from a call that answers nothing stops the computation`` () =
    stopsAt (fun () ->
        fleetResult {
            do! Task.FromResult(left<LanguageExt.Unit> boom)
            return 2
        })

[<Fact>]
let ``use! disposes asynchronously once the rest has run`` () =
    task {
        let resource = AsyncOnly()
        let! result =
            fleetResult {
                use! held = Task.FromResult(right resource)
                Assert.Equal(0, held.Disposals)
                do! Task.Delay 1
                Assert.Equal(0, held.Disposals)
                return "done"
            }
        Assert.Equal(Ok "done", result)
        Assert.Equal(1, resource.Disposals)
    }

[<Fact>]
let ``use! disposes also when a later step fails or throws`` () =
    task {
        let failing = AsyncOnly()
        let! failed =
            fleetResult {
                use! _ = right failing
                do! Task.FromResult(left<LanguageExt.Unit> boom)
                return "not reached"
            }
        Assert.Equal(Error boom, failed)
        Assert.Equal(1, failing.Disposals)

        let throwing = AsyncOnly()
        let! thrown =
            Assert.ThrowsAsync<InvalidOperationException>(fun () ->
                fleetResult {
                    use! _ = right throwing
                    do! Task.Delay 1
                    invalidOp "a bug"
                    return "not reached"
                }
                :> Task)
        Assert.Equal("a bug", thrown.Message)
        Assert.Equal(1, throwing.Disposals)
    }

[<Fact>]
let ``use! of something disposable both ways, as the client is, disposes asynchronously`` () =
    task {
        let resource = new BothWays()
        let! _ = fleetResult { use! _ = Task.FromResult(right resource) in return () }
        Assert.Equal(1, resource.AsyncDisposals)
        Assert.Equal(0, resource.Disposals)
    }

[<Fact>]
let ``use! and use of null dispose nothing`` () =
    task {
        let! asyncNull = fleetResult { use! _ = (Ok(Unchecked.defaultof<AsyncOnly>): Result<AsyncOnly, APIError>) in return 1 }
        let! syncNull = fleetResult { use _ = Unchecked.defaultof<SyncOnly> in return 2 }
        Assert.Equal(Ok 1, asyncNull)
        Assert.Equal(Ok 2, syncNull)
    }

[<Fact>]
let ``use of something only IDisposable disposes it`` () =
    task {
        let resource = new SyncOnly()
        let! result =
            fleetResult {
                use _ = resource
                do! Task.FromResult(left<LanguageExt.Unit> boom)
            }
        Assert.Equal(Error boom, result)
        Assert.Equal(1, resource.Disposals)
    }

[<Fact>]
let ``use! of a real client disposes it`` () =
    task {
        use! server = FleetServer.StartAsync(FleetServerOptions())
        let kept = ref None
        let! machines =
            fleetResult {
                use! client = FleetClient.ConnectAsync server.Endpoint
                kept.Value <- Some client
                return! client.ListMachinesAsync()
            }
        Assert.Equal(Ok 3, machines |> Result.map (fun machines -> machines.Count))
        let client = Option.get kept.Value
        // A disposed client refuses to be used again.
        let! _ = Assert.ThrowsAsync<ObjectDisposedException>(fun () -> client.ListMachinesAsync() :> Task)
        ()
    }

[<Fact>]
let ``for over a stream reads every item`` () =
    task {
        let stream = ScriptedStream [ right 1; right 2; right 3 ]
        let seen = ResizeArray()
        let! result =
            fleetResult {
                for item in stream do
                    do! Task.Delay 1
                    seen.Add item
                return seen.Count
            }
        Assert.Equal(Ok 3, result)
        Assert.Equal<int list>([ 1; 2; 3 ], List.ofSeq seen)
        Assert.True stream.Disposed
    }

[<Fact>]
let ``for over a stream stops at the stream's first error`` () =
    task {
        let stream = ScriptedStream [ right 1; right 2; left boom; right 4 ]
        let seen = ResizeArray()
        let after = ref false
        let! result =
            fleetResult {
                for item in stream do
                    seen.Add item
                after.Value <- true
            }
        Assert.Equal(Error boom, result)
        Assert.Equal<int list>([ 1; 2 ], List.ofSeq seen)
        Assert.Equal(3, stream.Read)
        Assert.False after.Value
        Assert.True stream.Disposed
    }

[<Fact>]
let ``for over a stream stops at the body's first error`` () =
    task {
        let stream = ScriptedStream [ right 1; right 2; right 3 ]
        let seen = ResizeArray()
        let! result =
            fleetResult {
                for item in stream do
                    seen.Add item
                    if item = 2 then return! (Error boom: Result<unit, APIError>)
            }
        Assert.Equal(Error boom, result)
        Assert.Equal<int list>([ 1; 2 ], List.ofSeq seen)
        Assert.Equal(2, stream.Read)
        Assert.True stream.Disposed
    }

[<Fact>]
let ``for over a client's stream reads its pages`` () =
    task {
        use! server = FleetServer.StartAsync(FleetServerOptions())
        let ips = ResizeArray()
        let! result =
            fleetResult {
                use! client = FleetClient.ConnectAsync server.Endpoint
                for machine in client.ListMachines() do
                    ips.Add(Machine.primaryIp machine)
            }
        Assert.Equal(Ok(), result)
        Assert.Equal<string option list>([ Some "172.17.8.101"; Some "172.17.8.102"; Some "172.17.8.103" ], List.ofSeq ips)
    }

[<Fact>]
let ``for over a sequence and while stop at the first error`` () =
    task {
        let seen = ResizeArray()
        let! overList =
            fleetResult {
                for item in [ 1; 2; 3 ] do
                    seen.Add item
                    if item = 2 then return! (Error boom: Result<unit, APIError>)
            }
        Assert.Equal(Error boom, overList)
        Assert.Equal<int list>([ 1; 2 ], List.ofSeq seen)

        let count = ref 0
        let! counted =
            fleetResult {
                while count.Value < 5 do
                    count.Value <- count.Value + 1
                    do! Task.Delay 1
                return count.Value
            }
        Assert.Equal(Ok 5, counted)

        count.Value <- 0
        let! stopped =
            fleetResult {
                while count.Value < 5 do
                    count.Value <- count.Value + 1
                    if count.Value = 3 then do! Task.FromResult(left<LanguageExt.Unit> boom)
                return count.Value
            }
        Assert.Equal(Error boom, stopped)
        Assert.Equal(3, count.Value)
    }

[<Fact>]
let ``try finally runs its compensation and try with catches exceptions only`` () =
    task {
        let compensated = ref 0
        let! failed =
            fleetResult {
                try
                    do! Task.FromResult(left<LanguageExt.Unit> boom)
                    return 1
                finally
                    compensated.Value <- compensated.Value + 1
            }
        Assert.Equal(Error boom, failed)
        Assert.Equal(1, compensated.Value)

        let! caught =
            fleetResult {
                try
                    do! Task.Delay 1
                    return invalidOp "a bug"
                with :? InvalidOperationException as error ->
                    return error.Message
            }
        Assert.Equal(Ok "a bug", caught)

        let handled = ref false
        let! notCaught =
            fleetResult {
                try
                    return! Task.FromResult(left<string> boom)
                with _ ->
                    handled.Value <- true
                    return "handled"
            }
        Assert.Equal(Error boom, notCaught)
        Assert.False handled.Value
    }

[<Fact>]
let ``an exception thrown before the first step is the task's, not the caller's`` () =
    task {
        let computation = fleetResult { return invalidOp "at once" }
        let! thrown = Assert.ThrowsAsync<InvalidOperationException>(fun () -> computation :> Task)
        Assert.Equal("at once", thrown.Message)
    }

[<Fact>]
let ``attempt binds a call's whole result, so an expected error can be looked at`` () =
    task {
        let! result =
            fleetResult {
                match! FleetResult.attempt (Task.FromResult(left<int> (APIError.Http(404, "unit does not exist")))) with
                | Error error when APIError.code error = Some 404 -> return "gone"
                | Error error -> return string error
                | Ok _ -> return "there"
            }
        Assert.Equal(Ok "gone", result)
    }
