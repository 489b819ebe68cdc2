using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Alerts;

/// <summary>The app wired to a test SMTP server (or to none), with short retry delays, and the calls the alert tests make.</summary>
public static class AlertApp
{
    public const string LinkBase = "http://bulkimport.test";
    public const string SupportContact = "help@example.org";

    public static TestApp Create(SmtpTestServer? smtp, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Email:From"] = "alerts@bulkimport.test",
            ["Email:LinkBaseUrl"] = LinkBase,
            ["Email:RetryDelay"] = "00:00:00.200",
            ["Email:MaxRetryDelay"] = "00:00:00.500",
            ["Email:PollInterval"] = "00:00:00.500",
            ["Support:Contact"] = SupportContact,
        };
        if (smtp is not null)
        {
            settings["Email:Smtp:Host"] = "127.0.0.1";
            settings["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return new TestApp(settings);
    }

    public static async Task SetRecipientsAsync(TestApp app, params object[] recipients)
    {
        var admin = await app.ApiAsync(Roles.Admin);
        var response = await admin.Http.PutAsJsonAsync("/api/admin/alert-recipients", new { recipients });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Uploads a file under <paramref name="fileName"/> and waits until reading and validation are over.</summary>
    public static async Task<ImportSummary> UploadAsync(ApiClient api, string csv, string fileName, bool? notifyMe = null, string domain = "Client", string operation = "AddUpdate")
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", fileName);
        content.Add(new StringContent(domain), "domain");
        content.Add(new StringContent(operation), "operation");
        if (notifyMe is { } notify)
        {
            content.Add(new StringContent(notify ? "true" : "false"), "notifyMe");
        }

        var response = await api.Http.PostAsync("/api/imports", content);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<ImportSummary>(ApiClient.Json))!;
        return await api.WaitForAsync(created.Id, s => s.Status != ImportStatus.Validating);
    }

    public static async Task<List<JsonElement>> OutboxAsync(TestApp app, string? status = null)
    {
        var admin = await app.ApiAsync(Roles.Admin);
        var page = await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/outbox?pageSize=500" + (status is null ? "" : "&status=" + status));
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    /// <summary>Waits until the outbox satisfies <paramref name="condition"/>.</summary>
    public static async Task<List<JsonElement>> WaitForOutboxAsync(TestApp app, Func<List<JsonElement>, bool> condition, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var items = await OutboxAsync(app);
            if (condition(items))
            {
                return items;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The outbox did not reach the expected state: " + string.Join(" | ", items.Select(i => i.ToString())));
            }

            await Task.Delay(50);
        }
    }
}
