namespace BulkImport.Tests.Csv;

public class CsvLineEndingTests
{
    private static readonly string[] Template = ["a", "b"];

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void Each_line_ending_splits_records(string newline)
    {
        var result = CsvTestFile.Read($"a,b{newline}1,2{newline}3,4{newline}", Template);

        result.DataValues.Should().BeEquivalentTo(new[] { new[] { "1", "2" }, new[] { "3", "4" } }, o => o.WithStrictOrdering());
        result.Rows.Select(r => (r.RowNumber, r.FirstLine, r.LastLine)).Should().Equal((2, 2, 2), (3, 3, 3));
    }

    [Fact]
    public void Mixed_line_endings_keep_consistent_numbering()
    {
        var result = CsvTestFile.Read("a,b\r\n1,2\n3,4\r5,6\r\n\n7,8", Template);

        result.Rows.Select(r => (r.RowNumber, r.Kind.ToString(), r.Values[0])).Should().Equal(
            (2, "Data", "1"), (3, "Data", "3"), (4, "Data", "5"), (5, "Blank", ""), (6, "Data", "7"));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void Line_breaks_inside_quotes_are_kept_verbatim_and_the_row_keeps_one_number(string inner)
    {
        var result = CsvTestFile.Read($"a,b\r\n1,\"line one{inner}line two\"\r\n3,4\r\n", Template);

        result.Rows.Should().HaveCount(2);
        result.Rows[0].Values.Should().Equal("1", $"line one{inner}line two");
        result.Rows[0].Should().BeEquivalentTo(new { RowNumber = 2, FirstLine = 2, LastLine = 3 });
        result.Rows[1].Should().BeEquivalentTo(new { RowNumber = 3, FirstLine = 4, LastLine = 4 });
    }

    [Fact]
    public void Quoted_delimiters_and_doubled_quotes_are_values()
    {
        var result = CsvTestFile.Read("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n", Template);

        result.DataValues.Single().Should().Equal("x, y", "say \"hi\"");
    }

    [Fact]
    public void A_value_spanning_several_lines_gives_its_full_line_range()
    {
        var result = CsvTestFile.Read("a,b\n\"1\n2\r\n3\r4\",x\ny,z\n", Template);

        result.Rows[0].Should().BeEquivalentTo(new { RowNumber = 2, FirstLine = 2, LastLine = 5 });
        result.Rows[1].Should().BeEquivalentTo(new { RowNumber = 3, FirstLine = 6, LastLine = 6 });
    }
}
