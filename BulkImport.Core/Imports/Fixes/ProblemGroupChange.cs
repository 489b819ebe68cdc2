using BulkImport.Core.Data;
using BulkImport.Core.Domains;

namespace BulkImport.Core.Imports.Fixes;

/// <summary>
/// How a set of row changes moves the problem groups' counts: each changed row leaves the groups it was in and joins
/// those it is in now. Collected in memory for a batch and saved in one statement or a few (<see cref="ProblemGroupCounts"/>).
/// </summary>
public sealed class ProblemGroupChange(IImportDomain domain)
{
    private readonly Dictionary<ProblemGroupKey, Entry> _entries = [];

    /// <summary>The groups whose count moves, with the display of a row that joined (or left) them.</summary>
    public IEnumerable<(ProblemGroupKey Key, string? Code, string? Value, string Message, int Count)> Moves =>
        _entries.Where(e => e.Value.Count != 0).Select(e => (e.Key, e.Value.Code, e.Value.Value, e.Value.Message, e.Value.Count));

    public bool IsNone => _entries.Values.All(e => e.Count == 0);

    /// <summary>Adds (<paramref name="sign"/> 1) or takes away (-1) a row in the state given.</summary>
    public void Add(RowStatus status, IReadOnlyList<RowMessage> messages, IReadOnlyList<string?> values, int sign) =>
        Add(status, messages, index => index < values.Count ? values[index] : null, sign);

    /// <summary>The same, with each value made only when a message names its column (<paramref name="valueAt"/>: null past the last).</summary>
    public void Add(RowStatus status, IReadOnlyList<RowMessage> messages, Func<int, string?> valueAt, int sign)
    {
        foreach (var (key, message, value) in ProblemGroupKey.Of(status, messages, valueAt, domain))
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                entry.Count += sign;
                if (sign > 0 && entry.Count == 1)
                {
                    // A group that only lost rows so far shows a row that joins it.
                    (entry.Code, entry.Value, entry.Message) = (message.Code, value, message.Message);
                }
            }
            else
            {
                _entries[key] = new Entry { Code = message.Code, Value = value, Message = message.Message, Count = sign };
            }
        }
    }

    /// <summary>The change of rows revised by a bulk fix: each row's state as read against its state now.</summary>
    public static ProblemGroupChange Of(IEnumerable<RevisedRow> rows, IImportDomain domain)
    {
        var change = new ProblemGroupChange(domain);
        foreach (var revised in rows)
        {
            change.Add(revised.OldStatus, revised.OldMessages, revised.OldValues, -1);
            change.Add(revised.Row.Status, revised.Row.Messages, revised.Row.Values, 1);
        }

        return change;
    }

    /// <summary>
    /// The change of every row <paramref name="db"/> tracks as modified (edited, replaced, skipped, revalidated with a
    /// key's group): its state as read against its state now. Call before SaveChanges.
    /// </summary>
    public static ProblemGroupChange OfTracked(BulkImportDbContext db, IImportDomain domain)
    {
        var change = new ProblemGroupChange(domain);
        db.ChangeTracker.DetectChanges();
        foreach (var entry in db.ChangeTracker.Entries<ImportRow>())
        {
            if (entry.State == Microsoft.EntityFrameworkCore.EntityState.Modified)
            {
                change.Add(entry.Property(r => r.Status).OriginalValue, entry.Property(r => r.Messages).OriginalValue,
                    entry.Property(r => r.Values).OriginalValue, -1);
            }

            if (entry.State is Microsoft.EntityFrameworkCore.EntityState.Modified or Microsoft.EntityFrameworkCore.EntityState.Added)
            {
                change.Add(entry.Entity.Status, entry.Entity.Messages, entry.Entity.Values, 1);
            }
        }

        return change;
    }

    private sealed class Entry
    {
        public string? Code { get; set; }
        public string? Value { get; set; }
        public string Message { get; set; } = "";
        public int Count { get; set; }
    }
}
