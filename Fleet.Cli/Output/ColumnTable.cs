namespace Fleet.Cli.Output;

/// <summary>fleetctl's listing table: the legend (the columns in capitals) unless left out, then a tab-separated row per item.</summary>
internal static class ColumnTable
{
    /// <summary>Writes the table through Go's tab writer.</summary>
    /// <typeparam name="T">What a row shows.</typeparam>
    /// <param name="output">Where to write.</param>
    /// <param name="columns">The columns, as the user named them.</param>
    /// <param name="rows">The items, in order.</param>
    /// <param name="noLegend">Whether to leave out the legend.</param>
    /// <param name="value">One column's text for one item.</param>
    public static void Write<T>(TextWriter output, string[] columns, IEnumerable<T> rows, bool noLegend, Func<string, T, string> value)
    {
        var table = new GoTabWriter(output);
        if (!noLegend) table.WriteLine(string.Join('\t', columns).ToUpperInvariant());
        foreach (var row in rows) table.WriteLine(string.Join('\t', columns.Select(column => value(column, row))));
        table.Flush();
    }
}
