using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fleet.Transport.Tests;

/// <summary>A throwaway CA and the certificates it signs, made by the test, written as PEM where the client needs files.</summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("fleet-tls-").FullName;

    public TestCertificates()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Fleet Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        CaFile = Write("ca.pem", ca.ExportCertificatePem());

        Server = Issue(ca, "CN=localhost", serverAuth: true);
        ServerCertFile = Write("server.pem", Server.ExportCertificatePem());
        ServerKeyFile = Write("server.key", Server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var client = Issue(ca, "CN=fleet client", serverAuth: false);
        ClientCertFile = Write("client.pem", client.ExportCertificatePem());
        ClientKeyFile = Write("client.key", client.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        client.Dispose();

        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = new CertificateRequest("CN=Other CA", otherKey, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        OtherCaFile = Write("other-ca.pem", other.ExportCertificatePem());
    }

    public X509Certificate2 Server { get; }

    public string CaFile { get; }

    /// <summary><see cref="Server"/> as PEM files, for servers that are other programs (etcd).</summary>
    public string ServerCertFile { get; }

    public string ServerKeyFile { get; }

    public string OtherCaFile { get; }

    public string ClientCertFile { get; }

    public string ClientKeyFile { get; }

    private static X509Certificate2 Issue(X509Certificate2 ca, string subject, bool serverAuth)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [serverAuth ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (serverAuth)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(8);
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // Through PKCS#12 so the key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private string Write(string name, string pem)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, pem);
        return path;
    }

    public void Dispose()
    {
        Server.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
