using BulkImport.Core.Csv;
using BulkImport.Core.Domains.ClientAssignments;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Domains.Payments;

namespace BulkImport.Tests.Csv;

/// <summary>
/// A header that shortens one template column's name ("Sponsor" for Sponsor Name) suggests it, on the unknown-column
/// warning (SPEC 5) and on the mapping step (SPEC 16); a generic one ("Name", "ID", "Date") suggests nothing.
/// </summary>
public sealed class HeaderAbbreviationTests
{
    private static readonly string[] Client = [.. ClientColumns.All];
    private static readonly string[] Assignment = [.. ClientAssignmentColumns.All];
    private static readonly string[] Payment = [.. PaymentColumns.All];

    [Theory]
    [InlineData("Sponsor", "Sponsor Name")]
    [InlineData("sponsor", "Sponsor Name")]
    [InlineData("Funding", "Funding Source")]
    [InlineData("Diploma", "Diploma Status")]
    [InlineData("Job", "Job Status")]
    [InlineData("Adult", "Adult Client")]
    [InlineData("Ethnic", "Ethnicity")]
    [InlineData("Lang", "Language")]
    public void A_Client_header_shortening_one_column_warns_with_it(string header, string column)
    {
        var result = CsvTestFile.Read($"First Name,Last Name,{header}\nAnn,Lee,x\n", Client);

        result.Warnings.Single().Message.Should().Be(
            $"Column '{header}' is not in the template and was ignored. Did you mean '{column}'? Rename the column and upload again to import it.");
    }

    [Theory]
    [InlineData("Name")]
    [InlineData("ID")]
    [InlineData("Date")]
    [InlineData("Status")]
    [InlineData("Client")]
    [InlineData("St")]
    public void A_generic_or_ambiguous_Client_header_warns_without_a_suggestion(string header)
    {
        var result = CsvTestFile.Read($"First Name,Last Name,{header}\nAnn,Lee,x\n", Client);

        result.Warnings.Single().Message.Should().Be($"Column '{header}' is not in the template and was ignored.");
    }

    [Fact]
    public void A_shortening_of_a_column_the_file_has_already_is_not_suggested()
    {
        var result = CsvTestFile.Read("First Name,Last Name,Sponsor Name,Sponsor\nAnn,Lee,Acme,x\n", Client);

        result.Warnings.Single().Message.Should().Be("Column 'Sponsor' is not in the template and was ignored.");
    }

    [Theory]
    [InlineData("Sponsor", "Sponsor (Company)")]
    [InlineData("Enroll Date", "Enrollment Date")]
    [InlineData("Transcript", "Transcript Status")]
    [InlineData("Reg By", "Registered By")]
    [InlineData("Enrollment", null)]
    [InlineData("ID", null)]
    [InlineData("Date", null)]
    [InlineData("Name", null)]
    public void Client_Assignment_headers_are_shortenings_of_their_own_template(string header, string? column)
    {
        HeaderAbbreviation.Of(header, Assignment).Should().Be(column);
    }

    [Theory]
    [InlineData("Invoice", "Invoice ID")]
    [InlineData("Reference", "Reference Number")]
    [InlineData("Payment", null)]
    [InlineData("Date", null)]
    [InlineData("ID", null)]
    public void Payment_headers_are_shortenings_of_their_own_template(string header, string? column)
    {
        HeaderAbbreviation.Of(header, Payment).Should().Be(column);
    }

    [Theory]
    [InlineData("CourseID", new[] { "course", "id" })]
    [InlineData("Sponsor (Company)", new[] { "sponsor", "company" })]
    [InlineData("SSNNumber", new[] { "ssn", "number" })]
    [InlineData("date_of_birth", new[] { "date", "of", "birth" })]
    public void Words_split_on_punctuation_and_capitals(string name, string[] words)
    {
        HeaderAbbreviation.Words(name).Should().Equal(words);
    }
}
