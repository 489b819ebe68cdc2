using System.Text;
using BulkImport.Core.Csv;

namespace BulkImport.Tests.Workbooks;

/// <summary>
/// "Export to Excel" files that are really HTML or an Excel 2003 XML Spreadsheet, usually named .xls: refused by the
/// sniffer with a message saying what the file is and to save it as .xlsx or CSV, whatever its name (content decides).
/// </summary>
public sealed class MarkupExportTests
{
    private const string HtmlMessage = "This is a web page (an HTML table), not a workbook, although Excel opens it: programs that \"export to Excel\" often save one with an .xls name. "
        + "Save it as .xlsx or CSV (open it in Excel, then File > Save As) and upload it again.";

    private const string XmlMessage = "This is an Excel 2003 XML Spreadsheet (an XML file, often named .xls), which the importer does not read. "
        + "Save it as .xlsx or CSV (open it in Excel, then File > Save As) and upload it again.";

    /// <summary>What Excel itself writes for "Save as Web Page", and many reporting tools copy for their .xls exports.</summary>
    private const string ExcelHtml = """
        <html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">
        <head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><style>td { mso-number-format:"\@"; }</style></head>
        <body><table><tr><td>First Name</td><td>Last Name</td></tr><tr><td>Ann</td><td>Lee</td></tr></table></body>
        </html>
        """;

    private const string XmlSpreadsheet = """
        <?xml version="1.0"?>
        <?mso-application progid="Excel.Sheet"?>
        <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office"
         xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
         <Worksheet ss:Name="Clients"><Table>
          <Row><Cell><Data ss:Type="String">First Name</Data></Cell><Cell><Data ss:Type="String">Last Name</Data></Cell></Row>
          <Row><Cell><Data ss:Type="String">Ann</Data></Cell><Cell><Data ss:Type="String">Lee</Data></Cell></Row>
         </Table></Worksheet>
        </Workbook>
        """;

    private static SniffResult Sniff(byte[] bytes, string fileName)
    {
        var folder = Directory.CreateTempSubdirectory("bulkimport-markup-");
        try
        {
            var path = Path.Combine(folder.FullName, fileName);
            File.WriteAllBytes(path, bytes);
            return FileSniffer.Sniff(path, new CsvLimits());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Theory]
    [InlineData("report.xls")]
    [InlineData("report.csv")]
    [InlineData("report")]
    public void An_html_export_is_refused_as_a_web_page_whatever_its_name(string fileName)
    {
        var sniff = Sniff(Utf8(ExcelHtml), fileName);

        sniff.Error.Should().NotBeNull();
        sniff.Error!.Message.Should().Be(HtmlMessage);
        sniff.IsWorkbook.Should().BeFalse();
    }

    [Theory]
    [InlineData("<!DOCTYPE html>\r\n<html><body><table><tr><td>First Name</td></tr></table></body></html>")]
    [InlineData("\r\n  <table border=\"1\">\n<tr><th>First Name</th><th>Last Name</th></tr>\n<tr><td>Ann</td><td>Lee</td></tr>\n</table>")]
    [InlineData("<meta charset=\"utf-8\"><TABLE><TR><TD>First Name</TD></TR></TABLE>")]
    public void A_bare_table_or_a_doctype_page_is_html_too(string html) =>
        Sniff(Utf8(html), "export.xls").Error!.Message.Should().Be(HtmlMessage);

    [Fact]
    public void An_html_export_in_utf16_with_a_byte_order_mark_is_recognised_in_its_encoding()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(ExcelHtml)).ToArray();

        Sniff(bytes, "report.xls").Error!.Message.Should().Be(HtmlMessage);
    }

    [Theory]
    [InlineData("export.xls")]
    [InlineData("export.xml")]
    [InlineData("export.csv")]
    public void An_excel_2003_xml_spreadsheet_is_refused_as_such_whatever_its_name(string fileName)
    {
        var withBom = Encoding.UTF8.GetPreamble().Concat(Utf8(XmlSpreadsheet)).ToArray();

        Sniff(Utf8(XmlSpreadsheet), fileName).Error!.Message.Should().Be(XmlMessage);
        Sniff(withBom, fileName).Error!.Message.Should().Be(XmlMessage);
    }

    [Fact]
    public void Other_xml_is_left_to_the_csv_reader_which_says_what_it_finds()
    {
        var sniff = Sniff(Utf8("<?xml version=\"1.0\"?>\n<clients><client name=\"Ann\"/></clients>\n"), "clients.xls");

        sniff.Error.Should().BeNull("only the two Excel exports are recognised here");
    }

    [Theory]
    [InlineData("First Name,Last Name,Notes\r\nAnn,Lee,<table><tr><td>x</td></tr></table>\r\n")]
    [InlineData("First Name,Last Name\r\n<html>,<b>Lee</b>\r\n")]
    public void A_csv_with_markup_in_its_cells_is_read_as_csv(string csv)
    {
        var sniff = Sniff(Utf8(csv), "clients.csv");

        sniff.Error.Should().BeNull("markup in a cell is text (BAD-INPUTS 45), only a file that starts with a tag is markup");
        sniff.EncodingName.Should().Be("UTF-8");
    }

    [Fact]
    public void An_html_export_opened_for_import_fails_with_this_one_message_not_the_spaces_one()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bulkimport-markup-{Guid.NewGuid():N}.xls");
        File.WriteAllText(path, ExcelHtml);
        try
        {
            using var file = ParsedFile.Open(path, ["First Name", "Last Name"], ["First Name", "Last Name"], new CsvLimits());

            file.Errors.Select(e => e.Message).Should().Equal(HtmlMessage);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
