using System.Text;
using System.Text.Json;
using Fleet.Core;
using Fleet.Facade;

namespace Fleet.Reliability.Tests.Hostile;

/// <summary>How one hostile case ended: a value, an APIError (functional), or an exception (facade).</summary>
internal readonly record struct Outcome(object? Value, APIError? Error, Exception? Thrown);

/// <summary>
/// Makes each case's request as a user would, and judges how it ended against what the client
/// promises: an APIError (in the facade, an exception that carries one) or a value that the
/// bytes served for this very request really hold, never anything else, never another request's.
/// </summary>
internal static class Outcomes
{
    private static readonly UnitOption[] Options = [new("Service", "ExecStart", "/bin/true")];

    public static async Task<Outcome> OfAsync(FleetClient client, CaseKind kind, string name) => kind switch
    {
        CaseKind.Unit or CaseKind.LargeUnit or CaseKind.Missing => Of(await client.GetUnitAsync(name)),
        CaseKind.States => Of(await client.ListUnitStatesAsync(unitName: name)),
        CaseKind.Created => Of(await client.CreateUnitAsync(name, Options, DesiredState.Launched)),
        _ => Of(await client.DestroyUnitAsync(name)),
    };

    public static async Task<Outcome> OfAsync(FleetApiClient client, CaseKind kind, string name)
    {
        try
        {
            return kind switch
            {
                CaseKind.Unit or CaseKind.LargeUnit or CaseKind.Missing => new Outcome(await client.GetUnitAsync(name), null, null),
                CaseKind.States => new Outcome(await client.ListUnitStatesAsync(unitName: name), null, null),
                CaseKind.Created => new Outcome(await client.CreateUnitAsync(name, Options, DesiredState.Launched), null, null),
                _ => await DoneAsync(client.DestroyUnitAsync(name)),
            };
        }
        catch (Exception e)
        {
            return new Outcome(null, (e as IFleetError)?.Error, e);
        }
    }

    private static async Task<Outcome> DoneAsync(Task done)
    {
        await done;
        return new Outcome(LanguageExt.Unit.Default, null, null);
    }

    private static Outcome Of<T>(LanguageExt.Either<APIError, T> result) =>
        result.Match(value => new Outcome(value, null, null), error => new Outcome(null, error, null));

    /// <summary>Checks an outcome and names it for the tally; throws when the client broke a promise.</summary>
    public static string Judge(HostileCase hostile, string name, byte[] served, Outcome outcome)
    {
        if (outcome.Thrown is { } thrown)
        {
            if (outcome.Error is null) throw Broken(hostile, $"the facade threw {thrown.GetType().Name}, which carries no APIError: {thrown}");
            var expected = ExceptionFor(outcome.Error.Kind);
            if (thrown.GetType() != expected) throw Broken(hostile, $"an error of kind {outcome.Error.Kind} was thrown as {thrown.GetType().Name}, not {expected.Name}");
        }
        if (outcome.Error is { } error)
        {
            if (error.Kind is not (ErrorKind.Http or ErrorKind.Protocol or ErrorKind.Transport or ErrorKind.Timeout or ErrorKind.Decoding))
            {
                throw Broken(hostile, $"an answer was reported as a {error.Kind} error: {error}");
            }
            if (string.IsNullOrWhiteSpace(error.Message)) throw Broken(hostile, $"an error without a message: {error}");
            if (error.Kind == ErrorKind.Http && error.Code is null) throw Broken(hostile, $"an HTTP error without its code: {error}");
            var label = error.Kind == ErrorKind.Http ? $"Http {error.Code}" : error.Kind.ToString();
            return outcome.Thrown is null ? label : $"{label} ({outcome.Thrown.GetType().Name})";
        }

        // A value: it must be what these bytes say, and say about this case's unit.
        var value = outcome.Value;
        switch (value)
        {
            case FleetUnit unit:
                Served(hostile, served, unit.Name);
                break;
            case ClusterUnit unit when hostile.Kind == CaseKind.Created:
                // The facade answers a create with the unit as sent.
                if (unit.Name != name) throw Broken(hostile, $"the created unit is named {unit.Name}, not {name}");
                break;
            case ClusterUnit unit:
                Served(hostile, served, unit.Name ?? throw Broken(hostile, "a unit read from the cluster has no name"));
                break;
            case IReadOnlyList<UnitState> states:
                foreach (var state in states) Served(hostile, served, state.Name);
                break;
        }
        return Unchanged(hostile.Kind, name, value) ? "value as fleet sent it" : "value from a mutated answer";
    }

    // Exactly the type the facade's mapping gives each kind.
    private static Type ExceptionFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Http => typeof(FleetApiException),
        ErrorKind.Transport => typeof(FleetConnectionException),
        ErrorKind.Timeout => typeof(FleetTimeoutException),
        _ => typeof(FleetProtocolException),
    };

    private static void Served(HostileCase hostile, byte[] served, string? name)
    {
        if (name is null) throw Broken(hostile, "a value with a null name was handed out");
        if (!ServedContent.Holds(served, Encoding.UTF8.GetBytes(name)))
        {
            throw Broken(hostile, $"the value names {name}, which the answer to this request does not hold: another request's answer");
        }
    }

    // Whether the value is the one the unmutated answer holds.
    private static bool Unchanged(CaseKind kind, string name, object? value)
    {
        var body = BaseAnswers.Body(kind, name);
        return (kind, value) switch
        {
            (CaseKind.Unit or CaseKind.LargeUnit, FleetUnit unit) => unit == JsonSerializer.Deserialize<FleetUnit>(body),
            (CaseKind.Unit or CaseKind.LargeUnit, ClusterUnit unit) => unit.Name == name && unit.Options.SequenceEqual(JsonSerializer.Deserialize<FleetUnit>(body)!.Options),
            (CaseKind.States, IReadOnlyList<UnitState> states) => states.SequenceEqual(JsonSerializer.Deserialize<UnitStatePage>(body)!.States),
            (CaseKind.Created or CaseKind.Destroyed, LanguageExt.Unit) => true,
            (CaseKind.Created, ClusterUnit) => true,
            _ => false,
        };
    }

    private static Xunit.Sdk.XunitException Broken(HostileCase hostile, string what) => new($"{what}\ncase: {hostile}");
}
