using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Fleet.Core;
using Fleet.UnitFiles;
using Fleet.UnitFiles.Writing;

namespace Fleet.Benchmarks;

/// <summary>
/// Writing fleet's canonical text and hashing it for every accepted reference unit, beside a
/// baseline that only hashes the already-written bytes with the SHA1 the writer uses (the least
/// a hash must cost, so the ratio is what writing adds). The writer is called directly, since
/// UnitFile caches its hash. One operation is the whole corpus.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class UnitFileWriteHashBenchmarks
{
    private UnitOption[][] options = [];
    private byte[][] written = [];
    private byte[] scratch = [];

    [GlobalSetup]
    public void Setup()
    {
        var units = Units();
        options = [.. units.Select(u => u.Options.ToArray())];
        written = [.. units.Select(u => u.ToUtf8Bytes())];
        scratch = new byte[written.Max(w => w.Length) * 3];
    }

    [Benchmark(Baseline = true, Description = "SHA1 of written bytes (baseline)")]
    public int HashOnly()
    {
        Span<byte> digest = stackalloc byte[SHA1.HashSizeInBytes];
        var total = 0;
        foreach (var bytes in written)
        {
            UnitHasher.Hash(bytes, digest);
            total += digest[0];
        }
        return total;
    }

    /// <summary>The framework's one-shot SHA1 of the same bytes, which UnitHasher replaces where it can.</summary>
    [Benchmark(Description = "framework SHA1.HashData of written bytes")]
    public int FrameworkHashOnly()
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

    [Benchmark(Description = "write only")]
    public int WriteOnly()
    {
        var total = 0;
        foreach (var unit in options) total += UnitFileWriter.Write(unit, scratch);
        return total;
    }

    [Benchmark(Description = "write + hash")]
    public int WriteAndHash()
    {
        var total = 0;
        foreach (var unit in options) total += UnitFileWriter.Hash(unit).Length;
        return total;
    }

    private static UnitFile[] Units() =>
        [.. ReferenceUnits.Accepted().Select(bytes => UnitFile.Parse(bytes).Match(u => u, e => throw new InvalidOperationException(e.ToString())))];

    private sealed class Config : ManualConfig
    {
        private static readonly Lazy<UnitFile[]> Corpus = new(Units);

        public Config()
        {
            AddColumn(new ThroughputColumn(() => Corpus.Value.Sum(u => (long)u.ToUtf8Bytes().Length), "Canonical bytes of the accepted reference units"));
            AddColumn(new ResultBytesColumn(
                method => method == nameof(WriteAndHash) ? Corpus.Value.Length * ObjectSizes.String(2 * SHA1.HashSizeInBytes) : null,
                "The hex hash strings one operation returns; the floor for Allocated"));
        }
    }
}
