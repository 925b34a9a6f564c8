using Fleet.Core;

namespace Fleet.Facade;

/// <summary>
/// What every exception the facade throws for a failed fleet operation carries: the functional
/// layer's error it was made from. The exceptions derive from the .NET types callers already
/// catch (<see cref="ArgumentException"/>, <see cref="TimeoutException"/>, <see cref="FormatException"/>),
/// so they cannot share a base class; <c>catch (Exception e) when (e is IFleetError)</c> catches them all.
/// </summary>
public interface IFleetError
{
    /// <summary>The error as the functional layer returned it: kind, code, message, location and what was received.</summary>
    APIError Error { get; }
}
