using System.Buffers;
using System.Text;
using Fleet.Transport.Http;

namespace Fleet.Transport.Tests.Http;

public class ResponseHeadParserTests
{
    private static readonly string Transcripts = ReferenceData.Folder("transcripts", "FLEET_TRANSCRIPTS");

    private static ParseStatus Parse(in ReadOnlySequence<byte> bytes, out ResponseHead head, out HttpRejection rejection, HttpLimits? limits = null) =>
        ResponseHeadParser.TryParse(bytes, limits ?? HttpLimits.Default, new byte[8192], out head, out rejection);

    [Theory]
    [InlineData("0001-discovery.response", 200, true, null)]
    [InlineData("0003-discovery-post.response", 400, false, 80L)]
    public void A_response_of_fleets_parses_the_same_split_at_every_point(string file, int status, bool chunked, long? length)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Transcripts, file));
        Assert.Equal(ParseStatus.Complete, Parse(new ReadOnlySequence<byte>(bytes), out var whole, out _));
        Assert.Equal((status, chunked, "application/json", true), (whole.StatusCode, whole.Chunked, whole.ContentType, whole.KeepAlive));
        if (length is not null) Assert.Equal(length, whole.ContentLength);

        for (var cut = 1; cut < whole.Length; cut++)
        {
            Assert.Equal(ParseStatus.Complete, Parse(Segment.Split(bytes, cut), out var split, out _));
            Assert.Equal(whole, split);
            Assert.Equal(ParseStatus.Complete, Parse(Segment.Split(bytes, cut / 2, cut, cut + 1), out split, out _));
            Assert.Equal(whole, split);
        }
    }

    [Fact]
    public void Location_and_etcd_s_index_are_kept_as_sent_and_absent_from_fleet_s_answers()
    {
        var etcd = Encoding.ASCII.GetBytes("HTTP/1.1 307 Temporary Redirect\r\nlocation: http://10.0.0.2:2379/v2/keys/a?b=c\r\nX-Etcd-Cluster-Id: d1cfaf999eb97a2a\r\nX-ETCD-Index:  42 \r\nContent-Length: 0\r\n\r\n");
        var fleet = File.ReadAllBytes(Path.Combine(Transcripts, "0001-discovery.response"));

        for (var cut = 1; cut < etcd.Length; cut++)
        {
            Assert.Equal(ParseStatus.Complete, Parse(Segment.Split(etcd, cut), out var head, out _));
            Assert.Equal(("http://10.0.0.2:2379/v2/keys/a?b=c", "42", 307), (head.Location, head.EtcdIndex, head.StatusCode));
        }
        Assert.Equal(ParseStatus.Complete, Parse(new ReadOnlySequence<byte>(fleet), out var fleetHead, out _));
        Assert.Equal((null, null), (fleetHead.Location, fleetHead.EtcdIndex));
    }

    [Fact]
    public void Every_prefix_of_a_head_is_incomplete_not_invalid()
    {
        var bytes = Encoding.ASCII.GetBytes("HTTP/1.1 204 No Content\r\nServer: fleetd/v1.0.0\r\nDate: Mon, 23 Nov 2026 00:00:00 GMT\r\n\r\n");
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Equal(ParseStatus.Incomplete, Parse(new ReadOnlySequence<byte>(bytes, 0, length), out _, out var rejection));
            Assert.Equal(HttpRejection.None, rejection);
        }
        Assert.Equal(ParseStatus.Complete, Parse(new ReadOnlySequence<byte>(bytes), out var head, out _));
        Assert.Equal(bytes.Length, head.Length);
    }

    [Theory]
    [InlineData("HTTP/1.0 200 OK\r\n\r\n", false)]
    [InlineData("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\n", true)]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n", true)]
    [InlineData("HTTP/1.1 200 OK\r\nConnection: Keep-Alive, Close\r\n\r\n", false)]
    [InlineData("HTTP/1.1 200\r\n\r\n", true)]
    [InlineData("HTTP/1.1 200 OK\n\n", true)]
    public void Keep_alive_follows_version_and_connection_header(string text, bool keepAlive)
    {
        Assert.Equal(ParseStatus.Complete, Parse(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text)), out var head, out _));
        Assert.Equal(keepAlive, head.KeepAlive);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n", 5L)]
    [InlineData("HTTP/1.1 200 OK\r\ncontent-length: 7, 7\r\n\r\n", 7L)]
    [InlineData("HTTP/1.1 200 OK\r\nCONTENT-LENGTH:0\r\n\r\n", 0L)]
    public void Repeated_identical_lengths_are_one_length(string text, long length)
    {
        Assert.Equal(ParseStatus.Complete, Parse(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text)), out var head, out _));
        Assert.Equal(length, head.ContentLength);
    }

    [Fact]
    public void The_header_limit_is_enforced_before_the_head_ends()
    {
        var limits = new HttpLimits { MaxHeaderBytes = 256 };
        var text = "HTTP/1.1 200 OK\r\n" + string.Concat(Enumerable.Repeat("X-Pad: 0123456789abcdef\r\n", 20));
        Assert.Equal(ParseStatus.Invalid, Parse(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text)), out _, out var rejection, limits));
        Assert.Equal(HttpRejection.HeadTooLarge, rejection);
    }
}
