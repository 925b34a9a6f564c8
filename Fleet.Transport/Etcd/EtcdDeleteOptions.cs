namespace Fleet.Transport.Etcd;

/// <summary>What a delete removes and on which conditions: etcd's <c>recursive</c>, <c>dir</c>, <c>prevValue</c> and <c>prevIndex</c>.</summary>
public sealed record EtcdDeleteOptions
{
    /// <summary>The options used when none are given: one key, unconditionally.</summary>
    public static EtcdDeleteOptions Default { get; } = new();

    /// <summary>Whether a directory goes with everything in it.</summary>
    public bool Recursive { get; init; }

    /// <summary>Whether the key may be an empty directory.</summary>
    public bool Dir { get; init; }

    /// <summary>Delete only if the key's current value is this one (<see cref="EtcdErrorCodes.CompareFailed"/> otherwise); null for no condition. Cannot be empty.</summary>
    public string? PrevValue { get; init; }

    /// <summary>Delete only if the key was last changed at this index (<see cref="EtcdErrorCodes.CompareFailed"/> otherwise); null for no condition. Positive.</summary>
    public long? PrevIndex { get; init; }
}
