/// Fleet.FSharp's public surface, which the C# projects' PublicApiAnalyzers cannot read in F#:
/// every exported type and member, as reflection shows it, must be the list in
/// Fleet.FSharp/PublicAPI.Shipped.txt and PublicAPI.Unshipped.txt, so a change to the surface is a
/// visible diff there.
module Fleet.FSharp.Tests.PublicSurfaceTests

open System
open System.IO
open System.Reflection
open Xunit

let private declared =
    BindingFlags.Public ||| BindingFlags.Instance ||| BindingFlags.Static ||| BindingFlags.DeclaredOnly

/// One line per exported type and per public member it declares, sorted; members the compiler
/// makes for its own use (names with '@' or '<', which debug builds expose) are not the surface.
let surface (assembly: Assembly) =
    [ for t in assembly.GetExportedTypes() do
          yield string t.FullName
          for m in t.GetMembers declared do
              if not (m.Name.Contains '@' || m.Name.Contains '<') then
                  yield sprintf "%s :: %O" (string t.FullName) m ]
    |> List.sortWith (fun a b -> String.CompareOrdinal(a, b))

let private listed file =
    File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "PublicAPI", file))
    |> Array.filter (fun line -> line.Length > 0 && not (line.StartsWith "#"))
    |> List.ofArray

[<Fact>]
let ``the F# surface is the one its PublicAPI files list`` () =
    let actual = surface (Assembly.Load "Fleet.FSharp")
    let expected = listed "PublicAPI.Shipped.txt" @ listed "PublicAPI.Unshipped.txt" |> List.sortWith (fun a b -> String.CompareOrdinal(a, b))
    let added = actual |> List.except expected
    let removed = expected |> List.except actual
    Assert.True(
        List.isEmpty added && List.isEmpty removed,
        sprintf "Fleet.FSharp's public surface changed; if meant, say so in Fleet.FSharp/PublicAPI.Unshipped.txt.\nadded:\n%s\nremoved:\n%s"
            (String.Join("\n", added)) (String.Join("\n", removed)))
    Assert.NotEmpty actual
