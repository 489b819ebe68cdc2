using System.Net;
using System.Net.Http.Json;
using Bunit;
using BulkImport.App.Api;
using BulkImport.App.Components.Shared;
using BulkImport.Core.Imports;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace BulkImport.Tests.BadInputs;

/// <summary>
/// Hostile file names (OWASP file upload cheat sheet, and Pollock's survey files): a file name is a label. It is shown
/// HTML-encoded, cut to 200 characters without its path, and never used to store or find a file: uploads are stored
/// under a generated name, and the content alone decides what the file is (not the extension).
/// </summary>
public class FileNameBadInputTests : BadInputApiTest
{
    public FileNameBadInputTests()
        : this(TestEngine.Sqlite)
    {
    }

    /// <summary>The same tests on another engine.</summary>
    protected FileNameBadInputTests(TestEngine engine)
        : base(engine: engine)
    {
    }

    private static readonly byte[] Csv = Utf8("Client ID,First Name,Last Name\r\n,Ann,Lee\r\n");

    public static TheoryData<string, string> Names() => new()
    {
        { "form-data; name=\"file\"; filename=\"clients.csv.exe\"", "clients.csv.exe" },
        { "form-data; name=\"file\"; filename=\"clients%00.csv\"", "clients%00.csv" },
        { "form-data; name=\"file\"; filename*=UTF-8''clients%00.csv", "clients.csv" },
        { "form-data; name=\"file\"; filename=\"../../x.csv\"", "x.csv" },
        { "form-data; name=\"file\"; filename=\"..\\\\..\\\\x.csv\"", "x.csv" },
        { "form-data; name=\"file\"; filename=\"/etc/passwd\"", "passwd" },
        { "form-data; name=\"file\"; filename=\"C:\\\\Users\\\\ann\\\\clients (2).csv\"", "clients (2).csv" },
        { "form-data; name=\"file\"; filename*=UTF-8''Survey%202016%20%E2%80%93%20100%25%20%28final%29.csv", "Survey 2016 – 100% (final).csv" },
        { "form-data; name=\"file\"; filename=\"<img src=x onerror=alert(1)>.csv\"", "<img src=x onerror=alert(1)>.csv" },
        { $"form-data; name=\"file\"; filename=\"{new string('n', 300)}.csv\"", new string('n', 195) + "….csv" },
        { "form-data; name=\"file\"; filename*=UTF-8''invoice%E2%80%AEvsc.exe", "invoicevsc.exe" },
        { "form-data; name=\"file\"; filename=\"  \"", "upload.csv" },
        { "form-data; name=\"file\"; filename=\"a/b<script>x</script>.csv\"", "script>.csv" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public async Task FileNames_hostile_names_are_cleaned_labels_and_the_upload_is_stored_under_a_generated_name(string contentDisposition, string shown)
    {
        var response = await PostWithDispositionAsync(Csv, contentDisposition);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<ImportSummary>(ApiClient.Json))!;
        var import = await Api.WaitForAsync(created.Id, s => s.Status != ImportStatus.Validating);
        import.FileName.Should().Be(shown);
        import.Status.Should().Be(ImportStatus.ReadyForReview, "the content decides, not the name");
        import.ValidRows.Should().Be(1);

        var uploads = Path.Combine(App.DataFolder, "uploads");
        await using (var db = App.CreateDbContext())
        {
            (await db.Imports.SingleAsync(i => i.Id == import.Id)).StoredFileName.Should().MatchRegex("^[0-9a-f]{32}\\.csv$");
        }

        // Issue 15: the upload is deleted once its rows are staged.
        await Eventually.TrueAsync(() => !Directory.EnumerateFiles(uploads).Any(), "the upload is deleted once staged");
        Directory.EnumerateFileSystemEntries(App.DataFolder).Select(Path.GetFileName)
            // On PostgreSQL the instances' key-ring check (SPEC 22) is the app's own file, under a fixed name.
            .Should().OnlyContain(n => n == "uploads" || n!.StartsWith("bulkimport.db") || n == BulkImport.App.Instances.KeyRingCheck.FileName,
                "nothing of the upload is written beside the uploads folder");
        File.Exists(Path.GetFullPath(Path.Combine(uploads, "..", "..", "x.csv"))).Should().BeFalse();
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task FileNames_a_markup_file_name_is_shown_html_encoded_in_the_history()
    {
        var response = await PostWithDispositionAsync(Csv, "form-data; name=\"file\"; filename=\"<img src=x onerror=alert(1)><b>.csv\"");
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = (await response.Content.ReadFromJsonAsync<ImportSummary>(ApiClient.Json))!;
        await Api.WaitForAsync(created.Id, s => s.Status != ImportStatus.Validating);

        await using var bunit = new BunitContext();
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        bunit.Services.AddMudServices();
        bunit.Services.AddSingleton(App.Services.GetRequiredService<ImportHistory>());
        bunit.Services.AddSingleton(App.Services.GetRequiredService<BulkImport.Core.Domains.ImportDomains>());
        var history = bunit.Render<HistoryTable>();

        history.WaitForAssertion(() => history.Markup.Should().Contain("&lt;img src=x onerror=alert(1)&gt;&lt;b&gt;.csv"), TimeSpan.FromSeconds(15)); // loads from the database
        history.FindAll("img, b").Should().BeEmpty("the name is text, not markup");
        await ClientDataIsUnchangedAsync();
    }
}
