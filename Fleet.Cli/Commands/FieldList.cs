namespace Fleet.Cli.Commands;

/// <summary>The <c>--fields</c> check fleetctl's listing commands make before sending anything.</summary>
internal static class FieldList
{
    /// <summary>Splits <paramref name="fields"/> at commas, or prints why it is refused and answers null.</summary>
    /// <param name="context">Where the refusal is written.</param>
    /// <param name="fields">The flag's value.</param>
    /// <param name="isField">Whether a name is one of the command's fields.</param>
    /// <param name="accepted">Called for each column found good, in order, before the next is checked.</param>
    /// <returns>The columns, or null after a refusal (the command exits with 1).</returns>
    public static string[]? Parse(CliContext context, string fields, Func<string, bool> isField, Action<string>? accepted = null)
    {
        if (fields.Length == 0)
        {
            context.Error("Must define output format");
            return null;
        }
        var columns = fields.Split(',');
        // fleetctl names the first bad field and stops there.
        foreach (var column in columns)
        {
            if (!isField(column))
            {
                context.Error($"Invalid key in output format: {Core.Text.GoQuoting.Quote(column)}");
                return null;
            }
            accepted?.Invoke(column);
        }
        return columns;
    }
}
