using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Fleet.Core;
using Fleet.Unit;
using Fleet.Unit.Writing;

namespace Fleet.Benchmarks;

/// <summary>
/// Writing fleet's canonical text and hashing it for every accepted reference unit, beside a
/// baseline that only hashes the already-written bytes (the least a hash must cost). The
/// writer is called directly, since UnitFile caches its hash. One operation is the whole corpus.
/// </summary>
[MemoryDiagnoser]
public class UnitFileWriteHashBenchmarks
{
    private UnitOption[][] options = [];
    private byte[][] written = [];

    [GlobalSetup]
    public void Setup()
    {
        var units = ReferenceUnits.Accepted().Select(bytes => UnitFile.Parse(bytes).Match(u => u, e => throw new InvalidOperationException(e.ToString()))).ToArray();
        options = [.. units.Select(u => u.Options.ToArray())];
        written = [.. units.Select(u => u.ToUtf8Bytes())];
    }

    [Benchmark(Baseline = true, Description = "SHA1 of written bytes (baseline)")]
    public int HashOnly()
    {
        Span<byte> digest = stackalloc byte[SHA1.HashSizeInBytes];
        var total = 0;
        foreach (var bytes in written)
        {
            SHA1.HashData(bytes, digest);
            total += digest[0];
        }
        return total;
    }

    [Benchmark(Description = "write + hash")]
    public int WriteAndHash()
    {
        var total = 0;
        foreach (var unit in options) total += UnitFileWriter.Hash(unit).Length;
        return total;
    }
}
