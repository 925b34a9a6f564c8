namespace Fleet.Core.Text;

/// <summary>Go's <c>strconv</c> readers that fleet and fleetctl apply to text this library reads too.</summary>
internal static class GoStrconv
{
    /// <summary>
    /// A boolean as Go's <c>strconv.ParseBool</c> reads it: <c>1</c>, <c>t</c>, <c>T</c>,
    /// <c>TRUE</c>, <c>true</c>, <c>True</c> are true; <c>0</c>, <c>f</c>, <c>F</c>, <c>FALSE</c>,
    /// <c>false</c>, <c>False</c> are false; nothing else is either.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The boolean, or null when the text is not one of those spellings.</returns>
    public static bool? ParseBool(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text switch
        {
            "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
            "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
            _ => null,
        };
    }
}
