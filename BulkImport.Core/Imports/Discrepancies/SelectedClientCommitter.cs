using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using BulkImport.Core.Data;
using BulkImport.Core.Domains;

namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// Commits the rows a person resolved as Select (SPEC section 14) as Updates of the chosen client, around the domain's
/// own committer. A chosen client deleted, or changed since the check showed it, fails its row with the reason, and
/// nothing else: a person chose that client as it was, and the row's cells must not overwrite what someone changed.
/// </summary>
public sealed class SelectedClientCommitter(IDomainCommitter inner, int importId) : IDomainCommitter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Wraps the committer of an import that has discrepancies; any other commits as before.</summary>
    public static IDomainCommitter Around(IDomainCommitter inner, Import import) =>
        import.Discrepancies > 0 ? new SelectedClientCommitter(inner, import.Id) : inner;

    public async Task<IReadOnlyList<RowOutcome>> CommitBatchAsync(DbConnection connection, DbTransaction transaction, CommitBatch batch, CancellationToken ct)
    {
        var rows = batch.Rows;
        // A row resolved as Select is an Update whose Client ID is blank in the file's values.
        if (rows.Count == 0 || !rows.Any(r => r.Action == RowAction.Update && r.IsBlank(0)))
        {
            return await inner.CommitBatchAsync(connection, transaction, batch, ct);
        }

        var selections = SelectedClientReader.Selections(connection, transaction, importId, rows[0].RowNumber, rows[^1].RowNumber);
        var clients = ClientValuesReader.Read(connection, transaction, [.. selections.Values.Select(s => s.ClientId).Distinct()]);
        var failed = new Dictionary<int, RowOutcome>();
        var passed = new List<CommitRow>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Action != RowAction.Update || !row.IsBlank(0))
            {
                passed.Add(row);
                continue;
            }

            if (!selections.TryGetValue(row.RowNumber, out var selection))
            {
                failed[row.RowNumber] = RowOutcome.FailedWith(row.RowNumber, RowAction.Update, "No client was chosen for this row; it was not imported.");
                continue;
            }

            var id = selection.ClientId;
            if (!clients.TryGetValue(id, out var now))
            {
                failed[row.RowNumber] = RowOutcome.FailedWith(row.RowNumber, RowAction.Update,
                    $"Client {id}, chosen for this row as the same person, no longer exists; it was removed after it was chosen. Import the row again to add it as a new person.");
                continue;
            }

            var shown = JsonSerializer.Deserialize<List<DiscrepancyCandidate>>(selection.Candidates, Json)?.Find(c => c.ClientId == id);
            if (shown is null || !SameValues(shown.Values, now))
            {
                failed[row.RowNumber] = RowOutcome.FailedWith(row.RowNumber, RowAction.Update,
                    $"Client {id}, chosen for this row as the same person, was changed after it was chosen, so this row did not overwrite it. Check client {id} and import the row again.");
                continue;
            }

            var values = (string?[])row.Values.Clone();
            values[0] = id.ToString(CultureInfo.InvariantCulture);
            passed.Add(new CommitRow(row.RowNumber, RowAction.Update, values));
        }

        // A chosen client's row had no Client ID when the batch was read ahead, so no image of it was read: the inner
        // committer keeps it in this transaction.
        var done = await inner.CommitBatchAsync(connection, transaction, batch with { Rows = passed }, ct);
        return [.. done.Concat(failed.Values).OrderBy(o => o.RowNumber)];
    }

    private static bool SameValues(string?[] shown, string?[] now)
    {
        for (var i = 1; i < now.Length; i++)
        {
            if (!string.Equals(shown.ElementAtOrDefault(i) ?? "", now[i] ?? "", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public BeforeImageReader? CreateBeforeImageReader(DbConnection readConnection) => inner.CreateBeforeImageReader(readConnection);

    public void Dispose() => inner.Dispose();
}
