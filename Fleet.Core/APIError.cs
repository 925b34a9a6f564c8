namespace Fleet.Core;

/// <summary>
/// The one error type of the functional layer: every expected failure (an HTTP error from fleet,
/// a broken connection, a timeout, a malformed response, invalid input, a rejected unit file) is
/// one of these, returned as the left side of an <c>Either</c>, never thrown.
/// </summary>
/// <param name="Kind">What sort of failure this is.</param>
/// <param name="Message">What went wrong, in words a user can act on. For HTTP errors, fleet's own message.</param>
public sealed record APIError(ErrorKind Kind, string Message)
{
    /// <summary>The HTTP status code, when fleet answered.</summary>
    public int? Code { get; init; }

    /// <summary>
    /// etcd's own error code when etcd answered with an error (its <c>errorCode</c>: 100 key not
    /// found, 101 compare failed, 105 key exists, ...); <see cref="Code"/> then holds the HTTP status.
    /// Absent for every other error.
    /// </summary>
    public int? EtcdCode { get; init; }

    /// <summary>Where in the input the problem is, for errors about a text such as a unit file.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>The start of what the peer sent before the failure, escaped for display; absent when nothing was received.</summary>
    public string? Received { get; init; }

    /// <summary>
    /// For input refused before anything was sent, the argument at fault when the error is about
    /// one: a parameter's name (<c>desiredState</c>) or a path into one (<c>options.DesiredState</c>).
    /// The facade gives it as <see cref="ArgumentException.ParamName"/>.
    /// </summary>
    public string? Parameter { get; init; }

    /// <summary>An error for input refused before anything was sent.</summary>
    /// <param name="message">What was wrong with the input.</param>
    /// <returns>An error of kind <see cref="ErrorKind.Validation"/>.</returns>
    public static APIError Validation(string message) => new(ErrorKind.Validation, message);

    /// <summary>An error for a unit file fleet would not accept.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="location">Where it was, when the problem is at one place.</param>
    /// <returns>An error of kind <see cref="ErrorKind.UnitFile"/>.</returns>
    public static APIError UnitFile(string message, SourceLocation? location = null) =>
        new(ErrorKind.UnitFile, message) { Location = location };

    /// <summary>An error for an HTTP error status from fleet.</summary>
    /// <param name="code">The status code.</param>
    /// <param name="message">fleet's message.</param>
    /// <returns>An error of kind <see cref="ErrorKind.Http"/>.</returns>
    public static APIError Http(int code, string message) => new(ErrorKind.Http, message) { Code = code };

    /// <inheritdoc />
    public override string ToString()
    {
        var code = Code is null ? "" : $" {Code}";
        // Messages about a text usually name the place themselves; add it only when one does not.
        var where = Location is null || Message.Contains(Location.ToString(), StringComparison.Ordinal) ? "" : $" ({Location})";
        return $"{Kind}{code}: {Message}{where}";
    }
}
