using Fleet.Cli.Parsing;
using Fleet.Cli.Tests.Harness;

namespace Fleet.Cli.Tests.Lifecycle;

/// <summary>
/// <c>--block-attempts</c> read as pflag reads an int (Go's <c>strconv.ParseInt(s, 0, 64)</c>), and
/// the <c>--replace</c> rules chosen from the words as typed. The expected texts are what fleetctl
/// v1.0.0 (built from source) printed for the same command lines.
/// </summary>
public sealed class FlagReadingTests : FleetFolderTest
{
    /// <inheritdoc />
    protected override IEnumerable<string> ReferenceUnits => ["hello.service"];

    [Theory]
    [InlineData("0x1")]
    [InlineData("010")]
    [InlineData("+1")]
    [InlineData("1_0")]
    [InlineData("0x_1")]
    [InlineData("0o17")]
    [InlineData("0b101")]
    [InlineData("-0x8000000000000000")]
    [InlineData("4294967297")]
    public async Task Numbers_go_accepts_are_accepted(string value)
    {
        var result = await RunAsync(["start", $"--block-attempts={value}", "--no-block", "hello.service"]);

        Assert.Equal("Unit hello.service inactive\nTriggered unit hello.service start\nTriggered unit hello.service start\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }

    [Theory]
    [InlineData("--block-attempts=", "invalid argument \"\" for --block-attempts=: strconv.ParseInt: parsing \"\": invalid syntax")]
    [InlineData("--block-attempts= 1", "invalid argument \" 1\" for --block-attempts= 1: strconv.ParseInt: parsing \" 1\": invalid syntax")]
    [InlineData("--block-attempts=0B1__0", "invalid argument \"0B1__0\" for --block-attempts=0B1__0: strconv.ParseInt: parsing \"0B1__0\": invalid syntax")]
    [InlineData("--block-attempts=99999999999999999999", "invalid argument \"99999999999999999999\" for --block-attempts=99999999999999999999: strconv.ParseInt: parsing \"99999999999999999999\": value out of range")]
    [InlineData("--block-attempts=-0x8000000000000001", "invalid argument \"-0x8000000000000001\" for --block-attempts=-0x8000000000000001: strconv.ParseInt: parsing \"-0x8000000000000001\": value out of range")]
    [InlineData("--block-attempts=99999999999999999999x", "invalid argument \"99999999999999999999x\" for --block-attempts=99999999999999999999x: strconv.ParseInt: parsing \"99999999999999999999x\": value out of range")]
    [InlineData("--block-attempts=1_", "invalid argument \"1_\" for --block-attempts=1_: strconv.ParseInt: parsing \"1_\": invalid syntax")]
    public async Task Numbers_go_refuses_are_refused_in_its_words(string flag, string message)
    {
        var result = await RunAsync(["start", flag, "--no-block", "hello.service"]);

        Assert.Equal($"Error: {message}\n\ncannot execute cmdFleet: {message}\n", result.Stderr);
        Assert.Empty(Fleet.Server.Cluster.Units);
    }

    [Fact]
    public async Task Each_value_is_read_in_turn_and_the_first_refused_one_is_reported()
    {
        var result = await RunAsync(["unload", "--block-attempts=abc2", "--block-attempts=0x2", "hello.service"]);

        Assert.Equal("Error: invalid argument \"abc2\" for --block-attempts=abc2: strconv.ParseInt: parsing \"abc2\": invalid syntax\n\ncannot execute cmdFleet: invalid argument \"abc2\" for --block-attempts=abc2: strconv.ParseInt: parsing \"abc2\": invalid syntax\n", result.Stderr);
    }

    [Fact]
    public async Task The_last_value_wins()
    {
        // nowhere.service asks for a machine the fleet lacks: with 0 (no limit) it would wait until stopped.
        CopyReferenceUnit("nowhere.service");

        var result = await RunAsync(["start", "--block-attempts=0", "--block-attempts=1", "nowhere.service"]);

        Assert.Equal("Unit nowhere.service inactive\n", result.Stdout);
        Assert.Equal("Error waiting for units: timed out waiting for unit nowhere.service to report state launched\nError waiting for unit states, exit status: timed out waiting for unit nowhere.service to report state launched\n", result.Stderr);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task An_abbreviated_command_selects_no_replace_rules()
    {
        Assert.Equal(0, (await RunAsync(["submit", "hello.service"])).ExitCode);
        await File.WriteAllTextAsync(Path.Combine(Folder.Path, "hello.service"), "[Service]\nExecStart=/bin/other\n");

        var result = await RunAsync(["subm", "--replace", "hello.service"]);

        Assert.Equal("Error creating units: error: replacing units is not supported in this context\n", result.Stderr);
        Assert.Equal(1, result.ExitCode);
    }

    [Theory]
    [InlineData("0x10", 16L)]
    [InlineData("-0b11", -3L)]
    [InlineData("0_7", 7L)]
    [InlineData("0", 0L)]
    [InlineData("0x7fffffffffffffff", long.MaxValue)]
    public void Go_integers_read_what_go_reads(string text, long value)
    {
        Assert.Equal(GoIntegers.Failure.None, GoIntegers.TryParse(text, out var read));
        Assert.Equal(value, read);
    }

    [Theory]
    [InlineData("08", false)]
    [InlineData("0x", false)]
    [InlineData("-", false)]
    [InlineData("_1", false)]
    [InlineData("0x8000000000000000", true)]
    public void Go_integers_refuse_what_go_refuses(string text, bool outOfRange) =>
        Assert.Equal(outOfRange ? GoIntegers.Failure.Range : GoIntegers.Failure.Syntax, GoIntegers.TryParse(text, out _));

    private Task<CliResult> RunAsync(string[] arguments) =>
        CliProcess.RunAsync(["--endpoint", Fleet.Server.Endpoint, .. arguments], workingDirectory: Folder.Path);
}
