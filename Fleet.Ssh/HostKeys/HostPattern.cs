using System.Security.Cryptography;
using System.Text;

namespace Fleet.Ssh.HostKeys;

/// <summary>
/// The host field of a known_hosts line, matched as OpenSSH does: either a hashed name
/// (<c>|1|base64(salt)|base64(HMAC-SHA1(salt, name))</c>) that matches exactly one name, or a comma-separated list
/// of patterns with <c>*</c> and <c>?</c> wildcards, where any matching <c>!pattern</c> vetoes the line.
/// </summary>
internal sealed class HostPattern
{
    /// <summary>The prefix of a hashed host field; <c>1</c> is HMAC-SHA1, the only kind OpenSSH writes or reads.</summary>
    public const string HashMagic = "|1|";

    private const int Sha1Length = 20;

    private readonly string[]? patterns;
    private readonly byte[]? salt;
    private readonly byte[]? hash;

    private HostPattern(string[]? patterns, byte[]? salt, byte[]? hash)
    {
        this.patterns = patterns;
        this.salt = salt;
        this.hash = hash;
    }

    /// <summary>Whether the field is a hashed name rather than a pattern list.</summary>
    public bool IsHashed => hash is not null;

    /// <summary>Reads a host field.</summary>
    /// <param name="field">The first field of a known_hosts line (after any marker).</param>
    /// <returns>The pattern, or null when the field is hashed but malformed, which OpenSSH skips as a bad line.</returns>
    public static HostPattern? Parse(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (!field.StartsWith('|'))
        {
            // OpenSSH lowercases each pattern as it compares; doing it once here is the same.
            return new HostPattern(field.ToLowerInvariant().Split(','), null, null);
        }
        // Any other '|' prefix is an unknown hash scheme, which OpenSSH also rejects.
        if (!field.StartsWith(HashMagic, StringComparison.Ordinal)) return null;
        var rest = field.AsSpan(HashMagic.Length);
        var bar = rest.IndexOf('|');
        if (bar < 0) return null;
        var salt = FromBase64(rest[..bar]);
        var hash = FromBase64(rest[(bar + 1)..]);
        return salt is { Length: Sha1Length } && hash is { Length: Sha1Length } ? new HostPattern(null, salt, hash) : null;
    }

    /// <summary>Whether the line applies to a host.</summary>
    /// <param name="hostName">The lookup name, as <see cref="SshPublicKey.HostName"/> makes it.</param>
    /// <returns>True when a hashed field hashes to this name, or when a pattern matches and no negated pattern does.</returns>
    public bool Matches(string hostName)
    {
        ArgumentNullException.ThrowIfNull(hostName);
        var name = hostName.ToLowerInvariant();
        if (hash is not null)
        {
            return CryptographicOperations.FixedTimeEquals(Hmac(salt!, name), hash);
        }
        var matched = false;
        foreach (var pattern in patterns!)
        {
            if (pattern.StartsWith('!'))
            {
                // A negation decides at once: "!bastion,*" means every host but bastion.
                if (Glob(name, pattern.AsSpan(1))) return false;
            }
            else if (!matched && Glob(name, pattern))
            {
                matched = true;
            }
        }
        return matched;
    }

    /// <summary>The hashed host field for a name, as <c>ssh-keygen -H</c> and <c>HashKnownHosts yes</c> write it.</summary>
    /// <param name="salt">20 random bytes.</param>
    /// <param name="hostName">The lookup name, as <see cref="SshPublicKey.HostName"/> makes it.</param>
    /// <returns><c>|1|base64(salt)|base64(HMAC-SHA1(salt, hostName))</c>.</returns>
    public static string Hash(byte[] salt, string hostName)
    {
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(hostName);
        if (salt.Length != Sha1Length) throw new ArgumentException($"the salt must be {Sha1Length} bytes", nameof(salt));
        return HashMagic + Convert.ToBase64String(salt) + "|" + Convert.ToBase64String(Hmac(salt, hostName.ToLowerInvariant()));
    }

    /// <summary>OpenSSH's <c>match_pattern</c>: <c>*</c> matches any run of characters, <c>?</c> exactly one, over the whole name.</summary>
    /// <param name="name">The (lowercase) name.</param>
    /// <param name="pattern">The (lowercase) pattern.</param>
    /// <returns>Whether the whole name matches the whole pattern.</returns>
    public static bool Glob(ReadOnlySpan<char> name, ReadOnlySpan<char> pattern)
    {
        // Greedy matching that backtracks only to the last '*': linear in practice, and no recursion for a
        // hostile pattern like "*a*a*a*a*b" to blow up on.
        int n = 0, p = 0, starP = -1, starN = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == name[n]))
            {
                n++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starN = n;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                n = ++starN;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    private static byte[] Hmac(byte[] key, string name) => HMACSHA1.HashData(key, Encoding.UTF8.GetBytes(name));

    private static byte[]? FromBase64(ReadOnlySpan<char> text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64Chars(text, buffer, out var written) ? buffer[..written] : null;
    }
}
