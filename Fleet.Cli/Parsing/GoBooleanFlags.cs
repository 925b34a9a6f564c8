using System.CommandLine;
using System.CommandLine.Parsing;
using Fleet.Core.Text;

namespace Fleet.Cli.Parsing;

/// <summary>
/// pflag's boolean flags: <c>--flag</c> is true, <c>--flag=VALUE</c> takes any of Go's
/// <c>strconv.ParseBool</c> spellings (<c>1</c>, <c>t</c>, <c>FALSE</c>, ...).
/// System.CommandLine reads only <c>true</c> and <c>false</c> after a boolean option and leaves
/// other values unmatched, so <see cref="Normalize"/> spells Go's values its way before parsing.
/// </summary>
internal static class GoBooleanFlags
{
    /// <summary>A boolean flag; null when not given.</summary>
    /// <param name="name">The flag, with its dashes.</param>
    /// <param name="description">What it does.</param>
    /// <returns>The option.</returns>
    public static Option<bool?> Create(string name, string? description = null) => new(name)
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = Parse,
    };

    /// <summary>
    /// The arguments with each <c>--flag=VALUE</c> of a boolean flag written as <c>--flag=true</c>
    /// or <c>--flag=false</c>; a value Go would refuse is left for <see cref="ParseErrors"/> to report.
    /// </summary>
    /// <param name="args">The arguments.</param>
    /// <param name="root">The root command, whose commands' boolean flags are looked up.</param>
    /// <returns>The arguments to parse.</returns>
    public static string[] Normalize(string[] args, RootCommand root)
    {
        var names = root.Options.Concat(root.Subcommands.SelectMany(command => command.Options))
            .OfType<Option<bool?>>()
            .Select(option => option.Name)
            .ToHashSet(StringComparer.Ordinal);
        return args.Select(arg =>
        {
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (!arg.StartsWith("--", StringComparison.Ordinal) || equals < 0 || !names.Contains(arg[..equals])) return arg;
            return GoStrconv.ParseBool(arg[(equals + 1)..]) is { } value ? $"{arg[..equals]}={(value ? "true" : "false")}" : arg;
        }).ToArray();
    }

    private static bool? Parse(ArgumentResult result)
    {
        if (result.Tokens.Count == 0) return true;
        var text = result.Tokens[0].Value;
        if (GoStrconv.ParseBool(text) is { } value) return value;
        var name = result.Parent is OptionResult option ? option.Option.Name : "";
        result.AddError(ParseErrors.InvalidArgument(text, name, "strconv.ParseBool"));
        return null;
    }
}
