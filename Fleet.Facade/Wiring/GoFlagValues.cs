using System.Globalization;

namespace Fleet.Facade;

/// <summary>Flag values written as fleetctl (Go's strconv) reads them.</summary>
internal static class GoFlagValues
{
    /// <summary>Seconds as a decimal number (fleetctl's float flags: <c>10</c>, <c>2.5</c>, <c>1e1</c>), not negative.</summary>
    public static TimeSpan? Seconds(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) return null;
        if (double.IsNaN(seconds) || seconds < 0 || seconds > TimeSpan.MaxValue.TotalSeconds) return null;
        return TimeSpan.FromSeconds(seconds);
    }
}
