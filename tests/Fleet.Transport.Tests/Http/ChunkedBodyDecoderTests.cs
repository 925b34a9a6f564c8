using System.Buffers;
using System.Text;
using Fleet.Transport.Http;

namespace Fleet.Transport.Tests.Http;

public class ChunkedBodyDecoderTests
{
    private static (ParseStatus Status, string Body, long Framing, HttpRejection Rejection) Decode(byte[] bytes, HttpLimits? limits = null, params int[] cuts)
    {
        var decoder = new ChunkedBodyDecoder();
        var sequence = Segment.Split(bytes, cuts);
        var status = decoder.TryDecode(sequence, limits ?? HttpLimits.Default, new byte[8192], out var rejection);
        var body = status == ParseStatus.Complete ? Encoding.ASCII.GetString(decoder.Body(sequence).ToArray()) : "";
        return (status, body, decoder.FramingLength, rejection);
    }

    [Theory]
    [InlineData("5\r\nhello\r\n0\r\n\r\n", "hello")]
    [InlineData("5;name=value\r\nhello\r\n6 ; x\r\n world\r\n0\r\n\r\n", "hello world")]
    [InlineData("3\r\nabc\r\n0\r\nTrailer: yes\r\nOther: 1\r\n\r\n", "abc")]
    [InlineData("A\r\n0123456789\r\n0\r\n\r\n", "0123456789")]
    [InlineData("0\r\n\r\n", "")]
    [InlineData("1\n!\r\n0\n\n", "!")]
    public void Decodes_sizes_extensions_and_trailers(string text, string body)
    {
        var bytes = Encoding.ASCII.GetBytes(text + "NEXT");
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var decoded = Decode(bytes, null, cut);
            Assert.Equal((ParseStatus.Complete, body, (long)text.Length), (decoded.Status, decoded.Body, decoded.Framing));
        }
    }

    [Fact]
    public void Resumes_when_more_bytes_arrive()
    {
        var text = Encoding.ASCII.GetBytes("4\r\nwiki\r\n5\r\npedia\r\n0\r\n\r\n");
        var decoder = new ChunkedBodyDecoder();
        var scratch = new byte[1024];
        for (var length = 0; length < text.Length; length++)
        {
            Assert.Equal(ParseStatus.Incomplete, decoder.TryDecode(new ReadOnlySequence<byte>(text, 0, length), HttpLimits.Default, scratch, out _));
        }
        var whole = new ReadOnlySequence<byte>(text);
        Assert.Equal(ParseStatus.Complete, decoder.TryDecode(whole, HttpLimits.Default, scratch, out _));
        Assert.Equal("wikipedia", Encoding.ASCII.GetString(decoder.Body(whole).ToArray()));
    }

    [Theory]
    [InlineData("zz\r\n", nameof(HttpRejection.BadChunkSize))]
    [InlineData("\r\n", nameof(HttpRejection.BadChunkSize))]
    [InlineData("5 x\r\nhello\r\n", nameof(HttpRejection.BadChunkSize))]
    [InlineData("-5\r\nhello\r\n", nameof(HttpRejection.BadChunkSize))]
    [InlineData("ffffffffffffffffff\r\n", nameof(HttpRejection.ChunkSizeTooLarge))]
    [InlineData("5\r\nhelloXX", nameof(HttpRejection.BadChunkTerminator))]
    [InlineData("5\r\nhello\n0\r\n\r\n", nameof(HttpRejection.BadChunkTerminator))]
    [InlineData("5\r\nhel\rlo\r\n", nameof(HttpRejection.BadChunkTerminator))]
    [InlineData("0\r\nno colon\r\n\r\n", nameof(HttpRejection.BadHeaderLine))]
    [InlineData("5\r\r\nhello\r\n", nameof(HttpRejection.BareCarriageReturn))]
    public void Refuses_broken_framing(string text, string expected)
    {
        var decoded = Decode(Encoding.ASCII.GetBytes(text));
        Assert.Equal((ParseStatus.Invalid, Enum.Parse<HttpRejection>(expected)), (decoded.Status, decoded.Rejection));
    }

    [Fact]
    public void Refuses_a_body_over_the_limit_from_its_sizes_alone()
    {
        var limits = new HttpLimits { MaxBodyBytes = 10 };
        Assert.Equal(HttpRejection.BodyTooLarge, Decode(Encoding.ASCII.GetBytes("8\r\n12345678\r\n8\r\n"), limits).Rejection);
        Assert.Equal(HttpRejection.BodyTooLarge, Decode(Encoding.ASCII.GetBytes("100000\r\n"), limits).Rejection);
    }
}
