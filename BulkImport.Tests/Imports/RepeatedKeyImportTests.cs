using System.Globalization;
using System.Net;
using System.Text;
using BulkImport.Core.Clients;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Staging;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Imports;

/// <summary>
/// Files whose rows all carry the same key, as an Excel fill-down leaves them (issue 15): every row is an error naming the
/// first ten other rows and counting the rest (SPEC 6, 7), the rows of the key are never loaded into memory (the app's
/// contexts count every staged row they load), and a row of the group can be edited, skipped and edited back with exact
/// counts, the other rows' messages following the group.
/// </summary>
public sealed class RepeatedKeyImportTests : IAsyncLifetime
{
    private const int Rows = 20_000;
    private const string Keep = ". Keep one row per key: fix or skip the others.";
    private readonly LoadedRows _loaded = new();
    private readonly TestApp _app;
    private ApiClient _api = null!;

    public RepeatedKeyImportTests() => _app = new TestApp(services: _loaded.AddTo);

    public async Task InitializeAsync() => _api = await _app.ApiAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A Client file of <paramref name="rows"/> rows with Client ID 7 (row 5's e-mail is not an address).</summary>
    private static string SameClientId(int rows)
    {
        var csv = new StringBuilder("Client ID,First Name,Last Name,Email\n");
        for (var row = 2; row <= rows + 1; row++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"7,Ann{row},Lee,{(row == 5 ? "not-an-email" : "")}\n");
        }

        return csv.ToString();
    }

    /// <summary>The duplicate-key message naming <paramref name="others"/> and <paramref name="more"/> rows besides.</summary>
    private static string Duplicate(string key, IEnumerable<int> others, int more = 0)
    {
        var listed = others.ToList();
        return $"{key} also appears on {(listed.Count == 1 && more == 0 ? "row" : "rows")} {string.Join(", ", listed)}"
            + (more > 0 ? string.Create(CultureInfo.InvariantCulture, $" and {more:N0} more") : "") + Keep;
    }

    private static IEnumerable<int> Span(int from, int to) => Enumerable.Range(from, to - from + 1);

    private async Task<string> DuplicateMessageAsync(int importId, int rowNumber, string column = "Client ID") =>
        (await _api.RowAsync(importId, rowNumber)).Messages.Single(m => m.Column == column && m.Message.Contains(" also appears on ", StringComparison.Ordinal)).Message;

    [Fact]
    public async Task A_client_id_filled_down_20000_rows_makes_every_row_an_error_naming_ten_others_and_counting_the_rest_without_loading_the_rows()
    {
        _loaded.Reset();
        var import = await _api.ImportAsync(SameClientId(Rows), operation: "Update");
        _loaded.Count.Should().BeLessThan(100, "the duplicate rule reads the key's rows in the key index and marks them in the database, not in memory");

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        import.TotalRows.Should().Be(Rows);
        import.ErrorRows.Should().Be(Rows);
        import.ValidRows.Should().Be(0);
        import.UpdateRows.Should().Be(0);
        (await DuplicateMessageAsync(import.Id, 2)).Should().Be(Duplicate("Client ID 7", Span(3, 12), Rows - 11));
        (await DuplicateMessageAsync(import.Id, 12)).Should().Be(Duplicate("Client ID 7", Span(2, 11), Rows - 11));
        (await DuplicateMessageAsync(import.Id, 13)).Should().Be(Duplicate("Client ID 7", Span(2, 11), Rows - 11));
        (await DuplicateMessageAsync(import.Id, Rows + 1)).Should().Be(Duplicate("Client ID 7", Span(2, 11), Rows - 11)).And.Contain("and 19,989 more");
        var withOtherError = await _api.RowAsync(import.Id, 5);
        withOtherError.Messages.Select(m => m.Column).Should().Equal(["Email", "Client ID"], "an error row keeps its other messages");

        var rows = (await _api.RowsAsync(import.Id, status: "Error", page: 100, pageSize: 100)).Items;
        rows.Should().HaveCount(100).And.OnlyContain(r => r.Messages.Single().Message == Duplicate("Client ID 7", Span(2, 11), Rows - 11));
        (await _api.ResultsAsync(import.Id)).Should().Contain($"\r\n{Rows + 1},Failed,,,\"{Duplicate("Client ID 7", Span(2, 11), Rows - 11)}\"\r\n");
    }

    [Fact]
    public async Task An_assignment_repeated_on_20000_rows_makes_every_row_an_error_without_loading_the_rows()
    {
        var csv = new StringBuilder("Client ID,CourseID,SectionID,Enrollment Status\n");
        for (var i = 0; i < Rows; i++)
        {
            csv.Append("1,102,1004,Enrolled\n");
        }

        _loaded.Reset();
        var import = await _api.ImportAsync(csv.ToString(), domain: "ClientAssignment", operation: "Update");
        _loaded.Count.Should().BeLessThan(100);

        import.ErrorRows.Should().Be(Rows);
        import.ValidRows.Should().Be(0);
        (await DuplicateMessageAsync(import.Id, 7)).Should().Be(Duplicate("Client 1, CourseID 102, SectionID 1004", [2, 3, 4, 5, 6, 8, 9, 10, 11, 12], Rows - 11));
    }

    [Fact]
    public async Task A_row_of_a_20000_row_key_can_be_edited_out_of_it_skipped_and_edited_back_with_exact_counts_and_messages()
    {
        var import = await _api.ImportAsync(SameClientId(Rows), operation: "AddUpdate");
        import.ErrorRows.Should().Be(Rows);

        _loaded.Reset();
        var moved = await _api.EditRowAsync(import.Id, 13, new() { ["Client ID"] = "8" });
        _loaded.Count.Should().BeLessThan(100, "an edit reads the size and first rows of a large key group in the key index; it does not load the group");
        moved.Row.Status.Should().Be(RowStatus.Valid);
        moved.Row.Action.Should().Be(RowAction.Update);
        moved.Import.ErrorRows.Should().Be(Rows - 1);
        moved.Import.ValidRows.Should().Be(1);
        moved.Import.UpdateRows.Should().Be(1);
        moved.Import.TotalRows.Should().Be(Rows);
        (await DuplicateMessageAsync(import.Id, 2)).Should().Be(Duplicate("Client ID 7", Span(3, 12), Rows - 12));
        (await DuplicateMessageAsync(import.Id, 14)).Should().Be(Duplicate("Client ID 7", Span(2, 11), Rows - 12));

        var skip = await _api.Http.PostAsync($"/api/imports/{import.Id}/rows/3/skip", null);
        skip.StatusCode.Should().Be(HttpStatusCode.OK);
        var skipped = await _api.GetAsync(import.Id);
        (skipped.ErrorRows, skipped.ValidRows, skipped.SkippedRows).Should().Be((Rows - 2, 1, 1));
        (await DuplicateMessageAsync(import.Id, 2)).Should().Be(Duplicate("Client ID 7", Span(4, 12).Append(14), Rows - 13));

        var back = await _api.EditRowAsync(import.Id, 13, new() { ["Client ID"] = "7" });
        back.Row.Status.Should().Be(RowStatus.Error);
        back.Row.Messages.Single().Message.Should().Be(Duplicate("Client ID 7", [2, .. Span(4, 12)], Rows - 12));
        (back.Import.ErrorRows, back.Import.ValidRows, back.Import.UpdateRows, back.Import.SkippedRows).Should().Be((Rows - 1, 0, 0, 1));
        (await DuplicateMessageAsync(import.Id, Rows + 1)).Should().Be(Duplicate("Client ID 7", [2, .. Span(4, 12)], Rows - 12));

        var fixedEmail = await _api.EditRowAsync(import.Id, 5, new() { ["Email"] = "ann5@example.org" });
        fixedEmail.Row.Messages.Select(m => m.Column).Should().Equal(["Client ID"], "the row is still a duplicate; only its e-mail was fixed");
        fixedEmail.Import.ErrorRows.Should().Be(Rows - 1);
        (await _api.ResultsAsync(import.Id)).Should().Contain($"\r\n{Rows + 1},Failed,,,\"{Duplicate("Client ID 7", [2, .. Span(4, 12)], Rows - 12)}\"\r\n");
    }

    [Fact]
    public async Task A_key_group_crossing_twelve_rows_either_way_keeps_every_rows_message_and_the_counts_exact()
    {
        var import = await _api.ImportAsync(SameClientId(13), operation: "Update");
        (await DuplicateMessageAsync(import.Id, 2)).Should().Be(Duplicate("Client ID 7", Span(3, 12), 2));

        (await _api.Http.PostAsync($"/api/imports/{import.Id}/rows/14/skip", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await DuplicateMessageAsync(import.Id, 2)).Should().Be(Duplicate("Client ID 7", Span(3, 12), 1), "twelve rows are left");
        (await DuplicateMessageAsync(import.Id, 13)).Should().Be(Duplicate("Client ID 7", Span(2, 11), 1));

        var out11 = await _api.EditRowAsync(import.Id, 13, new() { ["Client ID"] = "8" });
        (out11.Import.ErrorRows, out11.Import.ValidRows, out11.Import.SkippedRows).Should().Be((11, 1, 1));
        (await DuplicateMessageAsync(import.Id, 2)).Should().Be(Duplicate("Client ID 7", Span(3, 12)), "eleven rows are left: each names all ten others");
        (await DuplicateMessageAsync(import.Id, 12)).Should().Be(Duplicate("Client ID 7", Span(2, 11)));

        var in12 = await _api.EditRowAsync(import.Id, 13, new() { ["Client ID"] = "7" });
        (in12.Import.ErrorRows, in12.Import.ValidRows, in12.Import.SkippedRows).Should().Be((12, 0, 1));
        in12.Row.Messages.Single().Message.Should().Be(Duplicate("Client ID 7", Span(2, 11), 1));
        (await DuplicateMessageAsync(import.Id, 2)).Should().Be(Duplicate("Client ID 7", Span(3, 12), 1));

        var unskipped = await _api.EditRowAsync(import.Id, 14, new() { ["First Name"] = "Back" });
        (unskipped.Import.ErrorRows, unskipped.Import.ValidRows, unskipped.Import.SkippedRows).Should().Be((13, 0, 0));
        (await DuplicateMessageAsync(import.Id, 2)).Should().Be(Duplicate("Client ID 7", Span(3, 12), 2));
        (await DuplicateMessageAsync(import.Id, 5)).Should().Be(Duplicate("Client ID 7", [2, 3, 4, .. Span(6, 12)], 2));
    }

    [Fact]
    public async Task Client_ids_that_only_share_the_stagings_hash_are_not_taken_for_a_repeated_key()
    {
        var (a, b) = CollidingClientIds();
        await using (var db = _app.CreateDbContext())
        {
            db.Clients.AddRange(new Client { ClientId = a, FirstName = "Hash", LastName = "One" }, new Client { ClientId = b, FirstName = "Hash", LastName = "Two" });
            await db.SaveChangesAsync();
        }

        var import = await _api.ImportAsync($"Client ID,First Name\n{a},Ann\n{b},Bo\n{a},Cy\n", operation: "Update");

        (import.ValidRows, import.UpdateRows, import.ErrorRows).Should().Be((1, 1, 2));
        var alone = await _api.RowAsync(import.Id, 3);
        alone.Status.Should().Be(RowStatus.Valid, $"Client ID {b} is on one row; only its hash is that of {a}");
        alone.Messages.Should().BeEmpty();
        (await DuplicateMessageAsync(import.Id, 2)).Should().Be(Duplicate($"Client ID {a}", [4]));
        (await DuplicateMessageAsync(import.Id, 4)).Should().Be(Duplicate($"Client ID {a}", [2]));
    }

    /// <summary>Two Client IDs whose keys have the same <see cref="RowKeyHash"/> (found among six-digit IDs in about 80,000 tries).</summary>
    private static (int A, int B) CollidingClientIds()
    {
        var seen = new Dictionary<int, int>();
        for (var id = 100_000; ; id++)
        {
            if (seen.TryGetValue(RowKeyHash.Of(id.ToString(CultureInfo.InvariantCulture)), out var earlier))
            {
                return (earlier, id);
            }

            seen.Add(RowKeyHash.Of(id.ToString(CultureInfo.InvariantCulture)), id);
        }
    }
}
