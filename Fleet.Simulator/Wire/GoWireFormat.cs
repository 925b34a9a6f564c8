using System.IO.Pipelines;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Fleet.Simulator.Wire;

/// <summary>
/// Puts Go's net/http on both sides of Kestrel's wire, for clients that compare bytes: requests
/// pass Go's Host rules before Kestrel reads them (<see cref="GoRequests"/>), and answers are
/// written in Go's order and versions (<see cref="GoAnswers"/>). The handler marks what the wire
/// cannot tell (an HTTP/1.0 request, a HEAD answer without body, a hang-up) with the private
/// headers below, which never reach the client.
/// </summary>
internal static class GoWireFormat
{
    /// <summary>What every private marker header's name starts with; a client's are dropped on the way in.</summary>
    public const string MarkerPrefix = "X-Fleet-Wire-";

    public const string VersionMarker = MarkerPrefix + "Version";
    public const string NoBodyMarker = MarkerPrefix + "No-Body";

    /// <summary>
    /// Marks an answer that must not reach the client: the connection is closed cleanly instead,
    /// as Go does when a handler panics. (Kestrel's own abort would reset it.)
    /// </summary>
    public const string HangUpMarker = MarkerPrefix + "Hang-Up";

    /// <summary>
    /// Marks the stand-in of a request Go's server refuses before any handler runs (see
    /// <see cref="GoHostRule"/>); its value is Go's status text, and the answer is Go's
    /// <see cref="Refusal"/> in place of the handler's, after which the connection closes.
    /// </summary>
    public const string RefusalMarker = MarkerPrefix + "Refusal";

    /// <summary>Go's answer to a request its server refuses: plain text, then it hangs up.</summary>
    public static string Refusal(string status) =>
        $"HTTP/1.1 400 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 {status}";

    /// <summary>Puts both sides on every connection of <paramref name="listen"/>.</summary>
    public static ListenOptions UseGoWireFormat(this ListenOptions listen, ServerFaults faults)
    {
        listen.Use(next => async connection =>
        {
            var transport = connection.Transport;
            var requests = new Pipe();
            var answers = new Pipe();
            connection.Transport = new DuplexPipe(requests.Reader, answers.Writer);
            var reading = GoRequests.PumpAsync(transport.Input, requests.Writer);
            var writing = GoAnswers.PumpAsync(answers.Reader, transport.Output, faults);
            try
            {
                await next(connection).ConfigureAwait(false);
            }
            finally
            {
                await answers.Writer.CompleteAsync().ConfigureAwait(false);
                await writing.ConfigureAwait(false);
                // Kestrel is done with the connection: stop reading for it.
                await requests.Reader.CompleteAsync().ConfigureAwait(false);
                transport.Input.CancelPendingRead();
                await reading.ConfigureAwait(false);
                connection.Transport = transport;
            }
        });
        return listen;
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }
}
