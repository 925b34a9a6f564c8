using Fleet.Core;
using Fleet.UnitFiles;
using LanguageExt;

namespace Fleet.Cli.Lifecycle;

/// <summary>
/// fleetctl's <c>getUnitFile</c>: the contents a new unit gets. The argument's own file when it
/// exists; otherwise, for an instance (<c>foo@1.service</c>), its template's contents, from the
/// registry or else from the template's file beside the argument.
/// </summary>
internal static class UnitFileFinder
{
    /// <summary>Finds the contents for the unit <paramref name="name"/> that <paramref name="file"/> names.</summary>
    /// <param name="session">The run.</param>
    /// <param name="file">The argument, with a unit type: a path to a unit file.</param>
    /// <param name="name">The unit's name.</param>
    /// <param name="replace">Whether <c>--replace</c> was given (it silences the warning for a template that differs).</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <returns>The contents, or fleetctl's text for why there are none.</returns>
    public static async Task<Either<string, UnitFile>> FindAsync(LifecycleSession session, string file, string name, bool replace, CancellationToken cancellationToken)
    {
        if (LocalUnitFiles.Exists(file))
        {
            var local = await LocalUnitFiles.LoadAsync(file, cancellationToken).ConfigureAwait(false);
            return local.MapLeft(error => $"failed getting Unit({file}) from file: {error}");
        }
        if (UnitNameInfo.Parse(name).Failed(out var info, out _)) return $"error extracting information from unit name {name}";
        if (!info.IsInstance) return $"unable to find Unit({name}) in Registry or on filesystem";
        var template = await FromTemplateAsync(session, info.Template!, file, replace, cancellationToken).ConfigureAwait(false);
        return template.MapLeft(error => $"failed getting Unit({file}) from template: {error}");
    }

    // fleetctl's getUnitFileFromTemplate.
    private static async Task<Either<string, UnitFile>> FromTemplateAsync(LifecycleSession session, string template, string file, bool replace, CancellationToken cancellationToken)
    {
        var found = await session.FindUnitAsync(template, cancellationToken).ConfigureAwait(false);
        if (found.Failed(out _, out var error)) return $"error retrieving template Unit({template}) from Registry: {session.Describe(error, "GET", session.Setup.UnitTarget(template))}";
        var registered = found.OrNull();
        if (registered is not null)
        {
            // Only for its warning: the registry's template is used either way.
            await LocalDifference.CheckAsync(session, file, registered, replace, cancellationToken).ConfigureAwait(false);
            return UnitFile.FromOptions(registered.Options);
        }
        var path = GoPaths.Beside(file, template);
        if (!LocalUnitFiles.Exists(path)) return $"unable to find template Unit({template}) in Registry or on filesystem";
        var local = await LocalUnitFiles.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        return local.MapLeft(error => $"unable to load template Unit({template}) from file: {error}");
    }
}
