using Fleet.Core;
using Fleet.Tests.Shared.Etcd;
using Fleet.Transport.Etcd;

namespace Fleet.Transport.Tests.Etcd;

/// <summary>An etcd serving https with a test CA that also requires client certificates.</summary>
public sealed class TlsEtcdFixture : IAsyncLifetime
{
    internal TestCertificates Certificates { get; } = new();

    public EtcdServer Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await EtcdServer.StartAsync(new EtcdServerTls(Certificates.ServerCertFile, Certificates.ServerKeyFile, Certificates.CaFile));

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Certificates.Dispose();
    }
}

/// <summary>etcd over TLS: its certificate verified against the CA file, the client's certificate presented.</summary>
public sealed class EtcdTlsTests(TlsEtcdFixture etcd) : IClassFixture<TlsEtcdFixture>
{
    private readonly string prefix = EtcdFixture.NewPrefix();

    private EtcdKeysClient Client(TlsOptions tls) =>
        EtcdKeysClient.Create(etcd.Server.ClientUrl, new EtcdClientOptions { Tls = tls }).Right();

    [Fact]
    public async Task A_member_whose_certificate_the_ca_signed_is_reached_with_the_client_certificate()
    {
        await using var client = Client(new TlsOptions(etcd.Certificates.CaFile, etcd.Certificates.ClientCertFile, etcd.Certificates.ClientKeyFile));

        (await client.SetAsync($"{prefix}/secure", "yes")).Right();

        Assert.Equal("yes", (await client.GetAsync($"{prefix}/secure")).Right().Node.Value);
    }

    [Fact]
    public async Task A_member_whose_certificate_another_ca_signed_is_refused()
    {
        await using var client = Client(new TlsOptions(etcd.Certificates.OtherCaFile, etcd.Certificates.ClientCertFile, etcd.Certificates.ClientKeyFile));

        var error = (await client.GetAsync($"{prefix}/secure")).Left();

        Assert.Equal(ErrorKind.Transport, error.Kind);
        Assert.Contains("TLS handshake with localhost failed", error.Message);
    }

    [Fact]
    public async Task Without_a_ca_file_the_system_store_decides_and_an_unknown_ca_is_refused()
    {
        // fleetctl's etcd driver would skip verification here; this client verifies.
        await using var client = Client(new TlsOptions(null, etcd.Certificates.ClientCertFile, etcd.Certificates.ClientKeyFile));

        var error = (await client.SetAsync($"{prefix}/unverified", "no")).Left();

        Assert.Equal(ErrorKind.Transport, error.Kind);
        Assert.Contains("TLS handshake with localhost failed", error.Message);
    }

    [Fact]
    public async Task A_member_that_cannot_be_verified_is_reached_only_when_verification_is_skipped_explicitly()
    {
        await using var client = Client(new TlsOptions(etcd.Certificates.OtherCaFile, etcd.Certificates.ClientCertFile, etcd.Certificates.ClientKeyFile) { SkipServerVerification = true });

        (await client.SetAsync($"{prefix}/skipped", "yes")).Right();

        Assert.Equal("yes", (await client.GetAsync($"{prefix}/skipped")).Right().Node.Value);
    }

    [Fact]
    public async Task Without_a_client_certificate_a_member_that_asks_for_one_refuses()
    {
        await using var client = Client(new TlsOptions(etcd.Certificates.CaFile));

        var error = (await client.GetAsync($"{prefix}/secure")).Left();

        Assert.Equal(ErrorKind.Transport, error.Kind);
        Assert.StartsWith("client: etcd cluster is unavailable or misconfigured; error #0: ", error.Message);
    }
}
