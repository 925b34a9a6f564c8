namespace Fleet.Cli.Tests.Harness;

/// <summary>What one run of the command line did.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}--- stderr ---\n{Stderr}--- end ---";
}
