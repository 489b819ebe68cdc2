using System.Text;
using BulkImport.Core.Csv;
using BulkImport.Core.Imports.Mapping;

namespace BulkImport.Tests.Imports.Mapping;

/// <summary>When the header read stops an import for mapping (SPEC 16), and when SPEC 5 holds as before.</summary>
public sealed class MappingNeedTests
{
    private static readonly string[] Template = ["Client ID", "First Name", "Last Name", "Email"];
    private static readonly string[] Required = ["First Name", "Last Name"];

    private static (MappingReason? Reason, ParsedFile File) Need(string text, bool mapColumns = false, Dictionary<string, string?>? mapping = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mapping-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
        try
        {
            var file = ParsedFile.Open(path, Template, Required, new CsvLimits(), mapping: ColumnMap.ByKey(mapping));
            return (MappingNeed.Of(file, mapColumns), file);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_required_column_missing_with_unmatched_columns_waits_for_mapping()
    {
        var (reason, file) = Need("Given Name,Surname,Email\nAnn,Lee,a@b.org\n");

        reason.Should().Be(MappingReason.RequiredColumnMissing);
        file.HeaderCells.Should().Equal("Given Name", "Surname", "Email");
        file.UnmatchedColumns.Should().Equal("Given Name", "Surname");
    }

    [Fact]
    public void A_required_column_missing_with_nothing_to_map_fails_as_before()
    {
        var (reason, file) = Need("First Name,Email\nAnn,a@b.org\n");

        reason.Should().BeNull();
        file.Errors.Single().Message.Should().StartWith("Required column 'Last Name' is missing.");
    }

    [Fact]
    public void Unknown_columns_are_a_warning_unless_the_upload_asked_for_mapping()
    {
        Need("First Name,Last Name,Colour\nAnn,Lee,Blue\n").Reason.Should().BeNull();
        Need("First Name,Last Name,Colour\nAnn,Lee,Blue\n", mapColumns: true).Reason.Should().Be(MappingReason.Requested);
        Need("First Name,Last Name\nAnn,Lee\n", mapColumns: true).Reason.Should().BeNull("every column matches: nothing to map");
    }

    [Fact]
    public void No_template_column_in_the_first_51_rows_takes_row_1_as_the_header_to_map()
    {
        var (reason, file) = Need("Ann,Lee,ann@example.org\nBo,Ng,bo@example.org\n");

        reason.Should().Be(MappingReason.RowOneTakenAsHeader);
        file.HeaderCells.Should().Equal("Ann", "Lee", "ann@example.org");
    }

    [Fact]
    public void A_header_further_down_and_other_file_errors_are_not_mapped()
    {
        Need("Export of 31 January\nClient ID,First Name,Last Name\n,Ann,Lee\n").Reason.Should().BeNull();
        Need("Given Name,Surname,given_name\nAnn,Lee,Bo\n").Reason.Should().BeNull("a duplicated column is an error of its own");
        Need("Given Name,Surname\n").Reason.Should().BeNull("a file without data rows has nothing to map");
    }

    [Fact]
    public void A_mapping_that_makes_a_second_column_of_one_names_the_headers_as_the_file_writes_them()
    {
        var (_, file) = Need("First Name,Last Name,Email,E-mail Address\nAnn,Lee,a@b.org,a@b.org\n", mapping: new() { ["E-mail Address"] = "Email" });

        file.Errors.Should().ContainSingle().Which.Should().Be(new FileMessage(
            "'Email' (column 3) and 'E-mail Address' (column 4) are both the template column Email; remove one of them, or map one to another column, and upload again.",
            1, "Email"));
    }

    [Fact]
    public void Headers_that_are_one_name_by_the_header_rule_keep_the_duplicate_column_message()
    {
        var (_, file) = Need("First Name,Last Name,Email,E-mail\nAnn,Lee,a@b.org,a@b.org\n", mapping: new() { ["Given Name"] = "First Name" });

        file.Errors.Single().Message.Should().Be("Column 'Email' appears at positions 3 and 4. Keep only one of them and upload again.");
    }

    [Fact]
    public void A_mapping_that_covers_the_header_reads_the_rows_into_the_template_columns()
    {
        var (reason, file) = Need("Given Name,Surname,Notes\nAnn,Lee,x\n", mapColumns: true,
            mapping: new() { ["Given Name"] = "First Name", ["Surname"] = "Last Name", ["Notes"] = null });

        reason.Should().BeNull();
        file.Errors.Should().BeEmpty();
        file.Warnings.Should().BeEmpty("an ignored column is a choice, not a surprise");
        file.PresentColumns.Should().Equal("First Name", "Last Name");
    }
}
