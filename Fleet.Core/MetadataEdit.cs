using System.Globalization;
using Fleet.Core.Text;
using LanguageExt;

namespace Fleet.Core;

/// <summary>What a <see cref="MetadataEdit"/> does to a machine's metadata key.</summary>
public enum MetadataOperation
{
    /// <summary>Sets the key (fleet's <c>add</c>).</summary>
    Add,

    /// <summary>Sets the key (fleet's <c>replace</c>; fleet treats it as <c>add</c>).</summary>
    Replace,

    /// <summary>Removes the key.</summary>
    Remove,
}

/// <summary>
/// One edit of a machine's metadata, as fleet's <c>PATCH /machines</c> takes them: an operation on
/// <c>/MACHINE/metadata/KEY</c>. A PATCH carries several, applied in order.
/// </summary>
/// <param name="Operation">What to do with the key.</param>
/// <param name="MachineId">The machine's id.</param>
/// <param name="Key">The metadata key: letters, digits, <c>_</c>, <c>.</c> and <c>-</c>, as fleet's path pattern requires.</param>
/// <param name="Value">The value for Add and Replace; null for Remove.</param>
public sealed record MetadataEdit(MetadataOperation Operation, string MachineId, string Key, string? Value)
{
    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/> on a machine.</summary>
    public static MetadataEdit Add(string machineId, string key, string value) => new(MetadataOperation.Add, machineId, key, value);

    /// <summary>Replaces the value of <paramref name="key"/> on a machine.</summary>
    public static MetadataEdit Replace(string machineId, string key, string value) => new(MetadataOperation.Replace, machineId, key, value);

    /// <summary>Removes <paramref name="key"/> from a machine.</summary>
    public static MetadataEdit Remove(string machineId, string key) => new(MetadataOperation.Remove, machineId, key, null);

    /// <summary>
    /// The edit, or what fleet would refuse in it, in fleet's words where fleet has them: an
    /// operation outside the enum, a key outside fleet's pattern, a machine id that is empty or
    /// has a <c>/</c>, an Add or Replace without a value; and a machine id or value holding half
    /// of a surrogate pair, which could only be sent changed.
    /// </summary>
    public Either<APIError, MetadataEdit> Validate()
    {
        if (Operation is not (MetadataOperation.Add or MetadataOperation.Replace or MetadataOperation.Remove))
        {
            return APIError.Validation($"metadata operation {((int)Operation).ToString(CultureInfo.InvariantCulture)} is not a MetadataOperation (fleet: invalid op: expect add, remove, or replace)");
        }
        if (string.IsNullOrEmpty(MachineId) || MachineId.Contains('/', StringComparison.Ordinal))
        {
            return APIError.Validation($"machine id {GoQuoting.Quote(MachineId ?? "")} cannot name a machine in a metadata path");
        }
        if (string.IsNullOrEmpty(Key) || !Key.All(IsKeyCharacter))
        {
            return APIError.Validation($"metadata key {GoQuoting.Quote(Key ?? "")} must be letters, digits, '_', '.' or '-' (fleet: machine metadata path invalid)");
        }
        if (Operation != MetadataOperation.Remove && string.IsNullOrEmpty(Value))
        {
            return APIError.Validation("invalid value: add and replace require a value");
        }
        if (!UnicodeText.IsWellFormed(MachineId) || !UnicodeText.IsWellFormed(Value))
        {
            return APIError.Validation($"machine id {GoQuoting.Quote(MachineId)} and value {GoQuoting.Quote(Value ?? "")} must be valid Unicode text: half of a surrogate pair cannot be sent");
        }
        return this;
    }

    private static bool IsKeyCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-';
}
