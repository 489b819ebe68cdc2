using System.IO.Compression;
using System.Text;
using BulkImport.Core.Csv;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BulkImport.Tests.Workbooks;

/// <summary>SPEC 17's refusals: each a clear file-level message, nothing read.</summary>
public sealed class WorkbookBadInputTests
{
    private static FileMessage SingleError(byte[] bytes, CsvLimits? limits = null)
    {
        var (file, _, failure) = WorkbookReadTests.Read(bytes, limits: limits);
        return failure?.Problem ?? file.Errors.Should().ContainSingle().Subject;
    }

    /// <summary>An OLE compound file's header and a directory entry naming <paramref name="stream"/> (UTF-16), as Office writes it.</summary>
    private static byte[] Ole(string stream)
    {
        var bytes = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);
        Encoding.Unicode.GetBytes("Root Entry").CopyTo(bytes, 1024);
        Encoding.Unicode.GetBytes(stream + "\0").CopyTo(bytes, 1024 + 128);
        return bytes;
    }

    [Fact]
    public void A_legacy_xls_is_refused_with_save_it_as_xlsx_or_csv() =>
        SingleError(Ole("Workbook")).Message.Should().Be("This is an Excel 97-2003 workbook (.xls), which the importer does not read. Save it as .xlsx or CSV and upload it again.");

    [Fact]
    public void An_encrypted_workbook_is_refused_as_password_protected()
    {
        var encrypted = Ole("EncryptionInfo");
        Encoding.Unicode.GetBytes("EncryptedPackage\0").CopyTo(encrypted, 1024 + 256);
        SingleError(encrypted).Message.Should().StartWith("This workbook is password-protected; save it without a password");
    }

    [Fact]
    public void Another_OLE_file_is_refused() =>
        SingleError(Ole("WordDocument")).Message.Should().StartWith("This is an old-style Office file (Word, PowerPoint or another OLE document), not an Excel workbook.");

    [Fact]
    public void A_zip_that_is_not_a_workbook_is_refused()
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("clients.csv").Open());
            writer.Write("ID,Name\r\n1,Ann\r\n");
        }

        SingleError(memory.ToArray()).Message.Should().StartWith("This is a ZIP file but not an Excel workbook (.xlsx)");
    }

    [Fact]
    public void A_word_document_is_refused_as_not_a_workbook()
    {
        using var memory = new MemoryStream();
        using (var document = WordprocessingDocument.Create(memory, WordprocessingDocumentType.Document))
        {
            document.AddMainDocumentPart().Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new DocumentFormat.OpenXml.Wordprocessing.Body());
        }

        SingleError(memory.ToArray()).Message.Should().StartWith("This is a ZIP file but not an Excel workbook (.xlsx)");
    }

    [Fact]
    public void A_workbook_with_no_data_is_refused()
    {
        var book = new TestWorkbook();
        book.Sheet("Sheet1");
        book.Sheet("Sheet2").Row(3, TestCell.Inline("  "));
        SingleError(book.ToBytes()).Message.Should().StartWith("The workbook has no data: every sheet is empty.");
    }

    [Fact]
    public void A_header_without_data_rows_gets_the_CSV_message()
    {
        var book = new TestWorkbook();
        book.Sheet("Sheet1").Row(1, "ID", "Name");
        SingleError(book.ToBytes()).Message.Should().Be("The file has no data rows. Add at least one row under the header and upload it again.");
    }

    [Fact]
    public void Merged_header_cells_are_refused()
    {
        var book = new TestWorkbook();
        book.Sheet("Sheet1").Row(1, "ID", null, "Name").Row(2, "1", null, "Ann").Merge("A1:B1");
        var error = SingleError(book.ToBytes());
        error.Message.Should().StartWith("Cells A1:B1 of row 1 are merged; row 1 must hold the column names, each in a cell of its own.");
        error.RowNumber.Should().Be(1);
    }

    [Fact]
    public void A_merged_title_above_the_header_is_refused_saying_to_delete_the_title()
    {
        // The usual merged row 1 is a report's title over the table, not its header: "unmerge and name each column"
        // alone sent the person the wrong way.
        var book = new TestWorkbook();
        book.Sheet("Sheet1").Row(1, "Clients - January 2026").Row(2, "ID", "Name").Row(3, "1", "Ann").Merge("A1:B1");
        SingleError(book.ToBytes()).Message.Should().Contain("If row 1 is a title above the column names, delete it so that they are row 1");
    }

    [Fact]
    public void Merged_header_cells_refuse_the_file_when_it_is_opened_before_any_row_is_read()
    {
        // The sheet writes its merges after its rows: they are looked for first, so staging never starts.
        var book = new TestWorkbook();
        var sheet = book.Sheet("Sheet1").Row(1, "ID", null, "Name");
        for (var row = 2; row <= 2_000; row++)
        {
            sheet.Row(row, row.ToString(System.Globalization.CultureInfo.InvariantCulture), null, "Ann");
        }

        sheet.Merge("A1:B1");
        var (file, rows, failure) = WorkbookReadTests.Read(book.ToBytes());

        file.Errors.Should().ContainSingle().Which.Message.Should().StartWith("Cells A1:B1 of row 1 are merged");
        failure.Should().BeNull();
        rows.Should().BeEmpty();
        file.PresentColumns.Should().BeEmpty("the header was not even read");
    }

    [Fact]
    public void Merged_cells_below_the_header_are_read_as_Excel_shows_them()
    {
        var book = new TestWorkbook();
        // Excel keeps the value of a merged range in its first cell only.
        book.Sheet("Sheet1").Row(1, "ID", "Name").Row(2, "1", "Ann").Row(3, "2").Merge("B2:B3");
        var (file, rows, failure) = WorkbookReadTests.Read(book.ToBytes());
        failure.Should().BeNull();
        file.Errors.Should().BeEmpty();
        rows.Select(r => r.Values[1]).Should().Equal("Ann", "");
    }

    [Fact]
    public void A_sheet_of_1048576_rows_is_over_the_row_limit_with_the_CSV_message()
    {
        // Excel's whole sheet, streamed by the SDK's writer as Excel would save it.
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var part = workbookPart.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(part))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                writer.WriteStartElement(new Row { RowIndex = 1 });
                writer.WriteElement(new Cell(new InlineString(new Text("ID"))) { DataType = CellValues.InlineString });
                writer.WriteEndElement();
                for (var r = 2; r <= 1_048_576; r++)
                {
                    writer.WriteStartElement(new Row());
                    writer.WriteElement(new Cell(new CellValue(r)));
                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            workbookPart.Workbook = new Workbook(new Sheets(new Sheet { Name = "Sheet1", SheetId = 1, Id = workbookPart.GetIdOfPart(part) }));
        }

        var error = SingleError(memory.ToArray());
        error.Message.Should().Be("The file has more than 1,000,000 data rows, the limit for one import. Split it into files of at most 1,000,000 rows and upload them one by one.");
        error.RowNumber.Should().Be(1_000_002);
    }

    [Fact]
    public void A_workbook_that_unpacks_to_more_than_the_cap_is_refused_before_it_is_read()
    {
        var book = new TestWorkbook();
        book.Sheet("Sheet1").Row(1, "ID", "Name").Row(2, "1", "Ann");
        SingleError(book.ToBytes(), new CsvLimits { MaxWorkbookExpandedBytes = 2000 }).Message.Should()
            .StartWith("This workbook unpacks to").And.Contain("Import:MaxWorkbookExpandedBytes");
    }

    [Fact]
    public void A_zip_bomb_part_is_refused_by_its_compression_ratio()
    {
        var bytes = new TestWorkbook().Tap(b => b.Sheet("Sheet1").Row(1, "ID").Row(2, "1")).ToBytes();
        using var memory = new MemoryStream();
        memory.Write(bytes);
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Update, leaveOpen: true))
        {
            var sheet = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
            var name = sheet.FullName;
            sheet.Delete();
            using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            var head = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            stream.Write(head);
            var spaces = new byte[1 << 20];
            spaces.AsSpan().Fill((byte)' ');
            for (var i = 0; i < 64; i++)
            {
                stream.Write(spaces);
            }

            stream.Write(Encoding.UTF8.GetBytes("</sheetData></worksheet>"));
        }

        SingleError(memory.ToArray()).Message.Should().Contain("a \"zip bomb\" does").And.Contain("xl/worksheets/");
    }

    [Fact]
    public void A_part_that_unpacks_to_more_than_its_declared_size_is_refused_without_unpacking_more()
    {
        // The declared sizes pass every check (they are what a zip bomb lies about); what unpacks is capped at them.
        var bytes = new TestWorkbook().Tap(b => b.Sheet("Sheet1").Row(1, "ID", "Name").Row(2, "1", "Ann").Row(3, "2", "Bob")).ToBytes();
        string name;
        using (var zip = new ZipArchive(new MemoryStream(bytes)))
        {
            name = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).FullName;
        }

        var part = Encoding.ASCII.GetBytes(name);
        var lied = 0;
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var local = bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 3 && bytes[i + 3] == 4;
            var central = bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 1 && bytes[i + 3] == 2;
            var (sizeAt, nameLengthAt, nameAt) = local ? (22, 26, 30) : central ? (24, 28, 46) : (0, 0, 0);
            if (sizeAt == 0 || i + nameAt + part.Length > bytes.Length || BitConverter.ToUInt16(bytes, i + nameLengthAt) != part.Length || !bytes.AsSpan(i + nameAt, part.Length).SequenceEqual(part))
            {
                continue;
            }

            BitConverter.GetBytes(40u).CopyTo(bytes, i + sizeAt); // the sheet's XML is several hundred bytes
            lied++;
        }

        lied.Should().Be(2, "the sheet part has a local header and a central directory entry");
        // .NET's ZIP reader stops unpacking at the declared size, so no byte beyond it is read: the part ends cut short,
        // and the refusal names it and says what to do (CappedPartStream remains the guard should a reader not stop).
        SingleError(bytes).Message.Should().StartWith($"This workbook cannot be read: its part '{name}' is not valid XML")
            .And.EndWith("save it again as .xlsx (or CSV) and upload it again.");
    }

    [Fact]
    public void A_cell_showing_a_shared_string_the_table_lacks_refuses_the_workbook_naming_the_cell()
    {
        // A damaged or hand-made workbook: read as blank, the cell's text would be lost without a word (a name
        // "required", a header row "blank"); Excel calls the file damaged too.
        var bytes = new TestWorkbook().Tap(b => b.Sheet("Sheet1").Row(1, "ID", "Name").Row(2, "1", "Ann")).ToBytes();
        using var memory = new MemoryStream();
        memory.Write(bytes);
        using (var document = SpreadsheetDocument.Open(memory, true))
        {
            var table = document.WorkbookPart!.SharedStringTablePart!.SharedStringTable;
            table.Elements<SharedStringItem>().Last().Remove(); // "Ann", the last string written
            table.Save();
        }

        var error = SingleError(memory.ToArray());
        error.Message.Should().StartWith("This workbook cannot be read: cell B2 shows shared string 3, but the workbook's table of shared strings holds 3, so its text is lost.");
    }

    [Fact]
    public void A_workbook_whose_cells_show_shared_strings_without_a_table_is_refused_rather_than_read_as_blank()
    {
        var bytes = new TestWorkbook().Tap(b => b.Sheet("Sheet1").Row(1, "ID", "Name").Row(2, "1", "Ann")).ToBytes();
        using var memory = new MemoryStream();
        memory.Write(bytes);
        using (var document = SpreadsheetDocument.Open(memory, true))
        {
            document.WorkbookPart!.DeletePart(document.WorkbookPart.SharedStringTablePart!);
        }

        SingleError(memory.ToArray()).Message.Should().StartWith("This workbook cannot be read: cell A1 shows shared string 0, but the workbook's table of shared strings holds none");
    }
}

internal static class TestWorkbookExtensions
{
    public static TestWorkbook Tap(this TestWorkbook book, Action<TestWorkbook> build)
    {
        build(book);
        return book;
    }
}
