using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Fleet.Cli.Remote;

/// <summary>The flags fleetctl's remote commands take, parsed as pflag parses them.</summary>
internal static class RemoteFlags
{
    /// <summary>fleetctl's default SSH port.</summary>
    public const int DefaultSshPort = 22;

    /// <summary><c>--ssh-port</c>: the port of the machines' SSH servers; null when not given.</summary>
    /// <returns>The option.</returns>
    public static Option<long?> SshPort() => Integer("--ssh-port", "Connect to remote hosts over SSH using this TCP port.");

    /// <summary>
    /// An integer flag that reads its value as pflag's int flags do, with Go's
    /// <c>strconv.ParseInt(s, 0, 64)</c>, and refuses one in pflag's words; null when not given.
    /// </summary>
    /// <param name="name">The flag, with its dashes.</param>
    /// <param name="description">What it does.</param>
    /// <returns>The option.</returns>
    public static Option<long?> Integer(string name, string description) => new(name) { Description = description, CustomParser = ParseInteger };

    private static long? ParseInteger(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        var name = result.Parent is OptionResult option ? option.Option.Name : "";
        var (value, problem) = GoInteger(text);
        if (problem is null) return value;
        // pflag's setFlag: invalid argument "VALUE" for ARG: ERROR.
        result.AddError($"invalid argument {Quote(text)} for {name}: strconv.ParseInt: parsing {Quote(text)}: {problem}");
        return null;
    }

    // Go's strconv.ParseInt(s, 0, 64): a sign; then 0b, 0o or 0x (with a digit after it) or a
    // leading 0 (octal) choose the base; underscores as in Go's literals (1_000, 0x_1f).
    private static (long Value, string? Problem) GoInteger(string text)
    {
        const string syntax = "invalid syntax";
        if (text.Length == 0) return (0, syntax);
        var negative = text[0] == '-';
        var unsigned = text[0] is '+' or '-' ? text[1..] : text;
        if (unsigned.Length == 0) return (0, syntax);
        var numberBase = 10;
        var digits = unsigned;
        if (unsigned[0] == '0')
        {
            (numberBase, digits) = unsigned.Length >= 3 ? char.ToLowerInvariant(unsigned[1]) switch
            {
                'b' => (2, unsigned[2..]),
                'o' => (8, unsigned[2..]),
                'x' => (16, unsigned[2..]),
                _ => (8, unsigned[1..]),
            } : (8, unsigned[1..]);
        }
        System.Numerics.BigInteger magnitude = 0;
        var underscores = false;
        foreach (var c in digits)
        {
            if (c == '_')
            {
                underscores = true;
                continue;
            }
            var digit = char.ToLowerInvariant(c) switch
            {
                >= '0' and <= '9' and var d => d - '0',
                >= 'a' and <= 'z' and var l => l - 'a' + 10,
                _ => int.MaxValue,
            };
            if (digit >= numberBase) return (0, syntax);
            magnitude = (magnitude * numberBase) + digit;
        }
        if (underscores && !UnderscoresAllowed(unsigned)) return (0, syntax);
        var signed = negative ? -magnitude : magnitude;
        return signed > long.MaxValue || signed < long.MinValue ? (0, "value out of range") : ((long)signed, null);
    }

    // Go's underscoreOK: each underscore between two digits, or between a base prefix and a digit.
    private static bool UnderscoresAllowed(string text)
    {
        var saw = '^';
        var i = 0;
        var hex = false;
        if (text.Length >= 2 && text[0] == '0' && char.ToLowerInvariant(text[1]) is 'b' or 'o' or 'x')
        {
            hex = char.ToLowerInvariant(text[1]) == 'x';
            i = 2;
            saw = '0';
        }
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '0' and <= '9' || (hex && char.ToLowerInvariant(c) is >= 'a' and <= 'f'))
            {
                saw = '0';
                continue;
            }
            if (c == '_')
            {
                if (saw != '0') return false;
                saw = '_';
                continue;
            }
            if (saw == '_') return false;
            saw = '!';
        }
        return saw != '_';
    }

    private static string Quote(string text) => Core.Text.GoQuoting.Quote(text);

    /// <summary>fleetctl's <c>findSSHPort</c>: the port added to an address that has none, unless it is 22.</summary>
    /// <param name="address">A machine's address, which may carry its own port.</param>
    /// <param name="port">The <c>--ssh-port</c> value.</param>
    /// <returns>The address to dial.</returns>
    public static string WithSshPort(string address, long port) =>
        port != DefaultSshPort && !address.Contains(':', StringComparison.Ordinal)
            ? $"{address}:{port.ToString(CultureInfo.InvariantCulture)}"
            : address;
}
