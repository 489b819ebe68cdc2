using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace BulkImport.Core.Workbooks;

/// <summary>How a column of a written workbook holds its values.</summary>
public enum WorkbookColumnKind
{
    /// <summary>Text cells in a column of Excel's General format.</summary>
    General,

    /// <summary>Text cells in a column formatted as Text (@), so that what a person types there keeps its leading zeros.</summary>
    Text,

    /// <summary>Dates (MM/DD/YYYY) as date cells; anything else as text.</summary>
    Date,
}

/// <summary>
/// Writes a one-sheet .xlsx as a stream of rows: the sheet part is written as rows come, never held, and the small
/// parts around it (workbook, styles, content types) after. Used for templates (SPEC 17: ID, SSN, phone and zip
/// columns formatted as text) and by the benchmark, which writes its Client file as a workbook with shared strings,
/// as Excel saves one.
/// </summary>
public sealed class WorkbookWriter : IDisposable
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string TextStyle = "1";
    private const string DateStyle = "2";
    private const string HeaderStyle = "3";
    private const string HeaderTextStyle = "4";
    private static readonly DateOnly SerialZero = new(1899, 12, 30);

    private readonly ZipArchive zip;
    private readonly string sheetName;
    private readonly IReadOnlyList<WorkbookColumnKind> kinds;
    private readonly Dictionary<string, int>? shared;
    private readonly List<string>? sharedOrder;
    private readonly string[] columnNames;
    private Stream? sheetStream;
    private XmlWriter? sheet;
    private int row;
    private bool completed;

    /// <param name="destination">Written as a ZIP; need not be seekable.</param>
    /// <param name="sheetName">The sheet's name (at most 31 characters, as Excel allows).</param>
    /// <param name="header">The header row, written in bold.</param>
    /// <param name="kinds">Per column, how its values are written.</param>
    /// <param name="sharedStrings">Text in the shared string table (as Excel saves it) rather than in the cells.</param>
    public WorkbookWriter(Stream destination, string sheetName, IReadOnlyList<string> header, IReadOnlyList<WorkbookColumnKind> kinds, bool sharedStrings)
    {
        zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        this.sheetName = sheetName.Length > 31 ? sheetName[..31] : sheetName;
        this.kinds = kinds;
        columnNames = [.. Enumerable.Range(0, Math.Max(header.Count, kinds.Count)).Select(ColumnName)];
        if (sharedStrings)
        {
            shared = new Dictionary<string, int>(StringComparer.Ordinal);
            sharedOrder = [];
        }

        sheetStream = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
        sheet = XmlWriter.Create(sheetStream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        sheet.WriteStartDocument(true);
        sheet.WriteStartElement("worksheet", Main);
        sheet.WriteStartElement("cols");
        for (var c = 0; c < kinds.Count; c++)
        {
            sheet.WriteStartElement("col");
            Attribute("min", c + 1);
            Attribute("max", c + 1);
            sheet.WriteAttributeString("width", Math.Clamp(header.Count > c ? header[c].Length + 4 : 12, 12, 40).ToString(CultureInfo.InvariantCulture));
            sheet.WriteAttributeString("customWidth", "1");
            if (kinds[c] == WorkbookColumnKind.Text)
            {
                sheet.WriteAttributeString("style", TextStyle);
            }

            sheet.WriteEndElement();
        }

        sheet.WriteEndElement();
        sheet.WriteStartElement("sheetData");
        WriteRow(header, header: true);
    }

    /// <summary>Writes the next row; null or empty values leave their cell out.</summary>
    public void WriteRow(IReadOnlyList<string?> values) => WriteRow(values, header: false);

    /// <summary>Finishes the workbook: the sheet, then the shared strings, styles, workbook and package parts.</summary>
    public void Complete()
    {
        if (completed)
        {
            return;
        }

        completed = true;
        sheet!.WriteEndElement(); // sheetData
        sheet.WriteEndElement(); // worksheet
        sheet.WriteEndDocument();
        sheet.Dispose();
        sheetStream!.Dispose();
        sheet = null;
        if (sharedOrder is not null)
        {
            Part("xl/sharedStrings.xml", w =>
            {
                w.WriteStartElement("sst", Main);
                Attribute(w, "count", sharedOrder.Count);
                Attribute(w, "uniqueCount", sharedOrder.Count);
                foreach (var text in sharedOrder)
                {
                    w.WriteStartElement("si");
                    WriteText(w, text);
                    w.WriteEndElement();
                }

                w.WriteEndElement();
            });
        }

        Raw("xl/styles.xml",
            $"""<styleSheet xmlns="{Main}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"""
            + """<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders>"""
            + """<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5">"""
            + """<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"""
            + """<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"""
            + """<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"""
            + """<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"""
            + """<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/>"""
            + """</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>""");
        Part("xl/workbook.xml", w =>
        {
            w.WriteStartElement("workbook", Main);
            w.WriteAttributeString("xmlns", "r", null, RelationshipsNs);
            w.WriteStartElement("sheets");
            w.WriteStartElement("sheet");
            w.WriteAttributeString("name", sheetName);
            w.WriteAttributeString("sheetId", "1");
            w.WriteAttributeString("id", RelationshipsNs, "rId1");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        });
        var sharedRelationship = sharedOrder is null ? "" : """<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>""";
        Raw("xl/_rels/workbook.xml.rels",
            """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"""
            + """<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"""
            + """<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"""
            + sharedRelationship + "</Relationships>");
        Raw("_rels/.rels",
            """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        var sharedType = sharedOrder is null ? "" : """<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>""";
        Raw("[Content_Types].xml",
            """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"""
            + """<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"""
            + """<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"""
            + """<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"""
            + sharedType + "</Types>");
        zip.Dispose();
    }

    public void Dispose()
    {
        if (!completed)
        {
            sheet?.Dispose();
            sheetStream?.Dispose();
            zip.Dispose();
            completed = true;
        }
    }

    private void WriteRow(IReadOnlyList<string?> values, bool header)
    {
        var w = sheet ?? throw new InvalidOperationException("The workbook is complete.");
        row++;
        var rowText = row.ToString(CultureInfo.InvariantCulture);
        w.WriteStartElement("row");
        w.WriteAttributeString("r", rowText);
        for (var c = 0; c < values.Count && c < columnNames.Length; c++)
        {
            var value = values[c];
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            var kind = c < kinds.Count ? kinds[c] : WorkbookColumnKind.General;
            w.WriteStartElement("c");
            w.WriteAttributeString("r", columnNames[c] + rowText);
            if (!header && kind == WorkbookColumnKind.Date
                && DateOnly.TryParseExact(value, "MM/dd/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                w.WriteAttributeString("s", DateStyle);
                w.WriteElementString("v", (date.DayNumber - SerialZero.DayNumber).ToString(CultureInfo.InvariantCulture));
                w.WriteEndElement();
                continue;
            }

            var style = header ? (kind == WorkbookColumnKind.Text ? HeaderTextStyle : HeaderStyle) : kind == WorkbookColumnKind.Text ? TextStyle : null;
            if (style is not null)
            {
                w.WriteAttributeString("s", style);
            }

            if (shared is not null)
            {
                if (!shared.TryGetValue(value, out var index))
                {
                    shared[value] = index = sharedOrder!.Count;
                    sharedOrder.Add(value);
                }

                w.WriteAttributeString("t", "s");
                w.WriteElementString("v", index.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                w.WriteAttributeString("t", "inlineStr");
                w.WriteStartElement("is");
                WriteText(w, value);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    /// <summary>A &lt;t&gt; element; characters XML cannot hold are written as SpreadsheetML's _xHHHH_ escapes.</summary>
    private static void WriteText(XmlWriter w, string text)
    {
        w.WriteStartElement("t");
        if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
        {
            w.WriteAttributeString("xml", "space", null, "preserve");
        }

        w.WriteString(Escape(text));
        w.WriteEndElement();
    }

    private static string Escape(string text)
    {
        var valid = true;
        foreach (var c in text)
        {
            if (!XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))
            {
                valid = false;
                break;
            }
        }

        if (valid)
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            result.Append(XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c.ToString() : $"_x{(int)c:X4}_");
        }

        return result.ToString();
    }

    private void Attribute(string name, int value) => Attribute(sheet!, name, value);

    private static void Attribute(XmlWriter w, string name, int value) => w.WriteAttributeString(name, value.ToString(CultureInfo.InvariantCulture));

    private void Part(string name, Action<XmlWriter> write)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        w.WriteStartDocument(true);
        write(w);
        w.WriteEndDocument();
    }

    private void Raw(string name, string xml)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        var bytes = Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" + xml);
        stream.Write(bytes);
    }

    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}
