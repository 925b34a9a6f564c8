namespace Fleet.Transport;

/// <summary>fleetctl's TLS files: a CA to trust instead of the system's, and a client certificate with its key, all PEM.</summary>
/// <param name="CaFile">A PEM file of the certificate authorities that may sign fleet's certificate; the system's store when absent.</param>
/// <param name="CertFile">A PEM client certificate, when fleet asks for one.</param>
/// <param name="KeyFile">The PEM private key of <paramref name="CertFile"/>.</param>
public sealed record TlsOptions(string? CaFile = null, string? CertFile = null, string? KeyFile = null);
