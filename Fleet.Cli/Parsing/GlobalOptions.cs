using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Fleet.Cli.Parsing;

/// <summary>
/// fleetctl's persistent flags (fleetctl.go), recognised on every command. Values have no
/// defaults here: a flag that was not given is null, so <see cref="SettingsBuilder"/> can let
/// <c>FLEETCTL_*</c> variables fill it, as fleetctl's <c>getFlagsFromEnv</c> does.
/// </summary>
internal sealed class GlobalOptions
{
    public Option<string?> Endpoint { get; } = Text("--endpoint");
    public Option<string?> Tunnel { get; } = Text("--tunnel");
    public Option<string?> SshUsername { get; } = Text("--ssh-username");
    public Option<string?> KnownHostsFile { get; } = Text("--known-hosts-file");
    public Option<bool?> StrictHostKeyChecking { get; } = Flag("--strict-host-key-checking");
    public Option<double?> SshTimeout { get; } = Seconds("--ssh-timeout");
    public Option<double?> RequestTimeout { get; } = Seconds("--request-timeout");
    public Option<string?> CaFile { get; } = Text("--ca-file");
    public Option<string?> CertFile { get; } = Text("--cert-file");
    public Option<string?> KeyFile { get; } = Text("--key-file");
    public Option<bool?> Debug { get; } = Flag("--debug");
    public Option<string?> Driver { get; } = Text("--driver");
    public Option<bool?> Version { get; } = Flag("--version");
    public Option<bool?> Help { get; } = Flag("--help");
    public Option<bool?> HelpShort { get; } = Flag("--h");

    // pflag answers an undefined -h with its help error, which cobra turns into the command's help.
    public Option<bool?> HelpDash { get; } = Flag("-h");

    // Accepted because fleetctl accepts them; the etcd driver they serve is not offered here.
    public Option<string?> EtcdKeyPrefix { get; } = Text("--etcd-key-prefix");
    public Option<bool?> ExperimentalApi { get; } = Flag("--experimental-api");

    // fleetctl binds these deprecated names to the same variables as --key-file, --cert-file and --ca-file.
    public Option<string?> EtcdKeyFile { get; } = Text("--etcd-keyfile");
    public Option<string?> EtcdCertFile { get; } = Text("--etcd-certfile");
    public Option<string?> EtcdCaFile { get; } = Text("--etcd-cafile");

    /// <summary>Every flag, to add to the root command.</summary>
    public IEnumerable<Option> All =>
    [
        Endpoint, Tunnel, SshUsername, KnownHostsFile, StrictHostKeyChecking, SshTimeout, RequestTimeout,
        CaFile, CertFile, KeyFile, Debug, Driver, Version, Help, HelpShort, HelpDash, EtcdKeyPrefix, ExperimentalApi,
        EtcdKeyFile, EtcdCertFile, EtcdCaFile,
    ];

    private static Option<string?> Text(string name)
    {
        var option = PflagText.Create(name);
        option.Recursive = true;
        return option;
    }

    private static Option<bool?> Flag(string name)
    {
        var option = GoBooleanFlags.Create(name);
        option.Recursive = true;
        return option;
    }

    private static Option<double?> Seconds(string name) => new(name)
    {
        Recursive = true,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        CustomParser = ParseSeconds,
    };

    // Each value in turn, as pflag sets the flag each time it is given: the first refused one is
    // the error, else the last one is the value.
    private static double? ParseSeconds(ArgumentResult result)
    {
        double value = 0;
        foreach (var text in result.Tokens.Select(token => token.Value))
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) continue;
            result.AddError(ParseErrors.InvalidArgument(text, OptionName(result), "strconv.ParseFloat"));
            return null;
        }
        return value;
    }

    private static string OptionName(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : "";
}
