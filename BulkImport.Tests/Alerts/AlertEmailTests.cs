using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using MimeKit;

namespace BulkImport.Tests.Alerts;

/// <summary>Integration Alerts (SPEC section 18) delivered to a real SMTP server started in the test.</summary>
public sealed class AlertEmailTests
{
    private const string Ops = "ops@example.org";
    private const string AssignmentsOnly = "assignments@example.org";
    private static readonly string Importer = TestApp.DemoUser(Roles.Importer).Email;

    private static string To(MimeMessage m) => m.To.Mailboxes.Single().Address;

    [Fact]
    public async Task Each_ending_mails_each_recipient_of_its_domain_and_the_creator_once_with_the_subject_of_its_outcome()
    {
        await using var smtp = await SmtpTestServer.StartedAsync();
        using var app = AlertApp.Create(smtp);
        await AlertApp.SetRecipientsAsync(app, new { email = Ops, domains = Array.Empty<string>() }, new { email = AssignmentsOnly, domains = new[] { "ClientAssignment" } });
        var api = await app.ApiAsync();

        var full = await AlertApp.UploadAsync(api, "First Name,Last Name\nAna,Full\nBen,Full\n", "full.csv");
        await api.CommitAndWaitAsync(full.Id);
        // Two error rows (an unknown Client ID, a bad e-mail) and a blank row, which is not "skipped".
        var partial = await AlertApp.UploadAsync(api, "Client ID,First Name,Last Name,Email\n,Cara,Part,\n9999,Dan,Part,\n,,,\n,Eve,Part,not-an-address\n,Fay,Part,\n", "partial.csv");
        await api.CommitAndWaitAsync(partial.Id);
        var bad = await AlertApp.UploadAsync(api, "Email\nx@example.org\n", "bad.csv", notifyMe: false);
        bad.Status.Should().Be(ImportStatus.ValidationFailed);
        var cancelled = await AlertApp.UploadAsync(api, "First Name,Last Name\nGil,Gone\n", "cancelled.csv");
        (await api.Http.PostAsync($"/api/imports/{cancelled.Id}/cancel", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var messages = await smtp.WaitForAsync(m => m.Count >= 7);

        messages.Where(m => To(m) == Ops).Select(m => m.Subject).Should().BeEquivalentTo(
            "full.csv: imported successfully",
            "partial.csv: imported successfully, but 2 rows were skipped",
            "bad.csv: import failed",
            "cancelled.csv: import failed");
        messages.Where(m => To(m) == Importer).Select(m => m.Subject).Should().BeEquivalentTo(
            ["full.csv: imported successfully", "partial.csv: imported successfully, but 2 rows were skipped", "cancelled.csv: import failed"],
            "the creator is told unless the upload said notifyMe=false");
        messages.Should().NotContain(m => To(m) == AssignmentsOnly, "that recipient hears only about Client Assignment imports");
        messages.Select(m => m.MessageId).Should().OnlyHaveUniqueItems();

        var partialMail = messages.Single(m => To(m) == Ops && m.Subject!.StartsWith("partial.csv"));
        partialMail.TextBody.Should().Contain("Total rows:   5").And.Contain("Inserted:     2").And.Contain("Skipped:      2").And.Contain("Blank rows:   1")
            .And.Contain("- Row 3: Client ID: Client ID 9999 does not exist").And.Contain("- Row 5: Email:")
            .And.Contain($"View Results: {AlertApp.LinkBase}/imports/{partial.Id}/report")
            .And.Contain($"For assistance with corrections, email {AlertApp.SupportContact}.");
        messages.Single(m => To(m) == Ops && m.Subject!.StartsWith("bad.csv")).TextBody.Should().Contain("The file could not be imported:").And.Contain("First Name");
        messages.Single(m => To(m) == Ops && m.Subject!.StartsWith("cancelled.csv")).TextBody.Should()
            .Contain("Cancelled by importer@bulkimport.local at ").And.Contain("Replay the import to commit the rest.");

        var outbox = await AlertApp.WaitForOutboxAsync(app, items => items.Count == 7 && items.All(i => i.GetProperty("status").GetString() == "Sent"));
        outbox.Should().OnlyContain(i => i.GetProperty("attempts").GetInt32() == 1);
    }

    [Fact]
    public async Task A_commit_failure_and_the_commit_of_its_replay_are_two_endings_each_mailed_with_its_own_message_id()
    {
        await using var smtp = await SmtpTestServer.StartedAsync();
        using var app = AlertApp.Create(smtp, new() { ["Commit:FailAfterRows"] = "2", ["Import:CommitBatchSize"] = "2" });
        await AlertApp.SetRecipientsAsync(app, new { email = Ops, domains = Array.Empty<string>() });
        var api = await app.ApiAsync();
        var import = await AlertApp.UploadAsync(api, "First Name,Last Name\nA,One\nB,Two\nC,Three\n", "replayed.csv", notifyMe: false);

        (await api.CommitAndWaitAsync(import.Id)).Status.Should().Be(ImportStatus.CommitFailed);
        var first = await smtp.WaitForAsync(m => m.Count == 1);
        first[0].Subject.Should().Be("replayed.csv: import failed");
        first[0].TextBody.Should().Contain("Commit:FailAfterRows").And.Contain("- Row 4: The commit stopped before this row. Replay the import to continue.");

        var support = await app.ApiAsync(Roles.Support);
        (await support.Http.PostAsync($"/api/imports/{import.Id}/replay", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await api.WaitForAsync(import.Id, s => s.Status == ImportStatus.Committed);
        var both = await smtp.WaitForAsync(m => m.Count == 2);

        both[1].Subject.Should().Be("replayed.csv: imported successfully");
        both[1].MessageId.Should().NotBe(both[0].MessageId);
        both.Select(m => m.MessageId).Should().OnlyContain(id => id.StartsWith($"bulkimport.{import.Id}.") && id.EndsWith("@bulkimport.test"));
    }

    [Fact]
    public async Task Mail_waits_while_the_server_is_down_and_arrives_once_when_it_comes_back()
    {
        await using var smtp = new SmtpTestServer();
        using var app = AlertApp.Create(smtp);
        await AlertApp.SetRecipientsAsync(app, new { email = Ops, domains = Array.Empty<string>() });
        var api = await app.ApiAsync();
        var import = await AlertApp.UploadAsync(api, "First Name,Last Name\nDown,Time\n", "down.csv", notifyMe: false);
        await api.CommitAndWaitAsync(import.Id);

        var waiting = await AlertApp.WaitForOutboxAsync(app, items => items.Count == 1 && items[0].GetProperty("attempts").GetInt32() >= 2);
        waiting[0].GetProperty("status").GetString().Should().Be("Pending", "a server that is down delays the message, never loses it");
        waiting[0].GetProperty("lastError").GetString().Should().NotBeNullOrEmpty();
        waiting[0].GetProperty("sentAt").ValueKind.Should().Be(JsonValueKind.Null);

        await smtp.StartAsync();
        var arrived = await smtp.WaitForAsync(m => m.Count >= 1);
        arrived[0].Subject.Should().Be("down.csv: imported successfully");
        await AlertApp.WaitForOutboxAsync(app, items => items[0].GetProperty("status").GetString() == "Sent");

        // Another ending after it: by the time its mail arrives the sender has looked at the outbox again, and the first is not resent.
        var next = await AlertApp.UploadAsync(api, "First Name,Last Name\nNext,One\n", "next.csv", notifyMe: false);
        await api.CommitAndWaitAsync(next.Id);
        var all = await smtp.WaitForAsync(m => m.Any(x => x.Subject!.StartsWith("next.csv")));
        all.Count(m => m.MessageId == arrived[0].MessageId).Should().Be(1);
        all.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_is_recorded_as_failed_and_the_others_are_sent()
    {
        await using var smtp = await SmtpTestServer.StartedAsync();
        smtp.Refuse("nobody@example.org");
        using var app = AlertApp.Create(smtp);
        await AlertApp.SetRecipientsAsync(app, new { email = "nobody@example.org", domains = Array.Empty<string>() }, new { email = Ops, domains = Array.Empty<string>() });
        var api = await app.ApiAsync();
        var import = await AlertApp.UploadAsync(api, "First Name,Last Name\nRe,Fused\n", "refused.csv");
        await api.CommitAndWaitAsync(import.Id);

        var outbox = await AlertApp.WaitForOutboxAsync(app, items => items.Count == 3 && items.All(i => i.GetProperty("status").GetString() != "Pending"));
        var refused = outbox.Single(i => i.GetProperty("to").GetString() == "nobody@example.org");
        refused.GetProperty("status").GetString().Should().Be("Failed");
        refused.GetProperty("lastError").GetString().Should().Contain("550");
        refused.GetProperty("attempts").GetInt32().Should().Be(1, "a refusal for good is not tried again");
        outbox.Where(i => i.GetProperty("to").GetString() != "nobody@example.org").Should().OnlyContain(i => i.GetProperty("status").GetString() == "Sent");
        smtp.Messages.Select(To).Should().BeEquivalentTo(Ops, Importer);
        (await AlertApp.OutboxAsync(app, "Failed")).Should().ContainSingle().Which.GetProperty("to").GetString().Should().Be("nobody@example.org");
        (await AlertApp.OutboxAsync(app, "Sent")).Should().HaveCount(2);
    }

    [Fact]
    public async Task Without_an_smtp_host_each_message_is_written_once_as_an_eml_file_to_the_mail_folder()
    {
        using var app = AlertApp.Create(smtp: null);
        await AlertApp.SetRecipientsAsync(app, new { email = Ops, domains = new[] { "Client" } });
        var api = await app.ApiAsync();
        var import = await AlertApp.UploadAsync(api, "First Name,Last Name\nFile,Mail\n", "files.csv", notifyMe: false);
        await api.CommitAndWaitAsync(import.Id);

        await AlertApp.WaitForOutboxAsync(app, items => items.Count == 1 && items[0].GetProperty("status").GetString() == "Sent");
        var files = Directory.GetFiles(Path.Combine(app.DataFolder, "mail"), "*.eml");
        files.Should().ContainSingle();
        var message = await MimeMessage.LoadAsync(files[0]);
        message.Subject.Should().Be("files.csv: imported successfully");
        message.To.Mailboxes.Single().Address.Should().Be(Ops);
        message.From.Mailboxes.Single().Address.Should().Be("alerts@bulkimport.test");
    }

    [Fact]
    public async Task Recipients_are_replaced_and_read_back_and_one_that_is_not_an_address_is_refused_naming_it()
    {
        using var app = AlertApp.Create(smtp: null);
        var admin = await app.ApiAsync(Roles.Admin);
        await AlertApp.SetRecipientsAsync(app, new { email = " Ops@Example.org ", domains = new[] { "client", "Client Assignment" } }, new { email = "all@example.org", domains = Array.Empty<string>() });

        var read = await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/alert-recipients");
        read.GetProperty("recipients").EnumerateArray().Select(r => (r.GetProperty("email").GetString(), string.Join("+", r.GetProperty("domains").EnumerateArray().Select(d => d.GetString()))))
            .Should().Equal(("all@example.org", ""), ("Ops@Example.org", "Client+ClientAssignment"));

        var bad = await admin.Http.PutAsJsonAsync("/api/admin/alert-recipients", new { recipients = new object[] { new { email = "ok@example.org" }, new { email = "not an address" } } });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ApiClient.ProblemAsync(bad)).GetProperty("detail").GetString().Should().Contain("'not an address' (recipient 2) is not an e-mail address");
        var badDomain = await admin.Http.PutAsJsonAsync("/api/admin/alert-recipients", new { recipients = new[] { new { email = "ok@example.org", domains = new[] { "Invoices" } } } });
        badDomain.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ApiClient.ProblemAsync(badDomain)).GetProperty("detail").GetString().Should().Contain("'Invoices'");

        var after = await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/alert-recipients");
        after.GetProperty("recipients").GetArrayLength().Should().Be(2, "a refused change changes nothing");
    }
}
