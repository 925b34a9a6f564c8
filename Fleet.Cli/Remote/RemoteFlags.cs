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
    public static Option<int?> SshPort() => Integer("--ssh-port", "Connect to remote hosts over SSH using this TCP port.");

    /// <summary>An integer flag that reads its value as Go's <c>strconv.ParseInt(s, 0, 64)</c> does; null when not given.</summary>
    /// <param name="name">The flag, with its dashes.</param>
    /// <param name="description">What it does.</param>
    /// <returns>The option.</returns>
    public static Option<int?> Integer(string name, string description) => new(name) { Description = description, CustomParser = ParseInteger };

    private static int? ParseInteger(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        var name = result.Parent is OptionResult option ? option.Option.Name : "";
        var (value, problem) = GoInteger(text);
        if (problem is null) return value;
        result.AddError($"invalid argument {Quote(text)} for {Quote(name)} flag: strconv.ParseInt: parsing {Quote(text)}: {problem}");
        return null;
    }

    // Base 0: a sign, then 0x, 0o, 0b or a leading 0 (octal) choose the base; underscores may separate digits.
    // The flag is an int, as pflag's IntVar keeps it, so a value past 64 bits is out of range and one past 32 wraps as Go's int(v) does on a 64-bit machine.
    private static (int Value, string? Problem) GoInteger(string text)
    {
        var digits = text;
        var negative = false;
        if (digits.StartsWith('+') || digits.StartsWith('-'))
        {
            negative = digits[0] == '-';
            digits = digits[1..];
        }
        var numberBase = 10;
        if (digits.Length > 1 && digits[0] == '0')
        {
            (numberBase, digits) = char.ToLowerInvariant(digits[1]) switch
            {
                'x' => (16, digits[2..]),
                'o' => (8, digits[2..]),
                'b' => (2, digits[2..]),
                _ => (8, digits[1..]),
            };
        }
        // Go accepts underscores only with a base prefix, between digits.
        if (digits.Contains('_', StringComparison.Ordinal))
        {
            if (numberBase == 10 || digits.StartsWith('_') || digits.EndsWith('_') || digits.Contains("__", StringComparison.Ordinal)) return (0, "invalid syntax");
            digits = digits.Replace("_", "", StringComparison.Ordinal);
        }
        if (digits.Length == 0) return (0, "invalid syntax");
        System.Numerics.BigInteger magnitude = 0;
        foreach (var c in digits)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'z' => c - 'a' + 10,
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => int.MaxValue,
            };
            if (digit >= numberBase) return (0, "invalid syntax");
            magnitude = (magnitude * numberBase) + digit;
        }
        var signed = negative ? -magnitude : magnitude;
        if (signed > long.MaxValue || signed < long.MinValue) return (0, "value out of range");
        return (unchecked((int)(long)signed), null);
    }

    private static string Quote(string text) => Core.Text.GoQuoting.Quote(text);

    /// <summary>fleetctl's <c>findSSHPort</c>: the port added to an address that has none, unless it is 22.</summary>
    /// <param name="address">A machine's address, which may carry its own port.</param>
    /// <param name="port">The <c>--ssh-port</c> value.</param>
    /// <returns>The address to dial.</returns>
    public static string WithSshPort(string address, int port) =>
        port != DefaultSshPort && !address.Contains(':', StringComparison.Ordinal)
            ? $"{address}:{port.ToString(CultureInfo.InvariantCulture)}"
            : address;
}
