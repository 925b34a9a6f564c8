namespace Fleet.Core;

/// <summary>What sort of failure an <see cref="APIError"/> describes.</summary>
public enum ErrorKind
{
    /// <summary>fleet answered with an error status; <see cref="APIError.Code"/> holds it.</summary>
    Http,

    /// <summary>The connection could not be opened, or broke before the exchange completed.</summary>
    Transport,

    /// <summary>A deadline passed before the operation finished.</summary>
    Timeout,

    /// <summary>The peer broke the HTTP/1.1 rules (malformed, oversized or truncated response).</summary>
    Protocol,

    /// <summary>The caller's input was refused before anything was sent.</summary>
    Validation,

    /// <summary>The response body was not the JSON fleet sends.</summary>
    Decoding,

    /// <summary>The SSH tunnel failed: connection, authentication, host key or channel.</summary>
    Ssh,

    /// <summary>A unit file could not be read as fleet reads unit files.</summary>
    UnitFile,

    /// <summary>The endpoint answered, but not as fleet's v1 API does (its discovery document is missing or another one).</summary>
    NotFleet,
}
