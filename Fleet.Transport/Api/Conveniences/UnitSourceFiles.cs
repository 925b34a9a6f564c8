using Fleet.Core;
using Fleet.UnitFiles;
using LanguageExt;

namespace Fleet;

/// <summary>Reads unit files from disk into <see cref="UnitSource"/>s; an instance without content of its own takes its template's.</summary>
internal static class UnitSourceFiles
{
    public static Either<APIError, IReadOnlyList<UnitSource>> FromFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string[] paths;
        try
        {
            paths = [.. Directory.EnumerateFiles(folder).Where(IsUnitFileName).Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return APIError.UnitFile($"cannot read the unit folder {folder}: {e.Message}");
        }
        return FromFiles(paths);
    }

    public static Either<APIError, IReadOnlyList<UnitSource>> FromFiles(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var sources = new List<UnitSource>();
        var names = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            ArgumentNullException.ThrowIfNull(path, nameof(paths));
            if (Read(path).Failed(out var unit, out var error)) return error;
            if (!names.Add(unit.Name)) return APIError.Validation($"{path}: unit {unit.Name} is given twice");
            sources.Add(unit);
        }
        return sources;
    }

    private static bool IsUnitFileName(string path)
    {
        var name = Path.GetFileName(path);
        var dot = name.LastIndexOf('.');
        return dot > 0 && UnitNames.KnownTypes.Contains(name[(dot + 1)..]);
    }

    private static Either<APIError, UnitSource> Read(string path)
    {
        var name = Path.GetFileName(path);
        if (UnitNames.Validate(name).Failed(out _, out var invalid)) return invalid with { Message = $"{path}: {invalid.Message}" };
        if (UnitNameInfo.Parse(name).Failed(out var info, out var error)) return error;
        // File.Exists follows symlinks, so a dangling one counts as missing, as fleetctl's os.Stat does.
        if (!File.Exists(path))
        {
            return info.IsInstance
                ? FromTemplate(path, info)
                : APIError.UnitFile($"cannot read unit file {path}: it does not exist");
        }
        return UnitFile.Load(path).Bind(file =>
            // An empty instance file is a placeholder that says "this template, under this name".
            info.IsInstance && file.Options.Count == 0 ? FromTemplate(path, info) : new UnitSource(name, file));
    }

    private static Either<APIError, UnitSource> FromTemplate(string path, UnitNameInfo info)
    {
        var templatePath = Path.Combine(Path.GetDirectoryName(path) ?? "", info.Template!);
        if (!File.Exists(templatePath)) return new UnitSource(info.FullName, null) { TemplatePath = templatePath };
        return UnitFile.Load(templatePath).Map(file => new UnitSource(info.FullName, file));
    }
}
