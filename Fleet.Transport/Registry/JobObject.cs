namespace Fleet.Transport.Registry;

/// <summary>A decoded <c>job/NAME/object</c>: the unit's name and the hash that finds its unit file.</summary>
/// <param name="Name">The name it holds (empty when it holds none, as Go reads it).</param>
/// <param name="Hash">The unit hash, in lowercase hex.</param>
/// <param name="Key">The object's key, for messages.</param>
internal sealed record JobObject(string Name, string Hash, string Key);
