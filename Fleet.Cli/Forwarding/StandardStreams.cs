using Microsoft.Win32.SafeHandles;

namespace Fleet.Cli.Forwarding;

/// <summary>
/// Standard input and output as plain file streams over descriptors 0 and 1. Console's own
/// streams will not do for forwarding: on Unix they swallow a broken pipe on output, so a reader
/// that went away would leave the copy running for ever.
/// </summary>
internal static class StandardStreams
{
    /// <summary>Standard input, unbuffered; the descriptor stays open after disposal.</summary>
    /// <returns>The stream.</returns>
    public static Stream OpenInput() => Open(0, FileAccess.Read);

    /// <summary>Standard output, unbuffered; the descriptor stays open after disposal.</summary>
    /// <returns>The stream.</returns>
    public static Stream OpenOutput() => Open(1, FileAccess.Write);

    // Unbuffered: the forwarder has its own bounded buffers and must see every write reach the descriptor.
    private static FileStream Open(int descriptor, FileAccess access) =>
        new(new SafeFileHandle(descriptor, ownsHandle: false), access, bufferSize: 0);
}
