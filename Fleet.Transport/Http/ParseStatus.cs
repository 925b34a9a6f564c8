namespace Fleet.Transport.Http;

/// <summary>The outcome of one attempt to parse buffered bytes.</summary>
internal enum ParseStatus
{
    /// <summary>More bytes are needed; nothing was refused.</summary>
    Incomplete,

    /// <summary>The element is whole.</summary>
    Complete,

    /// <summary>The bytes break the protocol; the reason says how.</summary>
    Invalid,
}
