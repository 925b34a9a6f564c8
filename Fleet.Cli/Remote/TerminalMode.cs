using System.Runtime.InteropServices;

namespace Fleet.Cli.Remote;

/// <summary>
/// The local terminal in raw mode while a remote shell has it, as fleetctl's
/// <c>terminal.MakeRaw</c> does: every key goes to the remote side as typed (Ctrl-C included), and
/// the remote pseudo-terminal echoes. Disposing restores the terminal. On a standard input that
/// is not a terminal, or off Linux, nothing changes.
/// </summary>
internal sealed class TerminalMode : IDisposable
{
    private const int StandardInput = 0;
    private const int ApplyNow = 0;
    private const ulong GetWindowSize = 0x5413;

    // glibc's struct termios is 60 bytes; room to spare.
    private const int TermiosSize = 256;

    private readonly byte[]? saved;

    private TerminalMode(byte[]? saved, int columns, int rows)
    {
        this.saved = saved;
        Columns = columns;
        Rows = rows;
    }

    /// <summary>The terminal's width in characters (80 when unknown).</summary>
    public int Columns { get; }

    /// <summary>The terminal's height in lines (24 when unknown).</summary>
    public int Rows { get; }

    /// <summary>Puts standard input's terminal in raw mode.</summary>
    /// <returns>The mode, to dispose when the shell ends.</returns>
    public static TerminalMode Raw()
    {
        if (!OperatingSystem.IsLinux()) return new TerminalMode(null, 80, 24);
        var size = new WindowSize();
        var known = ioctl(StandardInput, GetWindowSize, ref size) == 0 && size.Columns > 0 && size.Rows > 0;
        var (columns, rows) = known ? (size.Columns, size.Rows) : (80, 24);
        var original = new byte[TermiosSize];
        if (tcgetattr(StandardInput, original) != 0) return new TerminalMode(null, columns, rows);
        var raw = (byte[])original.Clone();
        cfmakeraw(raw);
        return tcsetattr(StandardInput, ApplyNow, raw) == 0 ? new TerminalMode(original, columns, rows) : new TerminalMode(null, columns, rows);
    }

    /// <summary>Restores the terminal as it was.</summary>
    public void Dispose()
    {
        if (saved is not null) _ = tcsetattr(StandardInput, ApplyNow, saved);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct WindowSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort Width;
        public ushort Height;
    }

    // DllImport rather than LibraryImport: the generated marshalling would need unsafe code in the project for four calls.
    [DllImport("libc", SetLastError = true)]
    private static extern int tcgetattr(int fd, [Out] byte[] termios);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcsetattr(int fd, int optionalActions, byte[] termios);

    [DllImport("libc")]
    private static extern void cfmakeraw([In, Out] byte[] termios);

    [DllImport("libc", SetLastError = true)]
    private static extern int ioctl(int fd, ulong request, ref WindowSize size);
}
