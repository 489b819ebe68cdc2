using System.Data;
using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Validation;

/// <summary>
/// Shows the duplicate-key message of a row of a large key group (<see cref="DuplicateKeyRule.LargeGroupCode"/>) as the
/// group is now: its list of other rows and its count are recomputed from the key index when the row is read, once per key
/// and read, since an edit does not rewrite the million other rows of its key (docs/decisions.md, "Pathological files").
/// Messages of smaller groups are exact as stored and are left as they are, so reading a file with many small repeated
/// keys costs nothing more.
/// </summary>
public sealed class DuplicateKeyMessages : IDisposable
{
    /// <summary>Groups remembered by one reader; a results file of more large keys than this starts again.</summary>
    private const int RememberedGroups = 4_096;

    private readonly BulkImportDbContext _db;
    private readonly int _importId;
    private readonly IImportDomain _domain;
    private readonly Dictionary<string, KeyGroup?> _groups = new(StringComparer.Ordinal);
    private KeyGroups? _index;

    /// <summary>A reader of the rows of one import on <paramref name="db"/>'s connection, which must be open whenever a row is shown.</summary>
    public DuplicateKeyMessages(BulkImportDbContext db, int importId, IImportDomain domain)
    {
        _db = db;
        _importId = importId;
        _domain = domain;
    }

    /// <summary>Shows the current messages of the given rows (staged rows as read, in memory) on <paramref name="db"/>, within its open transaction if any.</summary>
    public static async Task ShowAsync(BulkImportDbContext db, IImportDomain domain, IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        if (!rows.Any(NeedsGroup))
        {
            return;
        }

        var opened = db.Database.GetDbConnection().State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        try
        {
            using var messages = new DuplicateKeyMessages(db, rows[0].ImportId, domain);
            foreach (var row in rows.Where(NeedsGroup))
            {
                row.Messages = [.. messages.Show(row.RowNumber, row.RowKey, row.Messages)];
            }
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>The messages to show for a row with <paramref name="messages"/> stored: those of a large key group as the group is now.</summary>
    public IReadOnlyList<RowMessage> Show(int rowNumber, string? rowKey, IReadOnlyList<RowMessage> messages)
    {
        if (rowKey is null || !messages.Any(IsLargeGroupMessage) || Group(rowKey) is not { } group)
        {
            return messages;
        }

        return [.. messages.Select(m => IsLargeGroupMessage(m) ? DuplicateKeyRule.Message(_domain, rowKey, rowNumber, group) : m)];
    }

    private static bool NeedsGroup(ImportRow row) => row.RowKey is not null && row.Messages.Exists(IsLargeGroupMessage);

    private static bool IsLargeGroupMessage(RowMessage message) => message.Code == DuplicateKeyRule.LargeGroupCode;

    /// <summary>The key's group as the index has it now; null when it no longer repeats (the stored message then stands).</summary>
    private KeyGroup? Group(string key)
    {
        if (_groups.TryGetValue(key, out var known))
        {
            return known;
        }

        if (_groups.Count >= RememberedGroups)
        {
            _groups.Clear();
        }

        _index ??= new KeyGroups(_db.Database.GetDbConnection(), _importId);
        var first = _index.First(key, DuplicateKeyRule.Listed + 1);
        var count = first.Count <= DuplicateKeyRule.Listed ? first.Count : _index.Count(key);
        var group = count >= 2 ? new KeyGroup(count, first) : null;
        _groups[key] = group;
        return group;
    }

    public void Dispose() => _index?.Dispose();
}
