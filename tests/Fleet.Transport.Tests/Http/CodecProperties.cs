using System.Buffers;
using FsCheck;
using FsCheck.Xunit;
using Fleet.Transport.Http;

namespace Fleet.Transport.Tests.Http;

/// <summary>The codec against what a generator meant, on buffers cut into arbitrary segments.</summary>
public class CodecProperties
{
    [Property(Arbitrary = new[] { typeof(CodecArbitraries) }, MaxTest = 500)]
    public void Any_valid_head_split_anywhere_parses_to_what_was_meant(GeneratedHead generated)
    {
        var bytes = generated.Bytes();
        var status = ResponseHeadParser.TryParse(Segment.Split(bytes, generated.Cuts), HttpLimits.Default, new byte[8192], out var head, out var rejection);
        Assert.True(status == ParseStatus.Complete, $"{status} {rejection}");
        Assert.Equal(generated.Version, head.Version);
        Assert.Equal(generated.Status, head.StatusCode);
        Assert.Equal(generated.ContentLength, head.ContentLength);
        Assert.Equal(generated.ContentType, head.ContentType);
        Assert.Equal(generated.KeepAlive, head.KeepAlive);
        Assert.Equal(generated.Headers.Count, head.HeaderCount);
        Assert.Equal(bytes.Length, head.Length);
    }

    [Property(Arbitrary = new[] { typeof(CodecArbitraries) }, MaxTest = 300)]
    public void Any_body_chunked_any_way_decodes_to_the_original(GeneratedChunks generated)
    {
        var encoded = generated.Encoded();
        var sequence = Segment.Split([.. encoded, .. "HTTP/1.1 200 OK\r\n"u8], generated.Cuts);
        var decoder = new ChunkedBodyDecoder();
        Assert.Equal(ParseStatus.Complete, decoder.TryDecode(sequence, HttpLimits.Default, new byte[8192], out _));
        Assert.Equal(encoded.Length, decoder.FramingLength);
        Assert.Equal(generated.Body, decoder.Body(sequence).ToArray());
    }
}
