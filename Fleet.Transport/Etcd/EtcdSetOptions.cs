namespace Fleet.Transport.Etcd;

/// <summary>Conditions and lifetime of a set: etcd's <c>prevExist</c>, <c>prevValue</c>, <c>prevIndex</c> and <c>ttl</c>.</summary>
public sealed record EtcdSetOptions
{
    /// <summary>The options used when none are given: an unconditional set that never expires.</summary>
    public static EtcdSetOptions Default { get; } = new();

    /// <summary>
    /// <c>false</c>: only create the key (etcd answers <see cref="EtcdErrorCodes.KeyExists"/> when it
    /// exists); <c>true</c>: only replace an existing key (<see cref="EtcdErrorCodes.KeyNotFound"/>
    /// otherwise); null: either.
    /// </summary>
    public bool? PrevExist { get; init; }

    /// <summary>Set only if the key's current value is this one (<see cref="EtcdErrorCodes.CompareFailed"/> otherwise); null for no condition. Cannot be empty.</summary>
    public string? PrevValue { get; init; }

    /// <summary>Set only if the key was last changed at this index (<see cref="EtcdErrorCodes.CompareFailed"/> otherwise); null for no condition. Positive.</summary>
    public long? PrevIndex { get; init; }

    /// <summary>How long the key lives, in whole seconds (etcd's unit; a fraction is dropped, as Go's client drops it); null for ever.</summary>
    public TimeSpan? Ttl { get; init; }
}
