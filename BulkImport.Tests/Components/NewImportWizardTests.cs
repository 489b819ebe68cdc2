using BulkImport.Core.Domains.Clients;
using Bunit;
using BulkImport.App.Components.Pages.Imports;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Components;

public sealed class NewImportWizardTests(AppFixture fixture) : AppComponentTest(fixture)
{
    private readonly string _user = $"op-{Guid.NewGuid():N}@bulkimport.local";

    private IRenderedComponent<MudBlazor.MudPopoverProvider>? _popovers;

    private IRenderedComponent<NewImportWizard> RenderWizard()
    {
        SignIn(_user, Roles.Importer);
        _popovers = RenderPopovers();
        return Render<NewImportWizard>(p => p.Add(x => x.UserName, _user));
    }

    private static void Choose(IRenderedComponent<NewImportWizard> cut, string label) =>
        cut.FindAll(".mud-radio").Single(r => r.TextContent.Trim() == label).QuerySelector("input")!.Click();

    [Fact]
    public void Starts_on_Select_Domain_with_Client_and_Add_and_Update()
    {
        var cut = RenderWizard();

        cut.FindAll(".mud-step-label-content, .mud-step .mud-typography").Select(e => e.TextContent).Should().Contain(["Select Domain", "Download Template", "Upload File"]);
        cut.FindAll(".mud-radio").Select(r => r.TextContent.Trim()).Should().ContainInOrder("Client", "Client Assignment", "Add", "Update", "Add & Update");
        cut.Find("[data-testid=domain-help]").TextContent.Should().Contain("client demographic and contact information");
        cut.Markup.Should().Contain("Existing Client IDs update existing clients. Blank Client ID creates a new client.");
        cut.FindAll("[data-testid=auto-create-invoices]").Should().BeEmpty();
    }

    [Fact]
    public async Task Starts_on_the_domain_the_person_imports_most_and_on_Add_and_Update()
    {
        await StagedImports.CreateAsync(AppServices, ["Client ID", "CourseID", "SectionID"], [["1", "101", "1001"]], BulkImport.Core.Domains.ClientAssignments.ClientAssignmentDomain.Key, Operation.Update, createdBy: _user);
        await StagedImports.CreateAsync(AppServices, ["Client ID", "CourseID", "SectionID"], [["2", "101", "1001"]], BulkImport.Core.Domains.ClientAssignments.ClientAssignmentDomain.Key, Operation.Add, createdBy: _user);
        await StagedImports.CreateAsync(AppServices, ["First Name", "Last Name"], [["Ann", "Lee"]], createdBy: _user);

        var cut = RenderWizard();

        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=domain-help]").TextContent.Should().Contain("client enrollments"));
        Checked(cut).Should().Equal("Client Assignment", "Add & Update");
    }

    private static List<string> Checked(IRenderedComponent<NewImportWizard> cut) =>
        [.. cut.FindAll(".mud-radio").Where(r => r.QuerySelector("input")!.HasAttribute("checked")).Select(r => r.TextContent.Trim())];

    [Fact]
    public void Auto_Create_Invoices_is_offered_for_assignments_with_Add_or_Add_and_Update_only()
    {
        var cut = RenderWizard();

        Choose(cut, "Client Assignment");
        cut.FindAll("[data-testid=auto-create-invoices]").Should().NotBeEmpty();
        cut.Find("[data-testid=domain-help]").TextContent.Should().Contain("enrollments");

        Choose(cut, "Update");
        cut.FindAll("[data-testid=auto-create-invoices]").Should().BeEmpty();
        cut.Markup.Should().Contain("Changing the SectionID does not transfer a student");

        Choose(cut, "Add");
        cut.FindAll("[data-testid=auto-create-invoices]").Should().NotBeEmpty();
    }

    [Fact]
    public void Payment_offers_only_Add_and_says_what_its_rows_do()
    {
        var cut = RenderWizard();
        Choose(cut, "Update");

        Choose(cut, "Payment");

        cut.FindAll(".mud-radio").Select(r => r.TextContent.Trim()).Should().Equal("Client", "Client Assignment", "Payment", "Add");
        cut.Find("[data-testid=domain-help]").TextContent.Should().Contain("payments of open invoices");
        cut.Markup.Should().Contain("Check and ACH payments need a Reference Number");
        cut.Find("[data-testid=next-step]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=blank-template]").GetAttribute("href").Should().Be("/api/templates/Payment.csv"));
        cut.Find("[data-testid=prefilled-template-card]").TextContent.Should().Contain("open invoices of a course");
    }

    [Fact]
    public void The_templates_follow_the_chosen_domain()
    {
        var cut = RenderWizard();
        cut.Find("[data-testid=next-step]").Click();

        cut.Find("[data-testid=blank-template]").GetAttribute("href").Should().Be("/api/templates/Client.csv");
        cut.Find("[data-testid=blank-template-xlsx]").GetAttribute("href").Should().Be("/api/templates/Client.xlsx", "the template is also offered as a workbook (SPEC 17)");
        cut.Find("[data-testid=prefilled-template]").HasAttribute("disabled").Should().BeTrue("no course is chosen yet");
        cut.Find("[data-testid=skip-template]").TextContent.Trim().Should().Be("Skip this step");

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Back").Click();
        Choose(cut, "Client Assignment");
        cut.Find("[data-testid=next-step]").Click();

        // The stepper may move to the next step after the click returns: wait for it, as a person would.
        cut.WaitForAssertion(() => cut.Find("[data-testid=blank-template]").GetAttribute("href").Should().Be("/api/templates/ClientAssignment.csv"));
    }

    /// <summary>The Pre-filled Template's course search says when no course code starts with the text; the list just did not open.</summary>
    [Fact]
    public void The_course_search_says_when_no_course_matches()
    {
        var cut = RenderWizard();
        Choose(cut, "Client Assignment");
        cut.Find("[data-testid=next-step]").Click();
        cut.WaitForAssertion(() => cut.Find("input[data-testid=course-search]"));

        cut.Find("input[data-testid=course-search]").Input("zz9");
        _popovers!.WaitForAssertion(() => _popovers!.Find("[data-testid=no-course]").TextContent.Should().Be("No course code starts with 'zz9'."));

        cut.Find("input[data-testid=course-search]").Input("CN");
        _popovers!.WaitForAssertion(() => _popovers!.FindAll(".mud-list-item").Should().NotBeEmpty("CN is the start of the seeded course codes"));
        _popovers!.FindAll("[data-testid=no-course]").Should().BeEmpty();
    }

    [Fact]
    public async Task Review_Results_sends_the_file_and_opens_the_import()
    {
        var cut = RenderWizard();
        Choose(cut, "Add");
        cut.Find("[data-testid=next-step]").Click();
        cut.Find("[data-testid=skip-template]").Click();
        cut.Find("[data-testid=review-results]").HasAttribute("disabled").Should().BeTrue("no file is chosen yet");

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("First Name,Last Name\r\nAnn,Smith\r\n", "ann.csv", contentType: "text/csv"));
        cut.Find("[data-testid=chosen-file-name]").TextContent.Should().Be("ann.csv");
        cut.Find("[data-testid=review-results]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        await cut.WaitForAssertionAsync(() => navigation.Uri.Should().MatchRegex(@"/imports/\d+$"));
        var id = int.Parse(navigation.Uri[(navigation.Uri.LastIndexOf('/') + 1)..]);
        var import = await AppServices.GetRequiredService<ImportHistory>().GetAsync(id, CancellationToken.None);
        (import.Domain, import.Operation, import.FileName, import.CreatedBy).Should().Be((ClientDomain.Key, Operation.Add, "ann.csv", _user));
    }

    /// <summary>SPEC 18: the upload field notifyMe (default true) is on screen; unticked, the import does not e-mail its creator.</summary>
    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task E_mail_me_when_this_import_ends_is_ticked_by_default_and_goes_with_the_upload(bool untick, bool notified)
    {
        var cut = RenderWizard();
        GoToUpload(cut);
        var box = cut.Find("[data-testid=notify-me] input[type=checkbox], input[type=checkbox][data-testid=notify-me]");
        cut.Find("[data-testid=batch-details]").TextContent.Should().Contain("E-mail me when this import ends");
        box.HasAttribute("checked").Should().BeTrue("the upload field's default is true");

        if (untick)
        {
            box.Change(false);
        }

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("First Name,Last Name\r\nAnn,Smith\r\n", "ann.csv", contentType: "text/csv"));
        cut.Find("[data-testid=review-results]").Click();

        (await OpenedImportAsync(cut)).NotifyMe.Should().Be(notified);
    }

    /// <summary>The wizard at Upload File for an Add of clients.</summary>
    private static void GoToUpload(IRenderedComponent<NewImportWizard> cut)
    {
        Choose(cut, "Add");
        cut.Find("[data-testid=next-step]").Click();
        cut.Find("[data-testid=skip-template]").Click();
    }

    private async Task<Import> OpenedImportAsync(IRenderedComponent<NewImportWizard> cut)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        await cut.WaitForAssertionAsync(() => navigation.Uri.Should().MatchRegex(@"/imports/\d+$"));
        var id = int.Parse(navigation.Uri[(navigation.Uri.LastIndexOf('/') + 1)..]);
        return await AppServices.GetRequiredService<ImportHistory>().GetAsync(id, CancellationToken.None);
    }

    [Fact]
    public async Task A_workbook_of_several_sheets_offers_them_in_a_dropdown_and_the_import_reads_the_one_chosen()
    {
        var book = new BulkImport.Tests.Workbooks.TestWorkbook();
        book.Sheet("Notes").Row(1, "Sent by the partner on Monday");
        book.Sheet("Clients").Row(1, "First Name", "Last Name").Row(2, "Ann", "Smith");
        book.Sheet("Archive", hidden: true).Row(1, "First Name", "Last Name").Row(2, "Old", "Row");
        var cut = RenderWizard();
        GoToUpload(cut);
        cut.FindAll("[data-testid=sheet-choice]").Should().BeEmpty("the sheets are known once the workbook is sent");

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(book.ToBytes(), "partner.xlsx"));
        cut.Find("[data-testid=review-results]").Click();

        await cut.WaitForAssertionAsync(() => cut.FindAll("[data-testid=sheet-choice]").Should().ContainSingle());
        Services.GetRequiredService<NavigationManager>().Uri.Should().NotMatchRegex(@"/imports/\d+$", "no import is made before the sheet is chosen");
        cut.Markup.Should().Contain("This workbook has 2 sheets. Choose the one to import, then Review Results.");
        cut.Find("[data-testid=sheet-choice]").Closest(".mud-input-control")!.MouseDown();
        var popovers = _popovers!;
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim())
            .Should().Equal(["The first sheet that holds data", "Notes", "Clients"], "a hidden sheet is not offered"));
        popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == "Clients").Click();
        cut.Find("[data-testid=review-results]").Click();

        var import = await OpenedImportAsync(cut);
        (import.FileName, import.Sheet).Should().Be(("partner.xlsx", "Clients"));
        File.Exists(AppServices.GetRequiredService<ImportFiles>().PathOf(import)).Should().BeTrue("the file sent for the sheet choice is the import's");
    }

    [Fact]
    public async Task A_workbook_of_one_sheet_goes_straight_to_its_import()
    {
        var book = new BulkImport.Tests.Workbooks.TestWorkbook();
        book.Sheet("Clients").Row(1, "First Name", "Last Name").Row(2, "Ann", "Smith");
        var cut = RenderWizard();
        GoToUpload(cut);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(book.ToBytes(), "one.xlsx"));
        cut.Find("[data-testid=review-results]").Click();

        var import = await OpenedImportAsync(cut);
        (import.FileName, import.Sheet).Should().Be(("one.xlsx", (string?)null));
        cut.FindAll("[data-testid=sheet-choice]").Should().BeEmpty();
    }

    [Fact]
    public async Task Choosing_another_file_while_the_sheet_is_chosen_deletes_the_workbook_sent()
    {
        var book = new BulkImport.Tests.Workbooks.TestWorkbook();
        book.Sheet("Notes").Row(1, "Sent by the partner");
        book.Sheet("Clients").Row(1, "First Name", "Last Name").Row(2, "Ann", "Smith");
        var uploads = AppServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ImportOptions>>().Value.UploadsFolder;
        var cut = RenderWizard();
        GoToUpload(cut);
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(book.ToBytes(), "partner.xlsx"));
        var before = Directory.Exists(uploads) ? Directory.GetFiles(uploads).ToHashSet() : [];
        cut.Find("[data-testid=review-results]").Click();
        await cut.WaitForAssertionAsync(() => cut.FindAll("[data-testid=sheet-choice]").Should().ContainSingle());
        var sent = Directory.GetFiles(uploads).Except(before).Should().ContainSingle().Subject;

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("First Name,Last Name\r\nAnn,Smith\r\n", "ann.csv", contentType: "text/csv"));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=sheet-choice]").Should().BeEmpty());
        File.Exists(sent).Should().BeFalse("a workbook no import will read is not kept");
        cut.Find("[data-testid=review-results]").Click();
        (await OpenedImportAsync(cut)).FileName.Should().Be("ann.csv");
    }

    /// <summary>
    /// SPEC 20: "Upload corrected file" on an import's end screen opens New Import with <c>fixes</c>: it starts at Upload
    /// File in that import's domain and operation, and the import it makes is linked to the one it corrects, reading the
    /// app's own Error rows file without a warning for its Error Messages column.
    /// </summary>
    [Fact]
    public async Task A_corrected_file_starts_at_Upload_File_in_the_corrected_import_s_domain_and_is_linked_to_it()
    {
        var corrected = await StagedImports.CreateAsync(AppServices, ["Client ID", "CourseID", "SectionID", "Enrollment Status"], [["1", "101", "9999", "Enrolled"]],
            BulkImport.Core.Domains.ClientAssignments.ClientAssignmentDomain.Key, Operation.Add, createdBy: _user);
        SignIn(_user, Roles.Importer);
        _popovers = RenderPopovers();

        var cut = Render<NewImportWizard>(p => p.Add(x => x.UserName, _user).Add(x => x.FixesImportId, corrected.Id));

        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=fixes-import]").TextContent.Should().Contain($"This file corrects import #{corrected.Id} (clients.csv)"));
        cut.Markup.Should().Contain("Client Assignment · Add", "the Select Domain step shows the corrected import's domain and operation");
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "Client ID,CourseID,SectionID,Enrollment Status,Error Messages\r\n1,101,1001,Enrolled,Section 9999 does not exist\r\n", "fixed.csv", contentType: "text/csv"));
        cut.Find("[data-testid=review-results]").Click();

        var import = await OpenedImportAsync(cut);
        (import.Domain, import.Operation, import.FixesImportId).Should().Be((BulkImport.Core.Domains.ClientAssignments.ClientAssignmentDomain.Key, Operation.Add, corrected.Id));
    }

    [Fact]
    public async Task A_corrected_file_of_an_import_the_person_may_not_see_is_refused_and_the_wizard_starts_as_usual()
    {
        var other = await StagedImports.CreateAsync(AppServices, ["First Name", "Last Name"], [["Ann", "Lee"]], createdBy: "someone-else@bulkimport.local");
        SignIn(_user, Roles.Importer);
        var snackbar = Render<MudBlazor.MudSnackbarProvider>();

        var cut = Render<NewImportWizard>(p => p.Add(x => x.UserName, _user).Add(x => x.FixesImportId, other.Id));

        await cut.WaitForAssertionAsync(() => snackbar.Markup.Should().Contain($"Import {other.Id} does not exist"));
        cut.FindAll("[data-testid=fixes-import]").Should().BeEmpty();
        cut.Find("[data-testid=domain-choice]").Should().NotBeNull("the wizard starts at Select Domain");
    }
}
