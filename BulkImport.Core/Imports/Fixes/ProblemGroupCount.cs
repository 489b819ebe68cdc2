namespace BulkImport.Core.Imports.Fixes;

/// <summary>
/// One problem group of an import in review and how many Error rows are in it (SPEC 20), kept up to date as rows are
/// staged, edited, replaced and skipped, so the Problems panel reads a few rows instead of every error row's messages
/// (docs/decisions.md, "Problem groups are kept, not counted when asked").
/// </summary>
public sealed class ProblemGroupCount
{
    public int ImportId { get; set; }

    /// <summary>The message's column; empty for a message about the whole row.</summary>
    public string Column { get; set; } = "";

    /// <summary>The message's code, or its text (ignoring case) when it has none: what makes two messages the same problem.</summary>
    public string Rule { get; set; } = "";

    /// <summary>The cell's value ignoring case (<see cref="ProblemGroupKey.Fold"/>): one group is what one "Replace all" (Exact, ignoring case) fixes.</summary>
    public string ValueKey { get; set; } = "";

    /// <summary>The message's code as the validator wrote it (null when it has none).</summary>
    public string? Code { get; set; }

    /// <summary>The cell's value as the first row of the group spelt it (null for a message about the whole row).</summary>
    public string? Value { get; set; }

    /// <summary>The message of the group's first row, as shown.</summary>
    public string Message { get; set; } = "";

    /// <summary>How many Error rows have this message on this value (a row counts once per group).</summary>
    public int Count { get; set; }
}
