namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>The phases of reading an import, in the seed's words, as its page names them while it is Validating.</summary>
public static class ReadingPhase
{
    public const string AutoReadingEntries = "Auto Reading Entries";
    public const string CheckingForDiscrepancies = "Checking For Discrepancies";
}
