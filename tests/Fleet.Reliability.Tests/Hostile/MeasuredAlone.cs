namespace Fleet.Reliability.Tests.Hostile;

/// <summary>Tests that measure the whole process's allocations, so nothing else may run beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAlone
{
    public const string Name = "measured alone";
}
