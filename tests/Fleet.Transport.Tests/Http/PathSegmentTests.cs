using Fleet.Transport.Http;

namespace Fleet.Transport.Tests.Http;

public class PathSegmentTests
{
    [Theory]
    [InlineData("hello.service", "hello.service")]
    [InlineData("web@1.service", "web%401.service")]
    [InlineData("a b/c?d#e%f", "a%20b%2Fc%3Fd%23e%25f")]
    [InlineData("\r\n", "%0D%0A")]
    [InlineData("caf\u00e9", "caf%C3%A9")]
    [InlineData("...", "...")]
    public void Escapes_a_segment_so_it_reads_back_as_itself(string segment, string escaped) =>
        Assert.Equal(escaped, Assert.Single(PathSegment.Escape(segment).RightToSeq()));

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public void Refuses_dot_segments_that_servers_would_resolve_away(string segment) =>
        Assert.Contains("relative path", Assert.Single(PathSegment.Escape(segment).LeftToSeq()).Message, StringComparison.Ordinal);
}
