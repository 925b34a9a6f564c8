using System.Globalization;
using System.Text.RegularExpressions;
using Fleet.Cli.Lifecycle;
using Fleet.Cli.Output;
using Fleet.Core;

namespace Fleet.Cli.Parsing;

/// <summary>
/// fleetctl's <c>checkVersion</c>, made by its etcd driver before every command: the machines'
/// registered fleet versions against fleetctl's own. A newer one is warned about on stderr and
/// the command runs; a failed check is only logged. The API driver makes none.
/// </summary>
internal static partial class RegistryVersionCheck
{
    private const string Warning =
        "####################################################################\n" +
        "WARNING: fleetctl ({0}) is older than the latest registered\n" +
        "version of fleet found in the cluster ({1}). You are strongly\n" +
        "recommended to upgrade fleetctl to prevent incompatibility issues.\n" +
        "####################################################################\n";

    /// <summary>Reads the machines and says what fleetctl would; nothing for fleet's API.</summary>
    /// <param name="setup">The client setup.</param>
    /// <param name="context">Where the warning or the log line goes.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    public static async Task RunAsync(ClientSetup setup, CliContext context, CancellationToken cancellationToken)
    {
        if (setup.Registry is null) return;
        var machines = await FleetConnection.UseAsync(setup, (client, token) => client.ListMachinesAsync(token), cancellationToken).ConfigureAwait(false);
        if (machines.Failed(out var listed, out var error))
        {
            var log = new FleetctlLog(TimeProvider.System);
            context.Error(log.Line("ERROR", "fleetctl.go:211", $"error attempting to check latest fleet version in Registry: {RequestErrors.Registry(error)}"));
            return;
        }
        var own = Parse(FleetctlVersion.Version.TrimStart('v'))!;
        var latest = listed.Select(m => Parse(m.Version)).Where(v => v is not null).Max(Comparer);
        if (latest is not null && Comparer.Compare(own, latest) < 0) context.Error(string.Format(CultureInfo.InvariantCulture, Warning, own.Text, latest.Text));
    }

    // go-semver's NewVersion: MAJOR.MINOR.PATCH with an optional pre-release and build; no leading v.
    private static SemVersion? Parse(string? text)
    {
        if (text is null || SemVer().Match(text) is not { Success: true } match) return null;
        return new SemVersion(text, long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture), match.Groups[4].Value);
    }

    private static readonly Comparer<SemVersion?> Comparer = Comparer<SemVersion?>.Create((a, b) =>
    {
        if (a is null || b is null) return a is null ? (b is null ? 0 : -1) : 1;
        var order = (a.Major, a.Minor, a.Patch).CompareTo((b.Major, b.Minor, b.Patch));
        if (order != 0) return order;
        // A pre-release comes before its release. go-semver orders two pre-releases identifier by
        // identifier; ordinal order agrees with it for the versions fleet was released as.
        if (a.PreRelease.Length == 0 || b.PreRelease.Length == 0) return (a.PreRelease.Length == 0).CompareTo(b.PreRelease.Length == 0);
        return string.CompareOrdinal(a.PreRelease, b.PreRelease);
    });

    [GeneratedRegex(@"^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemVer();

    private sealed record SemVersion(string Text, long Major, long Minor, long Patch, string PreRelease);
}
