using System.Text;
using Fleet.Ssh.HostKeys;
using Fleet.Tests.Shared.Ssh;

namespace Fleet.Ssh.Tests.HostKeys;

public class SshPublicKeyTests
{
    [Theory]
    [InlineData("ssh-ed25519")]
    [InlineData("ssh-rsa")]
    [InlineData("ecdsa-sha2-nistp384")]
    public void The_key_type_is_the_first_string_of_the_blob(string type) =>
        Assert.Equal(type, SshPublicKey.KeyType(FakeKeys.Blob(type, 1)));

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0, 0, 0 })]
    [InlineData(new byte[] { 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0, 0, 0, 5, (byte)'s', (byte)'s', (byte)'h' })]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, (byte)'s' })]
    [InlineData(new byte[] { 0, 0, 0, 3, (byte)'s', (byte)' ', (byte)'h' })]
    [InlineData(new byte[] { 0, 0, 0, 2, 0, 1 })]
    public void A_malformed_blob_has_no_type(byte[] blob) => Assert.Equal("", SshPublicKey.KeyType(blob));

    [Fact]
    public void The_fingerprint_is_unpadded_base64_of_sha256()
    {
        // SHA-256 of "abc" is ba7816bf...; base64 "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=".
        Assert.Equal("SHA256:ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0", SshPublicKey.FingerprintSha256(Encoding.ASCII.GetBytes("abc")));
    }

    [Fact]
    public void The_md5_fingerprint_is_colon_separated_lowercase_hex()
    {
        // MD5 of "abc" is 900150983cd24fb0d6963f7d28e17f72.
        Assert.Equal("90:01:50:98:3c:d2:4f:b0:d6:96:3f:7d:28:e1:7f:72", SshPublicKey.FingerprintMd5(Encoding.ASCII.GetBytes("abc")));
    }

    [Fact]
    public async Task The_md5_fingerprint_is_the_one_ssh_keygen_prints()
    {
        var folder = Directory.CreateTempSubdirectory("fleet-md5-").FullName;
        try
        {
            var key = await SshKeyPair.GenerateAsync(folder, "key");

            // "256 MD5:9f:...:0c key (ED25519)"
            var printed = await SshTool.RunAsync("ssh-keygen", ["-l", "-E", "md5", "-f", key.PublicKeyPath]);

            Assert.Equal(printed.Split(' ')[1], "MD5:" + SshPublicKey.FingerprintMd5(key.PublicKeyBlob));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("ssh-ed25519", "ED25519")]
    [InlineData("ssh-rsa", "RSA")]
    [InlineData("rsa-sha2-512", "RSA")]
    [InlineData("ecdsa-sha2-nistp256", "ECDSA")]
    [InlineData("ecdsa-sha2-nistp521", "ECDSA")]
    [InlineData("ssh-dss", "DSA")]
    [InlineData("sk-ssh-ed25519@openssh.com", "ED25519-SK")]
    [InlineData("ssh-ed25519-cert-v01@openssh.com", "ED25519-CERT")]
    [InlineData("x-unknown", "x-unknown")]
    public void Display_types_are_as_ssh_prints_them(string type, string display) =>
        Assert.Equal(display, SshPublicKey.DisplayType(type));

    [Theory]
    [InlineData("fleet.example", 22, "fleet.example")]
    [InlineData("Fleet.EXAMPLE", 22, "fleet.example")]
    [InlineData("fleet.example", 2222, "[fleet.example]:2222")]
    [InlineData("10.0.0.7", 22, "10.0.0.7")]
    [InlineData("::1", 22, "::1")]
    [InlineData("::1", 2222, "[::1]:2222")]
    public void Host_names_are_lowercase_and_bracketed_off_port_22(string host, int port, string name) =>
        Assert.Equal(name, SshPublicKey.HostName(host, port));
}
