namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// One person a row may be: an existing client (<see cref="ClientId"/>) or an earlier row of the same file
/// (<see cref="RowNumber"/>), with its values (Client template order) as they were when the check ran, and the rules
/// that matched. The values are the basis of a Select: a client changed since is not silently overwritten.
/// </summary>
public sealed record DiscrepancyCandidate(int? ClientId, int? RowNumber, string?[] Values, IReadOnlyList<DuplicateRule> Rules)
{
    /// <summary>"client 12, Maria Lopez" or "row 7 of this file", as reasons name a candidate.</summary>
    public string Describe() => ClientId is { } id
        ? $"client {id}, {Values.ElementAtOrDefault(1)} {Values.ElementAtOrDefault(2)}".TrimEnd()
        : $"row {RowNumber} of this file";
}
