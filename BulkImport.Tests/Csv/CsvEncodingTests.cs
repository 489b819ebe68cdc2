using System.Text;
using BulkImport.Core.Csv;

namespace BulkImport.Tests.Csv;

public class CsvEncodingTests
{
    private const string Text = "First Name,Last Name\r\nZoë,Ødegård\r\n";

    [Fact]
    public void Utf8_without_bom_is_read_as_utf8()
    {
        var result = CsvTestFile.Read(Encoding.UTF8.GetBytes(Text));

        result.File.EncodingName.Should().Be("UTF-8");
        result.Warnings.Should().BeEmpty();
        result.DataValues.Single().Should().Equal(null, "Zoë", "Ødegård", null);
    }

    [Fact]
    public void Utf8_bom_is_stripped_from_the_first_header()
    {
        var result = CsvTestFile.Read(CsvTestFile.Bytes([0xEF, 0xBB, 0xBF], Encoding.UTF8.GetBytes(Text)));

        result.File.EncodingName.Should().Be("UTF-8");
        result.File.PresentColumns.Should().Equal("First Name", "Last Name");
        result.Warnings.Should().BeEmpty("a BOM glued to 'First Name' would make it an unknown column");
        result.DataValues.Single().Should().Equal(null, "Zoë", "Ødegård", null);
    }

    [Theory]
    [InlineData("utf-16", "UTF-16LE")]
    [InlineData("utf-16BE", "UTF-16BE")]
    public void Utf16_with_bom_is_read_by_its_byte_order_mark(string encodingName, string expectedName)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        var bytes = CsvTestFile.Bytes(encoding.GetPreamble(), encoding.GetBytes(Text));

        var result = CsvTestFile.Read(bytes);

        result.Errors.Should().BeEmpty("NUL bytes are normal in UTF-16");
        result.File.EncodingName.Should().Be(expectedName);
        result.DataValues.Single().Should().Equal(null, "Zoë", "Ødegård", null);
    }

    [Fact]
    public void Utf32_with_bom_is_read_by_its_byte_order_mark()
    {
        var encoding = new UTF32Encoding(bigEndian: false, byteOrderMark: true);
        var result = CsvTestFile.Read(CsvTestFile.Bytes(encoding.GetPreamble(), encoding.GetBytes(Text)));

        result.File.EncodingName.Should().Be("UTF-32LE");
        result.DataValues.Single().Should().Equal(null, "Zoë", "Ødegård", null);
    }

    [Fact]
    public void A_file_that_is_not_valid_utf8_is_read_as_windows_1252_with_a_warning()
    {
        // "café" and "€5" in Windows-1252: 0xE9 and 0x80 are not valid UTF-8 on their own.
        var bytes = CsvTestFile.Bytes("First Name,Last Name\nCaf"u8.ToArray(), [0xE9], ",Price "u8.ToArray(), [0x80], "5\n"u8.ToArray());

        var result = CsvTestFile.Read(bytes);

        result.Errors.Should().BeEmpty();
        result.File.EncodingName.Should().Be("Windows-1252");
        result.Warnings.Should().ContainSingle().Which.Message.Should().Contain("not valid UTF-8").And.Contain("Windows-1252");
        result.DataValues.Single().Should().Equal(null, "Café", "Price €5", null);
    }

    [Fact]
    public void A_utf8_character_cut_by_the_scan_buffer_is_still_valid_utf8()
    {
        // 'é' is two bytes; pad so that it straddles the 64 KiB chunk boundary of the validity scan.
        var prefix = "First Name,Last Name\n"u8.ToArray();
        var padding = new string('a', (1 << 16) - prefix.Length - 1);
        var bytes = CsvTestFile.Bytes(prefix, Encoding.UTF8.GetBytes(padding + "é,x\n"));

        var result = CsvTestFile.Read(bytes);

        result.File.EncodingName.Should().Be("UTF-8");
        result.Warnings.Should().BeEmpty();
        result.DataValues.Single()[1].Should().EndWith("aé");
    }

    [Theory]
    [InlineData(new byte[] { 0x61 }, 0)]
    [InlineData(new byte[] { 0x61, 0xC3 }, 1)]
    [InlineData(new byte[] { 0xE2, 0x82 }, 2)]
    [InlineData(new byte[] { 0xE2, 0x82, 0xAC }, 0)]
    [InlineData(new byte[] { 0xF0, 0x9F, 0x98 }, 3)]
    [InlineData(new byte[] { 0xF0, 0x9F, 0x98, 0x80 }, 0)]
    public void The_validity_scan_carries_only_an_incomplete_trailing_character(byte[] data, int carried)
    {
        FileSniffer.IncompleteTail(data).Should().Be(carried);
    }

    [Fact]
    public void A_utf8_file_with_bom_and_invalid_bytes_stays_utf8_with_a_warning()
    {
        var bytes = CsvTestFile.Bytes([0xEF, 0xBB, 0xBF], "First Name,Last Name\nCaf"u8.ToArray(), [0xE9], ",x\n"u8.ToArray());

        var result = CsvTestFile.Read(bytes);

        result.File.EncodingName.Should().Be("UTF-8");
        result.File.PresentColumns.Should().Equal("First Name", "Last Name");
        result.Warnings.Should().ContainSingle().Which.Message.Should().Contain("not");
        result.DataValues.Single()[1].Should().Be("Caf\uFFFD");
    }
}
