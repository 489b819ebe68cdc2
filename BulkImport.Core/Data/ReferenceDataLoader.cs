using System.Globalization;
using System.Reflection;
using BulkImport.Core.Clients;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Data;

/// <summary>
/// Loads the demo data a new installation starts with (select lists, courses, sections, 40 clients, 60 assignments,
/// 30 invoices),
/// exactly as shipped, once: an installation that already has courses is left alone.
/// </summary>
public static class ReferenceDataLoader
{
    public static async Task LoadIfEmptyAsync(BulkImportDbContext db, CancellationToken ct = default)
    {
        if (await db.Courses.AnyAsync(ct))
        {
            return;
        }

        var order = 0;
        foreach (var row in Read("select-lists.csv"))
        {
            db.SelectListValues.Add(new SelectListValue { Field = row["Field"], Value = row["Value"], SortOrder = order++ });
        }

        foreach (var row in Read("courses.csv"))
        {
            db.Courses.Add(new Course
            {
                CourseId = int.Parse(row["CourseID"], CultureInfo.InvariantCulture),
                CourseCode = row["Course Code"],
                CourseName = row["Course Name"],
                Fee = decimal.Parse(row["Fee"], CultureInfo.InvariantCulture),
            });
        }

        foreach (var row in Read("sections.csv"))
        {
            db.Sections.Add(new Section
            {
                SectionId = int.Parse(row["SectionID"], CultureInfo.InvariantCulture),
                CourseId = int.Parse(row["CourseID"], CultureInfo.InvariantCulture),
                SectionName = row["Section Name"],
                StartDate = Blank(row["Start Date"]),
            });
        }

        foreach (var row in Read("clients.csv"))
        {
            db.Clients.Add(new Client
            {
                ClientId = int.Parse(row["Client ID"], CultureInfo.InvariantCulture),
                FirstName = row["First Name"],
                LastName = row["Last Name"],
                Email = Blank(row["Email"]),
                PhoneNumber = Blank(row["Phone Number"]),
                Ssn = Blank(row["SSN"]),
                DateOfBirth = Blank(row["Date of Birth"]),
                Address = Blank(row["Address"]),
                City = Blank(row["City"]),
                State = Blank(row["State"]),
                Zip = Blank(row["Zip"]),
                SponsorName = Blank(row["Sponsor Name"]),
                Ethnicity = Blank(row["Ethnicity"]),
                Language = Blank(row["Language"]),
                FundingSource = Blank(row["Funding Source"]),
                StaffName = Blank(row["Staff Name"]),
                DiplomaStatus = Blank(row["Diploma Status"]),
                JobStatus = Blank(row["Job Status"]),
                AdultClient = Blank(row["Adult Client"]),
                ClientType = Blank(row["Client Type"]),
            });
        }

        await db.SaveChangesAsync(ct);

        foreach (var row in Read("client-assignments.csv"))
        {
            db.ClientAssignments.Add(new ClientAssignment
            {
                ClientId = int.Parse(row["Client ID"], CultureInfo.InvariantCulture),
                CourseId = int.Parse(row["CourseID"], CultureInfo.InvariantCulture),
                SectionId = int.Parse(row["SectionID"], CultureInfo.InvariantCulture),
                EnrollmentStatus = Blank(row["Enrollment Status"]),
                EnrollmentDate = Blank(row["Enrollment Date"]),
                RegisteredBy = Blank(row["Registered By"]),
                TranscriptStatus = Blank(row["Transcript Status"]),
                SponsorCompany = Blank(row["Sponsor (Company)"]),
                MarketingSource = Blank(row["Marketing Source"]),
            });
        }

        await db.SaveChangesAsync(ct);

        // An invoice names its assignment by (Client ID, CourseID, SectionID); it keeps its Invoice ID (5001-5030), so the
        // invoices created later continue after the highest one.
        var assignments = await db.ClientAssignments.AsNoTracking()
            .ToDictionaryAsync(a => (a.ClientId, a.CourseId, a.SectionId), a => a.AssignmentId, ct);
        foreach (var row in Read("invoices.csv"))
        {
            var key = (int.Parse(row["Client ID"], CultureInfo.InvariantCulture), int.Parse(row["CourseID"], CultureInfo.InvariantCulture), int.Parse(row["SectionID"], CultureInfo.InvariantCulture));
            db.Invoices.Add(new Invoice
            {
                InvoiceId = int.Parse(row["Invoice ID"], CultureInfo.InvariantCulture),
                AssignmentId = assignments.TryGetValue(key, out var assignmentId)
                    ? assignmentId
                    : throw new InvalidOperationException($"Invoice {row["Invoice ID"]} names no assignment of the reference data: client {key.Item1}, course {key.Item2}, section {key.Item3}."),
                Amount = decimal.Parse(row["Amount"], CultureInfo.InvariantCulture),
                InvoiceDate = DateOnly.ParseExact(row["Invoice Date"], "MM/dd/yyyy", CultureInfo.InvariantCulture),
                Balance = decimal.Parse(row["Balance"], CultureInfo.InvariantCulture),
                Status = row["Status"],
            });
        }

        await db.SaveChangesAsync(ct);
        await DatabaseEngine.Of(db).ContinueIdentitiesAsync(db, ct);
        db.ChangeTracker.Clear();
    }

    private static string? Blank(string value) => value.Length == 0 ? null : value;

    private static IEnumerable<Dictionary<string, string>> Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ReferenceData." + name)
            ?? throw new InvalidOperationException($"Reference data '{name}' is not embedded.");
        using var reader = CsvReader.Create(stream, CsvReaderOptions.Default with { Separator = ',' }, leaveOpen: false);
        string[] header = [];
        var first = true;
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            if (first)
            {
                header = reader.Headers.ToArray();
                first = false;
            }

            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                row[header[i]] = reader.GetString(i).Trim();
            }

            rows.Add(row);
        }

        return rows;
    }
}
