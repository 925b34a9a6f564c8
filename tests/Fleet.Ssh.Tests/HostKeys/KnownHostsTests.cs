using System.Buffers.Binary;
using System.Text;
using Fleet.Ssh.HostKeys;

namespace Fleet.Ssh.Tests.HostKeys;

/// <summary>Made-up key blobs in the wire format: enough for known_hosts, which only compares them.</summary>
internal static class FakeKeys
{
    public static byte[] Blob(string type, byte seed)
    {
        var name = Encoding.ASCII.GetBytes(type);
        var blob = new byte[4 + name.Length + 4 + 32];
        BinaryPrimitives.WriteInt32BigEndian(blob, name.Length);
        name.CopyTo(blob, 4);
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(4 + name.Length), 32);
        blob.AsSpan(8 + name.Length).Fill(seed);
        return blob;
    }

    public static string Line(string hosts, byte[] blob, string comment = "") =>
        $"{hosts} {SshPublicKey.KeyType(blob)} {Convert.ToBase64String(blob)}{(comment.Length > 0 ? " " + comment : "")}";
}

public class KnownHostsTests
{
    private const string File = "/home/me/.ssh/known_hosts";

    private static readonly byte[] Ed = FakeKeys.Blob("ssh-ed25519", 1);
    private static readonly byte[] OtherEd = FakeKeys.Blob("ssh-ed25519", 2);
    private static readonly byte[] Rsa = FakeKeys.Blob("ssh-rsa", 3);
    private static readonly byte[] Ecdsa = FakeKeys.Blob("ecdsa-sha2-nistp256", 4);

    private static HostKeyStatus Status(string text, string host, int port, byte[] blob) =>
        KnownHosts.Parse(text, File).Check(host, port, blob).Status;

    [Fact]
    public void An_ecdsa_key_on_another_curve_is_a_changed_key_as_openssh_says()
    {
        var text = FakeKeys.Line("fleet.example", FakeKeys.Blob("ecdsa-sha2-nistp384", 5));

        Assert.Equal(HostKeyStatus.Changed, Status(text, "fleet.example", 22, Ecdsa));
    }

    [Fact]
    public void A_plain_name_vouches_for_port_22_only()
    {
        var text = FakeKeys.Line("fleet.example", Ed);
        Assert.Equal(HostKeyStatus.Known, Status(text, "fleet.example", 22, Ed));
        Assert.Equal(HostKeyStatus.Unknown, Status(text, "fleet.example", 2222, Ed));
        Assert.Equal(HostKeyStatus.Unknown, Status(text, "other.example", 22, Ed));
    }

    [Fact]
    public void A_bracketed_name_vouches_for_its_port_only()
    {
        var text = FakeKeys.Line("[fleet.example]:2222", Ed);
        Assert.Equal(HostKeyStatus.Known, Status(text, "fleet.example", 2222, Ed));
        Assert.Equal(HostKeyStatus.Unknown, Status(text, "fleet.example", 22, Ed));
        Assert.Equal(HostKeyStatus.Unknown, Status(text, "fleet.example", 2223, Ed));
    }

    [Theory]
    [InlineData("fleet.example")]
    [InlineData("10.0.0.7")]
    [InlineData("FLEET.Example")]
    public void Every_name_in_a_comma_list_is_vouched_for_in_any_case(string host)
    {
        var text = FakeKeys.Line("Fleet.Example,10.0.0.7", Ed);
        Assert.Equal(HostKeyStatus.Known, Status(text, host, 22, Ed));
    }

    [Fact]
    public void An_ipv6_address_on_another_port_is_bracketed()
    {
        var text = FakeKeys.Line("[::1]:2222", Ed);
        Assert.Equal(HostKeyStatus.Known, Status(text, "::1", 2222, Ed));
        Assert.Equal(HostKeyStatus.Unknown, Status(text, "::1", 22, Ed));
    }

    [Theory]
    [InlineData("*.example.com", "a.example.com", 22, "Known")]
    [InlineData("*.example.com", "example.com", 22, "Unknown")]
    [InlineData("*.example.com", "a.example.com", 2222, "Unknown")]
    [InlineData("[*.example.com]:2222", "a.example.com", 2222, "Known")]
    [InlineData("10.0.0.?", "10.0.0.7", 22, "Known")]
    [InlineData("10.0.0.?", "10.0.0.17", 22, "Unknown")]
    [InlineData("*", "anything", 22, "Known")]
    public void Wildcards_match_the_whole_name(string pattern, string host, int port, string status) =>
        Assert.Equal(Enum.Parse<HostKeyStatus>(status), Status(FakeKeys.Line(pattern, Ed), host, port, Ed));

    [Theory]
    [InlineData("*.example.com,!bastion.example.com", "bastion.example.com", "Unknown")]
    [InlineData("!bastion.example.com,*.example.com", "bastion.example.com", "Unknown")]
    [InlineData("*.example.com,!bastion.example.com", "web.example.com", "Known")]
    [InlineData("!bastion.example.com", "web.example.com", "Unknown")]
    [InlineData("*.example.com,!b*", "bastion.example.com", "Unknown")]
    public void A_matching_negation_vetoes_the_line(string patterns, string host, string status) =>
        Assert.Equal(Enum.Parse<HostKeyStatus>(status), Status(FakeKeys.Line(patterns, Ed), host, 22, Ed));

    [Fact]
    public void A_hashed_entry_matches_exactly_its_name_and_port()
    {
        var salt = Enumerable.Range(1, 20).Select(i => (byte)i).ToArray();
        var text = FakeKeys.Line(HostPattern.Hash(salt, "fleet.example"), Ed) + "\n"
            + FakeKeys.Line(HostPattern.Hash(salt, "[10.0.0.7]:2222"), Rsa) + "\n";
        Assert.Equal(HostKeyStatus.Known, Status(text, "Fleet.Example", 22, Ed));
        Assert.Equal(HostKeyStatus.Unknown, Status(text, "fleet.example", 2222, Ed));
        Assert.Equal(HostKeyStatus.Unknown, Status(text, "fleet.exampl", 22, Ed));
        Assert.Equal(HostKeyStatus.Known, Status(text, "10.0.0.7", 2222, Rsa));
        Assert.Equal(HostKeyStatus.Unknown, Status(text, "10.0.0.7", 22, Rsa));
    }

    [Theory]
    [InlineData("|1|AQIDBAUGBwgJCgsMDQ4PEBESExQ=")]
    [InlineData("|1|AQIDBAUGBwgJCgsMDQ4PEBESExQ=|not base64!")]
    [InlineData("|1|AQID|AQIDBAUGBwgJCgsMDQ4PEBESExQ=")]
    [InlineData("|2|AQIDBAUGBwgJCgsMDQ4PEBESExQ=|AQIDBAUGBwgJCgsMDQ4PEBESExQ=")]
    [InlineData("|1|AQIDBAUGBwgJCgsMDQ4PEBESExQ=|AQIDBAUGBwgJCgsMDQ4PEBESExQ=,fleet.example")]
    public void Malformed_hashed_entries_are_skipped(string hosts)
    {
        var known = KnownHosts.Parse(FakeKeys.Line(hosts, Ed) + "\n" + FakeKeys.Line("fleet.example", OtherEd), File);
        Assert.Single(known.Lines);
        Assert.Equal(new HostKeyVerdict(HostKeyStatus.Changed, File, 2, FakeKeys.Line("fleet.example", OtherEd)), known.Check("fleet.example", 22, Ed));
    }

    [Fact]
    public void A_revoked_key_is_refused_even_where_another_line_vouches_for_it()
    {
        var text = string.Join('\n',
            FakeKeys.Line("fleet.example", Ed),
            "@revoked " + FakeKeys.Line("*", Ed),
            "@revoked " + FakeKeys.Line("fleet.example", Rsa));
        var known = KnownHosts.Parse(text, File);
        Assert.Equal(new HostKeyVerdict(HostKeyStatus.Revoked, File, 2, "@revoked " + FakeKeys.Line("*", Ed)), known.Check("fleet.example", 22, Ed));
        // A revoked key is not a known key of that type, so another RSA key is new rather than changed.
        Assert.Equal(HostKeyStatus.Unknown, known.Check("fleet.example", 22, FakeKeys.Blob("ssh-rsa", 9)).Status);
        Assert.Equal(HostKeyStatus.Revoked, known.Check("fleet.example", 22, Rsa).Status);
        Assert.Equal(HostKeyStatus.Unknown, known.Check("other.example", 22, Rsa).Status);
    }

    [Fact]
    public void Cert_authority_lines_vouch_for_nothing()
    {
        var text = "@cert-authority " + FakeKeys.Line("*.example", Ed);
        Assert.Empty(KnownHosts.Parse(text, File).Lines);
        Assert.Equal(HostKeyStatus.Unknown, Status(text, "fleet.example", 22, Ed));
        Assert.Equal(HostKeyStatus.Unknown, Status(text, "fleet.example", 22, OtherEd));
    }

    [Fact]
    public void A_changed_key_names_the_line_it_contradicts_counting_every_line()
    {
        var contradicted = FakeKeys.Line("fleet.example,10.0.0.7", OtherEd, "old key");
        var text = string.Join('\n',
            "# managed by hand",
            "",
            "   ",
            "garbage",
            FakeKeys.Line("other.example", OtherEd),
            "\t" + contradicted,
            FakeKeys.Line("fleet.example", FakeKeys.Blob("ssh-ed25519", 7)),
            FakeKeys.Line("fleet.example", Rsa));
        var verdict = KnownHosts.Parse(text, File).Check("fleet.example", 22, Ed);
        Assert.Equal(new HostKeyVerdict(HostKeyStatus.Changed, File, 6, "\t" + contradicted), verdict);
    }

    [Fact]
    public void A_matching_line_anywhere_makes_the_key_known_despite_earlier_other_keys()
    {
        var text = FakeKeys.Line("fleet.example", OtherEd) + "\n" + FakeKeys.Line("*.example", Ed) + "\n";
        Assert.Equal(new HostKeyVerdict(HostKeyStatus.Known, File, 2, FakeKeys.Line("*.example", Ed)), KnownHosts.Parse(text, File).Check("fleet.example", 22, Ed));
    }

    [Fact]
    public void A_host_known_only_by_other_key_types_is_unknown_and_says_which_types()
    {
        var text = string.Join('\n',
            FakeKeys.Line("fleet.example", Rsa),
            FakeKeys.Line("fleet.example", Ecdsa),
            FakeKeys.Line("*.example", FakeKeys.Blob("ssh-rsa", 8)),
            "@revoked " + FakeKeys.Line("fleet.example", OtherEd),
            FakeKeys.Line("other.example", Ed));
        var known = KnownHosts.Parse(text, File);
        Assert.Equal(new HostKeyVerdict(HostKeyStatus.Unknown, File), known.Check("fleet.example", 22, Ed));
        Assert.Equal(["ssh-rsa", "ecdsa-sha2-nistp256"], known.KnownKeyTypes("FLEET.example", 22));
        Assert.Empty(known.KnownKeyTypes("fleet.example", 2222));
    }

    [Fact]
    public void Crlf_files_are_read_and_lines_are_reported_without_the_carriage_return()
    {
        var text = "# windows\r\n" + FakeKeys.Line("fleet.example", Ed, "laptop") + "\r\n";
        Assert.Equal(new HostKeyVerdict(HostKeyStatus.Known, File, 2, FakeKeys.Line("fleet.example", Ed, "laptop")), KnownHosts.Parse(text, File).Check("fleet.example", 22, Ed));
        var bare = "# windows\r\n" + FakeKeys.Line("fleet.example", Ed) + "\r\n";
        Assert.Equal(HostKeyStatus.Known, KnownHosts.Parse(bare, File).Check("fleet.example", 22, Ed).Status);
    }

    [Theory]
    [InlineData("fleet.example")]
    [InlineData("fleet.example ssh-ed25519")]
    [InlineData("fleet.example ssh-ed25519 #comment")]
    [InlineData("fleet.example ssh-rsa {0}")]
    [InlineData("fleet.example ssh-ed25519 {0}x")]
    [InlineData("fleet.example ssh-ed25519 AAAA")]
    [InlineData("@Revoked fleet.example ssh-ed25519 {0}")]
    [InlineData("@trusted fleet.example ssh-ed25519 {0}")]
    [InlineData("@revoked @revoked fleet.example ssh-ed25519 {0}")]
    [InlineData("@revoked")]
    [InlineData("fleet.example 2048 35 1234567")]
    [InlineData("#fleet.example ssh-ed25519 {0}")]
    public void Malformed_lines_are_skipped(string format)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, Convert.ToBase64String(Ed));
        var known = KnownHosts.Parse(text + "\n" + FakeKeys.Line("fleet.example", Rsa), File);
        Assert.Equal(2, Assert.Single(known.Lines).Number);
        Assert.Equal(HostKeyStatus.Unknown, known.Check("fleet.example", 22, Ed).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n\n")]
    [InlineData("\0\0\0")]
    [InlineData("@")]
    [InlineData("| ssh-ed25519 AAAA")]
    [InlineData("|1||| ssh-ed25519 ====")]
    [InlineData("[ ] \t\t\r\r\n")]
    public void Any_text_parses_without_throwing(string text)
    {
        var known = KnownHosts.Parse(text, File);
        Assert.Equal(HostKeyStatus.Unknown, known.Check("fleet.example", 22, Ed).Status);
        Assert.Equal(HostKeyStatus.Unknown, known.Check("fleet.example", 22, []).Status);
    }

    [Fact]
    public async Task A_missing_file_or_folder_is_an_empty_file()
    {
        var folder = Directory.CreateTempSubdirectory("fleet-knownhosts-");
        try
        {
            foreach (var path in new[] { Path.Combine(folder.FullName, "known_hosts"), Path.Combine(folder.FullName, "no", "such", "known_hosts") })
            {
                var known = await KnownHosts.LoadAsync(path, CancellationToken.None);
                Assert.Equal(path, known.Path);
                Assert.Equal(new HostKeyVerdict(HostKeyStatus.Unknown, path), known.Check("fleet.example", 22, Ed));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_file_is_loaded_and_named_in_verdicts()
    {
        var folder = Directory.CreateTempSubdirectory("fleet-knownhosts-");
        try
        {
            var path = Path.Combine(folder.FullName, "known_hosts");
            await System.IO.File.WriteAllTextAsync(path, "# first\n" + FakeKeys.Line("fleet.example", Ed) + "\n");
            var known = await KnownHosts.LoadAsync(path, CancellationToken.None);
            Assert.Equal(new HostKeyVerdict(HostKeyStatus.Known, path, 2, FakeKeys.Line("fleet.example", Ed)), known.Check("fleet.example", 22, Ed));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
