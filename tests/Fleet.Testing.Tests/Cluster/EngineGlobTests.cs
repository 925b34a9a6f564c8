using Fleet.Testing.Cluster;

namespace Fleet.Testing.Tests.Cluster;

public class EngineGlobTests
{
    [Theory]
    [InlineData("web@*.service", "web@1.service", true)]
    [InlineData("web@*.service", "web@.service", true)]
    [InlineData("web@*.service", "web.service", false)]
    [InlineData("*", "a/b", false)]
    [InlineData("a*", "a", true)]
    [InlineData("*b*c", "xbyc", true)]
    [InlineData("*b*c", "xbycd", false)]
    [InlineData("a?c.service", "abc.service", true)]
    [InlineData("a?c", "a/c", false)]
    [InlineData("[a-c]x", "bx", true)]
    [InlineData("[^a-c]x", "bx", false)]
    [InlineData("[^a-c]x", "dx", true)]
    [InlineData("[*]", "*", true)]
    [InlineData("\\*", "*", true)]
    [InlineData("\\*", "a", false)]
    [InlineData("[\\]]", "]", true)]
    [InlineData("exact.service", "exact.service", true)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    public void Matches_as_gos_path_match(string pattern, string name, bool expected) =>
        Assert.Equal(expected, EngineGlob.Matches(pattern, name));

    [Theory]
    [InlineData("[")]
    [InlineData("[a")]
    [InlineData("[]a]")]
    [InlineData("[a-]")]
    [InlineData("a\\")]
    [InlineData("*[")]
    public void A_malformed_pattern_matches_nothing(string pattern)
    {
        Assert.False(EngineGlob.Matches(pattern, pattern));
        Assert.False(EngineGlob.Matches(pattern, "a"));
        Assert.False(EngineGlob.Matches(pattern, ""));
    }
}
