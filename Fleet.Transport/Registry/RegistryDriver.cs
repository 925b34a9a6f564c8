using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fleet.Core;
using Fleet.Core.Text;
using Fleet.Transport.Etcd;
using LanguageExt;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fleet.Transport.Registry;

/// <summary>
/// fleet's registry in etcd as the driver of a <see cref="FleetClient"/>: fleet v1.0.0's
/// <c>registry.EtcdRegistry</c> and <c>client.RegistryClient</c>, the keys fleetctl's
/// <c>--driver=etcd</c> reads and writes, with the same etcd requests in the same order. Where
/// fleet's API answers what the registry would take silently, this driver answers it too, with
/// the API's code and message.
/// </summary>
internal sealed partial class RegistryDriver : IFleetDriver
{
    // fleet's API's words, for the answers this driver gives in its place.
    internal const string UnitDoesNotExist = "unit does not exist";
    internal const string UnitStateDoesNotExist = "unit state does not exist";
    internal const string OptionsEmpty = "unit does not exist and options field empty";
    internal const string DesiredStateNeeded = "must provide DesiredState to update existing unit";

    private static readonly EtcdGetOptions Folder = new() { Recursive = true };
    private static readonly EtcdGetOptions SortedFolder = new() { Recursive = true, Sorted = true };
    private static readonly EtcdGetOptions QuorumFolder = new() { Recursive = true, Quorum = true };
    private static readonly EtcdSetOptions CreateOnly = new() { PrevExist = false };
    private static readonly EtcdDeleteOptions RecursiveDelete = new() { Recursive = true };

    private readonly EtcdKeysClient etcd;
    private readonly RegistryKeys keys;
    private readonly ILogger logger;

    public RegistryDriver(EtcdKeysClient etcd, string keyPrefix, ILogger? logger)
    {
        this.etcd = etcd;
        keys = new RegistryKeys(keyPrefix);
        this.logger = logger ?? NullLogger.Instance;
    }

    public ValueTask DisposeAsync() => etcd.DisposeAsync();

    public void Dispose() => etcd.Dispose();

    /// <summary>
    /// Reads the machines, as fleetctl does first on every run: etcd answers, and the prefix is
    /// readable (a registry without machines yet is fine).
    /// </summary>
    public async Task<Either<APIError, Unit>> CheckAsync(CancellationToken cancellationToken)
    {
        var machines = await ReadFolderAsync(keys.Machines, SortedFolder, cancellationToken).ConfigureAwait(false);
        return machines.Map(_ => Unit.Default);
    }

    /// <summary>A folder, or none when etcd has no such key (fleet's "none").</summary>
    private async Task<Either<APIError, Option<EtcdNode>>> ReadFolderAsync(string key, EtcdGetOptions options, CancellationToken cancellationToken)
    {
        var response = await etcd.GetAsync(key, options, cancellationToken).ConfigureAwait(false);
        if (!response.Failed(out var found, out var error)) return Option<EtcdNode>.Some(found.Node);
        return error.EtcdCode == EtcdErrorCodes.KeyNotFound ? Option<EtcdNode>.None : error;
    }

    /// <summary>A value read as Go's <c>json.Unmarshal</c> reads it into fleet's model.</summary>
    private static Either<APIError, T> Decode<T>(string? value, string key, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(value ?? "", type) is { } decoded
                ? decoded
                : NotFleets(key, "it is null") with { Received = value };
        }
        catch (JsonException e)
        {
            return NotFleets(key, e.Message) with { Received = value };
        }
    }

    private static APIError NotFleets(string key, string why) =>
        new(ErrorKind.Decoding, $"the registry's {key} is not what fleet writes there: {why}");

    private static APIError Http(int code, string message) => APIError.Http(code, message);

    private static string Quote(string text) => GoQuoting.Quote(text);
}
