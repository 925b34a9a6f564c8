namespace Fleet.Transport;

/// <summary>fleetctl's TLS files: a CA to trust instead of the system's, and a client certificate with its key, all PEM.</summary>
/// <param name="CaFile">A PEM file of the certificate authorities that may sign fleet's certificate; the system's store when absent.</param>
/// <param name="CertFile">A PEM client certificate, when fleet asks for one.</param>
/// <param name="KeyFile">The PEM private key of <paramref name="CertFile"/>.</param>
/// <remarks>
/// The server's certificate is always verified, against <paramref name="CaFile"/> or the system's
/// store, unless <see cref="SkipServerVerification"/> says otherwise. fleetctl's etcd driver skips
/// verification silently whenever no client certificate is given; this library does not.
/// </remarks>
public sealed record TlsOptions(string? CaFile = null, string? CertFile = null, string? KeyFile = null)
{
    /// <summary>
    /// Accepts any certificate the server presents, unverified: for a server whose certificate
    /// cannot be verified and whose CA is not at hand. Anyone between the client and the server
    /// can then read and change every request and answer; with the CA's certificate, give
    /// <see cref="CaFile"/> instead. Off unless set.
    /// </summary>
    public bool SkipServerVerification { get; init; }
}
