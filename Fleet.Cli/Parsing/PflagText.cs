using System.CommandLine;

namespace Fleet.Cli.Parsing;

/// <summary>A string flag as pflag has one: given as often as wanted, one value each time, the last one wins.</summary>
internal static class PflagText
{
    /// <summary>The option.</summary>
    /// <param name="name">The flag, with its dashes.</param>
    /// <param name="description">What it does.</param>
    /// <returns>The option; null when the flag is not given.</returns>
    public static Option<string?> Create(string name, string? description = null) => new(name)
    {
        Description = description,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result => result.Tokens[^1].Value,
    };
}
