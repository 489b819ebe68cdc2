using BulkImport.Core.Csv;
using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports.Commit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BulkImport.Core.Imports.Mapping;

/// <summary>
/// The mapping step of an import waiting at AwaitingMapping (SPEC 16): what the screen and <c>GET …/mapping</c> show
/// (each file column with samples and a suggestion, the template's columns), and a person's mapping applied
/// (<c>PUT …/mapping</c>), optionally saved as a Card Template, after which the file is read and validated with it.
/// </summary>
public sealed class ColumnMappings(
    IDbContextFactory<BulkImportDbContext> dbFactory,
    ImportDomains domains,
    ImportFiles files,
    ImportWorkQueue queue,
    SavedMappings savedMappings,
    IOptions<ImportOptions> options)
{
    /// <summary>The mapping screen of <paramref name="import"/>: 409 unless it waits for its columns to be mapped.</summary>
    public MappingView View(Import import)
    {
        ArgumentNullException.ThrowIfNull(import);
        RequireAwaiting(import);
        var domain = domains.Get(import.Domain);
        var required = domain.RequiredColumns(import.Operation);
        var header = ReadHeader(import, domain);
        var fileColumns = header.Where(c => HeaderName.Normalize(c).Length > 0).ToList();
        var samples = FileColumnSamples.Read(files.PathOf(import), import.Sheet, fileColumns, Limits());
        var suggested = ColumnSuggestions.Suggest(fileColumns, domain.Columns, import.ColumnMapping);
        return new MappingView(
            [.. fileColumns.Select(c => FileColumnView.Of(domain, c, samples.GetValueOrDefault(c) ?? [], suggested.GetValueOrDefault(c)))],
            [.. domain.Columns.Select(c => new TemplateColumnView(c, required.Contains(c)))],
            import.MappingReason ?? MappingReason.Requested,
            import.MappingName);
    }

    /// <summary>
    /// Applies a person's mapping (400 naming what is wrong with it) and queues the file to be read with it; with
    /// <paramref name="saveAs"/>, saves it as a Card Template of the domain in the same transaction (409 for a name used).
    /// </summary>
    public async Task<Import> ApplyAsync(int id, IReadOnlyDictionary<string, string?>? columns, string? saveAs, string user, CancellationToken ct)
    {
        Import current;
        await using (var read = await dbFactory.CreateDbContextAsync(ct))
        {
            current = await read.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw ImportHistory.NotFound(id);
        }

        RequireAwaiting(current);
        var domain = domains.Get(current.Domain);
        var header = ReadHeader(current, domain);
        var mapping = MappingRules.Resolve(header, columns ?? new Dictionary<string, string?>(), domain.Columns,
            domain.RequiredColumns(current.Operation), current.ColumnMapping);
        var saved = string.IsNullOrWhiteSpace(saveAs) ? null : savedMappings.New(saveAs, current.Domain, mapping, user);

        var import = await ImportChanges.ChangeAsync(dbFactory, id, async (db, import) =>
        {
            import.ApplyMapping(mapping, saved?.Name);
            if (saved is not null)
            {
                await SavedMappings.AddAsync(db, saved, ct);
            }
        }, ct);
        await queue.Validation.Writer.WriteAsync(id, ct);
        return import;
    }

    private string[] ReadHeader(Import import, IImportDomain domain)
    {
        using var file = ParsedFile.Open(files.PathOf(import), domain.Columns, domain.RequiredColumns(import.Operation), Limits(), import.Sheet, ColumnMap.ByKey(import.ColumnMapping));
        return [.. file.HeaderCells];
    }

    private CsvLimits Limits() => new() { MaxFileBytes = options.Value.MaxFileBytes, MaxDataRows = options.Value.MaxDataRows, MaxWorkbookExpandedBytes = options.Value.MaxWorkbookExpandedBytes };

    private static void RequireAwaiting(Import import)
    {
        if (import.Status != ImportStatus.AwaitingMapping)
        {
            throw ImportProblem.Conflict($"Import {import.Id} is {import.Status}: its columns can be mapped only while it is AwaitingMapping, after its header was read.");
        }
    }
}

/// <summary>The mapping screen of one import (SPEC 16): its file columns, the template's columns, and why it waits.</summary>
public sealed record MappingView(IReadOnlyList<FileColumnView> FileColumns, IReadOnlyList<TemplateColumnView> TemplateColumns, MappingReason Reason, string? MappingName)
{
    /// <summary>Whether row 1 was taken as the header to map (no row of the first 51 held a template column).</summary>
    public bool RowOneTakenAsHeader => Reason == MappingReason.RowOneTakenAsHeader;
}

/// <summary>A template column, and whether this import's operation requires it.</summary>
public sealed record TemplateColumnView(string Name, bool Required);
