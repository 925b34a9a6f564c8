using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fleet.Cli.Tests.Harness;
using Fleet.Tests.Shared;
using Fleet.Tests.Shared.Etcd;
using Fleet.Transport.Etcd;
using EtcdStep = Fleet.Tests.Shared.Etcd.ReferenceStep;

namespace Fleet.Cli.Tests.EtcdDriver;

/// <summary>
/// <c>--driver etcd</c> as a process against a real etcd holding the keyspace fleetctl's etcd
/// driver saw at each reference step: the same output, the same exit code.
/// </summary>
public sealed partial class EtcdDriverTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>
{
    private const string FleetPrefix = "/_coreos.com/fleet";

    private readonly string prefix = $"/cli-{Guid.NewGuid():N}";

    [Theory]
    [InlineData("003")] // list-machines
    [InlineData("004")] // --full
    [InlineData("007")] // an unknown field
    [InlineData("008")] // no units yet
    [InlineData("009")]
    [InlineData("011")] // a machine runs a newer fleet: the warning, then the list
    [InlineData("015")] // "v1.1.0" is no semantic version: no warning
    [InlineData("020")] // list-unit-files
    [InlineData("022")] // cat
    [InlineData("024")] // cat of a unit that is not there
    [InlineData("034")] // list-units
    [InlineData("037")]
    [InlineData("050")]
    [InlineData("051")]
    [InlineData("061")] // a unit fleet's API made
    [InlineData("062")]
    [InlineData("073")] // a dead member first
    [InlineData("078")] // FLEETCTL_DRIVER and FLEETCTL_ENDPOINT
    [InlineData("079")] // the flag wins over FLEETCTL_ENDPOINT
    [InlineData("084")]
    [InlineData("085")]
    public async Task A_reading_step_prints_what_fleetctl_printed(string number)
    {
        var step = EtcdStep.Load(number);
        await SeedAsync(step);

        var result = await RunAsync(number);

        Assert.Equal(step.Text("--- stdout ---"), result.Stdout);
        Assert.Equal(step.Text("--- stderr ---"), Normalized(result.Stderr));
        Assert.Equal(Exit(number), result.ExitCode);
    }

    [Theory]
    [InlineData("074")] // an endpoint without a scheme
    [InlineData("075")] // nothing listens: the version check logs, the command fails
    [InlineData("081")] // without --driver=etcd, the API driver asks etcd for fleet's API
    public async Task A_failing_step_prints_what_fleetctl_printed(string number)
    {
        var step = EtcdStep.Load(number);

        var result = await RunAsync(number);

        Assert.Equal(step.Text("--- stdout ---"), result.Stdout);
        Assert.Equal(step.Text("--- stderr ---"), Normalized(result.Stderr));
        Assert.Equal(Exit(number), result.ExitCode);
    }

    [Fact]
    public async Task A_member_that_never_answers_fails_each_request_after_the_request_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(16);
        var address = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";

        var result = await RunAsync("077", silent: address);

        Assert.Equal(EtcdStep.Load("077").Text("--- stderr ---").Replace("{SILENT}", address, StringComparison.Ordinal), Normalized(result.Stderr));
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Submit_writes_the_unit_as_fleetctl_did_and_a_second_submit_writes_nothing()
    {
        var first = await RunAsync("017");
        var keys = await KeysAsync();
        var again = await RunAsync("018");

        Assert.Equal(EtcdStep.Load("017").Text("--- stdout ---"), first.Stdout);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(
            Keyspace.ClientWritten(EtcdStep.Load("017").Keyspace(), FleetPrefix).Where(line => line.Contains("hello.service", StringComparison.Ordinal) || line.Contains("/unit/", StringComparison.Ordinal)),
            Keyspace.ClientWritten(keys, FleetPrefix));
        Assert.Equal("", again.Stdout + again.Stderr);
        Assert.Equal(keys, await KeysAsync());
    }

    [Fact]
    public async Task Destroying_a_unit_removes_its_job_and_keeps_its_unit_text()
    {
        await SeedAsync(EtcdStep.Load("051"));

        var result = await RunAsync("052");

        Assert.Equal(EtcdStep.Load("052").Text("--- stdout ---"), result.Stdout);
        Assert.Equal(0, result.ExitCode);
        var keys = await KeysAsync();
        Assert.DoesNotContain(keys, line => line.StartsWith($"{FleetPrefix}/job/pong.service/", StringComparison.Ordinal));
        Assert.Contains(keys, line => line.StartsWith($"{FleetPrefix}/unit/", StringComparison.Ordinal));
    }

    // The step's own arguments and variables, with this test's etcd and key prefix.
    private async Task<CliResult> RunAsync(string number, string? silent = null)
    {
        var step = Index()[number];
        var url = etcd.Server.ClientUrl;
        string Place(string text) => text.Replace("{ETCDADDR}", url["http://".Length..], StringComparison.Ordinal).Replace("{ETCD}", url, StringComparison.Ordinal).Replace("{SILENT}", silent ?? "", StringComparison.Ordinal);
        var arguments = step.GetProperty("argv").EnumerateArray().Select(a => Place(a.GetString()!)).ToList();
        var environment = new Dictionary<string, string?> { ["FLEETCTL_ETCD_KEY_PREFIX"] = prefix };
        foreach (var variable in step.GetProperty("env").EnumerateObject()) environment[variable.Name] = Place(variable.Value.GetString()!);
        return await CliProcess.RunAsync(arguments, environment, Path.Combine(EtcdStep.Folder, "units"));
    }

    private async Task SeedAsync(EtcdStep step)
    {
        await using var client = EtcdKeysClient.Create(etcd.Server.ClientUrl).Right();
        foreach (var line in step.Keyspace())
        {
            if (line.EndsWith('/')) continue;
            var at = line.IndexOf(" = ", StringComparison.Ordinal);
            (await client.SetAsync(prefix + line[FleetPrefix.Length..at], line[(at + 3)..])).Right();
        }
    }

    // This test's keyspace, named as if it lay under fleet's own prefix.
    private async Task<List<string>> KeysAsync()
    {
        await using var client = EtcdKeysClient.Create(etcd.Server.ClientUrl).Right();
        return [.. (await Keyspace.ReadAsync(client, prefix)).Select(line => FleetPrefix + line[prefix.Length..])];
    }

    private string Normalized(string stderr) =>
        LogTime().Replace(stderr, "{LOGTIME}").Replace(etcd.Server.ClientUrl, "{ETCD}", StringComparison.Ordinal).Replace(etcd.Server.ClientUrl["http://".Length..], "{ETCDADDR}", StringComparison.Ordinal);

    private static int Exit(string number) => Index()[number].GetProperty("exit").GetInt32();

    private static Dictionary<string, JsonElement> Index() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(EtcdStep.Folder, "index.json"))).RootElement.EnumerateArray()
            .ToDictionary(step => step.GetProperty("id").GetString()![..3]);

    [GeneratedRegex(@"^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}", RegexOptions.Multiline)]
    private static partial Regex LogTime();
}
