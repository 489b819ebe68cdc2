using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Imports.Validation;
using BulkImport.Core.Usage;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports;

/// <summary>A request to start an import from an uploaded file.</summary>
public sealed record NewImport(ImportFiles.StoredFile File, string FileName, Domain Domain, Operation Operation, bool AutoCreateInvoices, string? Name, string User, bool NotifyMe = true);

/// <summary>Filters of the history.</summary>
public sealed record ImportFilter(ImportStatus? Status = null, Domain? Domain = null, string? CreatedBy = null, bool InProgressOnly = false);

/// <summary>
/// Everything a person (through the screens or the API) can do with an import. Every change checks the status
/// with a conditional update, so two clicks or two viewers cannot both succeed.
/// </summary>
public sealed class ImportService(
    IDbContextFactory<BulkImportDbContext> dbFactory,
    ImportDomains domains,
    ImportFiles files,
    ImportWorkQueue queue,
    RowRevalidator revalidator,
    UsageService usage,
    ImportProgressFeed feed,
    Alerts.ImportEndingAlerts alerts,
    TimeProvider clock)
{
    public async Task<Import> CreateAsync(NewImport request, CancellationToken ct)
    {
        var stored = request.File;
        try
        {
            var domain = domains.Get(request.Domain);
            if (request.AutoCreateInvoices && (!domain.SupportsInvoices || request.Operation == Operation.Update))
            {
                throw ImportProblem.BadRequest("Auto Create Invoices is offered only for Client Assignment imports with Add or Add & Update.");
            }
        }
        catch
        {
            files.Delete(stored);
            throw;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var import = new Import
        {
            Name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim(),
            Domain = request.Domain,
            Operation = request.Operation,
            AutoCreateInvoices = request.AutoCreateInvoices,
            Status = ImportStatus.Validating,
            FileName = SafeFileName(request.FileName),
            StoredFileName = stored.StoredFileName,
            FileSize = stored.Size,
            FileSha256 = stored.Sha256,
            CreatedBy = request.User,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            NotifyMe = request.NotifyMe,
        };
        if (await SameFileWarningAsync(db, stored.Sha256, ct) is { } sameFile)
        {
            import.FileWarnings.Add(sameFile);
        }

        db.Imports.Add(import);
        await db.SaveChangesAsync(ct);
        await queue.Validation.Writer.WriteAsync(import.Id, ct);
        return import;
    }

    public async Task<Import> GetAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw ImportProblem.NotFound($"Import {id} does not exist. Check the Import ID in Import History.");
    }

    /// <summary>The history page by page, newest first (or oldest first).</summary>
    public async Task<Page<Import>> ListAsync(ImportFilter filter, PageRequest page, CancellationToken ct, bool oldestFirst = false)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Imports.AsNoTracking().AsQueryable();
        if (filter.Status is { } status)
        {
            query = query.Where(i => i.Status == status);
        }

        if (filter.Domain is { } domain)
        {
            query = query.Where(i => i.Domain == domain);
        }

        if (filter.InProgressOnly)
        {
            ImportStatus[] inProgress = [ImportStatus.Validating, ImportStatus.ReadyForReview, ImportStatus.AwaitingVerification, ImportStatus.Queued, ImportStatus.Committing];
            query = query.Where(i => inProgress.Contains(i.Status));
        }

        if (filter.CreatedBy is { } user)
        {
            query = query.Where(i => i.CreatedBy == user);
        }

        var total = await query.CountAsync(ct);
        var ordered = oldestFirst ? query.OrderBy(i => i.Id) : query.OrderByDescending(i => i.Id);
        var items = await ordered.Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return new Page<Import>(items, page.Page, page.PageSize, total);
    }

    /// <summary>How many imports are in progress, processed (Committed) and failed (ValidationFailed, CommitFailed, Cancelled).</summary>
    public async Task<(int InProgress, int Processed, int Failed)> OverviewAsync(string? createdBy, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Imports.AsNoTracking();
        if (createdBy is not null)
        {
            query = query.Where(i => i.CreatedBy == createdBy);
        }

        var counts = await query.GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return (
            counts.Where(c => c.Key.IsInProgress()).Sum(c => c.Count),
            counts.Where(c => c.Key == ImportStatus.Committed).Sum(c => c.Count),
            counts.Where(c => c.Key is ImportStatus.ValidationFailed or ImportStatus.CommitFailed or ImportStatus.Cancelled).Sum(c => c.Count));
    }

    /// <summary>
    /// One page of an import's rows (all, or those of one status) in row order, cheap on a million-row import: the total
    /// comes from the import's counters (<see cref="RowCounts.Exact"/>), not from counting the rows, and a deep page is
    /// found in the index from the nearer end (see <see cref="PageAsync"/>).
    /// </summary>
    public async Task<Page<ImportRow>> RowsAsync(int id, RowStatus? status, PageRequest page, CancellationToken ct, bool descending = false)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The counters and the rows are read from one snapshot: during a commit they change together, batch by batch.
        await using var snapshot = await ReadSnapshot.BeginAsync(db, ct);
        var import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw ImportProblem.NotFound($"Import {id} does not exist. Check the Import ID in Import History.");
        var total = RowCounts.Exact(import, status);
        var through = await CommittedRows.ThroughAsync(db, id, ct);
        List<ImportRow> items;
        if (status is RowStatus.Success or RowStatus.Failed)
        {
            var results = db.RowResults.AsNoTracking().Where(r => r.ImportId == id && r.Status == status);
            total ??= await results.CountAsync(ct);
            items = await CommittedRows.RowsOfAsync(db, id, await PageAsync(results, total.Value, page, descending, ct), ct);
        }
        else
        {
            var query = db.ImportRows.AsNoTracking().Where(r => r.ImportId == id);
            RowLocator? locate = null;
            var afterRow = 0;
            if (status == RowStatus.Valid)
            {
                query = query.Where(r => r.Status == RowStatus.Valid);
                // A Valid row up to the last row committed has its result: the Valid rows shown are those still waiting.
                afterRow = through;
                locate = (offset, backwards) => LocateValidAsync(db, import, through, offset, backwards, ct);
            }
            else if (status is { } s)
            {
                // "Not Valid" as the partial index states it, so the index serves the filter.
                query = query.Where(r => r.Status != RowStatus.Valid && r.Status == s);
            }
            else
            {
                locate = async (offset, backwards) => await FirstOfConsecutiveAsync(db, import, ct) is { } first
                    ? (backwards ? first + import.TotalRows - 1 - offset : first + offset)
                    : await LocateInIndexAsync(query, offset, backwards, 0, ct);
            }

            total ??= await query.CountAsync(r => r.RowNumber > afterRow, ct);
            items = await PageAsync(query, total.Value, page, descending, ct, afterRow, locate);
            if (status is null && through > 0)
            {
                await CommittedRows.ApplyAsync(db, id, items, ct);
            }

            await ShowCurrentSelectTextAsync(db, import, items, ct);
        }

        return new Page<ImportRow>(items, page.Page, page.PageSize, total.Value);
    }

    /// <summary>
    /// During review, rows show a select-list value renamed since the upload with its current text: the text the commit
    /// will write and the one the operator's edit is revalidated with (<see cref="SelectListRelabel"/>). Once committed,
    /// the rows show what was imported.
    /// </summary>
    private async Task ShowCurrentSelectTextAsync(BulkImportDbContext db, Import import, List<ImportRow> rows, CancellationToken ct)
    {
        if (rows.Count > 0 && import.Status.AllowsRowChanges()
            && await SelectListRelabel.LoadAsync(db, domains.Get(import.Domain), import.CreatedAt, ct) is { } relabel)
        {
            rows.ForEach(row => row.Values = relabel.Apply(row.Values));
        }
    }

    /// <summary>Where the rows of a page start: the row number <c>offset</c> rows from the first (or, backwards, the last) row; null when there is none.</summary>
    private delegate Task<int?> RowLocator(int offset, bool backwards);

    /// <summary>
    /// The rows of <paramref name="page"/> among the <paramref name="total"/> rows of <paramref name="query"/>. The walk to
    /// a deep page starts from whichever end of the rows is nearer (the last page costs what the first does, the middle
    /// one the most); it finds only the page's first row number (<paramref name="locate"/>; by default stepping through
    /// the index, which SQLite does entry by entry, reading no row on the way), and then the page's rows are read from
    /// that row number on.
    /// </summary>
    /// <remarks>
    /// Only rows after <paramref name="afterRow"/> count. That bound is not part of <paramref name="query"/>: once the page's
    /// first row is found, it is the page's only lower bound, since SQLite seeks an index by one lower bound and would
    /// walk from the other.
    /// </remarks>
    private static async Task<List<T>> PageAsync<T>(IQueryable<T> query, int total, PageRequest page, bool descending, CancellationToken ct,
        int afterRow = 0, RowLocator? locate = null)
        where T : class, IRowNumbered
    {
        // In long: a page number from an address can be large enough to overflow the offset.
        var skipped = (long)(page.Page - 1) * page.PageSize;
        if (skipped >= total)
        {
            return [];
        }

        var skip = (int)skipped;
        var take = Math.Min(page.PageSize, total - skip);
        var after = total - skip - take;
        var fromEnd = after < skip;
        var backwards = descending != fromEnd;
        var offset = fromEnd ? after : skip;
        var bounded = afterRow > 0 ? query.Where(r => r.RowNumber > afterRow) : query;
        var rows = bounded;
        if (offset > 0)
        {
            if (await (locate ?? ((o, b) => LocateInIndexAsync(query, o, b, afterRow, ct)))(offset, backwards) is not { } first)
            {
                return [];
            }

            rows = backwards ? bounded.Where(r => r.RowNumber <= first) : query.Where(r => r.RowNumber >= first);
        }

        var ordered = backwards ? rows.OrderByDescending(r => r.RowNumber) : rows.OrderBy(r => r.RowNumber);
        var items = await ordered.Take(take).ToListAsync(ct);
        if (fromEnd)
        {
            items.Reverse();
        }

        return items;
    }

    /// <summary>The row number <paramref name="offset"/> rows (after <paramref name="afterRow"/>) from either end of <paramref name="query"/>, stepping through its index.</summary>
    private static Task<int?> LocateInIndexAsync<T>(IQueryable<T> query, int offset, bool backwards, int afterRow, CancellationToken ct)
        where T : class, IRowNumbered
    {
        var bounded = afterRow > 0 ? query.Where(r => r.RowNumber > afterRow) : query;
        var numbers = backwards ? bounded.OrderByDescending(r => r.RowNumber) : bounded.OrderBy(r => r.RowNumber);
        return numbers.Select(r => (int?)r.RowNumber).Skip(offset).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Where the rows of an import are numbered without a gap (every record of the file is staged, so they are), the
    /// first row number: a page of them is then found by arithmetic. Walking the key to a middle page of a million rows
    /// reads every row on the way, since the rows are stored in the key's B-tree.
    /// </summary>
    private static async Task<int?> FirstOfConsecutiveAsync(BulkImportDbContext db, Import import, CancellationToken ct)
    {
        // MIN and MAX of the key are each one seek; with the count they prove there is no gap.
        var rows = db.ImportRows.Where(r => r.ImportId == import.Id);
        var first = await rows.Select(r => (int?)r.RowNumber).MinAsync(ct);
        var last = await rows.Select(r => (int?)r.RowNumber).MaxAsync(ct);
        return first is { } f && last is { } l && l - f + 1 == import.TotalRows ? f : null;
    }

    /// <summary>
    /// The Valid row <paramref name="offset"/> rows from either end of those still waiting (after row <paramref name="through"/>).
    /// Valid rows have no index (most rows of a file are Valid, and an entry each cost the staging about a tenth of its
    /// writes), but they are every row the index of the others does not hold: the answer is counted around the rows that
    /// are not Valid. Each row that is not Valid between the nearer end and the answer moves the answer one row further;
    /// they are counted in strides (the answer moves by the count of the stride it skipped, and the next stride is the
    /// rows it moved over), which SQLite does inside the index, and the last few are walked.
    /// </summary>
    private static async Task<int?> LocateValidAsync(BulkImportDbContext db, Import import, int through, int offset, bool backwards, CancellationToken ct)
    {
        var valid = db.ImportRows.Where(r => r.ImportId == import.Id && r.Status == RowStatus.Valid);
        if (await FirstOfConsecutiveAsync(db, import, ct) is not { } first)
        {
            return await LocateInIndexAsync(valid, offset, backwards, through, ct);
        }

        var last = first + import.TotalRows - 1;
        var before = Math.Max(through, first - 1);
        using var notValid = new NotValidRowIndex(db.Database.GetDbConnection(), import.Id);
        int target;
        if (backwards)
        {
            // Rows above "upper" are counted; the answer is "target" plus however many of the rows from it to "upper" are not Valid.
            target = last - offset;
            var upper = last;
            for (var stride = 0; stride < MaxStrides && target > before; stride++)
            {
                var moved = notValid.Count(Math.Max(target - 1, before), upper);
                upper = target - 1;
                target -= moved;
                if (moved < WalkBelow)
                {
                    break;
                }
            }

            foreach (var rowNumber in notValid.Walk(before, Math.Max(upper, before), descending: true))
            {
                if (rowNumber < target)
                {
                    break;
                }

                target--;
            }
        }
        else
        {
            target = before + offset + 1;
            var counted = before;
            for (var stride = 0; stride < MaxStrides && target <= last; stride++)
            {
                var moved = notValid.Count(counted, target);
                counted = target;
                target += moved;
                if (moved < WalkBelow)
                {
                    break;
                }
            }

            foreach (var rowNumber in notValid.Walk(counted, last, descending: false))
            {
                if (rowNumber > target)
                {
                    break;
                }

                target++;
            }
        }

        return target > before && target <= last ? target : null;
    }

    /// <summary>Counting strides stop when one moves the answer fewer rows than this, and the rest are walked.</summary>
    private const int WalkBelow = 64;

    /// <summary>A bound on the strides, for files almost all of whose rows are errors (the walk finishes the count).</summary>
    private const int MaxStrides = 2_000;

    /// <summary>One row of an import by its row number.</summary>
    public async Task<ImportRow> RowAsync(int id, int rowNumber, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var snapshot = await ReadSnapshot.BeginAsync(db, ct);
        var import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw ImportProblem.NotFound($"Import {id} does not exist. Check the Import ID in Import History.");
        var row = await db.ImportRows.AsNoTracking().SingleOrDefaultAsync(r => r.ImportId == id && r.RowNumber == rowNumber, ct)
            ?? throw ImportProblem.NotFound($"Import {id} has no row {rowNumber}. Row numbers start at 2 (the header is row 1).");
        await CommittedRows.ApplyAsync(db, id, [row], ct);
        await ShowCurrentSelectTextAsync(db, import, [row], ct);
        return row;
    }

    /// <summary>Changes cells of one row and revalidates it and the rows sharing its key; returns the row and the import with new counts.</summary>
    public async Task<(ImportRow Row, Import Import)> EditRowAsync(int id, int rowNumber, IReadOnlyDictionary<string, string?> changes, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (import, row) = await LoadForChangeAsync(db, id, rowNumber, ct);
        await revalidator.ReviseAsync(db, import, domains.Get(import.Domain), row, changes, skip: false, ct);
        await db.SaveChangesAsync(ct);
        return (row, import);
    }

    public async Task<(ImportRow Row, Import Import)> SkipRowAsync(int id, int rowNumber, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (import, row) = await LoadForChangeAsync(db, id, rowNumber, ct);
        if (row.Status != RowStatus.Skipped)
        {
            await revalidator.ReviseAsync(db, import, domains.Get(import.Domain), row, null, skip: true, ct);
            await db.SaveChangesAsync(ct);
        }

        return (row, import);
    }

    private static async Task<(Import, ImportRow)> LoadForChangeAsync(BulkImportDbContext db, int id, int rowNumber, CancellationToken ct)
    {
        var import = await db.Imports.SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw ImportProblem.NotFound($"Import {id} does not exist. Check the Import ID in Import History.");
        if (!import.Status.AllowsRowChanges())
        {
            throw ImportProblem.Conflict($"Rows of import {id} cannot be changed while it is {import.Status}: rows can be fixed or skipped only during review, before Confirm.");
        }

        var row = await db.ImportRows.SingleOrDefaultAsync(r => r.ImportId == id && r.RowNumber == rowNumber, ct)
            ?? throw ImportProblem.NotFound($"Import {id} has no row {rowNumber}. Row numbers start at 2 (the header is row 1) and end at {import.TotalRows + 1}.");
        return (import, row);
    }

    /// <summary>Confirms the import: checks the usage limits and queues the commit.</summary>
    public async Task<Import> QueueCommitAsync(int id, string user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw ImportProblem.NotFound($"Import {id} does not exist. Check the Import ID in Import History.");
        if (import.Status != ImportStatus.ReadyForReview)
        {
            throw ImportProblem.Conflict(import.Status switch
            {
                ImportStatus.Validating => $"Import {id} is still being read and validated. Wait until it is ready for review, then commit.",
                ImportStatus.Queued or ImportStatus.Committing => $"Import {id} is already being committed.",
                ImportStatus.CommitFailed or ImportStatus.Cancelled => $"Import {id} is {import.Status}. Use replay to continue it.",
                _ => $"Import {id} is {import.Status} and cannot be committed.",
            });
        }

        var report = await usage.GetAsync(db, ct);
        var overLimit = report.WhyNotAllowed(import.ValidRows);
        if (overLimit is not null)
        {
            throw ImportProblem.Conflict(overLimit);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.Imports
            .Where(i => i.Id == id && i.Status == ImportStatus.ReadyForReview)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, ImportStatus.Queued)
                .SetProperty(i => i.ConfirmedBy, user)
                .SetProperty(i => i.ConfirmedAt, now), ct);
        if (changed == 0)
        {
            throw ImportProblem.Conflict($"Import {id} was confirmed by someone else a moment ago.");
        }

        await queue.Commit.Writer.WriteAsync(id, ct);
        return await GetAsync(id, ct);
    }

    public async Task<Import> CancelAsync(int id, string user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var import = await db.Imports.SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw ImportProblem.NotFound($"Import {id} does not exist. Check the Import ID in Import History.");
        var now = clock.GetUtcNow().UtcDateTime;
        if (import.Status == ImportStatus.Committing)
        {
            // The committer stops at the next batch boundary and sets Cancelled itself.
            await db.Imports.Where(i => i.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.CancelRequested, true)
                .SetProperty(i => i.CancelledBy, user)
                .SetProperty(i => i.CancelledAt, now), ct);
            return await GetAsync(id, ct);
        }

        // The alerts of this ending are written in the transaction of the status change (a bulk update bypasses SaveChanges).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Imports
            .Where(i => i.Id == id && (i.Status == ImportStatus.Validating || i.Status == ImportStatus.ReadyForReview
                || i.Status == ImportStatus.AwaitingVerification || i.Status == ImportStatus.Queued))
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, ImportStatus.Cancelled)
                .SetProperty(i => i.CancelRequested, true)
                .SetProperty(i => i.CancelledBy, user)
                .SetProperty(i => i.CancelledAt, now)
                .SetProperty(i => i.CompletedAt, now), ct);
        if (changed == 0)
        {
            await transaction.RollbackAsync(ct);
            var current = await GetAsync(id, ct);
            if (current.Status == ImportStatus.Committing)
            {
                return await CancelAsync(id, user, ct);
            }

            throw ImportProblem.Conflict($"Import {id} is {current.Status}; only an import that has not finished can be cancelled.");
        }

        var alerted = await alerts.AddAsync(db, await db.Imports.AsNoTracking().SingleAsync(i => i.Id == id, ct), ct) > 0;
        if (alerted)
        {
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        if (alerted)
        {
            alerts.WakeSender();
        }

        var cancelled = await GetAsync(id, ct);
        feed.Publish(ImportCommitRunner.Snapshot(cancelled, 0, null));
        return cancelled;
    }

    /// <summary>Re-queues a CommitFailed or Cancelled import; the committer continues at the first row not yet committed.</summary>
    public async Task<Import> ReplayAsync(int id, string user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.Imports
            .Where(i => i.Id == id && (i.Status == ImportStatus.CommitFailed || i.Status == ImportStatus.Cancelled))
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, ImportStatus.Queued)
                .SetProperty(i => i.CancelRequested, false)
                .SetProperty(i => i.CompletedAt, (DateTime?)null)
                .SetProperty(i => i.ReplayedBy, user)
                .SetProperty(i => i.ReplayedAt, now), ct);
        if (changed == 0)
        {
            var current = await GetAsync(id, ct);
            throw ImportProblem.Conflict($"Import {id} is {current.Status}; only a CommitFailed or Cancelled import can be replayed.");
        }

        await queue.Commit.Writer.WriteAsync(id, ct);
        return await GetAsync(id, ct);
    }

    /// <summary>
    /// A warning when the same bytes (SHA-256) were uploaded before and that import did or may still write records:
    /// committed (the file was imported), partly committed (a replay, not a new import, continues it), or still
    /// open (committing both would apply the rows twice). Imports that failed validation or were cancelled before
    /// writing anything are not mentioned. The upload is not refused: an Update file may be applied again on purpose.
    /// </summary>
    private static async Task<string?> SameFileWarningAsync(BulkImportDbContext db, string sha256, CancellationToken ct)
    {
        var earlier = await db.Imports.AsNoTracking()
            .Where(i => i.FileSha256 == sha256 && i.Status != ImportStatus.ValidationFailed)
            .OrderByDescending(i => i.Id)
            .Select(i => new { i.Id, i.Status, i.CreatedAt, i.CompletedAt, i.ProcessedRows })
            .Take(50)
            .ToListAsync(ct);
        if (earlier.Find(i => i.Status == ImportStatus.Committed) is { } committed)
        {
            return $"This file was already imported on {committed.CompletedAt:yyyy-MM-dd HH:mm} UTC as import #{committed.Id}. Importing it again applies its rows again.";
        }

        if (earlier.Find(i => i.Status is ImportStatus.CommitFailed or ImportStatus.Cancelled && i.ProcessedRows > 0) is { } partly)
        {
            return $"This file was already partly imported on {partly.CreatedAt:yyyy-MM-dd HH:mm} UTC as import #{partly.Id} ({partly.Status}). "
                + $"To finish it, replay import #{partly.Id} instead of importing the file again.";
        }

        if (earlier.Find(i => i.Status.IsInProgress()) is { } open)
        {
            return $"The same file was uploaded on {open.CreatedAt:yyyy-MM-dd HH:mm} UTC as import #{open.Id}, which is {open.Status}. "
                + "Committing both would apply its rows twice: cancel one of them.";
        }

        return null;
    }

    /// <summary>The longest file name shown; longer names are shortened in the middle, keeping the extension.</summary>
    public const int MaxShownFileNameLength = 200;

    /// <summary>
    /// The name shown for an upload: the last part of any path (either slash), without control or invisible formatting
    /// characters (NUL, bidi overrides that disguise "exe.csv" as "csv.exe", zero-width spaces), at most
    /// <see cref="MaxShownFileNameLength"/> characters. It is only ever shown (pages encode it); the stored file has a
    /// generated name.
    /// </summary>
    public static string SafeFileName(string? name)
    {
        var baseName = (name ?? "").Replace('\\', '/');
        baseName = baseName[(baseName.LastIndexOf('/') + 1)..];
        var clean = new string(baseName.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format).ToArray()).Trim();
        if (clean.Length == 0 || clean is "." or "..")
        {
            clean = "upload.csv";
        }

        if (clean.Length <= MaxShownFileNameLength)
        {
            return clean;
        }

        var extension = Path.GetExtension(clean);
        extension = extension.Length is > 1 and <= 10 ? extension : "";
        return clean[..(MaxShownFileNameLength - extension.Length - 1)] + "…" + extension;
    }
}
