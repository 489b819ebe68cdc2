using System.Globalization;
using System.Text;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Results;
using BulkImport.Core.Reports;

namespace BulkImport.Core.Alerts;

/// <summary>The subject and text of an Integration Alert (SPEC section 18), from the ended import and what it did not import.</summary>
public static class AlertMessage
{
    /// <summary>
    /// <c>&lt;file name&gt;: imported successfully</c>, <c>…, but N rows were skipped</c> ("skipped" is the seed's word for
    /// rows not imported), or <c>&lt;file name&gt;: import failed</c>.
    /// </summary>
    public static string Subject(Import import, int notImported) => import.Status switch
    {
        ImportStatus.Committed when notImported == 0 => $"{import.FileName}: imported successfully",
        ImportStatus.Committed when notImported == 1 => $"{import.FileName}: imported successfully, but 1 row was skipped",
        ImportStatus.Committed => string.Create(CultureInfo.InvariantCulture, $"{import.FileName}: imported successfully, but {notImported} rows were skipped"),
        _ => $"{import.FileName}: import failed",
    };

    /// <summary>
    /// The text: what ended and how, the counts, the first problems, the View Results link, and the support contact.
    /// <paramref name="problems"/> are the first rows not imported with reasons of their own; the valid rows the commit
    /// never reached (<paramref name="notReached"/>) are one line, before them.
    /// </summary>
    public static string Body(Import import, string domainName, ReportCounts counts, IReadOnlyList<ImportRow> problems, NotReachedRange? notReached,
        string reportLink, string? supportSentence)
    {
        var text = new StringBuilder();
        var name = string.IsNullOrWhiteSpace(import.Name) ? "" : $" ({import.Name})";
        text.AppendLine(CultureInfo.InvariantCulture, $"Import #{import.Id}{name}: {import.FileName}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{domainName}, {import.Operation.DisplayName()}, uploaded by {import.CreatedBy}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Status: {import.Status} ({Outcome(import, counts.NotImported)})");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Total rows:   {counts.TotalRows:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Inserted:     {counts.Inserted:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Updated:      {counts.Updated:N0}");
        // "Skipped" in the alert e-mails, the seed's word for rows not imported (SPEC 18), as in the subject.
        text.AppendLine(CultureInfo.InvariantCulture, $"Skipped:      {counts.NotImported:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Blank rows:   {counts.BlankRows:N0}");

        if (import.FileErrors.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("The file could not be imported:");
            foreach (var error in import.FileErrors.Take(ImportEndingAlerts.ProblemsShown))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {error}");
            }
        }

        if (ImportOutcomes.FailureReason(import) is { } reason)
        {
            text.AppendLine();
            text.AppendLine(reason);
        }

        if (problems.Count > 0 || notReached is not null)
        {
            var others = counts.NotImported - (notReached?.Count ?? 0);
            text.AppendLine();
            text.AppendLine(others > problems.Count
                ? notReached is null
                    ? string.Create(CultureInfo.InvariantCulture, $"The first {problems.Count} of {counts.NotImported:N0} rows skipped:")
                    : string.Create(CultureInfo.InvariantCulture, $"Rows skipped (of the {others:N0} with reasons of their own, the first {problems.Count} are listed):")
                : "Rows skipped:");
            if (notReached is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {NotReachedRows.Grouped(import, notReached)}");
            }

            foreach (var row in problems)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- Row {row.RowNumber}: {Reasons(row)}");
            }
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"View Results: {reportLink}");
        if (supportSentence is not null)
        {
            text.AppendLine();
            text.AppendLine(supportSentence);
        }

        return text.ToString();
    }

    private static string Outcome(Import import, int notImported) => ImportOutcomes.Of(import, notImported) switch
    {
        ReportOutcome.FullyProcessed => "fully processed",
        ReportOutcome.PartiallyProcessed => $"partially processed: {notImported:N0} {(notImported == 1 ? "row" : "rows")} skipped",
        _ => "failed",
    };

    private static string Reasons(ImportRow row)
    {
        if (row.Status == RowStatus.Skipped)
        {
            return "skipped by the operator during review";
        }

        var messages = row.Messages.Where(m => !m.IsWarning).Select(m => m.Column is null ? m.Message : $"{m.Column}: {m.Message}").ToList();
        return messages.Count > 0 ? string.Join("; ", messages) : row.Status.ToString();
    }
}
