using System.Globalization;
using BulkImport.Core.Domains;

namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// The Client Assignment option "Use the batch date as enrollment date" (SPEC section 15, seed 001's "Use the batch date
/// as membership date"): a blank Enrollment Date of an assignment being added takes the import's Batch Date, and the row
/// says so next to the cell. An assignment that exists keeps its stored date, as a blank cell keeps any stored value.
/// </summary>
public static class BatchDateAsEnrollmentDate
{
    /// <summary>Fills the blank cell at <paramref name="index"/>; returns the correction to show, or null when nothing was filled.</summary>
    public static RowMessage? Fill(ValidationSettings settings, string?[] values, int index, string column)
    {
        if (settings.EnrollmentDateDefault is not { } batchDate || index < 0 || index >= values.Length || !string.IsNullOrWhiteSpace(values[index]))
        {
            return null;
        }

        var text = batchDate.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);
        values[index] = text;
        return new RowMessage(column, $"{column} was blank: the batch date {text} was used (Use the batch date as enrollment date).", "corrected", IsWarning: true);
    }
}
