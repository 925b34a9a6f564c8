using Fleet.Core;
using Fleet.UnitFiles;

namespace Fleet.Facade.Tests;

/// <summary>Unit files the tests submit.</summary>
internal static class Units
{
    public const string HelloText = "[Unit]\nDescription=Hello\n\n[Service]\nExecStart=/bin/sleep 1d\n";

    public static readonly UnitOption[] Exec = [new("Service", "ExecStart", "/bin/true")];

    public static UnitFile Hello => UnitFile.Parse(HelloText).Match(file => file, error => throw new InvalidOperationException(error.ToString()));
}
