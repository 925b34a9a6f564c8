using Fleet.Core;
using Fleet.Facade;
using Fleet.Reliability.Tests.Wire;
using Fleet.Simulator;
using Microsoft.Extensions.Logging;

namespace Fleet.Reliability.Tests.Security;

/// <summary>
/// Unit files can hold secrets in Environment= lines, and they travel in request and response
/// bodies. At every log level but Trace, nothing a unit holds reaches the log, in exchanges that
/// succeed or fail, through the functional client or the facade's wiring; at Trace the bodies
/// are shown (that is what Trace is for), and only at Trace.
/// </summary>
public sealed class LoggingTests
{
    private const string Secret = "hunter2-7c41e9";

    private static readonly UnitOption[] WithSecret =
    [
        new("Service", "Environment", $"SECRET={Secret}"),
        new("Service", "ExecStart", "/usr/bin/app --token ${SECRET}"),
    ];

    public static TheoryData<LogLevel> Levels() => [LogLevel.Trace, LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Critical, LogLevel.None];

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task Only_Trace_shows_a_unit_s_secret_whatever_the_exchange(LogLevel level)
    {
        var logger = new CapturingLogger(level);
        await using var fleet = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = TimeSpan.Zero });
        await using (var client = await Clients.ConnectAsync(fleet.Endpoint, Clients.Options(logger: logger)))
        {
            (await client.CreateUnitAsync("secret.service", WithSecret, DesiredState.Launched)).Right();
            (await client.GetUnitAsync("secret.service")).Right();
            (await client.ListUnitsAsync()).Right();
            (await client.CreateUnitAsync("secret.service", [.. WithSecret, new("Unit", "Description", "again")], DesiredState.Loaded)).Right();
            (await client.DestroyUnitAsync("secret.service")).Right();
        }
        await FailedExchangesAsync(logger);

        Judge(level, logger, "PUT /fleet/v1/units/secret.service");
    }

    [Theory]
    [InlineData(LogLevel.Trace)]
    [InlineData(LogLevel.Debug)]
    public async Task Through_the_facade_s_wiring_with_Debug_on_only_Trace_shows_the_secret(LogLevel level)
    {
        var logger = new CapturingLogger(level);
        await using var fleet = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = TimeSpan.Zero });
        await using (var source = new FleetClientSource(new FleetSettings { Endpoint = fleet.Endpoint, Debug = true }, logger))
        {
            var client = await source.GetClientAsync();
            await client.CreateUnitAsync("secret.service", WithSecret, DesiredState.Launched);
            await client.GetUnitAsync("secret.service");
        }

        Judge(level, logger, "PUT /fleet/v1/units/secret.service");
    }

    // Answers that fail (cut short, not JSON) while holding the secret: the errors are logged, the secret is not.
    private static async Task FailedExchangesAsync(CapturingLogger logger)
    {
        var json = FleetWire.UnitJson("secret.service", "m", ("Service", "Environment", $"SECRET={Secret}"));
        await using var server = new RawServer(FleetScript.WithDiscovery(async (connection, request) =>
        {
            var whole = FleetWire.Json(200, json);
            if (FleetScript.UnitOf(request) == "cut.service")
            {
                await connection.WriteAsync(whole.AsMemory(0, whole.Length - 5));
                connection.Close();
            }
            else
            {
                await connection.WriteAsync(FleetWire.Json(200, "SECRET=" + Secret));
            }
        }));
        await using var client = await Clients.ConnectAsync(server.Endpoint, Clients.Options(logger: logger));
        Assert.Equal(ErrorKind.Protocol, (await client.GetUnitAsync("cut.service")).Left().Kind);
        Assert.Equal(ErrorKind.Decoding, (await client.GetUnitAsync("garbled.service")).Left().Kind);
    }

    private static void Judge(LogLevel level, CapturingLogger logger, string exchange)
    {
        var showing = logger.Lines.Where(line => line.Message.Contains(Secret, StringComparison.Ordinal)).ToList();
        if (level == LogLevel.Trace)
        {
            Assert.Contains(showing, line => line.Message.StartsWith($"request body of {exchange}: ", StringComparison.Ordinal));
            Assert.Contains(showing, line => line.Message.StartsWith("response body of GET /fleet/v1/units/secret.service: ", StringComparison.Ordinal));
            Assert.All(showing, line => Assert.Equal(LogLevel.Trace, line.Level));
        }
        else
        {
            Assert.Empty(showing);
        }
        // The exchanges themselves are logged from Debug down, so the secret's absence means something.
        if (level <= LogLevel.Debug) Assert.Contains(logger.Lines, line => line.Level == LogLevel.Debug && line.Message.StartsWith($"{exchange} -> 201 in ", StringComparison.Ordinal));
        else Assert.Empty(logger.Lines);
    }
}
