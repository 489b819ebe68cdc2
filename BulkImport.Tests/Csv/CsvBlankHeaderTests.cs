using BulkImport.Core.Csv;

namespace BulkImport.Tests.Csv;

public class CsvBlankHeaderTests
{
    [Fact]
    public void Blank_header_cells_over_blank_cells_are_excel_padding_and_ignored_silently()
    {
        var result = CsvTestFile.Read("First Name,Last Name,,,\r\nAnn,Lee,,,\r\nBob,Ray, , ,\r\n");

        result.Errors.Should().BeEmpty();
        result.Warnings.Should().BeEmpty();
        result.Failure.Should().BeNull();
        result.Rows.Should().HaveCount(2).And.OnlyContain(r => r.Problems.Count == 0);
    }

    [Fact]
    public void Leading_blank_columns_are_padding_too()
    {
        var result = CsvTestFile.Read(",First Name,Last Name\n,Ann,Lee\n");

        result.Failure.Should().BeNull();
        result.DataValues.Single().Should().Equal(null, "Ann", "Lee", null);
    }

    [Fact]
    public void A_row_may_lack_only_the_blank_padding_columns_of_the_header()
    {
        var result = CsvTestFile.Read("First Name,Last Name,,\nAnn,Lee\nBob,Ray,\n");

        result.Rows.Should().HaveCount(2).And.OnlyContain(r => r.Problems.Count == 0);
    }

    [Fact]
    public void A_value_under_a_blank_header_stops_the_file_naming_the_row_and_the_column_position()
    {
        var result = CsvTestFile.Read("First Name,Last Name,,\nAnn,Lee,,\nBob,Ray,,oops\n");

        result.Errors.Should().BeEmpty("it is found while streaming");
        result.Rows.Should().ContainSingle("the rows before it were read");
        result.Failure.Should().NotBeNull();
        result.Failure!.Problem.RowNumber.Should().Be(3);
        result.Failure.Message.Should().StartWith("Row 3 has a value in column 4 (D), which has no header.");
    }

    [Fact]
    public void A_value_under_a_blank_header_in_the_first_data_row_is_a_file_error_at_open()
    {
        var result = CsvTestFile.Read("First Name,,Last Name\nAnn,x,Lee\n");

        result.Errors.Should().ContainSingle().Which.Message.Should().StartWith("Row 2 has a value in column 2 (B), which has no header.");
    }

    [Fact]
    public void A_header_cell_of_only_zero_width_characters_counts_as_blank()
    {
        var result = CsvTestFile.Read("First Name,\u200B\nAnn,\n");

        result.Warnings.Should().BeEmpty();
        result.Rows.Should().ContainSingle().Which.Problems.Should().BeEmpty();
    }
}
