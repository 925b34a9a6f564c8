using System.Security.Cryptography;
using Fleet.Core;
using Fleet.Ssh.Agent;
using Fleet.Ssh.HostKeys;
using LanguageExt;
using Renci.SshNet;
using Renci.SshNet.Common;
using Renci.SshNet.Security;

namespace Fleet.Ssh.Tunnel;

/// <summary>
/// The keys a tunnel offers, in order: the caller's key files, the ssh-agent's keys, then the
/// default <c>~/.ssh</c> keys; each key once, with one signature algorithm (rsa-sha2-512 for
/// RSA, as OpenSSH does), because every refused offer uses up one of the server's
/// authentication attempts. It also remembers what it tried, so a refusal can say.
/// </summary>
internal sealed class SshIdentities : IPrivateKeySource, IDisposable
{
    private static readonly string[] DefaultKeyFiles = ["id_ed25519", "id_ecdsa", "id_rsa"];

    private readonly List<HostAlgorithm> algorithms = [];
    private readonly List<string> tried = [];
    private readonly List<IDisposable> owned = [];
    private readonly System.Collections.Generic.HashSet<string> offered = [];

    private SshIdentities()
    {
    }

    public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms => algorithms;

    /// <summary>What was offered or skipped, for an authentication error.</summary>
    public IReadOnlyList<string> Tried => tried;

    public static async Task<Either<APIError, SshIdentities>> LoadAsync(SshTunnelOptions options, string host, CancellationToken cancellationToken)
    {
        var identities = new SshIdentities();
        try
        {
            foreach (var file in options.KeyFiles)
            {
                var path = HomePath.Expand(file.Path, options.HomeDirectory);
                var loaded = identities.AddFile(path, file.Passphrase);
                if (loaded is not null)
                {
                    identities.Dispose();
                    return SshErrors.At(host, SshStage.Authentication, $"cannot use the key file {path}: {loaded}");
                }
            }
            if (options.UseAgent) await identities.AddAgentAsync(options.AgentSocket ?? Environment.GetEnvironmentVariable("SSH_AUTH_SOCK"), cancellationToken).ConfigureAwait(false);
            if (options.UseDefaultKeyFiles) identities.AddDefaults(Path.Combine(HomePath.Home(options.HomeDirectory), ".ssh"));
            return identities;
        }
        catch
        {
            identities.Dispose();
            throw;
        }
    }

    // Null when the key was added (or was already offered), else why it could not be read.
    private string? AddFile(string path, string? passphrase)
    {
        PrivateKeyFile key;
        try
        {
            key = passphrase is null ? new PrivateKeyFile(path) : new PrivateKeyFile(path, passphrase);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SshException or InvalidOperationException or ArgumentException or CryptographicException or NotSupportedException)
        {
            return e.Message;
        }
        owned.Add(key);
        var algorithm = Preferred(key.HostKeyAlgorithms);
        if (algorithm is null) return "it holds no key SSH.NET can sign with";
        Offer(algorithm, $"key file {path} ({Describe(algorithm.Data)})");
        return null;
    }

    private async Task AddAgentAsync(string? socket, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(socket))
        {
            tried.Add("ssh-agent: SSH_AUTH_SOCK is not set");
            return;
        }
        var connected = await SshAgentClient.ConnectAsync(socket, cancellationToken).ConfigureAwait(false);
        if (connected.Failed(out var agent, out var error))
        {
            tried.Add(error.Message);
            return;
        }
        owned.Add(agent);
        var listed = await agent.ListIdentitiesAsync(cancellationToken).ConfigureAwait(false);
        listed.Match(
            identities =>
            {
                if (identities.Count == 0) tried.Add($"ssh-agent at {socket}: it holds no keys");
                foreach (var algorithm in new AgentKeySource(agent, identities).HostKeyAlgorithms.DistinctBy(a => Convert.ToBase64String(a.Data)))
                {
                    Offer(algorithm, $"ssh-agent at {socket}: {Describe(algorithm.Data)}");
                }
            },
            error => tried.Add(error.Message));
    }

    private void AddDefaults(string folder)
    {
        var found = false;
        foreach (var name in DefaultKeyFiles)
        {
            var path = Path.Combine(folder, name);
            if (!File.Exists(path)) continue;
            found = true;
            // Without a passphrase to give, an encrypted default key is skipped, not an error.
            var why = AddFile(path, null);
            if (why is not null) tried.Add($"key file {path}: skipped ({why})");
        }
        if (!found) tried.Add($"default keys: none of {string.Join(", ", DefaultKeyFiles)} in {folder}");
    }

    private void Offer(HostAlgorithm algorithm, string description)
    {
        if (!offered.Add(Convert.ToBase64String(algorithm.Data))) return;
        algorithms.Add(algorithm);
        tried.Add(description);
    }

    private static HostAlgorithm? Preferred(IEnumerable<HostAlgorithm> candidates)
    {
        var list = candidates.ToList();
        return list.Find(a => a.Name == "rsa-sha2-512") ?? list.FirstOrDefault();
    }

    private static string Describe(byte[] blob) =>
        $"{SshPublicKey.DisplayType(SshPublicKey.KeyType(blob))} {SshPublicKey.FingerprintSha256(blob)}";

    public void Dispose()
    {
        foreach (var item in owned) item.Dispose();
        owned.Clear();
    }
}
