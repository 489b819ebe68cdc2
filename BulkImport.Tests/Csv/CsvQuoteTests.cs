using System.Text;
using BulkImport.Core.Csv;

namespace BulkImport.Tests.Csv;

public class CsvQuoteTests
{
    private static readonly string[] Template = ["a", "b", "c"];

    [Fact]
    public void An_unterminated_quote_stops_the_file_naming_the_row_where_it_opens()
    {
        var result = CsvTestFile.Read("a,b,c\n1,2,3\n\n4,\"open,6\n7,8,9\n10,11,12\n", Template);

        result.Errors.Should().BeEmpty();
        result.Rows.Should().ContainSingle("row 2 was read; blank row 3 would only count if data followed it");
        result.Failure.Should().NotBeNull();
        result.Failure!.Problem.Should().Be(new FileMessage(
            "Unterminated quote: the quoted value in column 'b' that opens on row 4 (line 4) never closes. Check for a missing closing quote (\") and upload again.",
            4, "b"));
    }

    [Fact]
    public void An_unterminated_quote_after_a_multiline_value_names_the_physical_line()
    {
        var result = CsvTestFile.Read("a,b,c\n1,\"x\ny\",3\n4,5,\"open\n", Template);

        result.Failure!.Message.Should().Contain("opens on row 3 (line 4)");
    }

    [Fact]
    public void An_unterminated_quote_in_the_first_data_row_is_a_file_error_at_open()
    {
        var result = CsvTestFile.Read("a,b,c\n\"1,2,3\n", Template);

        result.Errors.Should().ContainSingle().Which.Message.Should().StartWith("Unterminated quote: the quoted value in column 'a' that opens on row 2 (line 2) never closes.");
    }

    [Fact]
    public void An_unterminated_quote_in_the_header_is_a_file_error_at_open()
    {
        var result = CsvTestFile.Read("a,\"b,c\n1,2,3\n", Template);

        result.Errors.Should().ContainSingle().Which.Message.Should().StartWith("Unterminated quote: the quoted value that opens on row 1 (line 1) never closes.");
    }

    [Fact]
    public void A_runaway_quote_in_a_large_file_fails_fast_at_the_record_size_limit()
    {
        var text = new StringBuilder("a,b,c\n1,2,3\n4,\"runaway,6\n");
        var line = "lorem ipsum dolor sit amet,consectetur,adipiscing\n";
        while (text.Length < 40 * 1024 * 1024)
        {
            text.Append(line);
        }

        var path = CsvTestFile.WriteTemp(Encoding.UTF8.GetBytes(text.ToString()));
        try
        {
            var limits = new CsvLimits { MaxRecordBytes = 256 * 1024 };
            using var file = ParsedFile.Open(path, Template, [], limits);
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

            var read = () => file.Rows().ToList();

            read.Should().Throw<CsvFileException>().Which.Problem.Should().Be(new FileMessage(
                "Unterminated quote: row 3 (line 3) runs past 256 KB, the limit for one row, so a quoted value that opens on it probably never closes. Check for a missing closing quote (\") and upload again.",
                3));
            // Allocations, not time: a loaded machine is slow, not wrong. Reading the 40 MB into one value would allocate 80 MB and more.
            (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore).Should().BeLessThan(8L * 1024 * 1024, "it stops at the limit instead of reading 40 MB into one value");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_complete_row_over_the_record_limit_is_refused_naming_its_size()
    {
        var result = CsvTestFile.Read($"a,b,c\n1,2,3\n4,\"{new string('x', 1500)}\",6\n7,8,9\n", Template, limits: new CsvLimits { MaxRecordBytes = 1000 });

        result.Rows.Should().ContainSingle();
        result.Failure!.Problem.Should().Be(new FileMessage(
            "Row 3 is 1.5 KB long; the limit for one row is 1,000 bytes. Shorten its values and upload again.", 3));
    }

    [Fact]
    public void A_record_far_over_the_limit_is_refused_as_a_probable_runaway_quote()
    {
        var result = CsvTestFile.Read($"a,b,c\n1,2,3\n4,{new string('x', 5000)},6\n7,8,9\n", Template, limits: new CsvLimits { MaxRecordBytes = 1000 });

        result.Failure!.Problem.Message.Should().StartWith("Unterminated quote: row 3 (line 3) runs past 1,000 bytes");
    }

    [Fact]
    public void A_stray_quote_inside_an_unquoted_value_is_kept_literally_and_the_row_stays_aligned()
    {
        var result = CsvTestFile.Read("a,b,c\n37°36'37.8\"N,5\" tall,x\"\n2,3,4\n", Template);

        result.DataValues.Should().HaveCount(2);
        result.DataValues[0].Should().Equal("37°36'37.8\"N", "5\" tall", "x\"");
        result.DataValues[1].Should().Equal("2", "3", "4");
        result.Rows.Should().OnlyContain(r => r.Problems.Count == 0);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x?\"&A1)")]
    [InlineData("=1+2\";=1+2")]
    [InlineData("say \"hi\"")]
    public void Quotes_inside_an_unquoted_formula_like_value_are_kept_as_text(string value)
    {
        var result = CsvTestFile.Read($"a,b,c\n{value},2,3\n", Template);

        result.DataValues.Single().Should().Equal(value, "2", "3");
    }

    [Fact]
    public void Spaces_around_a_quoted_value_do_not_turn_its_quotes_into_text()
    {
        var result = CsvTestFile.Read("a,b,c\n\"John\", \"Smith, Jr\" ,\t\"x\"\n", Template);

        result.DataValues.Single().Should().Equal("John", "Smith, Jr", "x");
    }

    [Fact]
    public void Text_after_a_closing_quote_is_appended_to_the_value()
    {
        var result = CsvTestFile.Read("a,b,c\n\"ab\"c,2,3\n", Template);

        result.DataValues.Single().Should().Equal("abc", "2", "3");
    }

    [Fact]
    public void A_quoted_value_may_hold_an_escaped_quote_next_to_a_line_break()
    {
        var result = CsvTestFile.Read("a,b,c\n\"\"\"\n\"\"\",2,3\n", Template);

        result.DataValues.Single()[0].Should().Be("\"\n\"");
    }
}
