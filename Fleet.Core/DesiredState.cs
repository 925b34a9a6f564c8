using System.Text.Json.Serialization;

namespace Fleet.Core;

/// <summary>The state fleet drives a unit towards (and, as current state, where it has got to).</summary>
[JsonConverter(typeof(DesiredStateJsonConverter))]
public enum DesiredState
{
    /// <summary>Known to fleet, not scheduled to any machine.</summary>
    [JsonStringEnumMemberName("inactive")]
    Inactive,

    /// <summary>Scheduled to a machine and loaded into its systemd, not started.</summary>
    [JsonStringEnumMemberName("loaded")]
    Loaded,

    /// <summary>Scheduled, loaded and started.</summary>
    [JsonStringEnumMemberName("launched")]
    Launched,
}
