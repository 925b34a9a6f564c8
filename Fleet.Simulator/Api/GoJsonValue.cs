namespace Fleet.Simulator.Api;

/// <summary>A JSON value as Go's decoder sees it, before it is mapped onto a Go type.</summary>
internal abstract record GoJsonValue
{
    /// <summary>The kind as Go's type errors name it: object, array, string, number, bool.</summary>
    public abstract string Kind { get; }
}

internal sealed record GoJsonObject(IReadOnlyList<KeyValuePair<string, GoJsonValue>> Members) : GoJsonValue
{
    public override string Kind => "object";
}

internal sealed record GoJsonArray(IReadOnlyList<GoJsonValue> Items) : GoJsonValue
{
    public override string Kind => "array";
}

internal sealed record GoJsonString(string Value) : GoJsonValue
{
    public override string Kind => "string";
}

internal sealed record GoJsonNumber(string Text) : GoJsonValue
{
    public override string Kind => "number";
}

internal sealed record GoJsonBool(bool Value) : GoJsonValue
{
    public override string Kind => "bool";
}

internal sealed record GoJsonNull : GoJsonValue
{
    public static GoJsonNull Instance { get; } = new();

    public override string Kind => "null";
}
