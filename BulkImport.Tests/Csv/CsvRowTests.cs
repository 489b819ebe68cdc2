using BulkImport.Core.Csv;

namespace BulkImport.Tests.Csv;

public class CsvRowTests
{
    private static readonly string[] Template = ["a", "b", "c"];

    [Fact]
    public void A_row_with_too_few_fields_has_a_problem_and_keeps_the_values_it_has()
    {
        var result = CsvTestFile.Read("a,b,c\n1,2\n", Template);

        var row = result.Rows.Single();
        row.Problems.Should().ContainSingle().Which.Should().Be(new FileMessage("Row has 2 fields; the header has 3", 2));
        row.Values.Should().Equal("1", "2", "");
    }

    [Fact]
    public void A_row_with_too_many_fields_has_a_problem_and_keeps_the_header_columns()
    {
        var result = CsvTestFile.Read("a,b,c\n1,2,3,4\n", Template);

        var row = result.Rows.Single();
        row.Problems.Should().ContainSingle().Which.Message.Should().Be("Row has 4 fields; the header has 3");
        row.Values.Should().Equal("1", "2", "3");
    }

    [Fact]
    public void Trailing_empty_cells_beyond_the_header_are_still_a_field_count_problem()
    {
        // Only the header's own blank padding may be missing; cells with no header cell at all shift data silently.
        var result = CsvTestFile.Read("a,b,c\n1,2,3,\n", Template);

        result.Rows.Single().Problems.Single().Message.Should().Be("Row has 4 fields; the header has 3");
    }

    [Fact]
    public void A_single_field_row_uses_the_singular()
    {
        CsvTestFile.Read("a,b,c\n1\n", Template).Rows.Single().Problems.Single().Message.Should().Be("Row has 1 field; the header has 3");
    }

    [Theory]
    [InlineData("")]
    [InlineData(",,")]
    [InlineData(" ,\t, ")]
    [InlineData(",,,,,")]
    [InlineData("\u00A0")]
    [InlineData("\"\",\"  \"")]
    public void A_blank_line_mid_file_is_a_blank_row_with_its_number(string blank)
    {
        var result = CsvTestFile.Read($"a,b,c\n1,2,3\n{blank}\n4,5,6\n", Template);

        result.Rows.Select(r => (r.RowNumber, r.Kind)).Should().Equal(
            (2, ParsedRowKind.Data), (3, ParsedRowKind.Blank), (4, ParsedRowKind.Data));
        result.Rows[1].Values.Should().Equal("", "", "");
        result.Rows[1].Problems.Should().BeEmpty("a blank row is skipped, whatever its field count");
    }

    [Fact]
    public void Blank_lines_at_the_very_end_are_not_rows()
    {
        var result = CsvTestFile.Read("a,b,c\r\n1,2,3\r\n\r\n,,\r\n  \r\n\r\n", Template);

        result.Rows.Should().ContainSingle().Which.RowNumber.Should().Be(2);
    }

    [Fact]
    public void Many_blank_lines_in_a_row_keep_exact_numbers_and_lines()
    {
        var blanks = string.Concat(Enumerable.Repeat("\n", 1000));
        var result = CsvTestFile.Read($"a,b,c\n1,2,3\n{blanks}\"x\ny\",2,3\n\n4,5,6\n", Template);

        result.Rows.Should().HaveCount(1 + 1000 + 1 + 1 + 1);
        result.Rows.Where(r => r.Kind == ParsedRowKind.Blank).Select(r => r.RowNumber).Should().Equal(Enumerable.Range(3, 1000).Append(1004));
        result.Rows.Should().OnlyContain(r => r.Kind == ParsedRowKind.Data || r.FirstLine == r.LastLine);
        result.Rows[1001].Should().BeEquivalentTo(new { RowNumber = 1003, FirstLine = 1003, LastLine = 1004 });
        result.Rows[^1].Should().BeEquivalentTo(new { RowNumber = 1005, FirstLine = 1006, LastLine = 1006 });
    }

    [Fact]
    public void A_blank_row_spanning_lines_keeps_its_line_range()
    {
        var result = CsvTestFile.Read("a,b,c\n\"\n\",,\n1,2,3\n", Template);

        result.Rows[0].Should().BeEquivalentTo(new { RowNumber = 2, FirstLine = 2, LastLine = 3, Kind = ParsedRowKind.Blank });
        result.Rows[1].Should().BeEquivalentTo(new { RowNumber = 3, FirstLine = 4, LastLine = 4 });
    }

    [Fact]
    public void A_row_with_data_only_in_unknown_columns_is_a_data_row()
    {
        var result = CsvTestFile.Read("a,b,c,extra\n,,,x\n", Template);

        result.Rows.Single().Kind.Should().Be(ParsedRowKind.Data);
        result.Rows.Single().Values.Should().Equal("", "", "");
    }

    [Theory]
    [InlineData(" x ", "x")]
    [InlineData("\u00A0x\u00A0", "x")]
    [InlineData("\u2003\u3000x\u202F", "x")]
    [InlineData("\" x \"", "x")]
    [InlineData("  \"x, y\"  ", "x, y")]
    [InlineData("\"\u00A0x y\t\"", "x y")]
    [InlineData("x  y", "x  y")]
    public void Values_are_trimmed_of_all_unicode_white_space(string cell, string expected)
    {
        var result = CsvTestFile.Read($"a,b,c\n{cell},2,3\n", Template);

        result.DataValues.Single()[0].Should().Be(expected);
        result.Rows.Single().Problems.Should().BeEmpty();
    }

    [Fact]
    public void Row_numbers_match_the_spreadsheet_across_multiline_values_and_blank_rows()
    {
        var result = CsvTestFile.Read("a,b,c\n1,\"two\nlines\",3\n\n4,5,6\n", Template);

        result.Rows.Select(r => (r.RowNumber, r.FirstLine, r.LastLine)).Should().Equal((2, 2, 3), (3, 4, 4), (4, 5, 5));
    }
}
