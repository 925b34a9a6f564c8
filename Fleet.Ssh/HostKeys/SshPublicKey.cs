using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Fleet.Ssh.HostKeys;

/// <summary>Pure helpers about an SSH public key blob (RFC 4253 wire format: a length-prefixed type string, then the key's fields).</summary>
internal static class SshPublicKey
{
    /// <summary>The key type named at the start of the blob, such as <c>ssh-ed25519</c>, <c>ssh-rsa</c> or <c>ecdsa-sha2-nistp256</c>.</summary>
    /// <param name="blob">The public key blob, as a server sends it and known_hosts holds it in base64.</param>
    /// <returns>The type, or <c>""</c> when the blob does not start with a printable length-prefixed string.</returns>
    public static string KeyType(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < 4) return "";
        var length = BinaryPrimitives.ReadUInt32BigEndian(blob);
        if (length == 0 || length > (uint)(blob.Length - 4)) return "";
        var name = blob.Slice(4, (int)length);
        // Type names are printable ASCII without spaces (RFC 4251 section 6); anything else is not a key blob.
        foreach (var b in name)
        {
            if (b is < 0x21 or > 0x7e) return "";
        }
        return Encoding.ASCII.GetString(name);
    }

    /// <summary>The fingerprint exactly as <c>ssh-keygen -l</c> and ssh's prompts print it.</summary>
    /// <param name="blob">The public key blob.</param>
    /// <returns><c>SHA256:</c> and the unpadded base64 of the blob's SHA-256.</returns>
    public static string FingerprintSha256(ReadOnlySpan<byte> blob) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');

    /// <summary>The fingerprint as fleetctl and ssh before OpenSSH 6.8 print it.</summary>
    /// <param name="blob">The public key blob.</param>
    /// <returns>The MD5 of the blob as lowercase hex bytes joined by colons, without an <c>MD5:</c> prefix.</returns>
    public static string FingerprintMd5(ReadOnlySpan<byte> blob)
    {
        // MD5 only names a key for a person to compare, as fleetctl's prompt does; it protects nothing here.
#pragma warning disable CA5351
        var hash = MD5.HashData(blob);
#pragma warning restore CA5351
        return string.Join(':', hash.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The short name ssh uses for a key type in its messages ("ED25519 key fingerprint is ...").</summary>
    /// <param name="keyType">A key type or signature algorithm, such as <c>ssh-ed25519</c> or <c>rsa-sha2-256</c>.</param>
    /// <returns><c>ED25519</c>, <c>RSA</c>, <c>ECDSA</c>, <c>DSA</c>, their <c>-SK</c> and <c>-CERT</c> forms, or the type itself when unknown.</returns>
    public static string DisplayType(string keyType)
    {
        ArgumentNullException.ThrowIfNull(keyType);
        const string certSuffix = "-cert-v01@openssh.com";
        var cert = keyType.EndsWith(certSuffix, StringComparison.Ordinal);
        var plain = cert ? keyType[..^certSuffix.Length] : keyType;
        var name = plain switch
        {
            "ssh-ed25519" => "ED25519",
            "ssh-rsa" or "rsa-sha2-256" or "rsa-sha2-512" => "RSA",
            "ssh-dss" => "DSA",
            "sk-ssh-ed25519@openssh.com" => "ED25519-SK",
            "sk-ecdsa-sha2-nistp256@openssh.com" => "ECDSA-SK",
            _ when plain.StartsWith("ecdsa-sha2-", StringComparison.Ordinal) => "ECDSA",
            _ => null,
        };
        return name is null ? keyType : cert ? name + "-CERT" : name;
    }

    /// <summary>The name ssh looks a host up by in known_hosts.</summary>
    /// <param name="host">A host name or address, in any case.</param>
    /// <param name="port">The SSH port.</param>
    /// <returns>The lowercase host for port 22, else <c>[host]:port</c>.</returns>
    public static string HostName(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        // ssh lowercases the name before lookup, and writes non-default ports in brackets so that
        // an entry for one port never vouches for a server on another.
        var lower = host.ToLowerInvariant();
        return port == 22 ? lower : $"[{lower}]:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// The kind of key a type names, as OpenSSH compares host keys: every ECDSA curve is one kind,
    /// so a host that presents a nistp256 key where a nistp384 one is known has changed its key.
    /// </summary>
    /// <param name="keyType">A key type such as <c>ecdsa-sha2-nistp384</c>.</param>
    /// <returns><c>ecdsa</c> for any ECDSA curve, else the type itself.</returns>
    public static string Family(string keyType) =>
        keyType.StartsWith("ecdsa-sha2-", StringComparison.Ordinal) ? "ecdsa" : keyType;
}
