namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>A discrepancy with the row's current values (the new submission data), as "View Discrepancies" shows it.</summary>
public sealed record DiscrepancyView(Discrepancy Discrepancy, string?[] Values)
{
    /// <summary>
    /// The template columns (indexes in Client template order) to put the submission beside its candidates on: the
    /// columns the rules compare (First Name to Date of Birth) always, then every other column the submission or a
    /// candidate fills in. A Select writes each non-blank cell of the row over the client (SPEC 14), so the person
    /// choosing must see all of them (a Client Type "Student" over "Corporate Trainee"), while columns blank on every
    /// side would only widen the table. Client ID, blank in a new row, is left out: each candidate is named by it.
    /// </summary>
    public IReadOnlyList<int> ColumnsToShow(int columnCount)
    {
        const int firstCompared = 1, lastCompared = 6;
        var shown = new List<int>();
        for (var index = firstCompared; index < columnCount; index++)
        {
            if (index <= lastCompared || IsFilled(Values, index) || Discrepancy.Candidates.Any(c => IsFilled(c.Values, index)))
            {
                shown.Add(index);
            }
        }

        return shown;
    }

    private static bool IsFilled(string?[] values, int index) => index < values.Length && !string.IsNullOrWhiteSpace(values[index]);
}
