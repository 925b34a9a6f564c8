namespace Fleet.Cli.Help;

/// <summary>What fleetctl's usage texts say about one command (cobra's Use, Short and Long, and its own flags).</summary>
/// <param name="Name">The command's name.</param>
/// <param name="Use">cobra's Use line: the name and its arguments.</param>
/// <param name="Short">The one-line summary.</param>
/// <param name="Long">The description; empty for none.</param>
/// <param name="LocalFlagUsages">pflag's usage block for the command's own flags, each line ending in a newline; empty for none.</param>
internal sealed record CommandHelp(string Name, string Use, string Short, string Long, string LocalFlagUsages);
