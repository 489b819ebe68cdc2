using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.Core.Clients;
using BulkImport.Core.Data;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Imports.Commit;

/// <summary>
/// An administrator renames a select-list value while an import waits in review: the rename relabels the stored records,
/// and the import's commit writes the new text too, not the text its rows were validated with.
/// </summary>
public sealed class SelectListRenameCommitTests
{
    private const string Admin = "admin@example.org";

    [Fact]
    public async Task A_value_renamed_between_upload_and_commit_is_written_with_its_new_text()
    {
        using var app = new TestApp();
        var importer = await app.ApiAsync(Roles.Importer);
        var import = await importer.ImportAsync(
            "First Name,Last Name,Email,Ethnicity\n" +
            "Renamed,One,renamed1@example.org,hispanic or latino\n" +
            "Renamed,Two,renamed2@example.org,Not Hispanic or Latino\n", operation: "Add");
        import.ValidRows.Should().Be(2);

        var lists = app.Services.GetRequiredService<SelectListAdministration>();
        await lists.RenameAsync(await IdOfAsync(lists, ClientColumns.Ethnicity, "Hispanic or Latino"), "Hispanic/Latino", Admin, default);
        var done = await importer.CommitAndWaitAsync(import.Id);

        done.Status.Should().Be(ImportStatus.Committed);
        done.Inserted.Should().Be(2);
        var saved = await ClientsAsync(app, "Renamed");
        saved.Should().Equal(("One", "Hispanic/Latino", null), ("Two", "Not Hispanic or Latino", null));
    }

    [Fact]
    public async Task A_value_renamed_twice_gets_its_last_text_and_a_text_added_back_after_its_rename_is_kept()
    {
        using var app = new TestApp();
        var importer = await app.ApiAsync(Roles.Importer);
        var import = await importer.ImportAsync(
            "First Name,Last Name,Email,Language\n" +
            "Chain,One,chain1@example.org,Spanish\n" +
            "Chain,Two,chain2@example.org,French\n", operation: "Add");
        import.ValidRows.Should().Be(2);

        var lists = app.Services.GetRequiredService<SelectListAdministration>();
        var spanish = await IdOfAsync(lists, ClientColumns.Language, "Spanish");
        await lists.RenameAsync(spanish, "Castilian", Admin, default);
        await lists.RenameAsync(spanish, "Español", Admin, default);
        await lists.RenameAsync(await IdOfAsync(lists, ClientColumns.Language, "French"), "Français", Admin, default);
        await lists.AddAsync(ClientColumns.Language, "French", Admin, default);
        var done = await importer.CommitAndWaitAsync(import.Id);

        done.Status.Should().Be(ImportStatus.Committed);
        var saved = await ClientsAsync(app, "Chain");
        saved.Should().Equal(("One", null, "Español"), ("Two", null, "French"));
    }

    [Fact]
    public async Task During_review_the_rows_show_the_new_text_and_fixing_a_row_revalidates_it_and_its_key_sharers_with_it()
    {
        using var app = new TestApp();
        var importer = await app.ApiAsync(Roles.Importer);
        var import = await importer.ImportAsync(
            "Client ID,Ethnicity,Email\n" +
            "2,Hispanic or Latino,two@example.org\n" +
            "2,Hispanic or Latino,also.two@example.org\n" +
            "3,Hispanic or Latino,not-an-email\n", operation: "Update");
        import.ErrorRows.Should().Be(3);

        var lists = app.Services.GetRequiredService<SelectListAdministration>();
        await lists.RenameAsync(await IdOfAsync(lists, ClientColumns.Ethnicity, "Hispanic or Latino"), "Hispanic/Latino", Admin, default);

        (await importer.RowsAsync(import.Id)).Items.Select(r => r.Values["Ethnicity"]).Should().Equal("Hispanic/Latino", "Hispanic/Latino", "Hispanic/Latino");
        var row = await importer.Http.GetFromJsonAsync<JsonElement>($"/api/imports/{import.Id}/rows/4");
        row.GetProperty("values").GetProperty("Ethnicity").GetString().Should().Be("Hispanic/Latino");

        var fixedEmail = await importer.EditRowAsync(import.Id, 4, new() { ["Email"] = "three@example.org" });
        fixedEmail.Row.Status.Should().Be(RowStatus.Valid);
        fixedEmail.Row.Values["Ethnicity"].Should().Be("Hispanic/Latino");
        var fixedKey = await importer.EditRowAsync(import.Id, 3, new() { ["Client ID"] = "4" });
        fixedKey.Row.Status.Should().Be(RowStatus.Valid);
        fixedKey.Import.ValidRows.Should().Be(3, "row 2 no longer shares its Client ID and is revalidated with the new text");

        var typedOldText = await importer.EditRowAsync(import.Id, 2, new() { ["Ethnicity"] = "Hispanic or Latino" });
        typedOldText.Row.Status.Should().Be(RowStatus.Error, "a text typed after its rename is not a value of the list");
        typedOldText.Row.Messages.Should().ContainSingle(m => m.Column == "Ethnicity");
        await importer.EditRowAsync(import.Id, 2, new() { ["Ethnicity"] = "Hispanic/Latino" });

        var done = await importer.CommitAndWaitAsync(import.Id);
        done.Status.Should().Be(ImportStatus.Committed);
        done.Updated.Should().Be(3);
        (await importer.RowsAsync(import.Id)).Items.Select(r => r.Values["Ethnicity"]).Should().OnlyContain(text => text == "Hispanic/Latino");
    }

    private static async Task<int> IdOfAsync(SelectListAdministration lists, string field, string value) =>
        (await lists.AllAsync(default)).Single(v => v.Field == field && v.Value == value).Id;

    private static async Task<List<(string, string?, string?)>> ClientsAsync(TestApp app, string firstName)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BulkImportDbContext>>().CreateDbContextAsync();
        var clients = await db.Clients.Where(c => c.FirstName == firstName).OrderBy(c => c.LastName).ToListAsync();
        return clients.ConvertAll(c => (c.LastName, c.Ethnicity, c.Language));
    }
}
