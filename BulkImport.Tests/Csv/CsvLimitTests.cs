using BulkImport.Core.Csv;

namespace BulkImport.Tests.Csv;

public class CsvLimitTests
{
    private static readonly string[] Template = ["a", "b"];

    [Fact]
    public void The_defaults_are_the_products()
    {
        new CsvLimits().Should().BeEquivalentTo(new { MaxFileBytes = 256L * 1024 * 1024, MaxDataRows = 1_000_000, MaxFieldChars = 32_000, MaxRecordBytes = 1024 * 1024 });
    }

    [Fact]
    public void More_rows_than_the_limit_stop_the_file_naming_the_limit()
    {
        var text = "a,b\n" + string.Concat(Enumerable.Range(1, 6).Select(i => $"{i},x\n"));

        var result = CsvTestFile.Read(text, Template, limits: new CsvLimits { MaxDataRows = 5 });

        result.Rows.Should().HaveCount(5);
        result.Failure!.Problem.Should().Be(new FileMessage(
            "The file has more than 5 data rows, the limit for one import. Split it into files of at most 5 rows and upload them one by one.", 7));
    }

    [Fact]
    public void The_row_limit_message_names_the_default_limit_with_separators()
    {
        CsvMessages.TooManyRows(1_000_000, 1_000_002).Message.Should().StartWith("The file has more than 1,000,000 data rows, the limit");
    }

    [Fact]
    public void Exactly_the_row_limit_is_fine_and_trailing_blank_lines_do_not_count()
    {
        var text = "a,b\n" + string.Concat(Enumerable.Range(1, 5).Select(i => $"{i},x\n")) + "\n,\n\n";

        var result = CsvTestFile.Read(text, Template, limits: new CsvLimits { MaxDataRows = 5 });

        result.Failure.Should().BeNull();
        result.Rows.Should().HaveCount(5);
    }

    [Fact]
    public void Blank_rows_in_the_middle_count_towards_the_row_limit_because_they_are_stored()
    {
        var result = CsvTestFile.Read("a,b\n1,x\n\n\n2,y\n", Template, limits: new CsvLimits { MaxDataRows = 3 });

        result.Failure!.Problem.RowNumber.Should().Be(5);
    }

    [Fact]
    public void A_value_over_the_field_limit_is_a_row_problem_naming_the_limit()
    {
        var result = CsvTestFile.Read($"a,b\n{new string('x', 40_000)},ok\n3,4\n", Template);

        result.Failure.Should().BeNull();
        result.Rows.Should().HaveCount(2);
        result.Rows[0].Problems.Should().ContainSingle().Which.Should().Be(
            new FileMessage("Value is 40,000 characters long; the limit is 32,000", 2, "a"));
        result.Rows[0].Values[0].Should().HaveLength(40_000, "the operator sees what the file holds");
        result.Rows[1].Problems.Should().BeEmpty();
    }

    [Fact]
    public void The_field_limit_counts_characters_not_utf8_bytes()
    {
        var result = CsvTestFile.Read($"a,b\n{new string('é', 30_000)},ok\n", Template);

        result.Rows.Single().Problems.Should().BeEmpty();
    }

    [Theory]
    [InlineData('\u0001')]
    [InlineData('\u0007')]
    [InlineData('\u001B')]
    [InlineData('\u007F')]
    public void A_control_character_in_a_value_is_a_row_problem_naming_the_column(char control)
    {
        var result = CsvTestFile.Read($"a,b\nok,x{control}y\n", Template);

        result.Rows.Single().Problems.Should().ContainSingle().Which.Should().Be(
            new FileMessage($"Value contains an invisible control character (U+{(int)control:X4}); delete it", 2, "b"));
    }

    [Fact]
    public void A_nul_character_in_a_utf16_file_is_a_row_problem()
    {
        var encoding = System.Text.Encoding.Unicode;
        var bytes = CsvTestFile.Bytes(encoding.GetPreamble(), encoding.GetBytes("a,b\nok,x\0y\n"));

        var result = CsvTestFile.Read(bytes, Template);

        result.Errors.Should().BeEmpty();
        result.Rows.Single().Problems.Single().Message.Should().Contain("U+0000");
    }

    [Fact]
    public void Tabs_and_line_breaks_inside_a_value_are_not_control_character_problems()
    {
        var result = CsvTestFile.Read("a,b\n\"x\ty\r\nz\",2\n", Template);

        result.Rows.Single().Problems.Should().BeEmpty();
    }
}
