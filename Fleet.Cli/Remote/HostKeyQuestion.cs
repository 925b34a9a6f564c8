using System.Text;
using Fleet.Ssh;

namespace Fleet.Cli.Remote;

/// <summary>
/// fleetctl's question before it trusts a host key its known_hosts file does not hold
/// (<c>askToTrustHost</c> in fleet's ssh package), in its words and with its key names and MD5
/// fingerprints. It is asked only when standard input is a terminal, so that a script never
/// hangs on it or answers it by accident; otherwise the host is refused with fleetctl's words.
/// </summary>
internal static class HostKeyQuestion
{
    // A longer answer is no answer.
    private const int AnswerLimit = 1024;

    /// <summary>The question, asked on <paramref name="context"/>'s standard error and answered on its standard input.</summary>
    /// <param name="context">Where to ask.</param>
    /// <returns>The callback for <see cref="SshTunnelOptions.ConfirmUnknownHostKey"/>.</returns>
    public static Func<UnknownHostKey, CancellationToken, ValueTask<bool>> For(CliContext context) =>
        (key, cancellationToken) => AskAsync(context, key, cancellationToken);

    private static async ValueTask<bool> AskAsync(CliContext context, UnknownHostKey key, CancellationToken cancellationToken)
    {
        var algorithm = AlgorithmName(key.KeyAlgorithm);
        context.Stderr.Write($"The authenticity of host '{key.Host}' can't be established.\n");
        context.Stderr.Write($"{algorithm} key fingerprint is {key.Md5Fingerprint}.\n");
        if (context.StdinIsTerminal)
        {
            context.Stderr.Write("Are you sure you want to continue connecting (yes/no)? ");
            await context.Stderr.FlushAsync(cancellationToken).ConfigureAwait(false);
            var answer = (await ReadAnswerAsync(context.Stdin, cancellationToken).ConfigureAwait(false)).ToLowerInvariant();
            if (answer is "yes" or "y")
            {
                context.Stderr.Write($"Warning: Permanently added '{key.Host}' ({algorithm}) to the list of known hosts.\n");
                return true;
            }
        }
        context.Stderr.Write("Host key verification failed.\n");
        return false;
    }

    // fleetctl reads the answer with Scanf("%s\n"): the first word of the line.
    private static async Task<string> ReadAnswerAsync(Stream input, CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        var one = new byte[1];
        // A byte at a time: whatever follows the answer is the remote command's input.
        while (line.Count < AnswerLimit)
        {
            var read = await input.ReadAsync(one, cancellationToken).AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
            if (read == 0 || one[0] == '\n') break;
            line.Add(one[0]);
        }
        var words = Encoding.UTF8.GetString([.. line]).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 ? words[0] : "";
    }

    // fleetctl's algoString: the short names it knows, else the key type as the server names it.
    private static string AlgorithmName(string keyAlgorithm) => keyAlgorithm switch
    {
        "ssh-rsa" => "RSA",
        "ssh-dss" => "DSA",
        "ecdsa-sha2-nistp256" or "ecdsa-sha2-nistp384" or "ecdsa-sha2-nistp521" => "ECDSA",
        _ => keyAlgorithm,
    };
}
