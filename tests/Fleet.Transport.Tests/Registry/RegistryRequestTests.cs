using Fleet.Tests.Shared.Etcd;
using System.Text.RegularExpressions;
using Fleet.Transport.Etcd;
using Fleet.Transport.Registry;
using Microsoft.Extensions.Logging;

namespace Fleet.Transport.Tests.Registry;

/// <summary>
/// The etcd requests the registry driver makes, read from the keys client's log (request line,
/// form body and etcd's status), against those fleetctl made for the same step: connecting is
/// fleetctl's first read of the machines, and each step's operations follow in fleetctl's order.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed partial class RegistryRequestTests(RegistryFixture fixture)
{
    public static TheoryData<string, string, string> Steps() => new()
    {
        // step, the step whose keyspace came before it, what the driver is asked
        { "017", "016", "submit hello.service" },
        { "020", "019", "list units" },
        { "022", "020", "get hello.service" },
        { "034", "033", "list states and machines" },
        { "052", "051", "list units, destroy pong.service" },
        { "070", "069", "submit hello.service under /otherfleet/" },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task The_driver_sends_fleetctls_requests_in_fleetctls_order(string number, string before, string what)
    {
        await fixture.ClearAsync();
        await using (var etcd = fixture.Keys()) await ReferenceStep.Load(before).SeedAsync(etcd);
        var logger = new CapturingLogger(LogLevel.Trace);
        var prefix = what.EndsWith("/otherfleet/", StringComparison.Ordinal) ? "/otherfleet/" : FleetRegistryOptions.DefaultKeyPrefix;
        var options = new FleetRegistryOptions { KeyPrefix = prefix, Etcd = new EtcdClientOptions { Logger = logger } };

        await using (var client = await fixture.ConnectAsync(options))
        {
            switch (number)
            {
                case "017" or "070":
                    (await client.CreateUnitAsync("hello.service", ReferenceStep.Unit("hello.service"))).Right();
                    (await client.GetUnitAsync("hello.service")).Right();
                    break;
                case "020":
                    (await client.ListUnitsAsync()).Right();
                    break;
                case "022":
                    (await client.GetUnitAsync("hello.service")).Right();
                    break;
                case "034":
                    (await client.ListUnitStatesAsync()).Right();
                    (await client.ListMachinesAsync()).Right();
                    break;
                case "052":
                    (await client.ListUnitsAsync()).Right();
                    (await client.DestroyUnitAsync("pong.service")).Right();
                    break;
            }
        }

        Assert.Equal(ReferenceStep.Load(number).Requests.Select(WithoutContentType), Sent(logger));
    }

    // "METHOD URI  [TYPE] BODY  -> STATUS" as "METHOD URI BODY -> STATUS"; the keys client's
    // own tests check the content type byte for byte.
    private static string WithoutContentType(string recorded)
    {
        var match = RecordedLine().Match(recorded);
        Assert.True(match.Success, recorded);
        var body = match.Groups["body"].Value.Trim() is { Length: > 0 } sent ? " " + sent : "";
        return $"{match.Groups["method"].Value} {match.Groups["uri"].Value}{body} -> {match.Groups["status"].Value}";
    }

    private static List<string> Sent(CapturingLogger logger)
    {
        var sent = new List<string>();
        string? body = null;
        foreach (var (_, message) in logger.Lines.ToList())
        {
            if (BodyLine().Match(message) is { Success: true } withBody)
            {
                body = withBody.Groups["body"].Value;
                continue;
            }
            if (ExchangeLine().Match(message) is { Success: true } exchange)
            {
                var shown = string.IsNullOrEmpty(body) ? "" : " " + body;
                sent.Add($"{exchange.Groups["method"].Value} {exchange.Groups["target"].Value}{shown} -> {exchange.Groups["status"].Value}");
                body = null;
            }
        }
        return sent;
    }

    [GeneratedRegex(@"^(?<method>\S+) (?<uri>\S+)(?:  \[[^\]]*\] ?(?<body>.*))?  -> (?<status>\d+)$")]
    private static partial Regex RecordedLine();

    [GeneratedRegex(@"^(?<method>\S+) (?<target>\S+) -> (?<status>\d+) in ")]
    private static partial Regex ExchangeLine();

    [GeneratedRegex(@"^request body of \S+ \S+: (?<body>.*)$", RegexOptions.Singleline)]
    private static partial Regex BodyLine();
}
