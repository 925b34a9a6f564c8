using System.Collections.Concurrent;
using Fleet.Core;
using Fleet.Transport;
using Microsoft.AspNetCore.Http;
using static Fleet.Facade.Tests.Units;

namespace Fleet.Facade.Tests;

/// <summary>Every failure other than fleet's HTTP errors, each from a real cause, as its own exception type.</summary>
public sealed class FailureExceptionTests
{
    [Theory]
    [InlineData("", "unit name cannot be empty")]
    [InlineData("hello", "unit name must contain \".\"")]
    [InlineData("a b.service", "invalid character ' ' in unit name")]
    public async Task Names_fleet_would_refuse_are_argument_exceptions_with_fleets_message(string name, string message)
    {
        await using var scope = await FacadeScope.StartAsync(unix: true);

        var thrown = new Exception[]
        {
            await Assert.ThrowsAsync<FleetArgumentException>(() => scope.Client.GetUnitAsync(name)),
            await Assert.ThrowsAsync<FleetArgumentException>(() => scope.Client.CreateUnitAsync(name, Exec, DesiredState.Launched)),
            await Assert.ThrowsAsync<FleetArgumentException>(() => scope.Client.SetDesiredStateAsync(name, DesiredState.Loaded)),
            await Assert.ThrowsAsync<FleetArgumentException>(() => scope.Client.DestroyUnitAsync(name)),
            await Assert.ThrowsAsync<FleetArgumentException>(() => scope.Client.GetUnitStateAsync(name)),
        };

        Assert.All(thrown, e => Assert.Equal(message, e.Message));
        Assert.All(thrown, e => Assert.IsAssignableFrom<ArgumentException>(e));
        Assert.All(thrown, e => Assert.Equal(ErrorKind.Validation, ((IFleetError)e).Error.Kind));
        Assert.Empty(scope.Server.Cluster.Units);
    }

    [Theory]
    [InlineData("running")]
    [InlineData("Launched")]
    [InlineData("")]
    public async Task A_state_that_is_not_fleets_is_an_argument_exception_in_python_fleets_words(string state)
    {
        await using var scope = await FacadeScope.StartAsync(unix: true);
        var unit = await scope.Client.CreateUnitAsync("hello.service", Exec, DesiredState.Inactive);

        var thrown = new ArgumentException[]
        {
            await Assert.ThrowsAsync<FleetArgumentException>(() => scope.Client.SetDesiredStateAsync("hello.service", state)),
            await Assert.ThrowsAsync<FleetArgumentException>(() => scope.Client.SetDesiredStateAsync(unit, state)),
            await Assert.ThrowsAsync<FleetArgumentException>(() => unit.SetDesiredStateAsync(state)),
        };

        Assert.All(thrown, e => Assert.Equal("state must be one of: ['inactive', 'loaded', 'launched']", e.Message));
        Assert.All(thrown, e => Assert.Equal(DesiredStates.InvalidStateMessage, e.Message));
        Assert.Equal(DesiredState.Inactive, (await scope.Client.GetUnitAsync("hello.service")).DesiredState);
    }

    [Theory]
    [InlineData(42)]
    [InlineData(-1)]
    public async Task A_state_outside_the_enum_is_an_argument_exception_naming_the_parameter_and_nothing_is_sent(int value)
    {
        var state = (DesiredState)value;
        var received = new ConcurrentQueue<string>();
        await using var server = await StubHttpServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            if (context.Request.Path == "/fleet/v1/discovery")
            {
                await context.Response.WriteAsync("{\"id\":\"fleet:v1\"}");
                return;
            }
            received.Enqueue($"{context.Request.Method} {context.Request.Path}");
            if (context.Request.Method == "GET" && context.Request.Path == "/fleet/v1/units/hello.service")
            {
                await context.Response.WriteAsync("{\"name\":\"hello.service\",\"options\":[{\"section\":\"Service\",\"name\":\"ExecStart\",\"value\":\"/bin/true\"}],\"desiredState\":\"loaded\"}");
                return;
            }
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("{\"error\":{\"code\":404,\"message\":\"unit does not exist\"}}");
        });
        await using var client = await FleetApiClient.ConnectAsync(server.Endpoint);
        var unit = await client.GetUnitAsync("hello.service");
        received.Clear();

        var thrown = new (ArgumentException Exception, string Parameter)[]
        {
            (await Assert.ThrowsAsync<FleetArgumentException>(() => client.SetDesiredStateAsync("hello.service", state)), "desiredState"),
            (await Assert.ThrowsAsync<FleetArgumentException>(() => client.SetDesiredStateAsync(unit, state)), "desiredState"),
            (await Assert.ThrowsAsync<FleetArgumentException>(() => unit.SetDesiredStateAsync(state)), "desiredState"),
            (await Assert.ThrowsAsync<FleetArgumentException>(() => client.CreateUnitAsync("hello.service", Exec, state)), "desiredState"),
            (await Assert.ThrowsAsync<FleetArgumentException>(() => client.CreateUnitAsync("hello.service", Hello, state)), "desiredState"),
            (await Assert.ThrowsAsync<FleetArgumentException>(() => client.EnsureUnitAsync("hello.service", Hello, state)), "desiredState"),
            (await Assert.ThrowsAsync<FleetArgumentException>(() => client.EnsureDesiredStateAsync("hello.service", state)), "desiredState"),
            (await Assert.ThrowsAsync<FleetArgumentException>(() => client.WaitForUnitAsync("hello.service", state)), "target"),
            (await Assert.ThrowsAsync<FleetArgumentException>(() => client.PlanAsync([new UnitSource("hello.service", Hello)], new PlanOptions { DesiredState = state })), "options.DesiredState"),
            (await Assert.ThrowsAsync<FleetArgumentException>(() => client.ApplyAsync(new UnitPlan([new PlannedChange("hello.service", UnitChange.Created, Hello, null, state)]))), "plan.Changes[0].To"),
        };

        Assert.All(thrown, e => Assert.Equal(e.Parameter, e.Exception.ParamName));
        Assert.All(thrown, e => Assert.Equal($"{e.Parameter} {value} is not a DesiredState: state must be one of: ['inactive', 'loaded', 'launched']", e.Exception.Message));
        Assert.Empty(received);
    }

    [Theory]
    [InlineData(42)]
    [InlineData(-1)]
    public async Task A_unit_built_with_a_state_outside_the_enum_is_an_argument_exception(int value)
    {
        var state = (DesiredState)value;
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, HelloText);

            var thrown = new ArgumentException[]
            {
                Assert.Throws<FleetArgumentException>(() => new ClusterUnit(Exec, state)),
                Assert.Throws<FleetArgumentException>(() => new ClusterUnit(Hello, state)),
                Assert.Throws<FleetArgumentException>(() => ClusterUnit.FromString(HelloText, state)),
                await Assert.ThrowsAsync<FleetArgumentException>(() => ClusterUnit.FromFileAsync(path, state)),
                Assert.Throws<FleetArgumentException>(() => new ClusterUnit(Exec).WithDesiredState(state)),
            };

            Assert.All(thrown, e => Assert.Equal("desiredState", e.ParamName));
            Assert.All(thrown, e => Assert.Equal($"desiredState {value} is not a DesiredState: state must be one of: ['inactive', 'loaded', 'launched']", e.Message));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Options_and_edits_fleet_would_refuse_are_argument_exceptions()
    {
        await using var scope = await FacadeScope.StartAsync(unix: true);
        UnitOption[] conflicting = [.. Exec, new("X-Fleet", "Global", "true"), new("X-Fleet", "MachineID", "222f532fc7580e18ebfca1f8614c8086")];

        var options = await Assert.ThrowsAsync<FleetArgumentException>(() => scope.Client.CreateUnitAsync("both.service", conflicting, DesiredState.Launched));
        var edit = await Assert.ThrowsAsync<FleetArgumentException>(() => scope.Client.EditMachineMetadataAsync([MetadataEdit.Add("a/b", "rack", "r1")]));
        var unnamed = await Assert.ThrowsAsync<ArgumentException>(() => scope.Client.DestroyUnitAsync(new ClusterUnit(Exec)));

        Assert.Equal("MachineID cannot be used with Global", options.Message);
        Assert.Equal("machine id \"a/b\" cannot name a machine in a metadata path", edit.Message);
        Assert.Equal("unit", unnamed.ParamName);
        Assert.Empty(scope.Server.Cluster.Units);
    }

    [Fact]
    public async Task An_endpoint_that_does_not_parse_is_an_argument_exception()
    {
        var e = await Assert.ThrowsAsync<FleetArgumentException>(() => FleetApiClient.ConnectAsync("var/run/fleet.sock"));

        Assert.Equal("URL scheme undefined", e.Message);
    }

    [Fact]
    public async Task A_closed_port_is_a_connection_exception()
    {
        var port = Ports.Closed();

        var e = await Assert.ThrowsAsync<FleetConnectionException>(() => FleetApiClient.ConnectAsync($"http://127.0.0.1:{port}"));

        Assert.IsAssignableFrom<IOException>(e);
        Assert.Equal(ErrorKind.Transport, e.Error.Kind);
        Assert.Equal(e.Error.Message, e.Message);
    }

    [Fact]
    public async Task A_socket_nobody_listens_on_is_a_connection_exception_naming_it()
    {
        var directory = Directory.CreateTempSubdirectory("fleet-facade-").FullName;
        try
        {
            var e = await Assert.ThrowsAsync<FleetConnectionException>(() => FleetApiClient.ConnectAsync(FleetEndpoint.UnixSocket(Path.Combine(directory, "fleet.sock"))));

            Assert.Contains(Path.Combine(directory, "fleet.sock"), e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_server_that_is_not_fleet_is_a_protocol_exception()
    {
        await using var server = await StubHttpServer.StartAsync(context =>
        {
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        });

        var e = await Assert.ThrowsAsync<FleetProtocolException>(() => FleetApiClient.ConnectAsync(server.Endpoint));

        Assert.Equal(ErrorKind.NotFleet, e.Kind);
        Assert.Equal($"{server.Endpoint} is not fleet's v1 API: GET /fleet/v1/discovery answered 404", e.Message);
        Assert.Equal(404, e.Error.Code);
    }

    [Fact]
    public async Task A_fleet_slower_than_the_request_timeout_is_a_timeout_exception()
    {
        var options = new FleetClientOptions { Transport = HttpTransportOptions.Default with { RequestTimeout = TimeSpan.FromMilliseconds(300) } };
        await using var scope = await FacadeScope.StartAsync(unix: true, options);
        scope.Server.Faults.Latency = TimeSpan.FromMinutes(1);

        var e = await Assert.ThrowsAsync<FleetTimeoutException>(() => scope.Client.ListMachinesAsync());
        scope.Server.Faults.Latency = TimeSpan.Zero;

        Assert.IsAssignableFrom<TimeoutException>(e);
        Assert.Equal(ErrorKind.Timeout, e.Error.Kind);
        Assert.StartsWith("no complete answer to GET /fleet/v1/machines", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Unit\nDescription=x\n", 1, 1)]
    [InlineData("[Unit]\nDescription=ok\n[Service] x\n", 3, 11)]
    [InlineData("[Service]\nExecStart=/bin/true\nRestart\nalways\n", 3, 8)]
    public void Malformed_unit_text_is_a_unit_file_format_exception_with_line_and_column(string text, int line, int column)
    {
        var e = Assert.Throws<UnitFileFormatException>(() => ClusterUnit.FromString(text));

        Assert.IsAssignableFrom<FormatException>(e);
        Assert.Equal((line, column), (e.Location?.Line, e.Location?.Column));
        Assert.Contains($"line {line}, column {column}", e.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorKind.UnitFile, e.Error.Kind);
    }
}
