using Fleet.Core;

namespace Fleet.Facade.Tests.Wiring;

public sealed class FleetctlEnvironmentTests
{
    private static FleetSettings Apply(params (string Name, string Value)[] variables) =>
        FleetctlEnvironment.Apply(new FleetSettings(), variables.ToDictionary(v => v.Name, v => v.Value))
            .Match(s => s, e => throw new Xunit.Sdk.XunitException(e.ToString()));

    private static APIError Refused(params (string Name, string Value)[] variables) =>
        FleetctlEnvironment.Apply(new FleetSettings(), variables.ToDictionary(v => v.Name, v => v.Value))
            .Match(s => throw new Xunit.Sdk.XunitException($"expected an error, got {s}"), e => e);

    [Fact]
    public void Without_variables_the_settings_are_fleetctls_defaults()
    {
        var settings = Apply();

        Assert.Equal(new FleetSettings(), settings);
        Assert.Equal(
            ("unix:///var/run/fleet.sock", null, "core", "~/.fleetctl/known_hosts", true, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3), false),
            (settings.Endpoint, settings.Tunnel, settings.SshUsername, settings.KnownHostsFile, settings.StrictHostKeyChecking, settings.SshTimeout, settings.RequestTimeout, settings.Debug));
    }

    [Fact]
    public void Every_global_flag_has_its_variable()
    {
        var settings = Apply(
            ("FLEETCTL_ENDPOINT", "http://10.0.0.1:49153"),
            ("FLEETCTL_TUNNEL", "bastion:2222"),
            ("FLEETCTL_SSH_USERNAME", "admin"),
            ("FLEETCTL_KNOWN_HOSTS_FILE", "/etc/fleet/known_hosts"),
            ("FLEETCTL_STRICT_HOST_KEY_CHECKING", "false"),
            ("FLEETCTL_SSH_TIMEOUT", "2.5"),
            ("FLEETCTL_REQUEST_TIMEOUT", "1e1"),
            ("FLEETCTL_CA_FILE", "/ca.pem"),
            ("FLEETCTL_CERT_FILE", "/cert.pem"),
            ("FLEETCTL_KEY_FILE", "/key.pem"),
            ("FLEETCTL_DEBUG", "1"),
            ("FLEETCTL_DRIVER", "etcd"),
            ("FLEETCTL_ETCD_KEY_PREFIX", "/otherfleet"));

        Assert.Equal(new FleetSettings
        {
            Endpoint = "http://10.0.0.1:49153",
            Tunnel = "bastion:2222",
            SshUsername = "admin",
            KnownHostsFile = "/etc/fleet/known_hosts",
            StrictHostKeyChecking = false,
            SshTimeout = TimeSpan.FromSeconds(2.5),
            RequestTimeout = TimeSpan.FromSeconds(10),
            CaFile = "/ca.pem",
            CertFile = "/cert.pem",
            KeyFile = "/key.pem",
            Debug = true,
            Driver = "etcd",
            EtcdKeyPrefix = "/otherfleet",
        }, settings);
    }

    [Fact]
    public void An_empty_variable_is_unset_as_in_fleetctl() =>
        Assert.Equal(new FleetSettings(), Apply(("FLEETCTL_ENDPOINT", ""), ("FLEETCTL_STRICT_HOST_KEY_CHECKING", "")));

    [Theory]
    [InlineData("t", true)]
    [InlineData("TRUE", true)]
    [InlineData("F", false)]
    [InlineData("0", false)]
    public void Booleans_are_read_as_go_reads_them(string text, bool value) =>
        Assert.Equal(value, Apply(("FLEETCTL_STRICT_HOST_KEY_CHECKING", text)).StrictHostKeyChecking);

    [Theory]
    [InlineData("FLEETCTL_STRICT_HOST_KEY_CHECKING", "yes", "FLEETCTL_STRICT_HOST_KEY_CHECKING=\"yes\" is not true or false")]
    [InlineData("FLEETCTL_DEBUG", "on", "FLEETCTL_DEBUG=\"on\" is not true or false")]
    [InlineData("FLEETCTL_SSH_TIMEOUT", "10s", "FLEETCTL_SSH_TIMEOUT=\"10s\" is not a number of seconds")]
    [InlineData("FLEETCTL_REQUEST_TIMEOUT", "-1", "FLEETCTL_REQUEST_TIMEOUT=\"-1\" is not a number of seconds")]
    public void A_value_fleetctl_would_silently_ignore_is_an_error_naming_the_variable(string name, string value, string message)
    {
        var error = Refused((name, value));

        Assert.Equal((ErrorKind.Validation, message), (error.Kind, error.Message));
    }
}
