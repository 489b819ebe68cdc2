using System.Globalization;
using BulkImport.Core.Domains;

namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// The Client Assignment option "Use the batch date as enrollment date" (SPEC section 15, seed 001's "Use the batch date
/// as membership date"): a blank Enrollment Date of an assignment being added takes the import's Batch Date, and the row
/// says so next to the cell. An assignment that exists keeps its stored date, as a blank cell keeps any stored value.
/// </summary>
/// <remarks>
/// The staged row holds the date it was given (the grid, the rows file, the commit and the results file all use it),
/// and the note is what marks it as filled in: a later check of the row keeps the note while the cell still holds that
/// date, which a date typed in the file cannot be told apart from otherwise (docs/decisions.md, "Batch details").
/// </remarks>
public static class BatchDateAsEnrollmentDate
{
    /// <summary>
    /// The cell at <paramref name="index"/> of a row that adds an assignment (<paramref name="adds"/>): a blank one takes
    /// the batch date, and one that still holds the batch date filled in on an earlier check (its note among
    /// <paramref name="before"/>) keeps it; either way the note to show is returned (null when nothing was filled). A
    /// row that no longer adds one gives the filled date back: its cell is blank again, as in the file.
    /// </summary>
    public static RowMessage? Fill(ValidationSettings settings, string?[] values, int index, string column, bool adds, IReadOnlyList<RowMessage> before)
    {
        if (settings.EnrollmentDateDefault is not { } batchDate || index < 0 || index >= values.Length)
        {
            return null;
        }

        var text = batchDate.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);
        var note = new RowMessage(column, $"{column} was blank: the batch date {text} was used (Use the batch date as enrollment date).", "corrected", IsWarning: true);
        var filledBefore = values[index] == text && before.Contains(note);
        if (!adds)
        {
            if (filledBefore)
            {
                values[index] = settings.PresentColumns.Contains(column) ? "" : null;
            }

            return null;
        }

        if (string.IsNullOrWhiteSpace(values[index]))
        {
            values[index] = text;
            return note;
        }

        return filledBefore ? note : null;
    }
}
