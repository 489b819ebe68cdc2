using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BulkImport.App.Api;
using BulkImport.Core.Imports;

namespace BulkImport.Tests.Support;

/// <summary>Drives the HTTP API the way an automation client would.</summary>
public sealed class ApiClient(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public HttpClient Http { get; } = http;

    /// <summary>Signs in through POST /api/auth/login and sends the bearer token from then on.</summary>
    public async Task<ApiClient> SignInAsync(string email, string password)
    {
        var response = await Http.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return this;
    }

    public async Task<HttpResponseMessage> PostImportAsync(byte[] file, string domain, string operation, string fileName = "clients.csv", bool? autoCreateInvoices = null,
        bool? checkDuplicates = null)
    {
        using var content = new MultipartFormDataContent();
        var filePart = new ByteArrayContent(file);
        filePart.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(filePart, "file", fileName);
        content.Add(new StringContent(domain), "domain");
        content.Add(new StringContent(operation), "operation");
        if (autoCreateInvoices is { } invoices)
        {
            content.Add(new StringContent(invoices ? "true" : "false"), "autoCreateInvoices");
        }

        if (checkDuplicates is { } check)
        {
            content.Add(new StringContent(check ? "true" : "false"), "checkDuplicates");
        }

        return await Http.PostAsync("/api/imports", content);
    }

    /// <summary>Uploads and waits until reading and validation are over.</summary>
    /// <remarks><paramref name="checkDuplicates"/>: the upload field of SPEC 14 (on when not sent); off for tests about something else that upload the same people again.</remarks>
    public async Task<ImportSummary> ImportAsync(string csv, string domain = "Client", string operation = "AddUpdate", bool? autoCreateInvoices = null, bool? checkDuplicates = null) =>
        await ImportAsync(Encoding.UTF8.GetBytes(csv), domain, operation, autoCreateInvoices, checkDuplicates);

    public async Task<ImportSummary> ImportAsync(byte[] file, string domain = "Client", string operation = "AddUpdate", bool? autoCreateInvoices = null, bool? checkDuplicates = null)
    {
        var response = await PostImportAsync(file, domain, operation, autoCreateInvoices: autoCreateInvoices, checkDuplicates: checkDuplicates);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<ImportSummary>(Json))!;
        return await WaitForAsync(created.Id, s => s.Status != ImportStatus.Validating);
    }

    public async Task<ImportSummary> GetAsync(int id) =>
        (await Http.GetFromJsonAsync<ImportSummary>($"/api/imports/{id}", Json))!;

    /// <summary>Polls the summary until the condition holds (the import works in the background).</summary>
    public async Task<ImportSummary> WaitForAsync(int id, Func<ImportSummary, bool> condition, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var summary = await GetAsync(id);
            if (condition(summary))
            {
                return summary;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Import {id} did not reach the expected state; it is {summary.Status}.");
            }

            await Task.Delay(20);
        }
    }

    public async Task<ImportSummary> CommitAndWaitAsync(int id, int timeoutSeconds = 60)
    {
        var response = await Http.PostAsync($"/api/imports/{id}/commit", null);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return await WaitForAsync(id, s => s.Status.IsFinal(), timeoutSeconds);
    }

    public async Task<PageDto<ImportRowDto>> RowsAsync(int id, string? status = null, int page = 1, int pageSize = 100) =>
        (await Http.GetFromJsonAsync<PageDto<ImportRowDto>>($"/api/imports/{id}/rows?page={page}&pageSize={pageSize}" + (status is null ? "" : $"&status={status}"), Json))!;

    public async Task<ImportRowDto> RowAsync(int id, int rowNumber)
    {
        var rows = await RowsAsync(id, page: rowNumber - 1, pageSize: 1);
        return rows.Items.Single();
    }

    public async Task<RowChangeResult> EditRowAsync(int id, int rowNumber, Dictionary<string, string?> values)
    {
        var response = await Http.PutAsJsonAsync($"/api/imports/{id}/rows/{rowNumber}", new { values }, Json);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<RowChangeResult>(Json))!;
    }

    public async Task<string> ResultsAsync(int id)
    {
        var response = await Http.GetAsync($"/api/imports/{id}/results.csv");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<JsonElement> ClientAsync(int id) =>
        await Http.GetFromJsonAsync<JsonElement>($"/api/clients/{id}", Json);

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json);
    }
}
