using System.CommandLine;
using System.CommandLine.Parsing;
using Fleet.Cli.Help;
using Fleet.Cli.Output;

namespace Fleet.Cli.Parsing;

/// <summary>
/// A command line that did not parse, reported as cobra and pflag report it in fleetctl: the error
/// on standard error, the command's usage on standard output, and exit code 0 (fleetctl exits with
/// the code of a command that ran, and none ran).
/// </summary>
internal static class ParseErrors
{
    /// <summary>The first problem with the command line in pflag's or cobra's words, or null when there is none.</summary>
    /// <param name="parse">The parse.</param>
    /// <param name="args">The arguments that were parsed.</param>
    /// <returns>The problem, and whether it is an unknown command rather than a flag error.</returns>
    public static (string Message, bool UnknownCommand)? Find(ParseResult parse, IReadOnlyList<string> args)
    {
        if (BadBoolean(parse, args) is { } badBoolean) return (badBoolean, false);
        var isRoot = parse.CommandResult.Command is RootCommand;
        // pflag refuses any argument that looks like a flag it does not know; System.CommandLine
        // would hand it to the command's arguments. After "--" pflag reads no flags: what follows
        // is arguments, dashes and all (fleetctl ssh MACHINE -- ls -l).
        var afterDashes = parse.Tokens.SkipWhile(token => token.Type != TokenType.DoubleDash).ToHashSet(ReferenceEqualityComparer.Instance);
        var arguments = parse.CommandResult.Tokens.Where(token => token.Type == TokenType.Argument && !afterDashes.Contains(token)).Select(token => token.Value);
        foreach (var text in arguments.Concat(parse.UnmatchedTokens))
        {
            if (text.StartsWith("--", StringComparison.Ordinal) && text.Length > 2) return ($"unknown flag: {text.Split('=')[0]}", false);
            if (text.StartsWith('-') && text.Length > 1) return ($"unknown shorthand flag: {Core.Text.GoQuoting.QuoteRune(System.Text.Rune.GetRuneAt(text, 1))} in {text}", false);
            if (isRoot) return ($"unknown command {Core.Text.GoQuoting.Quote(text)} for \"fleetctl\"", true);
        }
        foreach (var error in parse.Errors)
        {
            if (error.SymbolResult is OptionResult option && option.Tokens.Count == 0 && option.Option.Arity.MinimumNumberOfValues > 0)
            {
                return ($"flag needs an argument: {option.Option.Name}", false);
            }
            return (error.Message, false);
        }
        return null;
    }

    // System.CommandLine leaves the value of "--debug=maybe" unmatched rather than handing it to
    // the flag's parser, so pflag's complaint about the value is made here.
    private static string? BadBoolean(ParseResult parse, IReadOnlyList<string> args)
    {
        var options = parse.RootCommandResult.Command.Options.Concat(parse.CommandResult.Command.Options).OfType<Option<bool?>>().ToList();
        foreach (var arg in args)
        {
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (!arg.StartsWith("--", StringComparison.Ordinal) || equals < 0) continue;
            var name = arg[..equals];
            var value = arg[(equals + 1)..];
            if (options.Any(option => option.Name == name) && GoBooleanFlags.GoBool(value) is null)
            {
                return $"invalid argument {Core.Text.GoQuoting.Quote(value)} for {Core.Text.GoQuoting.Quote(name)} flag: strconv.ParseBool: parsing {Core.Text.GoQuoting.Quote(value)}: invalid syntax";
            }
        }
        return null;
    }

    /// <summary>Prints cobra's unknown-command error (its message may end with suggestions) as fleetctl does.</summary>
    /// <param name="context">Where to write.</param>
    /// <param name="message">The message.</param>
    /// <returns>fleetctl's exit code for it, 0.</returns>
    public static int ReportUnknownCommand(CliContext context, string message)
    {
        // cobra's Println adds a newline even after suggestions that end in one; fleetctl's stderr() does not.
        context.Stderr.Write($"Error: {message}\n");
        context.Stderr.Write("Run 'fleetctl --help' for usage.\n");
        context.Error($"cannot execute cmdFleet: {message}");
        return 0;
    }

    /// <summary>Prints <paramref name="problem"/> as fleetctl does.</summary>
    /// <param name="context">Where to write.</param>
    /// <param name="parse">The parse, for the command whose usage is shown.</param>
    /// <param name="problem">The problem.</param>
    /// <returns>fleetctl's exit code for it, 0.</returns>
    public static int Report(CliContext context, ParseResult parse, (string Message, bool UnknownCommand) problem)
    {
        if (problem.UnknownCommand) return ReportUnknownCommand(context, problem.Message);
        context.Stderr.Write($"Error: {problem.Message}\n");
        var name = parse.CommandResult.Command.Name;
        var help = CommandCatalog.Known.FirstOrDefault(command => command.Name == name);
        var usage = new GoTabWriter(context.Stdout);
        usage.Write(help is null ? Usage.Root(CommandCatalog.All) : Usage.Command(help));
        usage.Flush();
        // cobra prints the usage string, which fleetctl's usage function leaves empty, with a newline.
        context.Stderr.Write('\n');
        context.Error($"cannot execute cmdFleet: {problem.Message}");
        return 0;
    }
}
