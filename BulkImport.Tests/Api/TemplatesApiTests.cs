using System.Net;
using System.Text;
using BulkImport.Core.Imports;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Api;

/// <summary>
/// Templates (SPEC section 8): blank (header only, SPEC column order, UTF-8 with BOM, CRLF) and pre-filled for a course
/// of the demo data (CNA-101 is CourseID 101, with nine assignments), and the round trip of an unchanged pre-filled file.
/// </summary>
public sealed class TemplatesApiTests : IAsyncLifetime
{
    private const string ClientHeader = "Client ID,First Name,Last Name,Email,Phone Number,SSN,Date of Birth,Address,City,State,Zip,Sponsor Name,Ethnicity,Language,Funding Source,Staff Name,Diploma Status,Job Status,Adult Client,Client Type";
    private const string AssignmentHeader = "Client ID,CourseID,SectionID,Enrollment Status,Enrollment Date,Registered By,Transcript Status,Sponsor (Company),Marketing Source";
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];
    private static readonly int[] ClientsInCna101 = [2, 6, 9, 13, 15, 20, 35, 39, 40];

    private readonly TestApp _app = new();
    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = await _app.ApiAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<byte[]> DownloadAsync(string url)
    {
        var response = await _api.Http.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static string[] Lines(byte[] file)
    {
        file.Take(3).Should().Equal(Bom);
        var text = Encoding.UTF8.GetString(file, 3, file.Length - 3);
        text.Should().EndWith("\r\n");
        text.Replace("\r\n", "").Should().NotContain("\n");
        return text[..^2].Split("\r\n");
    }

    [Theory]
    [InlineData("Client", ClientHeader)]
    [InlineData("ClientAssignment", AssignmentHeader)]
    [InlineData("clientassignment", AssignmentHeader)]
    [InlineData("CLIENT", ClientHeader)]
    public async Task A_blank_template_is_the_header_in_spec_order_as_utf8_with_bom_and_crlf(string domain, string header)
    {
        var file = await DownloadAsync($"/api/templates/{domain}.csv");

        file.Should().Equal([.. Bom, .. Encoding.UTF8.GetBytes(header + "\r\n")]);
    }

    [Fact]
    public async Task A_template_downloads_as_an_attachment_named_for_its_domain_and_course()
    {
        var blank = await _api.Http.GetAsync("/api/templates/ClientAssignment.csv");
        blank.Content.Headers.ContentDisposition!.FileName.Should().Be("ClientAssignment-template.csv");
        var prefilled = await _api.Http.GetAsync("/api/templates/Client.csv?courseCode=cna-101");
        prefilled.Content.Headers.ContentDisposition!.FileName.Should().Be("Client-CNA-101.csv");
    }

    [Fact]
    public async Task A_pre_filled_client_assignment_template_has_one_row_per_assignment_of_the_course()
    {
        var lines = Lines(await DownloadAsync("/api/templates/ClientAssignment.csv?courseCode=cna-101"));

        lines.Should().Equal(
            AssignmentHeader,
            "2,101,1003,Withdrawn,09/08/2026,Walk-In,Not Requested,Acme Manufacturing,Social Media",
            "6,101,1001,No Show,03/02/2026,Staff,On Hold,None,Print",
            "9,101,1001,Withdrawn,03/02/2026,Employer,Not Requested,None,Social Media",
            "13,101,1002,Dropped,03/09/2026,Online,Not Requested,City of Clearwater,Referral",
            "15,101,1001,Dropped,03/02/2026,Phone,Sent,City of Clearwater,Referral",
            "20,101,1003,Withdrawn,09/08/2026,Employer,Sent,None,Referral",
            "35,101,1002,No Show,03/09/2026,Phone,Not Requested,City of Clearwater,Website",
            "39,101,1003,Completed,09/08/2026,Phone,On Hold,Bayview Health,Print",
            "40,101,1001,Dropped,03/02/2026,Employer,Not Requested,Bayview Health,Social Media");
    }

    [Fact]
    public async Task A_pre_filled_client_template_has_one_row_per_client_of_the_course_with_every_column_from_the_database()
    {
        var lines = Lines(await DownloadAsync("/api/templates/Client.csv?courseCode=CNA-101"));

        lines[0].Should().Be(ClientHeader);
        lines.Skip(1).Select(l => int.Parse(l.Split(',')[0])).Should().Equal(ClientsInCna101);
        lines[1].Should().Be("2,Samuel,O'Connor,samuel.oconnor2@example.org,(246) 262-4459,151704854,04/22/1989,3219 Seminole Blvd,Largo,FL,33770,Self-Pay,Not Hispanic or Latino,Spanish,Scholarship,Priya Patel,Associate Degree,Not in Labor Force,Yes,Alumni");
        var columns = ClientHeader.Split(',');
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            var stored = (await _api.ClientAsync(int.Parse(cells[0]))).GetProperty("values");
            for (var i = 0; i < columns.Length; i++)
            {
                // The client API masks the SSN; the template (recorded, Importer and Admin only) has it in full.
                BulkImport.Core.Security.SensitiveValues.Mask(new BulkImport.Core.Domains.Clients.ClientDomain(), columns[i], cells[i]).Should().Be(stored.GetProperty(columns[i]).GetString(), $"{columns[i]} of client {cells[0]}");
            }
        }
    }

    [Fact]
    public async Task A_course_with_no_assignments_gives_a_header_only_pre_filled_template()
    {
        await using (var db = _app.CreateDbContext())
        {
            db.Courses.Add(new Core.Clients.Course { CourseId = 999, CourseCode = "NEW-1", CourseName = "New", Fee = 10m });
            await db.SaveChangesAsync();
        }

        Lines(await DownloadAsync("/api/templates/ClientAssignment.csv?courseCode=new-1")).Should().Equal(AssignmentHeader);
    }

    [Fact]
    public async Task An_unknown_course_code_is_not_found_with_a_message_naming_it()
    {
        var response = await _api.Http.GetAsync("/api/templates/Client.csv?courseCode=XYZ-999");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString().Should().Contain("'XYZ-999'").And.Contain("/api/courses?code=");
    }

    [Fact]
    public async Task An_unknown_domain_is_not_found_with_the_templates_there_are()
    {
        var response = await _api.Http.GetAsync("/api/templates/Clients.csv");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString().Should().Contain("Client, ClientAssignment");
    }

    [Fact]
    public async Task An_unchanged_pre_filled_client_assignment_template_uploaded_with_update_gives_only_valid_updates_and_changes_nothing()
    {
        var template = await DownloadAsync("/api/templates/ClientAssignment.csv?courseCode=CNA-101");
        var before = await AssignmentsAsync();

        var import = await _api.ImportAsync(template, domain: "ClientAssignment", operation: "Update");

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        import.TotalRows.Should().Be(9);
        import.ValidRows.Should().Be(9);
        import.UpdateRows.Should().Be(9);
        import.FileWarnings.Should().BeEmpty();
        var committed = await _api.CommitAndWaitAsync(import.Id);
        committed.Updated.Should().Be(9);
        committed.Failed.Should().Be(0);
        (await AssignmentsAsync()).Should().Equal(before);
        (await DownloadAsync("/api/templates/ClientAssignment.csv?courseCode=CNA-101")).Should().Equal(template);
    }

    [Fact]
    public async Task An_unchanged_pre_filled_client_template_uploaded_with_update_gives_only_valid_updates_and_changes_nothing()
    {
        var template = await DownloadAsync("/api/templates/Client.csv?courseCode=CNA-101");
        var everyClientBefore = await DownloadAllClientsAsync();

        var import = await _api.ImportAsync(template, domain: "Client", operation: "Update");

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        import.TotalRows.Should().Be(9);
        import.ValidRows.Should().Be(9);
        import.UpdateRows.Should().Be(9);
        import.FileWarnings.Should().BeEmpty();
        var committed = await _api.CommitAndWaitAsync(import.Id);
        committed.Updated.Should().Be(9);
        committed.Failed.Should().Be(0);
        (await DownloadAllClientsAsync()).Should().Equal(everyClientBefore);
    }

    private async Task<List<string>> AssignmentsAsync()
    {
        await using var db = _app.CreateDbContext();
        return await db.ClientAssignments.AsNoTracking().OrderBy(a => a.AssignmentId)
            .Select(a => $"{a.AssignmentId}|{a.ClientId}|{a.CourseId}|{a.SectionId}|{a.EnrollmentStatus}|{a.EnrollmentDate}|{a.RegisteredBy}|{a.TranscriptStatus}|{a.SponsorCompany}|{a.MarketingSource}")
            .ToListAsync();
    }

    private async Task<List<string>> DownloadAllClientsAsync()
    {
        var all = new List<string>();
        for (var id = 1; id <= 40; id++)
        {
            all.Add((await _api.ClientAsync(id)).GetProperty("values").GetRawText());
        }

        return all;
    }
}
