using Fleet.Cli.Commands;
using Fleet.Core;
using Fleet.UnitFiles;
using LanguageExt;

namespace Fleet.Cli.Lifecycle;

/// <summary>
/// fleetctl's <c>lazyCreateUnits</c>, which <c>submit</c>, <c>load</c> and <c>start</c> begin
/// with: each argument's unit is created unless the registry holds it already (then the local
/// file is only compared, or with <c>--replace</c> used to replace it where the rules allow),
/// from the argument's file or, for an instance, its template. The first failure ends it. Then
/// every unit created is awaited until it reports <c>inactive</c>, each printing
/// <c>Unit NAME inactive</c>.
/// </summary>
internal static class UnitCreation
{
    /// <summary>Creates what is missing and waits for it.</summary>
    /// <param name="session">The run.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="replace">Whether <c>--replace</c> was given.</param>
    /// <param name="rules">The replace rules in force (null: replacing is not supported here).</param>
    /// <param name="attempts">The <c>--block-attempts</c> value as given (fleetctl waits for creation even with <c>--no-block</c>); less than 1 for no limit.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>fleetctl's text for the failure (what follows <c>Error creating units: </c>), or null.</returns>
    public static async Task<string?> CreateAsync(LifecycleSession session, IReadOnlyList<string> args, bool replace, ReplaceRules? rules, int attempts, CancellationToken cancellationToken)
    {
        var created = new List<string>();
        foreach (var argument in args)
        {
            var file = UnitArguments.WithDefaultType(argument);
            var name = UnitArguments.Mangle(file);
            if ((await IsNeededAsync(session, file, name, replace, rules, cancellationToken).ConfigureAwait(false)).Failed(out var needed, out var reason)) return reason;
            if (!needed) continue;

            if ((await UnitFileFinder.FindAsync(session, file, name, replace, cancellationToken).ConfigureAwait(false)).Failed(out var contents, out reason)) return reason;
            if (await CreateUnitAsync(session, name, contents, cancellationToken).ConfigureAwait(false) is { } failure) return failure;
            created.Add(name);
        }

        var gaveUp = await UnitStateWait.WaitAsync(session, created, DesiredState.Inactive, attempts, cancellationToken).ConfigureAwait(false);
        foreach (var name in gaveUp) session.Error($"Error waiting on unit creation: {UnitStateWait.TimedOut(name, DesiredState.Inactive)}");
        return gaveUp.Count > 0 ? "One or more errors creating units" : null;
    }

    // fleetctl's checkUnitCreation: whether to create (or replace) the unit.
    private static async Task<Either<string, bool>> IsNeededAsync(LifecycleSession session, string file, string name, bool replace, ReplaceRules? rules, CancellationToken cancellationToken)
    {
        var found = await session.FindUnitAsync(name, cancellationToken).ConfigureAwait(false);
        if (found.Failed(out _, out var error)) return $"error retrieving Unit({name}) from Registry: {session.Describe(error, "GET", session.Setup.UnitTarget(name))}";
        var unit = found.OrNull();
        if (unit is null) return true;

        // Compared even without --replace, for its warning.
        var compared = await LocalDifference.CheckAsync(session, file, unit, replace, cancellationToken).ConfigureAwait(false);
        if (!replace) return false;
        if (compared.Failed(out var different, out var failure)) return failure;
        if (!different)
        {
            session.Out($"Found same Unit({unit.Name}) in Registry, nothing to do");
            return false;
        }
        if (rules is null) return "error: replacing units is not supported in this context";
        if (rules.Refusal(unit) is not { } refusal) return true;
        session.Error(refusal);
        return false;
    }

    // fleetctl's createUnit: fleet's name and option rules first (their errors as they are), then
    // the request, which names no desired state: fleet then refuses to touch a unit it holds with
    // the same content (409) rather than moving it.
    private static async Task<string?> CreateUnitAsync(LifecycleSession session, string name, UnitFile contents, CancellationToken cancellationToken)
    {
        if (UnitNames.Validate(name).Failed(out _, out var invalid)) return invalid.Message;
        if (contents.Validate().Failed(out _, out invalid)) return invalid.Message;
        // fleetctl warns of the first unknown [X-Fleet] key it meets (its map's order; here the file's).
        if (contents.Requirements(name).UnrecognizedKeys is [var unknown, ..])
        {
            session.Logged("WARN", "fleetctl.go:674", $"Unit {name}: unrecognized requirement in [X-Fleet] section: {Core.Text.GoQuoting.Quote(unknown)}");
        }
        var created = await session.RequestAsync((client, token) => client.CreateUnitAsync(name, contents, token), cancellationToken).ConfigureAwait(false);
        if (!created.Failed(out _, out var error)) return null;
        return error.Kind is ErrorKind.Validation or ErrorKind.UnitFile
            ? error.Message
            : $"failed creating unit {name}: {session.Describe(error, "PUT", session.Setup.UnitTarget(name))}";
    }
}
