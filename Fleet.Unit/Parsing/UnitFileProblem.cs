namespace Fleet.UnitFiles.Parsing;

/// <summary>Why go-systemd's lexer (and so fleet) refuses a unit file; one reason per rejection.</summary>
internal enum UnitFileProblem
{
    None,
    UnterminatedSection,
    TextAfterSection,
    NewlineInOptionName,
    EndOfFileInOptionName,
    LineTooLong,
}
