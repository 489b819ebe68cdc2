namespace BulkImport.Core.Imports.Fixes;

/// <summary>How a find and replace matches a cell (SPEC 20): the whole cell, or every occurrence inside it; both ignore case.</summary>
public enum FixMatch
{
    Exact,
    Contains,
}

/// <summary>Which rows a find and replace looks at: the Error rows, or every row still to import (Valid and Error; Skipped rows stay skipped).</summary>
public enum FixRows
{
    Error,
    All,
}

/// <summary>A find and replace on one column of an import's rows (SPEC 20).</summary>
public sealed record FindReplace(string Column, string Find, string Replace, FixMatch Match, FixRows Rows)
{
    /// <summary>The cell's new value when <paramref name="cell"/> matches, else null.</summary>
    public string? Apply(string? cell)
    {
        var text = cell ?? "";
        if (Match == FixMatch.Exact)
        {
            return text.Trim().Equals(Find.Trim(), StringComparison.OrdinalIgnoreCase) ? Replace : null;
        }

        return text.Contains(Find, StringComparison.OrdinalIgnoreCase) ? text.Replace(Find, Replace, StringComparison.OrdinalIgnoreCase) : null;
    }
}

/// <summary>What a find and replace or a bulk skip did: rows changed, and the rows it turned from Valid into errors (counted, the first listed).</summary>
public sealed record FixOutcome(int ChangedRows, int NewErrorRows, IReadOnlyList<int> NewErrorRowNumbers, Import Import)
{
    /// <summary>How many of the rows made errors are listed by number.</summary>
    public const int Listed = 100;
}

/// <summary>One group of problems: the Error rows whose message has this column, rule and cell value (SPEC 20).</summary>
/// <param name="Code">The rule's code (the message text for a message without one).</param>
/// <param name="Suggestion">The value the message suggests ("Did you mean 'Student'?"), one click away in the panel.</param>
public sealed record ProblemGroup(string? Column, string Code, string? Value, string Message, int Count, string? Suggestion)
{
    /// <summary>Whether the group's column is sensitive (SSN): its value is then shown only masked.</summary>
    public bool IsSensitive(Domains.IImportDomain domain) => Column is not null && Security.SensitiveValues.IsSensitive(domain, Column);

    /// <summary>
    /// The group as a person sees it: a sensitive value masked, as its message already has it (SPEC 20 gives SSNs in full
    /// only to Support and Admin, one audited export or reveal at a time; a list of problems is neither).
    /// </summary>
    public ProblemGroup Shown(Domains.IImportDomain domain) => IsSensitive(domain) ? this with { Value = Security.SensitiveValues.Mask(domain, Column!, Value) } : this;
}
