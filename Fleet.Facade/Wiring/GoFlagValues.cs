using System.Globalization;

namespace Fleet.Facade.Wiring;

/// <summary>Flag values written as fleetctl (Go's strconv) reads them.</summary>
internal static class GoFlagValues
{
    // strconv.ParseBool's spellings, and no others.
    public static bool? Bool(string text) => text switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => null,
    };

    /// <summary>Seconds as a decimal number (fleetctl's float flags: <c>10</c>, <c>2.5</c>, <c>1e1</c>), not negative.</summary>
    public static TimeSpan? Seconds(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) return null;
        if (double.IsNaN(seconds) || seconds < 0 || seconds > TimeSpan.MaxValue.TotalSeconds) return null;
        return TimeSpan.FromSeconds(seconds);
    }
}
