using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Domains.ClientAssignments;
using BulkImport.Core.Imports;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Domains.ClientAssignments;

/// <summary>
/// The Client Assignment committer against a real database: inserts with their invoices in the caller's transaction,
/// updates that keep blank cells, and rows the database no longer allows as Failed outcomes, not exceptions.
/// </summary>
public sealed class ClientAssignmentCommitterTests : IAsyncLifetime
{
    private static readonly DateOnly CommitDay = new(2026, 3, 18);

    /// <summary>The demo invoices of SPEC section 13 end at 5030; the invoices a commit creates come after them.</summary>
    private const int DemoInvoiceIds = 5030;
    private TestDatabase _database = null!;

    /// <summary>The import the commit belongs to: an update keeps its before-image under it (SPEC 21), which needs a real import.</summary>
    private int _importId;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.CreateDbContext();
        var import = new Import { FileName = "assignments.csv", StoredFileName = "assignments.csv", CreatedBy = "someone", Status = ImportStatus.Committing, Domain = ClientAssignmentDomain.Key };
        db.Imports.Add(import);
        await db.SaveChangesAsync();
        _importId = import.Id;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static CommitRow Insert(int rowNumber, int clientId, int courseId, int sectionId, string status = "Enrolled") =>
        new(rowNumber, RowAction.Insert, [$"{clientId}", $"{courseId}", $"{sectionId}", status, "03/02/2026", "Online", null, null, null]);

    private static CommitRow Update(int rowNumber, int clientId, int courseId, int sectionId, string? status) =>
        new(rowNumber, RowAction.Update, [$"{clientId}", $"{courseId}", $"{sectionId}", status, null, null, null, null, null]);

    private async Task<IReadOnlyList<RowOutcome>> CommitAsync(bool autoCreateInvoices, bool rollBack, params CommitRow[] rows)
    {
        await using var db = _database.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        using var committer = new ClientAssignmentDomain().CreateCommitter(new CommitSettings(Operation.AddUpdate, autoCreateInvoices, CommitDay, _importId));
        await using var transaction = await connection.BeginTransactionAsync();
        var outcomes = await committer.CommitBatchAsync(connection, transaction, new CommitBatch(rows), CancellationToken.None);
        if (rollBack)
        {
            await transaction.RollbackAsync();
        }
        else
        {
            await transaction.CommitAsync();
        }

        return outcomes;
    }

    [Fact]
    public async Task An_insert_with_auto_create_invoices_gets_one_open_invoice_for_the_course_fee_dated_the_commit_day()
    {
        var outcomes = await CommitAsync(autoCreateInvoices: true, rollBack: false, Insert(2, 3, 101, 1001), Insert(3, 3, 201, 1006));

        outcomes.Should().OnlyContain(o => o.Success && o.Action == RowAction.Insert && o.RecordId > 0 && o.InvoiceId > 0);
        await using var db = _database.CreateDbContext();
        var assignments = await db.ClientAssignments.AsNoTracking().Include(a => a.Invoices).Where(a => a.ClientId == 3).OrderBy(a => a.CourseId).ToListAsync();
        assignments.Select(a => (long)a.AssignmentId).Should().Equal(outcomes.Select(o => o.RecordId!.Value));
        assignments[0].EnrollmentStatus.Should().Be("Enrolled");
        assignments[0].RegisteredBy.Should().Be("Online");
        assignments.Select(a => a.Invoices.Single().Amount).Should().Equal(1200.00m, 2400.00m);
        assignments.Should().OnlyContain(a => a.Invoices.Single().InvoiceDate == CommitDay && a.Invoices.Single().Status == "Open");
        assignments.Select(a => (long)a.Invoices.Single().InvoiceId).Should().Equal(outcomes.Select(o => o.InvoiceId!.Value));
    }

    [Fact]
    public async Task An_insert_without_auto_create_invoices_gets_no_invoice()
    {
        var outcomes = await CommitAsync(autoCreateInvoices: false, rollBack: false, Insert(2, 3, 101, 1001));

        outcomes.Single().InvoiceId.Should().BeNull();
        await using var db = _database.CreateDbContext();
        (await db.Invoices.CountAsync(i => i.InvoiceId > DemoInvoiceIds)).Should().Be(0);
    }

    [Fact]
    public async Task An_update_never_gets_an_invoice_and_keeps_the_stored_value_of_blank_cells()
    {
        var outcomes = await CommitAsync(autoCreateInvoices: true, rollBack: false, Update(2, 6, 101, 1001, "Completed"));

        outcomes.Single().Should().Match<RowOutcome>(o => o.Success && o.Action == RowAction.Update && o.InvoiceId == null);
        await using var db = _database.CreateDbContext();
        var assignment = await db.ClientAssignments.AsNoTracking().SingleAsync(a => a.ClientId == 6 && a.CourseId == 101 && a.SectionId == 1001);
        outcomes.Single().RecordId.Should().Be(assignment.AssignmentId);
        assignment.EnrollmentStatus.Should().Be("Completed");
        assignment.EnrollmentDate.Should().Be("03/02/2026");
        (await db.Set<BulkImport.Core.Imports.Undo.BeforeImage>().AsNoTracking().SingleAsync(b => b.ImportId == _importId)).RowNumber
            .Should().Be(2, "the update kept what it changed, so the import can be undone");
        assignment.RegisteredBy.Should().Be("Staff");
        assignment.MarketingSource.Should().Be("Print");
        (await db.Invoices.CountAsync(i => i.InvoiceId > DemoInvoiceIds)).Should().Be(0);
    }

    [Fact]
    public async Task An_insert_that_finds_the_assignment_already_there_fails_with_a_reason_and_gets_no_invoice()
    {
        var outcomes = await CommitAsync(autoCreateInvoices: true, rollBack: false, Insert(2, 6, 101, 1001), Insert(3, 3, 101, 1001));

        outcomes[0].Success.Should().BeFalse();
        outcomes[0].Error.Should().StartWith("Client 6, CourseID 101, SectionID 1001 already exists: it was added after the file was validated.");
        outcomes[0].Column.Should().Be("Client ID", "a failure about the key is marked where review marks the key's checks");
        outcomes[1].Success.Should().BeTrue();
        await using var db = _database.CreateDbContext();
        (await db.Invoices.CountAsync(i => i.InvoiceId > DemoInvoiceIds)).Should().Be(1);
    }

    [Fact]
    public async Task An_update_that_finds_its_assignment_gone_fails_with_a_reason()
    {
        var outcomes = await CommitAsync(autoCreateInvoices: false, rollBack: false, Update(2, 3, 101, 1001, "Completed"));

        outcomes.Single().Should().Match<RowOutcome>(o => !o.Success && o.Action == RowAction.Update);
        outcomes.Single().Error.Should().StartWith("Client 3, CourseID 101, SectionID 1001 no longer exists");
        outcomes.Single().Column.Should().Be("Client ID");
    }

    [Fact]
    public async Task An_insert_whose_client_is_gone_fails_with_a_reason()
    {
        var outcomes = await CommitAsync(autoCreateInvoices: true, rollBack: false, Insert(2, 4242, 101, 1001));

        outcomes.Single().Error.Should().Be("Client ID 4242 no longer exists; it was removed after the file was validated.");
    }

    [Fact]
    public async Task Assignments_and_their_invoices_are_written_in_the_callers_transaction()
    {
        await CommitAsync(autoCreateInvoices: true, rollBack: true, Insert(2, 3, 101, 1001));

        await using var db = _database.CreateDbContext();
        (await db.ClientAssignments.CountAsync()).Should().Be(60);
        (await db.Invoices.CountAsync(i => i.InvoiceId > DemoInvoiceIds)).Should().Be(0);
    }
}
