using System.Net.Sockets;
using System.Text;
using Fleet.Core;
using Fleet.UnitFiles;

namespace Fleet.Transport.Tests.Api;

public sealed class UnitOperationTests
{
    private const string HelloText = "[Unit]\nDescription=Hello\n\n[Service]\nExecStart=/bin/sleep 1d\n";
    private static readonly UnitOption[] Exec = [new("Service", "ExecStart", "/bin/true")];

    private static UnitFile Hello => UnitFile.Parse(HelloText).Right();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_unit_is_created_read_changed_and_destroyed(bool unix)
    {
        await using var scope = await ClientScope.StartAsync(unix);
        var client = scope.Client;

        (await client.CreateUnitAsync("hello.service", Hello, DesiredState.Launched)).Right();
        var created = (await client.GetUnitAsync("hello.service")).Right();
        (await client.SetDesiredStateAsync(created, DesiredState.Loaded)).Right();
        var loaded = (await client.GetUnitAsync("hello.service")).Right();
        (await client.DestroyUnitAsync(loaded)).Right();
        var gone = (await client.GetUnitAsync("hello.service")).Left();

        Assert.Equal(Hello.Options, created.Options);
        Assert.Equal((DesiredState.Launched, DesiredState.Launched), (created.DesiredState, created.CurrentState));
        Assert.NotNull(created.MachineId);
        Assert.Equal((DesiredState.Loaded, DesiredState.Loaded), (loaded.DesiredState, loaded.CurrentState));
        Assert.Equal((ErrorKind.Http, 404, "unit does not exist"), (gone.Kind, gone.Code, gone.Message));
        Assert.Equal(404, (await client.DestroyUnitAsync("hello.service")).Left().Code);
    }

    [Fact]
    public async Task Creating_again_with_other_options_replaces_the_unit()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);

        (await scope.Client.CreateUnitAsync("hello.service", Hello, DesiredState.Inactive)).Right();
        (await scope.Client.CreateUnitAsync("hello.service", Exec, DesiredState.Launched)).Right();

        var unit = (await scope.Client.GetUnitAsync("hello.service")).Right();
        Assert.Equal(Exec, unit.Options);
        Assert.Equal(DesiredState.Launched, unit.DesiredState);
    }

    [Fact]
    public async Task Setting_the_state_of_a_unit_fleet_does_not_have_is_fleets_409()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);

        var error = (await scope.Client.SetDesiredStateAsync("ghost.service", DesiredState.Launched)).Left();

        Assert.Equal((ErrorKind.Http, 409, "unit does not exist and options field empty"), (error.Kind, error.Code, error.Message));
    }

    [Fact]
    public async Task A_template_can_be_submitted_but_not_activated()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        (await scope.Client.CreateUnitAsync("web@.service", Exec, DesiredState.Inactive)).Right();

        var error = (await scope.Client.SetDesiredStateAsync("web@.service", DesiredState.Launched)).Left();

        Assert.Equal((400, "cannot activate template \"web@.service\""), (error.Code, error.Message));
    }

    [Theory]
    [InlineData("", "unit name cannot be empty")]
    [InlineData("hello", "unit name must contain \".\"")]
    [InlineData("a b.service", "invalid character ' ' in unit name")]
    [InlineData("hello.service\r\nX: y", "")]
    [InlineData("../../machines.service", "")]
    public async Task Names_fleet_would_refuse_never_reach_the_wire(string name, string message)
    {
        var log = new CapturingLogger(Microsoft.Extensions.Logging.LogLevel.Debug);
        await using var scope = await ClientScope.StartAsync(unix: true, clientOptions: new FleetClientOptions { Logger = log });
        var exchanges = log.Lines.Count;
        Assert.True(exchanges > 0, "connecting logs its discovery exchange");

        var errors = new[]
        {
            (await scope.Client.GetUnitAsync(name)).Left(),
            (await scope.Client.CreateUnitAsync(name, Exec, DesiredState.Launched)).Left(),
            (await scope.Client.SetDesiredStateAsync(name, DesiredState.Loaded)).Left(),
            (await scope.Client.DestroyUnitAsync(name)).Left(),
            (await scope.Client.GetUnitStateAsync(name)).Left(),
        };

        Assert.All(errors, error => Assert.Equal(ErrorKind.Validation, error.Kind));
        Assert.All(errors, error => Assert.Equal(errors[0].Message, error.Message));
        if (message.Length > 0) Assert.Equal(message, errors[0].Message);
        Assert.Equal(exchanges, log.Lines.Count);
    }

    [Fact]
    public async Task Options_fleet_would_refuse_are_refused_before_sending_with_fleets_message()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        UnitOption[] conflicting = [.. Exec, new("X-Fleet", "Global", "true"), new("X-Fleet", "MachineID", "222f532fc7580e18ebfca1f8614c8086")];

        var local = (await scope.Client.CreateUnitAsync("both.service", conflicting, DesiredState.Launched)).Left();
        var empty = (await scope.Client.CreateUnitAsync("none.service", [], DesiredState.Launched)).Left();

        Assert.Equal((ErrorKind.Validation, "MachineID cannot be used with Global"), (local.Kind, local.Message));
        Assert.Equal(ErrorKind.Validation, empty.Kind);
        Assert.Contains("options field empty", empty.Message, StringComparison.Ordinal);
        Assert.Empty(scope.Server.Cluster.Units);
    }

    [Theory]
    [InlineData(42)]
    [InlineData(-1)]
    public async Task A_desired_state_outside_the_enum_is_refused_naming_it_and_the_unit_is_left_as_it_was(int value)
    {
        var state = (DesiredState)value;
        var log = new CapturingLogger(Microsoft.Extensions.Logging.LogLevel.Debug);
        await using var scope = await ClientScope.StartAsync(unix: true, clientOptions: new FleetClientOptions { Logger = log });
        (await scope.Client.CreateUnitAsync("hello.service", Hello, DesiredState.Loaded)).Right();
        var unit = (await scope.Client.GetUnitAsync("hello.service")).Right();
        var exchanges = log.Lines.Count;

        var errors = new[]
        {
            (await scope.Client.SetDesiredStateAsync("hello.service", state)).Left(),
            (await scope.Client.SetDesiredStateAsync(unit, state)).Left(),
            (await scope.Client.CreateUnitAsync("hello.service", Exec, state)).Left(),
            (await scope.Client.CreateUnitAsync("hello.service", Hello, state)).Left(),
            (await scope.Client.CreateUnitAsync("other.service", Exec, state)).Left(),
            (await scope.Client.CreateUnitAsync("other.service", Hello, state)).Left(),
        };

        Assert.All(errors, error => Assert.Equal(
            (ErrorKind.Validation, $"desiredState {value} is not a DesiredState: state must be one of: ['inactive', 'loaded', 'launched']"),
            (error.Kind, error.Message)));
        Assert.Equal(exchanges, log.Lines.Count);
        var after = Assert.Single(scope.Server.Cluster.Units);
        Assert.Equal(("hello.service", Hello.Options, DesiredState.Loaded), (after.Name, after.Options, after.DesiredState));
    }

    [Theory]
    [InlineData(42)]
    [InlineData(-1)]
    public async Task A_desired_state_outside_the_enum_never_reaches_the_wire(int value)
    {
        var state = (DesiredState)value;
        var missing = "{\"error\":{\"code\":404,\"message\":\"unit does not exist\"}}";
        // Enough answers that a request sent by mistake is answered and recorded, not left hanging.
        await using var server = new ScriptedServer([ScriptedAnswer(200, "{\"id\":\"fleet:v1\"}"), .. Enumerable.Repeat(ScriptedAnswer(404, missing), 40)], closeAfter: false);
        await using var client = (await FleetClient.ConnectAsync($"http://127.0.0.1:{server.Port}")).Right();
        var plan = new UnitPlan([new PlannedChange("hello.service", UnitChange.Created, Hello, null, state)]);

        var errors = new[]
        {
            (await client.SetDesiredStateAsync("hello.service", state)).Left(),
            (await client.SetDesiredStateAsync(new FleetUnit("hello.service"), state)).Left(),
            (await client.CreateUnitAsync("hello.service", Exec, state)).Left(),
            (await client.CreateUnitAsync("hello.service", Hello, state)).Left(),
            (await client.EnsureUnitAsync("hello.service", Hello, state)).Left(),
            (await client.EnsureDesiredStateAsync("hello.service", state)).Left(),
            (await client.WaitForUnitAsync("hello.service", state)).Left(),
            (await client.PlanAsync([new UnitSource("hello.service", Hello)], new PlanOptions { DesiredState = state })).Left(),
            (await client.ApplyAsync(plan)).Left(),
        };

        Assert.All(errors, error => Assert.Equal(ErrorKind.Validation, error.Kind));
        Assert.All(errors, error => Assert.Contains($" {value} is not a DesiredState", error.Message, StringComparison.Ordinal));
        Assert.Equal(["GET /fleet/v1/discovery HTTP/1.1"], server.Requests.Select(request => request.Split("\r\n")[0]));
    }

    [Fact]
    public async Task An_option_holding_half_of_a_surrogate_pair_is_refused_before_sending()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        UnitOption[] lone = [new("Service", "ExecStart", "/bin/echo \ud800")];

        var error = (await scope.Client.CreateUnitAsync("hello.service", lone, DesiredState.Launched)).Left();

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.EndsWith("must be valid Unicode text: half of a surrogate pair cannot be sent", error.Message, StringComparison.Ordinal);
        Assert.Empty(scope.Server.Cluster.Units);
    }

    [Fact]
    public async Task A_unit_stored_with_a_desired_state_fleet_cannot_parse_is_fleets_500_explained()
    {
        await using var scope = await ClientScope.StartAsync(unix: false);
        (await scope.Client.CreateUnitAsync("odd.service", Exec, DesiredState.Inactive)).Right();
        // fleet stores an existing unit's desired state unchecked; only a raw request can send one.
        var body = "{\"desiredState\":\"sideways\"}";
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync(scope.Server.TcpEndPoint!);
            await socket.SendAsync(Encoding.ASCII.GetBytes($"PUT /fleet/v1/units/odd.service HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"));
            var answer = new byte[1024];
            Assert.StartsWith("HTTP/1.1 204", Encoding.ASCII.GetString(answer, 0, await socket.ReceiveAsync(answer)), StringComparison.Ordinal);
        }

        var error = (await scope.Client.GetUnitAsync("odd.service")).Left();

        Assert.Equal((ErrorKind.Http, 500), (error.Kind, error.Code));
        Assert.Contains("desired state fleet cannot parse", error.Message, StringComparison.Ordinal);
    }

    private static byte[] ScriptedAnswer(int status, string json) =>
        ScriptedServer.Bytes($"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {json.Length}\r\n\r\n{json}");
}
