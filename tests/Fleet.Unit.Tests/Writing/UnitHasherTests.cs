using System.Security.Cryptography;
using Fleet.UnitFiles.Writing;

namespace Fleet.UnitFiles.Tests.Writing;

public class UnitHasherTests
{
    [Fact]
    public void Gives_the_same_digest_as_the_frameworks_sha1_for_every_length()
    {
        var random = new Random(20261123);
        var data = new byte[5000];
        random.NextBytes(data);
        Span<byte> expected = stackalloc byte[20];
        Span<byte> actual = stackalloc byte[20];
        for (var length = 0; length <= 300; length++) Check(data.AsSpan(0, length), expected, actual);
        foreach (var length in (int[])[1000, 4095, 4096, 4097, 5000]) Check(data.AsSpan(0, length), expected, actual);

        static void Check(ReadOnlySpan<byte> input, Span<byte> expected, Span<byte> actual)
        {
            SHA1.HashData(input, expected);
            UnitHasher.Hash(input, actual);
            Assert.True(expected.SequenceEqual(actual), $"digests differ for {input.Length} bytes");
        }
    }

    [Fact]
    public void Uses_libcrypto_directly_on_linux_where_it_exports_sha1()
    {
        // Debian's libcrypto3 exports the low-level SHA1 functions; elsewhere the fallback holds.
        var expected = OperatingSystem.IsLinux() && File.Exists("/usr/lib/x86_64-linux-gnu/libcrypto.so.3");
        if (expected) Assert.True(UnitHasher.UsesLibcrypto);
    }
}
