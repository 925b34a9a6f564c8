using System.Collections.Immutable;

namespace Fleet.Reliability.Tests.Hostile;

/// <summary>What the server does with the connection once the answer's bytes are written.</summary>
internal enum After
{
    /// <summary>Closes it in order (FIN).</summary>
    Close,

    /// <summary>Stops sending (FIN) but keeps reading.</summary>
    HalfClose,

    /// <summary>Drops it with a reset (RST).</summary>
    Reset,

    /// <summary>Keeps it open and reads the next request: an answer that is not complete must end by the client's timeout.</summary>
    KeepOpen,
}

/// <summary>
/// One hostile answer: fleet's answer to one kind of request, changed in structure and then in
/// its bytes, written in one go, and followed by something done to the connection.
/// </summary>
internal sealed record HostileCase(CaseKind Kind, int ChunkBytes, ImmutableArray<Mutation> Structure, ImmutableArray<ByteMutation> Bytes, After After)
{
    /// <summary>The unit a case is about, from its number: only characters that no JSON escape can come from, so a byte flip cannot forge a name by escaping.</summary>
    public static string UnitName(int id) => $"x{id:D6}.slice";

    /// <summary>The bytes the server sends for this case about <paramref name="name"/>.</summary>
    public byte[] Render(string name)
    {
        var answer = Structure.Aggregate(BaseAnswers.For(Kind, name, ChunkBytes), (current, mutation) => mutation.Apply(current));
        return Bytes.Aggregate(answer.Render(), (current, mutation) => mutation.Apply(current));
    }

    public override string ToString() =>
        $"{Kind} (chunks of {ChunkBytes}), structure [{string.Join(", ", Structure)}], bytes [{string.Join(", ", Bytes)}], then {After}";
}
