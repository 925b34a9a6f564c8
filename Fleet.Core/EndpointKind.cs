namespace Fleet.Core;

/// <summary>How the fleet API is reached.</summary>
public enum EndpointKind
{
    /// <summary>A unix domain socket (<c>unix:///var/run/fleet.sock</c>, <c>http+unix://%2Fvar%2Frun%2Ffleet.sock</c>).</summary>
    UnixSocket,

    /// <summary>Plain HTTP over TCP (<c>http://host:port</c>).</summary>
    Http,

    /// <summary>HTTP over TLS (<c>https://host:port</c>).</summary>
    Https,
}
