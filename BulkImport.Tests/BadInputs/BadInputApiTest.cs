using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.BadInputs;

/// <summary>
/// What every bad-input test does (BAD-INPUTS.md): a file made byte for byte by the test goes through the HTTP API
/// (upload, reading and validation in the background), and the client data must be exactly as before, because
/// parsing and validation never write it. Each test gets its own app and database.
/// </summary>
public abstract class BadInputApiTest : IAsyncLifetime
{
    /// <summary>A Client header with the columns most cases need; Add &amp; Update requires First Name and Last Name.</summary>
    protected const string Header = "Client ID,First Name,Last Name,Email,Phone Number,SSN,Date of Birth,City,State,Zip";

    private string _clientsBefore = "";
    private ApiClient? _support;

    protected BadInputApiTest(Dictionary<string, string?>? settings = null, TestEngine engine = TestEngine.Sqlite)
    {
        Engine = engine;
        App = new TestApp(settings, engine: engine);
    }

    /// <summary>The engine the tests run on (a derived class per engine, <c>PostgreSql/PostgreSqlVariants.cs</c>).</summary>
    protected TestEngine Engine { get; }

    protected TestApp App { get; }

    protected ApiClient Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Api = await App.ApiAsync();
        _clientsBefore = await ClientsJsonAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>UTF-8 bytes without a byte order mark.</summary>
    protected static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);

    protected static byte[] Bytes(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>Uploads the exact bytes and waits until reading and validation are over.</summary>
    protected async Task<ImportSummary> UploadAsync(byte[] file, string operation = "AddUpdate", string fileName = "clients.csv")
    {
        var response = await Api.PostImportAsync(file, "Client", operation, fileName);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<ImportSummary>(ApiClient.Json))!;
        return await Api.WaitForAsync(created.Id, s => s.Status != ImportStatus.Validating);
    }

    protected Task<ImportSummary> UploadAsync(string utf8Text, string operation = "AddUpdate") => UploadAsync(Utf8(utf8Text), operation);

    /// <summary>Uploads with a Content-Disposition written by hand, as a hostile client would send it.</summary>
    protected async Task<HttpResponseMessage> PostWithDispositionAsync(byte[] file, string contentDisposition)
    {
        using var content = new MultipartFormDataContent();
        var filePart = new ByteArrayContent(file);
        filePart.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        filePart.Headers.TryAddWithoutValidation("Content-Disposition", contentDisposition).Should().BeTrue();
        content.Add(filePart);
        content.Add(new StringContent("Client"), "domain");
        content.Add(new StringContent("AddUpdate"), "operation");
        return await Api.Http.PostAsync("/api/imports", content);
    }

    protected async Task<ImportRowDto> RowAsync(ImportSummary import, int rowNumber) => await Api.RowAsync(import.Id, rowNumber);

    /// <summary>
    /// The SSN of a row as stored: rows show it masked (***-**-6789) to everyone, so it is revealed by support staff,
    /// which is recorded in the audit log (not client data).
    /// </summary>
    protected async Task<string> StoredSsnAsync(ImportSummary import, int rowNumber)
    {
        _support ??= await App.ApiAsync(BulkImport.Core.Security.Roles.Support);
        var row = await _support.Http.GetFromJsonAsync<ImportRowDto>($"/api/imports/{import.Id}/rows/{rowNumber}?reveal=true", ApiClient.Json);
        return row!.Values["SSN"];
    }

    protected async Task<IReadOnlyList<ImportRowDto>> RowsAsync(ImportSummary import) => (await Api.RowsAsync(import.Id, pageSize: 500)).Items;

    /// <summary>The import failed as a whole with exactly one file-level error, and nothing was staged.</summary>
    protected static string FileError(ImportSummary import)
    {
        import.Status.Should().Be(ImportStatus.ValidationFailed);
        import.TotalRows.Should().Be(0, "a file-level problem stages no rows");
        return import.FileErrors.Should().ContainSingle().Subject;
    }

    /// <summary>The single message of a row about one column (or the whole row when column is null).</summary>
    protected static string MessageOn(ImportRowDto row, string? column) =>
        row.Messages.Should().ContainSingle(m => m.Column == column, $"row {row.RowNumber} has one message on {column ?? "the row"}").Subject.Message;

    /// <summary>Every client exactly as before the test: parsing and validation never write client data.</summary>
    protected async Task ClientDataIsUnchangedAsync()
    {
        var after = await ClientsJsonAsync();
        after.Should().Be(_clientsBefore, "reading and validating a file must not write client data");
    }

    /// <summary>Takes the "before" picture again, after a step of the test that writes on purpose (a commit).</summary>
    protected async Task RememberClientDataAsync() => _clientsBefore = await ClientsJsonAsync();

    private async Task<string> ClientsJsonAsync()
    {
        var json = await Api.Http.GetStringAsync("/api/clients?pageSize=500");
        json.Should().Contain("\"totalCount\":40", "the demo data has 40 clients");
        return json;
    }
}
