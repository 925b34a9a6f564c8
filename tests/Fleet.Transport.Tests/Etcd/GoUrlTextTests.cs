using Fleet.Transport.Etcd;

namespace Fleet.Transport.Tests.Etcd;

/// <summary>Paths, queries and forms escaped as Go's net/url escapes them (the expected values are Go's output).</summary>
public sealed class GoUrlTextTests
{
    [Theory]
    [InlineData("/v2/keys/_coreos.com/fleet/job/web@.service", "/v2/keys/_coreos.com/fleet/job/web@.service")]
    [InlineData("/a b/c?d#e%f", "/a%20b/c%3Fd%23e%25f")]
    [InlineData("/$&+,:;=@-_.~", "/$&+,:;=@-_.~")]
    [InlineData("/!*'()[]{}\"<>|\\^`", "/%21%2A%27%28%29%5B%5D%7B%7D%22%3C%3E%7C%5C%5E%60")]
    [InlineData("/snow☃", "/snow%E2%98%83")]
    public void A_path_is_escaped_as_url_URL_String_escapes_it(string path, string escaped) =>
        Assert.Equal(escaped, GoUrlText.EscapePath(path));

    [Theory]
    [InlineData("a b", "a+b")]
    [InlineData("{\"Raw\":\"x=1\\n\"}", "%7B%22Raw%22%3A%22x%3D1%5Cn%22%7D")]
    [InlineData("$&+,/:;=?@-_.~", "%24%26%2B%2C%2F%3A%3B%3D%3F%40-_.~")]
    [InlineData("☃", "%E2%98%83")]
    public void A_value_is_escaped_as_url_QueryEscape_escapes_it(string value, string escaped) =>
        Assert.Equal(escaped, GoUrlText.EscapeQuery(value));

    [Fact]
    public void Values_are_encoded_sorted_by_name_as_url_Values_Encode_does()
    {
        Assert.Equal("prevExist=false&prevIndex=3&prevValue=a+b", GoUrlText.EncodeValues([("prevValue", "a b"), ("prevExist", "false"), ("prevIndex", "3")]));
        Assert.Equal("", GoUrlText.EncodeValues([]));
    }

    [Theory]
    [InlineData("", "/")]
    [InlineData("v2/keys/a", "/v2/keys/a")]
    [InlineData("/v2/keys//a/./b/../c/", "/v2/keys/a/c/")]
    [InlineData("/v2/keys/../../..", "/")]
    [InlineData("/v2/keys/", "/v2/keys/")]
    public void A_path_is_made_canonical_as_etcd_s_client_makes_it(string path, string canonical) =>
        Assert.Equal(canonical, GoUrlText.CanonicalPath(path));
}
