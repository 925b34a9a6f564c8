using System.CommandLine;
using System.CommandLine.Parsing;
using Fleet.Cli.Parsing;

namespace Fleet.Cli.Lifecycle;

/// <summary>
/// The flags the lifecycle commands share (fleetctl's <c>sharedFlags</c>): <c>--block-attempts</c>,
/// <c>--no-block</c>, <c>--replace</c> and the deprecated <c>--sign</c>, which fleetctl accepts and
/// ignores (its check runs before the flags are parsed, so it never fires).
/// </summary>
internal sealed class LifecycleFlags
{
    private const string BlockAttemptsName = "--block-attempts";

    private readonly CliContext context;
    private readonly Option<long?>? blockAttempts;
    private readonly Option<bool?>? noBlock;
    private readonly Option<bool?>? replace;

    private LifecycleFlags(Command command, CliContext context, bool blocking, bool replaces, bool signs, bool noBlocking)
    {
        this.context = context;
        if (blocking)
        {
            blockAttempts = new Option<long?>(BlockAttemptsName)
            {
                Description = "Wait until the units reach their state, performing up to N attempts before giving up.",
                // pflag takes the flag as often as it is given, one value each time; the last wins.
                Arity = ArgumentArity.OneOrMore,
                AllowMultipleArgumentsPerToken = false,
                CustomParser = ParseAttempts,
            };
            command.Options.Add(blockAttempts);
        }
        if (noBlocking)
        {
            noBlock = GoBooleanFlags.Create("--no-block", "Do not wait until the units reach their state before exiting.");
            command.Options.Add(noBlock);
        }
        if (replaces)
        {
            replace = GoBooleanFlags.Create("--replace", "Replace the units in the cluster with new versions.");
            command.Options.Add(replace);
        }
        if (signs) command.Options.Add(GoBooleanFlags.Create("--sign", "DEPRECATED - this option cannot be used"));
    }

    /// <summary>Adds the flags to a command.</summary>
    /// <param name="command">The command.</param>
    /// <param name="context">The run, whose original arguments some rules read.</param>
    /// <param name="blocking">Whether it has <c>--block-attempts</c>.</param>
    /// <param name="replaces">Whether it has <c>--replace</c>.</param>
    /// <param name="signs">Whether it has <c>--sign</c>.</param>
    /// <param name="noBlock">Whether it has <c>--no-block</c> (every command with <c>--block-attempts</c> but <c>restart</c>).</param>
    /// <returns>The flags, to read after parsing.</returns>
    public static LifecycleFlags AddTo(Command command, CliContext context, bool blocking, bool replaces, bool signs, bool? noBlock = null) =>
        new(command, context, blocking, replaces, signs, noBlock ?? blocking);

    /// <summary>The <c>--block-attempts</c> value as given, 0 without it (fleetctl's creation wait reads it so).</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <returns>The value.</returns>
    public int GivenAttempts(ParseResult parse) =>
        blockAttempts is null ? 0 : (int)Math.Clamp(parse.GetValue(blockAttempts) ?? 0, int.MinValue, int.MaxValue);

    /// <summary>fleetctl's <c>getBlockAttempts</c>: -1 with <c>--no-block</c>, else the attempts when positive, else 0 (no limit).</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <returns>The attempts.</returns>
    public int Attempts(ParseResult parse)
    {
        if (noBlock is not null && parse.GetValue(noBlock) == true) return -1;
        return Math.Max(0, GivenAttempts(parse));
    }

    /// <summary>Whether <c>--replace</c> was given.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <returns>Whether to replace.</returns>
    public bool Replace(ParseResult parse) => replace is not null && parse.GetValue(replace) == true;

    /// <summary>The replace rules the command line selects, from its words as given (a command abbreviated as <c>subm</c> selects none, as in fleetctl).</summary>
    /// <returns>The rules, or null.</returns>
    public ReplaceRules? Rules() => ReplaceRules.For(context.Arguments);

    // pflag's int flag: each value in turn read by strconv.ParseInt(s, 0, 64), the first refused one reported.
    private long? ParseAttempts(ArgumentResult result)
    {
        long value = 0;
        var given = GivenValues();
        foreach (var text in given.Count > 0 ? given : [.. result.Tokens.Select(token => token.Value)])
        {
            if (GoIntegers.Refusal(text, BlockAttemptsName, out value) is not { } refusal) continue;
            result.AddError(refusal);
            return null;
        }
        return value;
    }

    // The flag's values as pflag takes them from the arguments: System.CommandLine drops the empty
    // value of "--block-attempts=" and takes the next argument instead, which pflag does not.
    private List<string> GivenValues()
    {
        var values = new List<string>();
        var args = context.Arguments;
        for (var i = 0; i < args.Count && args[i] != "--"; i++)
        {
            if (args[i].StartsWith(BlockAttemptsName + "=", StringComparison.Ordinal)) values.Add(args[i][(BlockAttemptsName.Length + 1)..]);
            else if (args[i] == BlockAttemptsName && i + 1 < args.Count) values.Add(args[++i]);
        }
        return values;
    }
}
