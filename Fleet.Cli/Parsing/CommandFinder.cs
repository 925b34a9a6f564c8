using Fleet.Cli.Help;

namespace Fleet.Cli.Parsing;

/// <summary>
/// cobra's <c>Find</c> as fleetctl v1.0.0 runs it: the first word that is not a flag names the
/// command, a unique prefix of a command's name is that command (fleetctl turns on
/// <c>EnablePrefixMatching</c>: <c>fleetctl list-m</c> is <c>list-machines</c>), and any other
/// word is an unknown command, with cobra's suggestions of names within edit distance 2 or
/// starting with it.
/// </summary>
internal static class CommandFinder
{
    private const int SuggestionsMinimumDistance = 2;

    /// <summary>The arguments with a command prefix spelled out, or cobra's unknown-command message.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="booleanFlags">The root's boolean flags by name (without dashes): they take no separate value.</param>
    /// <returns>
    /// The arguments to parse and the command's name, or the error. With no command word the name is
    /// null: cobra then runs the root, whatever System.CommandLine makes of the words flags took.
    /// </returns>
    public static (string[] Args, string? UnknownCommand, string? Command) Find(string[] args, IReadOnlySet<string> booleanFlags)
    {
        if (FirstWord(args, booleanFlags) is not { } word) return (args, null, null);
        if (CommandCatalog.Find(word) is { } command)
        {
            if (command.Name == word) return (args, null, word);
            // cobra's argsMinusFirstX drops the first argument equal to the word, even when that one
            // was a flag's value, and parses the rest as the command's flags; the command goes first
            // here, since the global flags are recognised after it too.
            var rest = args.ToList();
            rest.RemoveAt(rest.IndexOf(word));
            return ([command.Name, .. rest], null, command.Name);
        }
        // cobra suggests only fleetctl's available commands: not its help, nor the deprecated verify.
        var suggestions = CommandCatalog.All.Select(command => command.Name)
            .Where(name => Distance(word, name) <= SuggestionsMinimumDistance || name.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var message = $"unknown command {Core.Text.GoQuoting.Quote(word)} for \"fleetctl\"";
        if (suggestions.Count > 0) message += "\n\nDid you mean this?\n" + string.Concat(suggestions.Select(name => $"\t{name}\n"));
        return (args, message, null);
    }

    // cobra's stripFlags, first word only: a "--flag" without "=" that is not boolean takes the
    // next argument as its value, and so does any two-character "-x"; empty words are skipped.
    private static string? FirstWord(string[] args, IReadOnlySet<string> booleanFlags)
    {
        var inFlag = false;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal) && !arg.Contains('=', StringComparison.Ordinal)) inFlag = !booleanFlags.Contains(arg[2..]);
            else if (arg.StartsWith('-') && !arg.Contains('=', StringComparison.Ordinal) && arg.Length == 2) inFlag = true;
            else if (inFlag) inFlag = false;
            else if (arg.Length > 0 && !arg.StartsWith('-')) return arg;
        }
        return null;
    }

    // cobra's ld: Levenshtein distance over bytes, ignoring case.
    private static int Distance(string s, string t)
    {
        var a = System.Text.Encoding.UTF8.GetBytes(s.ToLowerInvariant());
        var b = System.Text.Encoding.UTF8.GetBytes(t.ToLowerInvariant());
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var j = 1; j <= b.Length; j++)
        {
            for (var i = 1; i <= a.Length; i++)
            {
                d[i, j] = a[i - 1] == b[j - 1] ? d[i - 1, j - 1] : Math.Min(Math.Min(d[i - 1, j], d[i, j - 1]), d[i - 1, j - 1]) + 1;
            }
        }
        return d[a.Length, b.Length];
    }
}
