using System.Text;
using System.Text.RegularExpressions;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BulkImport.Tests.Browser;

/// <summary>
/// Issue 21: while a large file goes up, the wizard says how much of it has been sent ("3 MiB of 8.0 MiB sent"), not only
/// a bar. Every text the line shows is recorded in the page as it changes, since the upload ends in a second or two.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class UploadProgressBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string FileName = "large-upload.csv";

    /// <summary>Records each new text of the upload line in sessionStorage (it outlives the move to the import's page).</summary>
    private const string RecordSentTexts = """
        () => {
            sessionStorage.setItem('sent', '[]');
            new MutationObserver(() => {
                const line = document.querySelector('[data-testid=upload-sent]');
                const seen = JSON.parse(sessionStorage.getItem('sent'));
                if (line && seen[seen.length - 1] !== line.textContent.trim()) {
                    seen.push(line.textContent.trim());
                    sessionStorage.setItem('sent', JSON.stringify(seen));
                }
            }).observe(document.body, { childList: true, subtree: true, characterData: true });
        }
        """;

    [GeneratedRegex(@"^Sending large-upload\.csv: (?<sent>[\d.,]+ (bytes|KiB|MiB)) of 8\.0 MiB sent$")]
    private static partial Regex SentLine();

    /// <summary>A CSV of a little over 8 MiB: a few hundred clients, each with a long remark (a column the template does not have).</summary>
    private static byte[] LargeCsv()
    {
        var csv = new StringBuilder("First Name,Last Name,Remarks\r\n");
        var remark = new string('x', 40_000);
        for (var i = 1; csv.Length < 8_400_000; i++)
        {
            csv.Append("First").Append(i).Append(",Last").Append(i).Append(',').Append(remark).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    [Fact]
    public async Task A_large_upload_shows_how_many_of_its_megabytes_are_sent()
    {
        var (page, errors) = await app.PageAsync(Roles.Importer);
        await page.GotoAsync($"{app.BaseUrl}/imports");
        await Support.Browser.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Radio, new() { Name = "Client", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Add", Exact = true }).CheckAsync();
        await page.GetByTestId("next-step").ClickAsync();
        await page.GetByTestId("skip-template").ClickAsync();
        await Support.Browser.ChooseFileAsync(page, new FilePayload { Name = FileName, MimeType = "text/csv", Buffer = LargeCsv() });
        await Expect(page.GetByTestId("chosen-file-name")).ToHaveTextAsync(FileName);

        await page.EvaluateAsync(RecordSentTexts);
        await page.GetByTestId("review-results").ClickAsync();
        await Support.Browser.ExpectAddressAsync(page, @"/imports/\d+$");

        var shown = await page.EvaluateAsync<string[]>("() => JSON.parse(sessionStorage.getItem('sent'))");
        shown.Should().NotBeEmpty("the upload line shows while the file goes up").And.OnlyContain(t => SentLine().IsMatch(t), "each says how much of the file is sent");
        var sent = shown.Select(t => SentLine().Match(t).Groups["sent"].Value).ToList();
        sent.Should().Contain(s => s.EndsWith(" MiB") && s != "8.0 MiB", "a figure between the start and the end shows while the file goes up");
        sent.Distinct().Should().HaveCountGreaterThan(1, "the figure grows as the file goes up");
        errors.Should().BeEmpty();
    }
}
