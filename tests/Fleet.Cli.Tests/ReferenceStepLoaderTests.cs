using Fleet.Cli.Tests.Harness;

namespace Fleet.Cli.Tests;

/// <summary>The reference loader reads every step, so later replays can rely on it.</summary>
public sealed class ReferenceStepLoaderTests
{
    [Fact]
    public void Loads_every_step()
    {
        Assert.Equal(73, ReferenceStep.All.Count);
        Assert.All(ReferenceStep.All.Values, step => Assert.StartsWith("fleetctl", step.Command, StringComparison.Ordinal));
    }

    [Fact]
    public void Keeps_outputs_exactly()
    {
        var step = ReferenceStep.Get("009");
        Assert.Equal("", step.Stdout);
        Assert.Equal("Invalid key in output format: \"bogus\"\n", step.Stderr);
        Assert.Equal(1, step.ExitCode);
    }

    [Fact]
    public void Trailing_space_is_an_empty_argument()
    {
        var arguments = ReferenceStep.Get("010").Arguments(argument => argument.Replace(ReferenceStep.SocketPlaceholder, "/s", StringComparison.Ordinal));
        Assert.Equal(["--endpoint", "unix:///s", "list-machines", "--fields", ""], arguments);
    }

    [Fact]
    public void Bare_command_has_no_arguments() => Assert.Empty(ReferenceStep.Get("073").Arguments(_ => throw new InvalidOperationException()));
}
