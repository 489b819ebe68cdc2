using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Security;

/// <summary>
/// Uploads (BAD-INPUTS.md): the size limit is enforced while the file streams in, the stored name is generated and the
/// client's name is only ever shown (sanitised), and files that are not text are refused with a message to save as CSV.
/// </summary>
public sealed partial class UploadSecurityTests : IAsyncLifetime
{
    private const int Limit = 4096;
    private readonly TestApp _app = new(new() { ["Import:MaxFileBytes"] = Limit.ToString() });
    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = await _app.ApiAsync(Roles.Importer);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string UploadsFolder => Path.Combine(_app.DataFolder, "uploads");

    [Theory]
    [InlineData(Limit + 1)]
    [InlineData(Limit * 3)]
    [InlineData(5 * 1024 * 1024)]
    public async Task A_file_over_the_size_limit_is_refused_with_413_naming_the_limit_and_nothing_is_kept(int size)
    {
        var response = await _api.PostImportAsync(CsvOfSize(size), "Client", "Add");

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        var problem = await ApiClient.ProblemAsync(response);
        problem.GetProperty("detail").GetString().Should().Be("The file is larger than the 4 KiB limit. Split it into smaller files and import each one.");
        (Directory.Exists(UploadsFolder) ? Directory.GetFiles(UploadsFolder) : []).Should().BeEmpty("nothing may be left of a refused upload");
        await using var db = _app.CreateDbContext();
        (await db.Imports.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_file_exactly_at_the_limit_is_accepted()
    {
        var response = await _api.PostImportAsync(CsvOfSize(Limit), "Client", "Add");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("../../x.csv", "x.csv")]
    [InlineData("..\\..\\windows\\x.csv", "x.csv")]
    [InlineData("/etc/passwd", "passwd")]
    [InlineData("clients.csv.exe", "clients.csv.exe")]
    [InlineData("a%00b.csv", "a%00b.csv")]
    [InlineData("a\0b.csv", "ab.csv")]
    [InlineData("report\u202Evsc.exe", "reportvsc.exe")]
    [InlineData("survey (2) 100% final.csv", "survey (2) 100% final.csv")]
    [InlineData("<img src=x onerror=alert(1)>.csv", "<img src=x onerror=alert(1)>.csv")]
    public async Task A_hostile_file_name_is_only_shown_sanitised_and_the_file_is_stored_under_a_generated_name(string clientName, string shown)
    {
        var response = await PostWithFileNameAsync(clientName);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await response.Content.ReadFromJsonAsync<BulkImport.App.Api.ImportSummary>(ApiClient.Json);
        created!.FileName.Should().Be(shown);
        await AssertStoredUnderGeneratedNamesOnlyAsync(created.Id);
    }

    [Fact]
    public async Task A_very_long_file_name_is_shortened_keeping_its_extension()
    {
        var response = await PostWithFileNameAsync(new string('a', 1000) + ".csv");

        var created = await response.Content.ReadFromJsonAsync<BulkImport.App.Api.ImportSummary>(ApiClient.Json);
        created!.FileName.Length.Should().BeLessThanOrEqualTo(SafeFileName.MaxLength);
        created.FileName.Should().StartWith("aaaa").And.EndWith("….csv");
        await AssertStoredUnderGeneratedNamesOnlyAsync(created.Id);
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00 }, "This is a ZIP file but not an Excel workbook")]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, "This is an old-style Office file")]
    [InlineData(new byte[] { 0x46, 0x69, 0x72, 0x73, 0x74, 0x00, 0x4E, 0x61, 0x6D, 0x65, 0x0A }, "it contains binary data (NUL bytes)")]
    public async Task A_file_that_is_not_text_is_refused_with_a_message_to_save_it_as_csv(byte[] head, string message)
    {
        var bytes = head.Concat(Encoding.ASCII.GetBytes("First Name,Last Name\nAnn,Smith\n")).ToArray();

        var import = await _api.ImportAsync(bytes, operation: "Add");

        import.Status.Should().Be(ImportStatus.ValidationFailed);
        import.FileErrors.Should().ContainSingle().Which.Should().Contain(message).And.Contain("CSV");
    }

    [Fact]
    public async Task An_xlsx_renamed_to_csv_and_sent_as_text_csv_is_still_refused()
    {
        var zip = new byte[] { 0x50, 0x4B, 0x03, 0x04 }.Concat(new byte[200]).ToArray();

        var import = await _api.ImportAsync(zip, operation: "Add");

        // SPEC 17: content decides; a ZIP is opened as a workbook, and this one is none.
        import.FileErrors.Should().ContainSingle().Which.Should().StartWith("This is a ZIP file but not an Excel workbook");
    }

    private async Task AssertStoredUnderGeneratedNamesOnlyAsync(int id)
    {
        await using var db = _app.CreateDbContext();
        var stored = (await db.Imports.SingleAsync(i => i.Id == id)).StoredFileName;
        stored.Should().MatchRegex("^[0-9a-f]{32}\\.csv$");
        // Issue 15: an upload is deleted once read, so the folder may already be empty; whatever is still there has a generated name.
        Directory.GetFiles(UploadsFolder).Select(Path.GetFileName).Where(n => !GeneratedName().IsMatch(n!)).Should().BeEmpty();
        Directory.GetFiles(_app.DataFolder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetFileName(f)!)
            .Should().NotContain(n => n.Contains("x.csv") || n.Contains("passwd") || n.Contains(".exe") || n.StartsWith("aaaa", StringComparison.Ordinal));
    }

    private async Task<HttpResponseMessage> PostWithFileNameAsync(string fileName)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("First Name,Last Name\nAnn,Smith\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        // Both forms of the name, as browsers send them: plain (quoted) and RFC 5987 (filename*), which can carry any character.
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = fileName };
        content.Add(file);
        content.Add(new StringContent("Client"), "domain");
        content.Add(new StringContent("Add"), "operation");
        return await _api.Http.PostAsync("/api/imports", content);
    }

    private static byte[] CsvOfSize(int size)
    {
        var csv = new StringBuilder("First Name,Last Name\n");
        while (csv.Length < size)
        {
            csv.Append("Ann,Smith\n");
        }

        return Encoding.ASCII.GetBytes(csv.ToString()[..size]);
    }

    [GeneratedRegex("^[0-9a-f]{32}\\.csv$")]
    private static partial Regex GeneratedName();
}
