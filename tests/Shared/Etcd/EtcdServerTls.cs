namespace Fleet.Tests.Shared.Etcd;

/// <summary>How a test etcd serves https: its certificate and key (PEM), and the CA that must sign clients' certificates when it asks for them.</summary>
/// <param name="CertFile">The server's PEM certificate; its names must include <c>localhost</c>.</param>
/// <param name="KeyFile">The server's PEM private key.</param>
/// <param name="ClientCaFile">When given, etcd requires a client certificate signed by this PEM CA.</param>
public sealed record EtcdServerTls(string CertFile, string KeyFile, string? ClientCaFile = null);
