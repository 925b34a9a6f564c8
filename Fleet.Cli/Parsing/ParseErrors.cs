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
    public static (string Message, bool UnknownCommand)? Find(ParseResult parse, IReadOnlyList<string> args) =>
        FindProblem(parse, args) is { } problem ? (WithOriginalArgument(problem.Message, args), problem.UnknownCommand) : null;

    /// <summary>
    /// pflag's message for a value its flag cannot take, naming the flag as <c>--name</c>; when the
    /// value came as <c>--name=value</c>, <see cref="Find"/> names that whole argument, as pflag does.
    /// </summary>
    /// <param name="value">The value given.</param>
    /// <param name="name">The flag, with its dashes.</param>
    /// <param name="goFunction">The Go function that refused it (<c>strconv.ParseBool</c>).</param>
    /// <param name="reason">Go's reason: <c>invalid syntax</c>, or <c>value out of range</c>.</param>
    /// <returns>The message.</returns>
    public static string InvalidArgument(string value, string name, string goFunction, string reason = "invalid syntax") =>
        $"invalid argument {Core.Text.GoQuoting.Quote(value)} for {name}: {goFunction}: parsing {Core.Text.GoQuoting.Quote(value)}: {reason}";

    private static (string Message, bool UnknownCommand)? FindProblem(ParseResult parse, IReadOnlyList<string> args)
    {
        if (BadBoolean(parse, args) is { } badBoolean) return (badBoolean, false);
        if (TrailingFlagWithoutValue(parse, args) is { } flag) return ($"flag needs an argument: {flag}", false);
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
            // cobra runs a root command given only flags: it prints the root's usage.
            if (isRoot && error.SymbolResult is CommandResult) continue;
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
            if (options.Any(option => option.Name == name) && Core.Text.GoStrconv.ParseBool(value) is null)
            {
                return InvalidArgument(value, name, "strconv.ParseBool");
            }
        }
        return null;
    }

    // A flag that takes a value, given last with none: System.CommandLine does not mind when the
    // same flag had a value earlier (pflag takes each occurrence, so it does).
    private static string? TrailingFlagWithoutValue(ParseResult parse, IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[^1] is not { } last || !last.StartsWith("--", StringComparison.Ordinal) || last.Contains('=', StringComparison.Ordinal)) return null;
        var options = parse.RootCommandResult.Command.Options.Concat(parse.CommandResult.Command.Options);
        return options.Any(option => option.Name == last && option.Arity.MinimumNumberOfValues > 0) ? last : null;
    }

    // pflag names the argument as given: "--debug=maybe" whole, or "--request-timeout" when the value came apart.
    private static string WithOriginalArgument(string message, IReadOnlyList<string> args)
    {
        const string prefix = "invalid argument ";
        if (!message.StartsWith(prefix, StringComparison.Ordinal)) return message;
        foreach (var arg in args)
        {
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (!arg.StartsWith("--", StringComparison.Ordinal) || equals < 0) continue;
            var named = $"{prefix}{Core.Text.GoQuoting.Quote(arg[(equals + 1)..])} for {arg[..equals]}: ";
            if (message.StartsWith(named, StringComparison.Ordinal)) return $"{prefix}{Core.Text.GoQuoting.Quote(arg[(equals + 1)..])} for {arg}: {message[named.Length..]}";
        }
        return message;
    }

    /// <summary>Prints cobra's unknown-command error (its message may end with suggestions) as fleetctl does.</summary>
    /// <param name="context">Where to write.</param>
    /// <param name="message">The message.</param>
    /// <returns>fleetctl's exit code for it, 0.</returns>
    public static int ReportUnknownCommand(CliContext context, string message)
    {
        // cobra's Println and fleetctl's stderr() both add a newline, even after suggestions that end in one.
        context.Stderr.Write($"Error: {message}\n");
        context.Stderr.Write("Run 'fleetctl --help' for usage.\n");
        context.Stderr.Write($"cannot execute cmdFleet: {message}\n");
        return 0;
    }

    /// <summary>Prints <paramref name="problem"/> as fleetctl does.</summary>
    /// <param name="context">Where to write.</param>
    /// <param name="command">The command whose usage is shown; null for the root's.</param>
    /// <param name="problem">The problem.</param>
    /// <returns>fleetctl's exit code for it, 0.</returns>
    public static int Report(CliContext context, string? command, (string Message, bool UnknownCommand) problem)
    {
        if (problem.UnknownCommand) return ReportUnknownCommand(context, problem.Message);
        context.Stderr.Write($"Error: {problem.Message}\n");
        var help = CommandCatalog.Known.FirstOrDefault(known => known.Name == command);
        var usage = new GoTabWriter(context.Stdout);
        usage.Write(help is null ? Usage.Root() : Usage.Command(help));
        usage.Flush();
        // cobra prints the usage string, which fleetctl's usage function leaves empty, with a newline.
        context.Stderr.Write('\n');
        context.Stderr.Write($"cannot execute cmdFleet: {problem.Message}\n");
        return 0;
    }
}
