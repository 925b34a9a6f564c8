using Fleet.Core.Text;
using Fleet.Transport.Registry;

namespace Fleet.Transport.Tests.Registry;

/// <summary>Registry values are written with the bytes Go's encoding/json writes (fleet's own values).</summary>
public sealed class GoJsonTextTests
{
    [Theory]
    [InlineData("plain text", "\"plain text\"")]
    [InlineData("a \"quoted\" \\ path", "\"a \\\"quoted\\\" \\\\ path\"")]
    [InlineData("line\nfeed\r\ttab", "\"line\\nfeed\\r\\ttab\"")]
    [InlineData("<b>&amp;</b>", "\"\\u003cb\\u003e\\u0026amp;\\u003c/b\\u003e\"")]
    [InlineData("\u0001\u0008\u000c\u001f", "\"\\u0001\\u0008\\u000c\\u001f\"")]
    [InlineData("\u2028\u2029", "\"\\u2028\\u2029\"")]
    [InlineData("caf\u00e9 \U0001F680 +", "\"caf\u00e9 \U0001F680 +\"")]
    public void A_string_is_escaped_as_go_escapes_it(string text, string json)
    {
        var written = new GoJsonWriter().String(text).ToString();

        Assert.Equal(json, written);
    }

    [Fact]
    public void Half_of_a_surrogate_pair_is_written_as_the_replacement_character_as_go_writes_invalid_text()
    {
        var written = new GoJsonWriter().String("half " + (char)0xD800 + " pair").ToString();

        Assert.Equal("\"half \\ufffd pair\"", written);
    }

    [Fact]
    public void A_job_object_holds_the_name_and_the_hash_as_twenty_numbers()
    {
        var hash = Convert.FromHexString("e55c0aeb44ba0b68004ceb8a200e685194448b45");

        Assert.Equal(
            "{\"Name\":\"hello.service\",\"UnitHash\":[229,92,10,235,68,186,11,104,0,76,235,138,32,14,104,81,148,68,139,69]}",
            GoJsonText.JobModel("hello.service", hash));
    }

    [Theory]
    [InlineData("/_coreos.com/fleet/", "/_coreos.com/fleet/job/a.service/object")]
    [InlineData("/otherfleet", "/otherfleet/job/a.service/object")]
    [InlineData("otherfleet/", "/otherfleet/job/a.service/object")]
    [InlineData("//x/./y/../z//", "/x/z/job/a.service/object")]
    [InlineData("/", "/job/a.service/object")]
    public void A_key_prefix_is_joined_and_cleaned_as_gos_path_join_does(string prefix, string key)
    {
        Assert.Equal(key, new RegistryKeys(prefix).JobObject("a.service"));
    }
}
