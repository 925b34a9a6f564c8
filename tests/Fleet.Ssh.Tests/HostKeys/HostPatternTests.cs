using Fleet.Ssh.HostKeys;

namespace Fleet.Ssh.Tests.HostKeys;

public class HostPatternTests
{
    // Written by OpenSSH 9.2's "ssh-keygen -H" for the name "foo".
    private const string HashedFoo = "|1|e1GGVlVLl7BsNhKicZDQfYmZz3w=|75av06zOJFHDhtU31qIyb1bZ6rQ=";

    [Theory]
    [InlineData("a.example.com", "*.example.com", true)]
    [InlineData(".example.com", "*.example.com", true)]
    [InlineData("example.com", "*.example.com", false)]
    [InlineData("a.example.com.evil", "*.example.com", false)]
    [InlineData("10.0.0.7", "10.0.0.?", true)]
    [InlineData("10.0.0.", "10.0.0.?", false)]
    [InlineData("10.0.0.77", "10.0.0.?", false)]
    [InlineData("[a.example.com]:2222", "[*.example.com]:2222", true)]
    [InlineData("[a.example.com]:22222", "[*.example.com]:2222", false)]
    [InlineData("abc", "a*b*c", true)]
    [InlineData("aXbYbZc", "a*b*c", true)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "*a*a*a*a*a*a*a*a*a*a*a*a*b", false)]
    [InlineData("", "*", true)]
    [InlineData("", "", true)]
    [InlineData("a", "", false)]
    [InlineData("host", "host", true)]
    [InlineData("hos", "host", false)]
    public void Wildcards_cover_the_whole_name(string name, string pattern, bool matches) =>
        Assert.Equal(matches, HostPattern.Glob(name, pattern));

    [Theory]
    [InlineData("a.example,b.example", "b.example", true)]
    [InlineData("A.Example", "a.example", true)]
    [InlineData("a.example", "A.EXAMPLE", true)]
    [InlineData("*,!a.example", "a.example", false)]
    [InlineData("*,!a.example", "b.example", true)]
    [InlineData("!a.example", "b.example", false)]
    [InlineData("!*", "a.example", false)]
    public void Lists_match_when_a_pattern_does_and_no_negation_does(string field, string name, bool matches) =>
        Assert.Equal(matches, HostPattern.Parse(field)!.Matches(name));

    [Fact]
    public void A_hash_written_by_ssh_keygen_matches_its_name_only()
    {
        var pattern = HostPattern.Parse(HashedFoo)!;
        Assert.True(pattern.IsHashed);
        Assert.True(pattern.Matches("foo"));
        Assert.True(pattern.Matches("FOO"));
        Assert.False(pattern.Matches("fo"));
        Assert.False(pattern.Matches("[foo]:2222"));
        Assert.False(pattern.Matches("*"));
    }

    [Fact]
    public void Hashing_reproduces_ssh_keygen()
    {
        var salt = Convert.FromBase64String("e1GGVlVLl7BsNhKicZDQfYmZz3w=");
        Assert.Equal(HashedFoo, HostPattern.Hash(salt, "foo"));
        Assert.Equal(HashedFoo, HostPattern.Hash(salt, "Foo"));
        Assert.Throws<ArgumentException>(() => HostPattern.Hash(new byte[19], "foo"));
    }

    [Theory]
    [InlineData("|1|")]
    [InlineData("|1|e1GGVlVLl7BsNhKicZDQfYmZz3w=")]
    [InlineData("|1|e1GGVlVLl7BsNhKicZDQfYmZz3w=|")]
    [InlineData("|1|e1GGVlVLl7BsNhKicZDQfYmZz3w=|75av06zOJFHDhtU31qIyb1bZ6rQ")]
    [InlineData("|1|AAAA|75av06zOJFHDhtU31qIyb1bZ6rQ=")]
    [InlineData("|2|e1GGVlVLl7BsNhKicZDQfYmZz3w=|75av06zOJFHDhtU31qIyb1bZ6rQ=")]
    [InlineData("|foo")]
    public void Malformed_hashes_are_refused(string field) => Assert.Null(HostPattern.Parse(field));
}
