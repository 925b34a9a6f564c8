using Fleet.Core;
using Fleet.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fleet.Facade.Tests.Wiring;

public sealed class FleetSettingsOptionsTests
{
    [Fact]
    public void Settings_bind_from_a_configuration_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fleet:Endpoint"] = "http://10.0.0.1:49153",
            ["Fleet:Tunnel"] = "bastion",
            ["Fleet:StrictHostKeyChecking"] = "false",
            ["Fleet:RequestTimeout"] = "00:00:05",
        }).Build();

        var settings = FleetConfiguration.Bind(configuration.GetSection("Fleet")).Match(s => s, e => throw new Xunit.Sdk.XunitException(e.ToString()));

        Assert.Equal(new FleetSettings { Endpoint = "http://10.0.0.1:49153", Tunnel = "bastion", StrictHostKeyChecking = false, RequestTimeout = TimeSpan.FromSeconds(5) }, settings);
    }

    // Bind reads each setting by name (no reflection, so the native tool can use it): a setting
    // added to FleetSettings and forgotten there would silently keep its default.
    [Fact]
    public void Every_setting_is_read_from_configuration_whatever_the_case_of_its_name()
    {
        var properties = typeof(FleetSettings).GetProperties().Where(p => p.SetMethod is not null).ToList();
        var defaults = new FleetSettings();
        var values = properties.ToDictionary(p => p.Name.ToLowerInvariant(), p => (string?)(p.PropertyType == typeof(bool) ? (!(bool)p.GetValue(defaults)!).ToString() : p.PropertyType == typeof(TimeSpan) ? "7" : $"x-{p.Name}"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var settings = FleetConfiguration.Bind(configuration).Match(s => s, e => throw new Xunit.Sdk.XunitException(e.ToString()));

        Assert.All(properties, p => Assert.NotEqual(p.GetValue(defaults), p.GetValue(settings)));
    }

    [Fact]
    public void A_flag_that_is_neither_true_nor_false_is_refused_by_name()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["StrictHostKeyChecking"] = "maybe" }).Build();

        var error = FleetConfiguration.Bind(configuration).Match(s => throw new Xunit.Sdk.XunitException($"bound {s}"), e => e);

        Assert.Equal("StrictHostKeyChecking=\"maybe\" is neither true nor false", error.Message);
    }

    [Theory]
    [InlineData("3", 3.0)]
    [InlineData("2.5", 2.5)]
    [InlineData("00:01:00", 60.0)]
    public void Timeouts_in_configuration_are_seconds_as_fleetctl_takes_them_not_the_binders_days(string text, double seconds)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["RequestTimeout"] = text, ["SshTimeout"] = text }).Build();

        var settings = FleetConfiguration.Bind(configuration).Match(s => s, e => throw new Xunit.Sdk.XunitException(e.ToString()));

        Assert.Equal((TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(seconds)), (settings.RequestTimeout, settings.SshTimeout));
    }

    [Fact]
    public void A_timeout_that_is_neither_seconds_nor_a_time_is_refused_by_name()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SshTimeout"] = "10s" }).Build();

        var error = FleetConfiguration.Bind(configuration).Match(s => throw new Xunit.Sdk.XunitException($"bound {s}"), e => e);

        Assert.Equal("SshTimeout=\"10s\" is neither a number of seconds nor hh:mm:ss", error.Message);
    }

    [Fact]
    public void A_tunnel_becomes_the_ssh_options_with_every_ssh_setting()
    {
        var settings = new FleetSettings
        {
            Endpoint = "unix:///var/run/fleet.sock",
            Tunnel = "[::1]:2222",
            SshUsername = "admin",
            KnownHostsFile = "/kh",
            StrictHostKeyChecking = false,
            SshTimeout = TimeSpan.FromSeconds(4),
            RequestTimeout = TimeSpan.FromSeconds(7),
        };

        var (endpoint, options) = settings.ToClientOptions().Match(r => r, e => throw new Xunit.Sdk.XunitException(e.ToString()));

        Assert.Equal(FleetEndpoint.UnixSocket("/var/run/fleet.sock"), endpoint);
        Assert.NotNull(options.Transport.Connector);
        var ssh = Assert.IsType<Ssh.SshTunnelOptions>(settings.ToSshOptions());
        Assert.Equal(("[::1]:2222", "admin", "/kh", false, TimeSpan.FromSeconds(4)), (ssh.Tunnel, ssh.User, ssh.KnownHostsFile, ssh.StrictHostKeyChecking, ssh.ConnectTimeout));
        Assert.Equal(TimeSpan.FromSeconds(7), options.Transport.RequestTimeout);
        Assert.True(options.Transport.ConnectTimeout > ssh.ConnectTimeout);
    }

    [Fact]
    public void Without_a_tunnel_there_is_no_ssh_and_tls_files_pass_through()
    {
        var (_, options) = new FleetSettings { Endpoint = "https://fleet:443", CaFile = "/ca.pem", CertFile = "", KeyFile = null }
            .ToClientOptions().Match(r => r, e => throw new Xunit.Sdk.XunitException(e.ToString()));

        Assert.Null(options.Transport.Connector);
        Assert.Equal(new TlsOptions("/ca.pem"), options.Transport.Tls);
    }

    [Fact]
    public void The_logger_is_passed_on_whatever_Debug_says_so_that_its_own_level_decides()
    {
        var logger = NullLogger.Instance;

        var quiet = new FleetSettings().ToClientOptions(logger).Match(r => r.Options, e => throw new Xunit.Sdk.XunitException(e.ToString()));
        var traced = new FleetSettings { Debug = true }.ToClientOptions(logger).Match(r => r.Options, e => throw new Xunit.Sdk.XunitException(e.ToString()));

        Assert.Same(logger, quiet.Logger);
        Assert.Same(logger, traced.Logger);
    }

    [Theory]
    [InlineData("unix://var/run/fleet.sock")]
    [InlineData("ftp://fleet")]
    public void An_endpoint_that_does_not_parse_is_fleets_validation_error(string endpoint)
    {
        var error = new FleetSettings { Endpoint = endpoint }.ToClientOptions().Match(r => throw new Xunit.Sdk.XunitException($"parsed {r}"), e => e);

        Assert.Equal(ErrorKind.Validation, error.Kind);
    }

    [Fact]
    public void A_timeout_of_zero_is_refused() =>
        Assert.Contains("request timeout must be more than zero", new FleetSettings { RequestTimeout = TimeSpan.Zero }.ToClientOptions().Match(_ => "", e => e.Message));

    [Theory]
    [InlineData("ETCD")]
    [InlineData("api")]
    public void A_driver_fleetctl_does_not_know_is_refused_with_fleetctls_words(string driver)
    {
        var error = new FleetSettings { Driver = driver }.ToClientOptions().Match(o => throw new Xunit.Sdk.XunitException($"expected an error, got {o}"), e => e);
        var registry = new FleetSettings { Driver = driver }.ToRegistryOptions().Match(o => throw new Xunit.Sdk.XunitException($"expected an error, got {o}"), e => e);

        Assert.Equal($"unrecognized driver \"{driver}\"", error.Message);
        Assert.Equal(error.Message, registry.Message);
    }

    [Fact]
    public void Each_driver_names_the_method_that_gives_its_options()
    {
        Assert.Equal("the etcd driver's options come from ToRegistryOptions", new FleetSettings { Driver = "etcd" }.ToClientOptions().Match(_ => "", e => e.Message));
        Assert.Equal("the API driver's options come from ToClientOptions", new FleetSettings().ToRegistryOptions().Match(_ => "", e => e.Message));
    }

    [Fact]
    public void The_etcd_driver_takes_every_member_the_key_prefix_the_timeout_and_the_tls_files()
    {
        var settings = new FleetSettings
        {
            Driver = FleetSettings.EtcdDriver,
            Endpoint = "http://10.0.0.1:2379,https://10.0.0.2:2379",
            EtcdKeyPrefix = "/otherfleet",
            RequestTimeout = TimeSpan.FromSeconds(7),
            CaFile = "ca.pem",
            CertFile = "",
        };

        var (endpoints, options) = settings.ToRegistryOptions().Match(o => o, e => throw new Xunit.Sdk.XunitException(e.ToString()));

        Assert.Equal(["http://10.0.0.1:2379", "https://10.0.0.2:2379"], endpoints);
        Assert.Equal("/otherfleet", options.KeyPrefix);
        Assert.Equal(TimeSpan.FromSeconds(7), options.Etcd.RequestTimeout);
        Assert.Equal(new Fleet.Transport.TlsOptions("ca.pem"), options.Etcd.Tls);
        Assert.Null(options.Etcd.Connector);
    }
}
