using Spectre.Console;

namespace Fleet.Cli.Progress;

/// <summary>
/// The board on a terminal. Spectre.Console renders each frame (styles, colours, cursor
/// movement) into a buffer that is written to the terminal in one piece; the board keeps its own
/// rows below the text printed so far rather than using Spectre's live display, because fleetctl's
/// lines go to standard output, another stream than the one the rows are drawn on, and a live
/// display only knows about what passes through its own console. Rows are cut to the terminal's
/// width so each takes exactly one line, which lets a frame be erased by moving up one line per row.
/// </summary>
internal sealed class TerminalProgressBoard : IProgressBoard
{
    // Erase from the cursor to the end of the screen, after going back to the first column.
    private const string EraseBelow = "\r\u001b[J";

    private readonly Lock gate = new();
    private readonly TextWriter terminal;
    private readonly TerminalBoardSettings settings;
    private readonly StringWriter buffer = new() { NewLine = "\n" };
    private readonly IAnsiConsole frame;
    private readonly IReadOnlyList<string> spinner;
    private readonly List<ProgressRow> rows = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Task animation;
    private int drawn;
    private int turn;
    private bool cursorHidden;
    private bool disposed;
    private int disposing;

    /// <summary>Creates a board drawing on <paramref name="terminal"/>.</summary>
    /// <param name="terminal">Standard error, a terminal (or a test's stand-in for one).</param>
    /// <param name="settings">How to draw.</param>
    public TerminalProgressBoard(TextWriter terminal, TerminalBoardSettings settings)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        ArgumentNullException.ThrowIfNull(settings);
        this.terminal = terminal;
        this.settings = settings;
        frame = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = settings.Colour ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(buffer),
            // Decided by the command line once, not guessed again from this process's environment.
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
            EnvironmentVariables = new Dictionary<string, string>(),
        });
        frame.Profile.Width = Math.Max(2, settings.Width);
        frame.Profile.Capabilities.Unicode = settings.Unicode;
        spinner = (settings.Unicode ? Spinner.Known.Dots : Spinner.Known.Line).Frames;
        animation = settings.Animation is { } interval ? AnimateAsync(interval, stopping.Token) : Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Watch(string unit, string target)
    {
        lock (gate)
        {
            var index = rows.FindIndex(row => row.Unit == unit);
            if (index >= 0) rows[index] = rows[index] with { Target = target };
            else rows.Add(new ProgressRow(unit, target, null, null));
            Redraw();
        }
    }

    /// <inheritdoc />
    public void Saw(string unit, string? state, string? machine)
    {
        lock (gate)
        {
            var index = rows.FindIndex(row => row.Unit == unit);
            if (index < 0 || (rows[index].State == state && rows[index].Machine == machine)) return;
            rows[index] = rows[index] with { State = state, Machine = machine };
            Redraw();
        }
    }

    /// <inheritdoc />
    public void Drop(string unit)
    {
        lock (gate)
        {
            if (rows.RemoveAll(row => row.Unit == unit) > 0) Redraw();
        }
    }

    /// <inheritdoc />
    public void Print(Action write)
    {
        ArgumentNullException.ThrowIfNull(write);
        lock (gate)
        {
            Erase();
            Send();
            write();
            Draw();
            Send();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // A second dispose must not touch the token source the first one disposed.
        if (Interlocked.Exchange(ref disposing, 1) == 1) return;
        await stopping.CancelAsync().ConfigureAwait(false);
        await animation.ConfigureAwait(false);
        lock (gate)
        {
            rows.Clear();
            Erase();
            if (cursorHidden) frame.Cursor.Show();
            Send();
            disposed = true;
        }
        stopping.Dispose();
    }

    private async Task AnimateAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                lock (gate)
                {
                    if (rows.Count == 0) continue;
                    turn++;
                    Redraw();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (IOException)
        {
            // The terminal went away; the command goes on without a board.
        }
    }

    // Under the lock, as are the three below.
    private void Redraw()
    {
        Erase();
        Draw();
        Send();
    }

    private void Erase()
    {
        if (drawn == 0) return;
        frame.Cursor.MoveUp(drawn);
        frame.Write(new ControlCode(EraseBelow));
        drawn = 0;
    }

    private void Draw()
    {
        if (disposed || rows.Count == 0) return;
        if (!cursorHidden)
        {
            frame.Cursor.Hide();
            cursorHidden = true;
        }
        var unitWidth = rows.Max(row => row.Unit.Length);
        var symbol = spinner[turn % spinner.Count];
        // One column short of the width: a line that fills it would leave some terminals waiting to wrap.
        var width = frame.Profile.Width - 1;
        foreach (var row in rows)
        {
            foreach (var (text, style) in ProgressRowText.Pieces(row, unitWidth, symbol, settings, width)) frame.Write(text, style);
            frame.WriteLine();
        }
        drawn = rows.Count;
    }

    private void Send()
    {
        var text = buffer.ToString();
        buffer.GetStringBuilder().Clear();
        if (text.Length == 0) return;
        terminal.Write(text);
        terminal.Flush();
    }
}
