using System.Text;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BulkImport.Tests.Browser;

/// <summary>
/// The operator's whole path in headless Chromium against the running app, as a newcomer would walk it: sign in,
/// New Import, template, upload through the drop zone, Review Results, fix and skip rows, Confirm Import, progress,
/// Download Results, history. A screenshot of each step goes to the test output folder (screenshots/).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OperatorPathBrowserTests : IAsyncLifetime
{
    private const string ClientHeader = "Client ID,First Name,Last Name,Email,Phone Number,SSN,Date of Birth,Address,City,State,Zip,Sponsor Name,Ethnicity,Language,Funding Source,Staff Name,Diploma Status,Job Status,Adult Client,Client Type";
    private const string AssignmentHeader = "Client ID,CourseID,SectionID,Enrollment Status,Enrollment Date,Registered By,Transcript Status,Sponsor (Company),Marketing Source";
    private const int FillerRows = 400; // enough batches (of 20) for the progress to be seen moving

    // Small commit batches so the progress panel is on screen for a while.
    private readonly TestApp _app = new(new Dictionary<string, string?> { ["Import:CommitBatchSize"] = "20" });
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowserContext? _context;
    private string _baseUrl = "";
    private readonly List<string> _consoleErrors = [];

    public async Task InitializeAsync()
    {
        _baseUrl = _app.StartOnLoopback();
        (_playwright, _browser) = await Support.Browser.LaunchAsync();
        _context = await _browser.NewContextAsync(new() { AcceptDownloads = true, ViewportSize = new() { Width = 1366, Height = 900 } });
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<IPage> SignedInPageAsync()
    {
        var page = await _context!.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add(message.Text);
            }
        };
        await Support.Browser.SignInAsync(page, _baseUrl, Roles.Importer);
        await page.GotoAsync(_baseUrl + "/imports");
        await Support.Browser.WaitForInteractiveAsync(page);
        return page;
    }

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Support.Browser.ScreenshotPath(name), FullPage = true });

    private static async Task<byte[]> DownloadAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static string[] Lines(byte[] csv) =>
        Encoding.UTF8.GetString(csv).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    private static ILocator Count(IPage page, string which) => page.GetByTestId($"count-{which}");

    [Fact]
    public async Task An_operator_imports_clients_fixing_and_skipping_rows_in_the_grid()
    {
        var page = await SignedInPageAsync();

        // New Import opens first, on Select Domain.
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "New Import" })).ToHaveAttributeAsync("aria-selected", "true");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Client", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Add & Update" }).CheckAsync();
        await Expect(page.GetByText("Blank Client ID creates a new client")).ToBeVisibleAsync();
        await ShotAsync(page, "client-01-select-domain");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        // Download Template: the blank template is the header row only, UTF-8 with BOM.
        var blank = page.GetByRole(AriaRole.Link, new() { Name = "Blank Template" });
        await Expect(blank).ToBeVisibleAsync();
        await ShotAsync(page, "client-02-download-template");
        var template = await DownloadAsync(page, blank);
        template.Take(3).Should().Equal(new byte[] { 0xEF, 0xBB, 0xBF });
        Lines(template).Should().Equal(ClientHeader);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        // Upload File: the file goes in through the drop zone's input; its name shows below the zone.
        var csv = new StringBuilder(ClientHeader.Split(',').Take(5).Aggregate((a, b) => a + "," + b) + "\r\n")
            .Append(",Ann,Smith,ann@example.org,(727) 555-0101\r\n")      // row 2: insert
            .Append("1,Marco,Lee,marco.new@example.org,\r\n")              // row 3: update of client 1
            .Append(",Bob,Jones,bob(at)example.org,\r\n")                  // row 4: e-mail error, fixed in the grid
            .Append(",Cat,,cat@example.org,\r\n")                          // row 5: no last name, skipped in the grid
            .Append(",Dan,Brown,,727.555.0199\r\n");                       // row 6: insert, phone made canonical
        for (var i = 1; i <= FillerRows; i++)
        {
            csv.Append($",First{i},Last{i},,\r\n");
        }

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Browse Files" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("upload-limits")).ToContainTextAsync("256 MiB");
        var input = page.Locator("input[type=file][data-testid=upload-input]");
        await Expect(input).ToHaveCountAsync(1);
        await Support.Browser.ChooseFileAsync(page, new FilePayload { Name = "spring-clients.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.ToString()) });
        await Expect(page.GetByTestId("chosen-file-name")).ToHaveTextAsync("spring-clients.csv");
        var review = page.GetByRole(AriaRole.Button, new() { Name = "Review Results" });
        await Expect(review).ToBeEnabledAsync();
        await ShotAsync(page, "client-03-upload-file");
        await review.ClickAsync();

        // Review Results: the counts, the action of valid rows, the message beside the bad cell.
        await Support.Browser.ExpectAddressAsync(page, @"/imports/\d+$");
        var importId = int.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..]);
        await Expect(Count(page, "total")).ToHaveTextAsync($"{FillerRows + 5}");
        await Expect(Count(page, "valid")).ToHaveTextAsync($"{FillerRows + 3}");
        await Expect(Count(page, "error")).ToHaveTextAsync("2");
        await Expect(Count(page, "skipped")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("row-action-2")).ToHaveTextAsync("Insert");
        await Expect(page.GetByTestId("row-action-3")).ToHaveTextAsync("Update");
        var row4 = page.Locator("tr").Filter(new() { Has = page.GetByTestId("row-status-4") });
        await Expect(row4.GetByTestId("cell-message")).ToContainTextAsync("Email");
        await ShotAsync(page, "client-04-review-results");

        // Errors only, then fix row 4 with the pencil: it becomes valid and the counts change at once.
        await Count(page, "error").ClickAsync();
        await Expect(page.Locator("[data-testid^=row-status-]")).ToHaveCountAsync(2);
        await page.GetByTestId("edit-row-4").ClickAsync();
        var email = page.Locator("input[data-testid='edit-Email']");
        await Expect(email).ToHaveValueAsync("bob(at)example.org");
        await ShotAsync(page, "client-05-pencil-edit");
        await email.FillAsync("bob@example.org");
        await page.GetByTestId("save-row-4").ClickAsync();
        await Expect(Count(page, "valid")).ToHaveTextAsync($"{FillerRows + 4}");
        await Expect(Count(page, "error")).ToHaveTextAsync("1");
        await Count(page, "total").ClickAsync();
        await Expect(page.GetByTestId("row-status-4")).ToHaveTextAsync("Valid");
        await Expect(page.GetByTestId("row-action-4")).ToHaveTextAsync("Insert");
        await ShotAsync(page, "client-06-row-fixed");

        // Skip row 5.
        await page.GetByTestId("skip-row-5").ClickAsync();
        await Expect(Count(page, "skipped")).ToHaveTextAsync("1");
        await Expect(Count(page, "error")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("row-status-5")).ToHaveTextAsync("Skipped");
        await ShotAsync(page, "client-07-row-skipped");

        // Confirm Import → Confirm & Import.
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("confirm-file-name")).ToHaveTextAsync("spring-clients.csv");
        await Expect(page.GetByTestId("confirm-rows")).ToHaveTextAsync($"{FillerRows + 4}");
        await Expect(page.GetByTestId("confirm-total")).ToHaveTextAsync($"{FillerRows + 5}");
        await Expect(page.GetByTestId("confirm-errors")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("usage-table")).ToContainTextAsync("This Month");
        await ShotAsync(page, "client-08-confirm-import");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm & Import" }).ClickAsync();

        // Progress, then the completion summary.
        await Expect(page.GetByTestId("progress-panel").Or(page.GetByTestId("completion-summary"))).ToBeVisibleAsync();
        await ShotAsync(page, "client-09-progress");
        var summary = page.GetByTestId("completion-summary");
        await Expect(summary).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("done-inserted")).ToHaveTextAsync($"{FillerRows + 3}");
        await Expect(page.GetByTestId("done-updated")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("done-failed")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("done-progress")).ToContainTextAsync("(100%)");
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = "New Import" })).ToBeVisibleAsync();
        await ShotAsync(page, "client-10-complete");

        // Download Results: one line per data row, in row order.
        var results = Lines(await DownloadAsync(page, summary.GetByRole(AriaRole.Link, new() { Name = "Download Results" })));
        results[0].Should().Be("Row Number,Status,Action,Created/Updated ID,Error Messages");
        results.Should().HaveCount(FillerRows + 6);
        results[1].Should().MatchRegex(@"^2,Success,Insert,\d+,$");
        results[2].Should().Be("3,Success,Update,1,");
        results[3].Should().MatchRegex(@"^4,Success,Insert,\d+,$");
        results[4].Should().StartWith("5,Skipped,");
        results[5].Should().MatchRegex(@"^6,Success,Insert,\d+,$");

        // Return to History: the import is there, Committed.
        await summary.GetByRole(AriaRole.Link, new() { Name = "Return to History" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Import History" })).ToHaveAttributeAsync("aria-selected", "true");
        var history = page.GetByTestId("history-table");
        var row = history.Locator("tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = importId.ToString(), Exact = true }) });
        await Expect(row).ToContainTextAsync("spring-clients.csv");
        await Expect(row.GetByTestId("status-chip")).ToHaveTextAsync("Committed");
        await Expect(row).ToContainTextAsync("Add & Update");
        await ShotAsync(page, "client-11-history");

        // Clients: the fixed row is now a client that can be found and opened.
        await Support.Browser.FollowMenuLinkAsync(page, "Clients");
        await page.GetByTestId("client-search").FillAsync("bob@example.org");
        var found = page.GetByTestId("clients-table").Locator("tbody tr").Filter(new() { HasText = "bob@example.org" });
        await Expect(found).ToContainTextAsync("Jones");
        await Expect(page.GetByTestId("clients-table").Locator("tbody tr")).ToHaveCountAsync(1);
        await found.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("client-name")).ToHaveTextAsync("Bob Jones");
        await ShotAsync(page, "client-12-client");

        _consoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task An_operator_updates_assignments_from_a_pre_filled_template()
    {
        var page = await SignedInPageAsync();

        await page.GetByRole(AriaRole.Radio, new() { Name = "Client Assignment" }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Update", Exact = true }).CheckAsync();
        await ShotAsync(page, "assignment-01-select-domain");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        // The course search answers from 2 characters of the Course Code.
        var search = page.GetByLabel("Course Code");
        await search.FillAsync("C");
        await Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
        await search.FillAsync("cn");
        var option = page.GetByRole(AriaRole.Option).Filter(new() { HasText = "CNA-101" });
        await Expect(option).ToBeVisibleAsync();
        await ShotAsync(page, "assignment-02-course-search");
        await option.ClickAsync();
        var prefilled = page.GetByRole(AriaRole.Link, new() { Name = "Pre-filled Template" });
        await Expect(prefilled).ToBeEnabledAsync();
        var template = Lines(await DownloadAsync(page, prefilled));
        template[0].Should().Be(AssignmentHeader);
        template.Skip(1).Should().NotBeEmpty().And.OnlyContain(line => line.Split(',')[1] == "101", "only the course chosen");
        await ShotAsync(page, "assignment-03-template");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        // Change the Transcript Status of every row and upload the file back.
        var rows = template.Skip(1).Select(line => line.Split(',')).ToList();
        foreach (var cells in rows)
        {
            cells[6] = "Sent";
        }

        var edited = AssignmentHeader + "\r\n" + string.Join("\r\n", rows.Select(cells => string.Join(',', cells))) + "\r\n";
        await Support.Browser.ChooseFileAsync(page, new FilePayload { Name = "cna-101.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(edited) });
        await Expect(page.GetByTestId("chosen-file-name")).ToHaveTextAsync("cna-101.csv");
        await page.GetByRole(AriaRole.Button, new() { Name = "Review Results" }).ClickAsync();

        await Expect(Count(page, "total")).ToHaveTextAsync($"{rows.Count}");
        await Expect(Count(page, "valid")).ToHaveTextAsync($"{rows.Count}");
        await Expect(page.GetByTestId("row-action-2")).ToHaveTextAsync("Update");
        await ShotAsync(page, "assignment-04-review-results");

        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await ShotAsync(page, "assignment-05-confirm-import");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm & Import" }).ClickAsync();
        await Expect(page.GetByTestId("completion-summary")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("done-updated")).ToHaveTextAsync($"{rows.Count}");
        await Expect(page.GetByTestId("done-inserted")).ToHaveTextAsync("0");
        await ShotAsync(page, "assignment-06-complete");

        _consoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_file_that_cannot_be_imported_says_why_and_leads_back_to_New_Import()
    {
        var page = await SignedInPageAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Add", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Skip this step" }).ClickAsync();

        await Support.Browser.ChooseFileAsync(page, new FilePayload
        {
            Name = "emails.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("Email\r\nann@example.org\r\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Review Results" }).ClickAsync();

        var errors = page.GetByTestId("file-errors");
        await Expect(errors).ToContainTextAsync("First Name");
        await Expect(page.GetByTestId("status-chip").First).ToHaveTextAsync("Validation Failed");

        // The same page in the dark theme, which the browser remembers.
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-label", "Switch between light and dark theme");
        await ShotAsync(page, "failed-01-cannot-import-dark");
        (await page.EvaluateAsync<string?>("() => localStorage.getItem('bulkimport-theme')")).Should().Be("dark");

        await page.GetByRole(AriaRole.Link, new() { Name = "New Import" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "New Import" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.GetByText("Choose the type of data you want to import")).ToBeVisibleAsync();

        _consoleErrors.Should().BeEmpty();
    }
}
