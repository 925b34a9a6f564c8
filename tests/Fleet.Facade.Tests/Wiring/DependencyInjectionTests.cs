using System.Collections.Concurrent;
using Fleet.Facade.Wiring;
using Fleet.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fleet.Facade.Tests.Wiring;

public sealed class DependencyInjectionTests : IAsyncLifetime
{
    private FleetServer fleet = null!;

    public async Task InitializeAsync() => fleet = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = TimeSpan.Zero });

    public async Task DisposeAsync() => await fleet.DisposeAsync();

    private IConfiguration Section(bool debug = false) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Fleet:Endpoint"] = fleet.Endpoint,
        ["Fleet:Debug"] = debug ? "true" : "false",
    }).Build().GetSection("Fleet");

    [Fact]
    public async Task The_container_hands_out_one_client_connected_on_first_use_and_disposes_it()
    {
        var provider = new ServiceCollection().AddFleet(Section(), useFleetctlEnvironment: false).BuildServiceProvider();
        var source = provider.GetRequiredService<FleetClientSource>();

        var first = await source.GetClientAsync();
        var again = await provider.GetRequiredService<FleetClientSource>().GetClientAsync();
        var machines = await first.ListMachinesAsync();
        await provider.DisposeAsync();

        Assert.Same(first, again);
        Assert.Equal(3, machines.Count);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => source.GetClientAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => first.ListMachinesAsync());
    }

    [Fact]
    public async Task A_container_disposed_synchronously_closes_the_client_too()
    {
        var provider = new ServiceCollection().AddFleet(new FleetSettings { Endpoint = fleet.Endpoint }).BuildServiceProvider();
        var client = await provider.GetRequiredService<FleetClientSource>().GetClientAsync();

        provider.Dispose();

        await Eventually.ThrowsAsync<ObjectDisposedException>(() => client.ListMachinesAsync());
    }

    [Fact]
    public async Task Concurrent_first_callers_share_one_connection_attempt()
    {
        await using var provider = new ServiceCollection().AddFleet(new FleetSettings { Endpoint = fleet.Endpoint }).BuildServiceProvider();
        var source = provider.GetRequiredService<FleetClientSource>();

        var clients = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => source.GetClientAsync()));

        Assert.Single(clients.Distinct());
    }

    [Fact]
    public async Task A_failed_connection_throws_and_the_next_call_tries_again()
    {
        await using var down = await FleetServer.StartAsync();
        down.Faults.EtcdUnreachable = true;
        await using var provider = new ServiceCollection().AddFleet(new FleetSettings { Endpoint = down.Endpoint }).BuildServiceProvider();
        var source = provider.GetRequiredService<FleetClientSource>();

        var failure = await Assert.ThrowsAsync<FleetApiException>(() => source.GetClientAsync());
        down.Faults.EtcdUnreachable = false;
        var client = await source.GetClientAsync();

        Assert.Equal(503, failure.Code);
        Assert.Equal(3, (await client.ListMachinesAsync()).Count);
    }

    [Fact]
    public async Task Invalid_settings_are_an_argument_exception_on_first_use()
    {
        await using var provider = new ServiceCollection().AddFleet(new FleetSettings { Endpoint = "unix://var/run/fleet.sock" }).BuildServiceProvider();

        var error = await Assert.ThrowsAsync<FleetArgumentException>(() => provider.GetRequiredService<FleetClientSource>().GetClientAsync());

        Assert.StartsWith("unable to connect to host \"var\"", error.Message);
    }

    [Fact]
    public async Task Debug_logs_each_exchange_through_the_containers_logger()
    {
        var lines = new ConcurrentQueue<string>();
        var services = new ServiceCollection().AddFleet(Section(debug: true), useFleetctlEnvironment: false);
        services.AddSingleton<ILoggerFactory>(new RecordingLoggerFactory(lines));
        await using var provider = services.BuildServiceProvider();

        var client = await provider.GetRequiredService<FleetClientSource>().GetClientAsync();
        await client.ListMachinesAsync();

        Assert.Contains(lines, line => line.Contains("GET /fleet/v1/machines", StringComparison.Ordinal) && line.Contains("200", StringComparison.Ordinal));
    }

    private sealed class RecordingLoggerFactory(ConcurrentQueue<string> lines) : ILoggerFactory, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }

    /// <summary>Polls with a deadline for an outcome that a background disposal brings.</summary>
    private static class Eventually
    {
        public static async Task ThrowsAsync<T>(Func<Task> action) where T : Exception
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (true)
            {
                try
                {
                    await action();
                }
                catch (T)
                {
                    return;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(10), deadline.Token);
            }
        }
    }
}
