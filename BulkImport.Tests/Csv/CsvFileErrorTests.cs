using System.Text;
using BulkImport.Core.Csv;

namespace BulkImport.Tests.Csv;

public class CsvFileErrorTests
{
    [Fact]
    public void A_zero_byte_file_is_empty()
    {
        var result = CsvTestFile.Read([]);

        result.Errors.Should().ContainSingle().Which.Message.Should().StartWith("File is empty");
    }

    [Theory]
    [InlineData("\n\n\n")]
    [InlineData(" , ,\r\n\r\n")]
    [InlineData("\uFEFF")]
    public void A_file_of_only_blank_lines_is_empty(string text)
    {
        CsvTestFile.Read(text).Errors.Should().ContainSingle().Which.Message.Should().StartWith("File is empty");
    }

    [Fact]
    public void A_blank_first_row_above_the_header_is_refused_because_row_1_must_be_the_header()
    {
        var result = CsvTestFile.Read("\nFirst Name,Last Name\nAnn,Lee\n");

        result.Errors.Should().ContainSingle().Which.Message.Should().Contain("Row 1 is blank").And.Contain("Delete the empty rows");
    }

    [Theory]
    [InlineData("First Name,Last Name")]
    [InlineData("First Name,Last Name\r\n")]
    [InlineData("First Name,Last Name\r\n\r\n,\r\n  \r\n")]
    public void A_header_without_data_rows_says_so(string text)
    {
        var result = CsvTestFile.Read(text);

        result.Errors.Should().ContainSingle().Which.Message.Should().StartWith("The file has no data rows").And.Contain("Add at least one row");
    }

    [Fact]
    public void A_zip_that_is_not_a_readable_workbook_is_refused_by_its_magic_bytes()
    {
        // SPEC 17 reads an .xlsx; a ZIP that is not one (here cut short) is refused as such, not parsed as text.
        var bytes = CsvTestFile.Bytes([0x50, 0x4B, 0x03, 0x04], Encoding.ASCII.GetBytes("[Content_Types].xml"));

        var result = CsvTestFile.Read(bytes);

        result.Errors.Should().ContainSingle().Which.Message.Should()
            .StartWith("This is a ZIP file but not an Excel workbook (.xlsx): its ZIP directory cannot be read");
    }

    [Fact]
    public void A_legacy_xls_file_is_refused_by_its_magic_bytes()
    {
        var bytes = CsvTestFile.Bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], new byte[100]);

        // SPEC 17: an OLE file without an Excel stream is another old Office file, still refused before parsing.
        CsvTestFile.Read(bytes).Errors.Should().ContainSingle().Which.Message.Should().StartWith("This is an old-style Office file");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Nul_bytes_in_a_file_that_is_not_utf16_refuse_it_as_binary(bool withUtf8Bom)
    {
        var text = "First Name,Last Name\nAnn,L\0ee\n"u8.ToArray();
        var bytes = withUtf8Bom ? CsvTestFile.Bytes([0xEF, 0xBB, 0xBF], text) : text;

        var result = CsvTestFile.Read(bytes);

        result.Errors.Should().ContainSingle().Which.Message.Should().Contain("binary").And.Contain("save it as CSV (Comma delimited) and upload again");
    }

    [Fact]
    public void Utf16_without_a_bom_is_refused_as_binary_rather_than_read_as_garbage()
    {
        var result = CsvTestFile.Read(Encoding.Unicode.GetBytes("First Name,Last Name\nAnn,Lee\n"));

        result.Errors.Should().ContainSingle().Which.Message.Should().Contain("binary");
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_naming_the_limit()
    {
        var result = CsvTestFile.Read("First Name,Last Name\nAnn,Lee\n", limits: new CsvLimits { MaxFileBytes = 10 });

        result.Errors.Should().ContainSingle().Which.Message.Should().Be(
            "The file is 29 bytes; the limit is 10 bytes. Split it into smaller files and upload them one by one.");
    }

    [Fact]
    public void The_default_size_limit_is_named_in_megabytes()
    {
        CsvMessages.TooLarge(300L * 1024 * 1024, new CsvLimits().MaxFileBytes).Message.Should().StartWith("The file is 300 MB; the limit is 256 MB.");
    }

    [Fact]
    public void A_column_repeated_after_normalisation_is_an_error_naming_both_positions()
    {
        var result = CsvTestFile.Read("First Name,Last Name,Email,X,Y,Z,e-mail\nAnn,Lee,a@b.c,,,,a@b.c\n");

        result.Errors.Should().ContainSingle().Which.Message.Should().StartWith("Column 'Email' appears at positions 3 and 7.");
    }

    [Fact]
    public void A_column_repeated_three_times_lists_every_position()
    {
        var result = CsvTestFile.Read("Notes,First Name,notes,NOTES\n1,Ann,2,3\n");

        result.Errors.Should().ContainSingle().Which.Message.Should().StartWith("Column 'Notes' appears at positions 1, 3 and 4.");
    }

    [Fact]
    public void A_missing_required_column_is_an_error()
    {
        var result = CsvTestFile.Read("Last Name,Email\nLee,a@b.c\n", required: ["First Name", "Last Name"]);

        result.Errors.Should().ContainSingle().Which.Should().Be(new FileMessage(
            "Required column 'First Name' is missing. Add it to the header row (see the template for the names) and upload again.", 1, "First Name"));
    }

    [Fact]
    public void A_required_column_matches_by_normalised_name()
    {
        var result = CsvTestFile.Read("first_name,LAST NAME\nAnn,Lee\n", required: ["First Name", "Last Name"]);

        result.Errors.Should().BeEmpty();
    }

    [Fact]
    public void Every_header_problem_is_listed_at_once()
    {
        var result = CsvTestFile.Read("Email,email\nx,y\n", required: ["First Name", "Last Name"]);

        result.Errors.Select(e => e.Message).Should().SatisfyRespectively(
            m => m.Should().StartWith("Column 'Email' appears at positions 1 and 2."),
            m => m.Should().StartWith("Required column 'First Name' is missing."),
            m => m.Should().StartWith("Required column 'Last Name' is missing."));
    }

    [Fact]
    public void Rows_cannot_be_read_from_a_file_with_errors()
    {
        var path = CsvTestFile.WriteTemp([]);
        try
        {
            using var file = ParsedFile.Open(path, CsvTestFile.Template, [], new CsvLimits());

            file.Invoking(f => f.Rows()).Should().Throw<InvalidOperationException>();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
