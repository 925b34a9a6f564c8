using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fleet.Core;
using LanguageExt;

namespace Fleet.Transport.Connections;

/// <summary>
/// TLS over another connector. The server's certificate must match the host name and chain to
/// the system's roots, or only to the given CA file's certificates when one is given.
/// </summary>
internal sealed class TlsConnector : IFleetConnector, IDisposable
{
    private readonly IFleetConnector inner;
    private readonly string host;
    private readonly X509Certificate2Collection? trusted;
    private readonly X509Certificate2? clientCertificate;
    private readonly bool verify;

    private TlsConnector(IFleetConnector inner, string host, X509Certificate2Collection? trusted, X509Certificate2? clientCertificate, bool verify)
    {
        this.inner = inner;
        this.host = host;
        this.trusted = trusted;
        this.clientCertificate = clientCertificate;
        this.verify = verify;
    }

    public string Description => $"tls {host} over {inner.Description}";

    public static Either<APIError, TlsConnector> Create(IFleetConnector inner, string host, TlsOptions options)
    {
        try
        {
            X509Certificate2Collection? trusted = null;
            if (options.CaFile is not null)
            {
                trusted = [];
                trusted.ImportFromPemFile(options.CaFile);
                if (trusted.Count == 0) return APIError.Validation($"the CA file {options.CaFile} holds no certificate");
            }
            X509Certificate2? client = null;
            if (options.CertFile is not null || options.KeyFile is not null)
            {
                if (options.CertFile is null || options.KeyFile is null) return APIError.Validation("a client certificate needs both a certificate file and a key file");
                client = X509Certificate2.CreateFromPemFile(options.CertFile, options.KeyFile);
            }
            return new TlsConnector(inner, host, trusted, client, verify: !options.SkipServerVerification);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            return APIError.Validation($"cannot read the TLS files: {e.Message}");
        }
    }

    // With a CA file, that CA alone is trusted (as fleetctl's tls.Config RootCAs does).
    private static X509ChainPolicy? TrustOnly(X509Certificate2Collection? trusted)
    {
        if (trusted is null) return null;
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.AddRange(trusted);
        return policy;
    }

    public Task<Either<APIError, Unit>> PrepareAsync(CancellationToken cancellationToken) => inner.PrepareAsync(cancellationToken);

    public async Task<Either<APIError, Stream>> ConnectAsync(CancellationToken cancellationToken)
    {
        if ((await inner.ConnectAsync(cancellationToken).ConfigureAwait(false)).Failed(out var stream, out var error)) return error;
        var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = host,
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                CertificateChainPolicy = TrustOnly(trusted),
                // Only when the caller asked for it in so many words (TlsOptions.SkipServerVerification).
                RemoteCertificateValidationCallback = verify ? null : static (_, _, _, _) => true,
            };
            await tls.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
            return tls;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            return new APIError(ErrorKind.Transport, $"TLS handshake with {host} failed: {e.Message}");
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Releases what the inner connector holds (a supplied connector's session).</summary>
    public void Dispose() => (inner as IDisposable)?.Dispose();
}
