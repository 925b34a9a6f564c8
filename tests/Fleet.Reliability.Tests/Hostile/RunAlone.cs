namespace Fleet.Reliability.Tests.Hostile;

/// <summary>
/// The heavy runs (ten thousand hostile cases, ten thousand requests of load): each alone, so
/// that none starves another on a small machine and pushes answers past the short timeouts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunAlone
{
    public const string Name = "run alone";
}
