using BulkImport.Core.Clients;
using BulkImport.Core.Domains;
using BulkImport.Core.Domains.ClientAssignments;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Clients;

/// <summary>Adding, renaming, retiring and restoring select-list values (issue 6, admin pages).</summary>
public sealed class SelectListAdministrationTests : IAsyncLifetime
{
    private const string Admin = "admin@example.org";
    private TestDatabase _database = null!;
    private SelectListAdministration _lists = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _lists = new SelectListAdministration(new TestDbContextFactory(_database), TimeProvider.System, [new ClientDomain(), new ClientAssignmentDomain()]);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_retired_value_fails_validation_in_a_later_import_and_a_restored_one_passes_again()
    {
        var declined = await EntryAsync("Ethnicity", "Declined to State");
        (await ValidateEthnicityAsync("Declined to State")).Status.Should().Be(RowStatus.Valid);

        await _lists.SetRetiredAsync(declined.Id, retired: true, Admin, default);
        var refused = await ValidateEthnicityAsync("declined to state");
        refused.Status.Should().Be(RowStatus.Error);
        refused.Messages.Should().ContainSingle(m => m.Column == "Ethnicity").Which.Message.Should().StartWith("'declined to state' is not a valid Ethnicity.");

        await _lists.SetRetiredAsync(declined.Id, retired: false, Admin, default);
        (await ValidateEthnicityAsync("Declined to State")).Status.Should().Be(RowStatus.Valid);
    }

    [Fact]
    public async Task A_retired_value_stays_on_the_records_that_hold_it()
    {
        var arabic = await EntryAsync("Language", "Arabic");
        await _lists.SetRetiredAsync(arabic.Id, retired: true, Admin, default);

        await using var db = _database.CreateDbContext();
        (await db.Clients.CountAsync(c => c.Language == "Arabic")).Should().Be(6);
        (await _lists.AllAsync(default)).Should().ContainSingle(v => v.Id == arabic.Id).Which.Retired.Should().BeTrue();
    }

    [Fact]
    public async Task An_added_value_goes_last_in_its_list_and_passes_validation()
    {
        var added = await _lists.AddAsync("ethnicity", "  Two   or More ", Admin, default);

        added.Field.Should().Be("Ethnicity");
        added.Value.Should().Be("Two or More");
        var values = (await _lists.AllAsync(default)).Where(v => v.Field == "Ethnicity").ToList();
        values[^1].Value.Should().Be("Two or More");
        (await ValidateEthnicityAsync("two or more")).Status.Should().Be(RowStatus.Valid);
    }

    [Fact]
    public async Task Adding_a_value_that_exists_in_another_case_is_a_conflict_and_a_retired_one_says_to_restore_it()
    {
        var act = () => _lists.AddAsync("Language", "spanish", Admin, default);
        (await act.Should().ThrowAsync<ImportProblem>()).Which.Message.Should().Be("Language already has the value 'Spanish'.");

        var french = await EntryAsync("Language", "French");
        await _lists.SetRetiredAsync(french.Id, true, Admin, default);
        var again = () => _lists.AddAsync("Language", "French", Admin, default);
        (await again.Should().ThrowAsync<ImportProblem>()).Which.Message.Should().Be("'French' is a retired value of Language. Restore it instead of adding it again.");
    }

    [Theory]
    [InlineData("Favourite Colour", "Blue", "'Favourite Colour' is not a select-list field.")]
    [InlineData("Language", "   ", "Enter the value's text.")]
    [InlineData("Language", "Bell\u0007", "A select-list value cannot contain control characters.")]
    public async Task Adding_to_an_unknown_field_or_a_blank_or_control_character_value_is_refused(string field, string value, string message)
    {
        var act = () => _lists.AddAsync(field, value, Admin, default);

        (await act.Should().ThrowAsync<ImportProblem>()).Which.Message.Should().StartWith(message);
    }

    [Fact]
    public async Task Renaming_relabels_client_records_and_leaves_past_import_rows_as_they_were_imported()
    {
        await using (var db = _database.CreateDbContext())
        {
            var import = new Import { FileName = "past.csv", StoredFileName = "x.csv", CreatedBy = "someone", Status = ImportStatus.Committed, Domain = ClientDomain.Key };
            db.Imports.Add(import);
            await db.SaveChangesAsync();
            var values = new string?[ClientColumns.All.Count];
            values[ClientColumns.All.ToList().IndexOf("Ethnicity")] = "Hispanic or Latino";
            db.ImportRows.Add(new ImportRow { ImportId = import.Id, RowNumber = 2, Status = RowStatus.Valid, Action = RowAction.Update, Values = values });
            db.RowResults.Add(new RowResult { ImportId = import.Id, RowNumber = 2, Status = RowStatus.Success, RecordId = 1 });
            await db.SaveChangesAsync();
        }

        var hispanic = await EntryAsync("Ethnicity", "Hispanic or Latino");
        int holding;
        await using (var before = _database.CreateDbContext())
        {
            holding = await before.Clients.CountAsync(c => c.Ethnicity == "Hispanic or Latino");
            (await before.Clients.CountAsync(c => c.Ethnicity == "Not Hispanic or Latino")).Should().BePositive();
        }

        var renamed = await _lists.RenameAsync(hispanic.Id, "Hispanic/Latino", Admin, default);

        renamed.OldValue.Should().Be("Hispanic or Latino");
        renamed.Entry.Value.Should().Be("Hispanic/Latino");
        holding.Should().BePositive();
        renamed.RecordsUpdated.Should().Be(holding);
        await using var check = _database.CreateDbContext();
        (await check.Clients.CountAsync(c => c.Ethnicity == "Hispanic or Latino")).Should().Be(0);
        (await check.Clients.CountAsync(c => c.Ethnicity == "Hispanic/Latino")).Should().Be(holding);
        (await check.Clients.CountAsync(c => c.Ethnicity == "Not Hispanic or Latino")).Should().BePositive();
        var pastRow = await check.ImportRows.SingleAsync();
        pastRow.Values.Should().Contain("Hispanic or Latino");
        (await ValidateEthnicityAsync("Hispanic/Latino")).Status.Should().Be(RowStatus.Valid);
    }

    [Fact]
    public async Task Renaming_an_assignment_value_relabels_the_assignments_that_hold_it()
    {
        var enrolled = await EntryAsync("Enrollment Status", "Enrolled");
        await using var before = _database.CreateDbContext();
        var holding = await before.ClientAssignments.CountAsync(a => a.EnrollmentStatus == "Enrolled");

        var renamed = await _lists.RenameAsync(enrolled.Id, "Active", Admin, default);

        renamed.RecordsUpdated.Should().Be(holding);
        await using var after = _database.CreateDbContext();
        (await after.ClientAssignments.CountAsync(a => a.EnrollmentStatus == "Active")).Should().Be(holding);
    }

    [Fact]
    public async Task Renaming_to_another_value_of_the_field_is_a_conflict()
    {
        var english = await EntryAsync("Language", "English");

        var act = () => _lists.RenameAsync(english.Id, "SPANISH", Admin, default);

        (await act.Should().ThrowAsync<ImportProblem>()).Which.Message.Should().Be("Language already has the value 'Spanish'. Choose another name.");
    }

    [Fact]
    public async Task Renaming_only_the_case_of_a_value_is_allowed()
    {
        var english = await EntryAsync("Language", "English");

        var renamed = await _lists.RenameAsync(english.Id, "ENGLISH", Admin, default);

        renamed.Entry.Value.Should().Be("ENGLISH");
    }

    [Fact]
    public async Task Every_change_is_recorded_in_the_audit_log()
    {
        var english = await EntryAsync("Language", "English");
        await _lists.AddAsync("Language", "Tagalog", Admin, default);
        await _lists.RenameAsync(english.Id, "English (US)", Admin, default);
        await _lists.SetRetiredAsync(english.Id, true, Admin, default);
        await _lists.SetRetiredAsync(english.Id, false, Admin, default);

        await using var db = _database.CreateDbContext();
        var actions = await db.AuditEntries.Where(e => e.User == Admin).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        actions.Should().Equal(AuditActions.SelectListValueAdded, AuditActions.SelectListValueRenamed, AuditActions.SelectListValueRetired, AuditActions.SelectListValueRestored);
    }

    [Fact]
    public async Task The_fields_include_every_template_select_list()
    {
        var fields = await _lists.FieldsAsync(default);

        fields.Should().Contain(ClientColumns.SelectLists).And.Contain(["Enrollment Status", "Sponsor (Company)"]);
    }

    private async Task<SelectListEntry> EntryAsync(string field, string value) =>
        (await _lists.AllAsync(default)).Single(v => v.Field == field && v.Value == value);

    private async Task<RowValidation> ValidateEthnicityAsync(string ethnicity)
    {
        await using var db = _database.CreateDbContext();
        string[] columns = ["First Name", "Last Name", "Ethnicity"];
        var settings = new ValidationSettings(Operation.Add, columns, new DateOnly(2026, 11, 23));
        var validator = await new ClientDomain().CreateValidatorAsync(db, settings, onlyRows: null, default);
        var values = new string?[ClientColumns.All.Count];
        values[1] = "Ann";
        values[2] = "Smith";
        values[ClientColumns.All.ToList().IndexOf("Ethnicity")] = ethnicity;
        return validator.Validate(values);
    }
}
