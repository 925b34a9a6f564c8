using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Fleet.Cli.Parsing;

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
        if (GoIntegers.Refusal(text, name, out var value) is not { } refusal) return value;
        result.AddError(refusal);
        return null;
    }

    /// <summary>fleetctl's <c>findSSHPort</c>: the port added to an address that has none, unless it is 22.</summary>
    /// <param name="address">A machine's address, which may carry its own port.</param>
    /// <param name="port">The <c>--ssh-port</c> value.</param>
    /// <returns>The address to dial.</returns>
    public static string WithSshPort(string address, long port) =>
        port != DefaultSshPort && !address.Contains(':', StringComparison.Ordinal)
            ? $"{address}:{port.ToString(CultureInfo.InvariantCulture)}"
            : address;
}
