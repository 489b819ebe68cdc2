namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// A row of a Client import that may be a person already known (SPEC section 14): why, by which rules, the candidates
/// (up to <see cref="MaxCandidates"/>), and what a person decided. One per row at most; stored in its own table so the
/// "View Discrepancies" list pages from the database however many there are.
/// </summary>
public sealed class Discrepancy
{
    public const int MaxCandidates = 5;

    public int ImportId { get; set; }
    public int RowNumber { get; set; }
    /// <summary>In words: "Same SSN as client 12, Maria Lopez".</summary>
    public string Reason { get; set; } = "";
    public List<DuplicateRule> Rules { get; set; } = [];
    public List<DiscrepancyCandidate> Candidates { get; set; } = [];
    /// <summary>Null while nobody has decided.</summary>
    public DiscrepancyResolution? Resolution { get; set; }
    public int? SelectedClientId { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTime? ResolvedAt { get; set; }

    public bool IsResolved => Resolution is not null;
}
