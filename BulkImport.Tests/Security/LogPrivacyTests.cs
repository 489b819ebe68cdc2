using System.Net;
using System.Net.Http.Json;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BulkImport.Tests.Security;

/// <summary>
/// Logs never carry row content: an import full of good and bad SSNs and other personal data goes through upload,
/// validation, a row fix, a failing commit, replays, results and a reveal, with every log category at Debug, and no
/// SSN (in any spelling), name or birth date from the file appears in any captured log entry.
/// </summary>
public sealed class LogPrivacyTests : IAsyncLifetime
{
    private static readonly string[] Ssns =
        ["123-45-6789", "234 56 7890", "345678901", "000-12-3456", "666-12-3456", "901-23-4567", "123-00-4567", "123-45-0000", "12-345-6789", "1234567890", "456-78-9012"];

    private readonly CapturingLoggerProvider _logs = new();
    private readonly TestApp _app;

    public LogPrivacyTests()
    {
        _app = new TestApp(
            new()
            {
                ["Logging:LogLevel:Default"] = "Debug",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Debug",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Debug",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
                ["Logging:Console:LogLevel:Default"] = "Warning",
                ["Import:CommitBatchSize"] = "1",
                ["Commit:FailAfterRows"] = "1",
            },
            services => services.AddSingleton<ILoggerProvider>(_logs));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task No_ssn_name_or_birth_date_from_a_file_reaches_the_logs()
    {
        var importer = await _app.ApiAsync(Roles.Importer);
        var csv = "First Name,Last Name,SSN,Date of Birth\n" + string.Join("\n", Ssns[..10].Select((ssn, i) => $"Zebulon{i},Quackenbush{i},{ssn},02/29/1996"));
        var import = await importer.ImportAsync(csv, operation: "Add");
        import.ValidRows.Should().Be(3);
        import.ErrorRows.Should().Be(7);

        await importer.EditRowAsync(import.Id, 5, new() { ["SSN"] = "456-78-9012" });
        var badEdit = await importer.Http.PutAsJsonAsync($"/api/imports/{import.Id}/rows/6", new { values = new Dictionary<string, string> { ["SSN"] = "000-00-0000" } });
        badEdit.StatusCode.Should().Be(HttpStatusCode.OK);

        var commit = await importer.Http.PostAsync($"/api/imports/{import.Id}/commit", null);
        commit.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var summary = await importer.WaitForAsync(import.Id, s => s.Status.IsFinal());
        var support = await _app.ApiAsync(Roles.Support);
        for (var replays = 0; summary.Status == ImportStatus.CommitFailed && replays < 10; replays++)
        {
            (await support.Http.PostAsync($"/api/imports/{import.Id}/replay", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
            summary = await importer.WaitForAsync(import.Id, s => s.Status.IsFinal());
        }

        summary.Status.Should().Be(ImportStatus.Committed);
        summary.Inserted.Should().Be(4);
        await importer.ResultsAsync(import.Id);
        (await support.Http.GetAsync($"/api/imports/{import.Id}/rows/2?reveal=true")).StatusCode.Should().Be(HttpStatusCode.OK);

        var entries = _logs.Entries.ToList();
        entries.Any(e => e.Contains("Commit of import") && e.Contains("failed")).Should().BeTrue("the failing commit was logged, so its logging was exercised");
        entries.Any(e => e.Contains("Microsoft.EntityFrameworkCore.Database.Command")).Should().BeTrue("SQL commands were logged at Debug");
        string[] secrets = [.. Ssns.Append("000-00-0000").SelectMany(s => new[] { s, new string(s.Where(char.IsAsciiDigit).ToArray()) }), "Zebulon", "Quackenbush", "02/29/1996"];
        entries.Where(e => secrets.Any(e.Contains)).Should().BeEmpty("no SSN, name or birth date from the file may be logged");
    }
}
