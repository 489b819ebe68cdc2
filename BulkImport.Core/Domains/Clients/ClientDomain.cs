using BulkImport.Core.Data;
using BulkImport.Core.Domains.Common;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Domains.Clients;

/// <summary>The Client domain plug-in.</summary>
public sealed class ClientDomain : IImportDomain
{
    /// <summary>The key stored on Client imports and sent by the API.</summary>
    public static readonly Domain Key = new("Client");

    private static readonly IReadOnlyList<SelectListField> SelectListFieldsStored = [.. ClientColumns.Stored
        .Where(s => ClientColumns.SelectLists.Contains(s.Column))
        .Select(s => new SelectListField(s.Column, "Clients", s.Property))];

    public Domain Domain => Key;

    public string DisplayName => "Client";

    public string Description => "Import new client records or update existing client demographic and contact information.";

    public string OperationHelp(Operation operation) => operation switch
    {
        Operation.Add => "Adds new clients: a blank Client ID creates a new client (First Name and Last Name required). A row with a Client ID updates that client.",
        Operation.Update => "Updates existing clients found by Client ID, which every row needs. Blank cells leave stored values as they are.",
        _ => "Existing Client IDs update existing clients. Blank Client ID creates a new client.",
    };

    public IReadOnlyList<string> Columns => ClientColumns.All;

    public IReadOnlyList<string> KeyColumns { get; } = [ClientColumns.ClientId];

    public IReadOnlyList<SensitiveColumn> SensitiveColumns { get; } = [new(ClientColumns.Ssn, FieldFormats.MaskSsn)];

    public IReadOnlyList<SelectListField> SelectListFields => SelectListFieldsStored;

    public IReadOnlyList<string> SelectListColumns => ClientColumns.SelectLists;

    public bool FindsPossibleDuplicates => true;

    public string PrefilledTemplateDescription => "The existing client data of a course (every client with an assignment in it). Use it when updating records in bulk.";

    public IReadOnlyList<string> RequiredColumns(Operation operation) => operation == Operation.Update
        ? [ClientColumns.ClientId]
        : [ClientColumns.FirstName, ClientColumns.LastName];

    public async Task<IRowValidator> CreateValidatorAsync(BulkImportDbContext db, ValidationSettings settings, IReadOnlyCollection<string?[]>? onlyRows, CancellationToken ct)
    {
        var selectLists = await SelectLists.LoadAsync(db, ct);
        IdSet existing;
        if (onlyRows is null)
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                existing = IdSet.Read(db.Database.GetDbConnection(), """SELECT "ClientId" FROM "Clients" """);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        else
        {
            var wanted = new List<int>();
            foreach (var values in onlyRows)
            {
                if (int.TryParse(CellText.Clean(values[0] ?? ""), System.Globalization.CultureInfo.InvariantCulture, out var id))
                {
                    wanted.Add(id);
                }
            }

            existing = IdSet.Of(await db.Clients.AsNoTracking().Where(c => wanted.Contains(c.ClientId)).Select(c => (long)c.ClientId).ToListAsync(ct));
        }

        return new ClientRowValidator(settings, selectLists, existing);
    }

    public IDomainCommitter CreateCommitter(CommitSettings settings) => new ClientCommitter(settings);

    public string DescribeKey(string rowKey) => $"Client ID {rowKey}";

    public async IAsyncEnumerable<string?[]> TemplateRowsAsync(BulkImportDbContext db, int courseId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var clients = db.Clients.AsNoTracking()
            .Where(c => db.ClientAssignments.Any(a => a.ClientId == c.ClientId && a.CourseId == courseId))
            .OrderBy(c => c.ClientId)
            .AsAsyncEnumerable();
        await foreach (var client in clients.WithCancellation(ct))
        {
            yield return ClientColumns.ToValues(client);
        }
    }
}
