using Fleet.Core;

namespace Fleet.Transport.Etcd;

/// <summary>
/// What one member's answer means for the request: etcd's answer or its error (final), a failure
/// after which the next member is tried (as Go's client does after a transport error, a timeout
/// or a 5xx), or a redirect to follow. <see cref="Untouched"/> says, for such a failure, that the
/// member surely did not apply the request: it could not be reached, or it refused with a 5xx.
/// </summary>
internal readonly record struct EtcdOutcome(EtcdResponse? Response, APIError? Error, bool TryNext, string? Location, bool Untouched = false)
{
    public static EtcdOutcome Answered(EtcdResponse response) => new(response, null, false, null);

    public static EtcdOutcome Failed(APIError error) => new(null, error, false, null);

    public static EtcdOutcome Next(APIError error, bool untouched = false) => new(null, error, true, null, untouched);

    public static EtcdOutcome Redirect(string location) => new(null, null, false, location);
}
