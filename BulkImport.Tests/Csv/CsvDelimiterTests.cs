using System.Text;

namespace BulkImport.Tests.Csv;

public class CsvDelimiterTests
{
    [Fact]
    public void Comma_is_the_default()
    {
        var result = CsvTestFile.Read("First Name,Last Name\nAnn;x,Lee\n");

        result.File.Delimiter.Should().Be(',');
        result.DataValues.Single().Should().Equal(null, "Ann;x", "Lee", null);
    }

    [Fact]
    public void A_header_that_splits_only_on_semicolons_uses_semicolons()
    {
        var result = CsvTestFile.Read("First Name;Last Name;Email\nAnn;Lee, Jr;a@b.c\n");

        result.File.Delimiter.Should().Be(';');
        result.DataValues.Single().Should().Equal(null, "Ann", "Lee, Jr", "a@b.c");
    }

    [Fact]
    public void A_header_that_splits_only_on_tabs_uses_tabs()
    {
        var result = CsvTestFile.Read("First Name\tLast Name\nAnn, Jo\t Lee \n");

        result.File.Delimiter.Should().Be('\t');
        result.DataValues.Single().Should().Equal(null, "Ann, Jo", "Lee", null);
    }

    [Fact]
    public void A_header_with_commas_stays_comma_separated_even_if_it_has_semicolons()
    {
        var result = CsvTestFile.Read("First Name,Last Name;Email\nAnn,Lee;x\n");

        result.File.Delimiter.Should().Be(',');
        result.Warnings.Should().ContainSingle().Which.Message.Should().Contain("'Last Name;Email'");
    }

    [Fact]
    public void A_quoted_semicolon_in_a_single_column_header_does_not_switch_the_delimiter()
    {
        var result = CsvTestFile.Read("\"First Name;Last Name\"\nAnn\n", template: ["First Name;Last Name"]);

        result.File.Delimiter.Should().Be(',');
        result.DataValues.Single().Should().Equal("Ann");
    }

    [Theory]
    [InlineData("sep=;", ';')]
    [InlineData("SEP=;", ';')]
    [InlineData("sep=\t", '\t')]
    [InlineData("sep=,", ',')]
    [InlineData("sep=|", '|')]
    public void An_excel_sep_line_is_honoured_with_a_warning_and_is_not_the_header(string separatorLine, char separator)
    {
        var s = separator.ToString();
        var result = CsvTestFile.Read($"{separatorLine}\r\nFirst Name{s}Last Name\r\nAnn{s}Lee\r\n");

        result.Errors.Should().BeEmpty();
        result.File.Delimiter.Should().Be(separator);
        result.File.PresentColumns.Should().Equal("First Name", "Last Name");
        result.Warnings.Should().ContainSingle().Which.Message.Should().Contain("Excel's separator setting").And.Contain("row 1");
        result.DataValues.Single().Should().Equal(null, "Ann", "Lee", null);
    }

    [Fact]
    public void After_a_sep_line_rows_are_numbered_as_excel_shows_them_and_lines_physically()
    {
        // Excel does not show the sep= line: the header is row 1 on screen, on line 2 of the file.
        var result = CsvTestFile.Read("sep=;\nFirst Name;Last Name\nAnn;Lee\n\nBob;Ray\n");

        result.Rows.Select(r => (r.RowNumber, r.FirstLine, r.Kind.ToString())).Should().Equal(
            (2, 3, "Data"), (3, 4, "Blank"), (4, 5, "Data"));
        result.Warnings.Single().Message.Should().Contain("row 1");
    }

    [Fact]
    public void A_sep_line_works_after_a_utf8_bom_and_in_utf16()
    {
        var text = "sep=;\r\nFirst Name;Last Name\r\nAnn;Lee\r\n";
        var withBom = CsvTestFile.Read(CsvTestFile.Bytes([0xEF, 0xBB, 0xBF], Encoding.UTF8.GetBytes(text)));
        var utf16 = CsvTestFile.Read(CsvTestFile.Bytes(Encoding.Unicode.GetPreamble(), Encoding.Unicode.GetBytes(text)));

        foreach (var result in new[] { withBom, utf16 })
        {
            result.File.Delimiter.Should().Be(';');
            result.DataValues.Single().Should().Equal(null, "Ann", "Lee", null);
            result.Rows.Single().RowNumber.Should().Be(2);
        }
    }
}
