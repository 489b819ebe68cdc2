using System.IO.Compression;
using System.Xml;
using BulkImport.Core.Csv;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BulkImport.Core.Workbooks;

/// <summary>
/// An uploaded <c>.xlsx</c> opened for import (SPEC 17): its ZIP directory checked against the unpacking limits before
/// anything is unpacked, its sheets listed, one sheet chosen, its shared strings and styles read once. The package is
/// opened with DocumentFormat.OpenXml; its parts are streamed with an <see cref="XmlPartReader"/> (docs/decisions.md,
/// "Excel workbooks", has the measurement that chose this).
/// </summary>
internal sealed class WorkbookFile : IDisposable
{
    /// <summary>A workbook is a few dozen files; a ZIP of thousands is not one.</summary>
    public const int MaxParts = 10_000;

    /// <summary>
    /// No part of a real workbook unpacks to more than this many times its packed size (sheet XML packs about 10:1, a
    /// sheet of one value repeated about 50:1); a zip bomb packs 1000:1 and more. Parts under 1 MiB are not judged.
    /// </summary>
    public const int MaxCompressionRatio = 250;

    private readonly SpreadsheetDocument document;
    private readonly Dictionary<string, (long Declared, long Packed)> entries;
    private readonly List<(string Name, WorksheetPart Part)> sheets;
    private readonly List<string> hiddenSheets;
    private SharedStrings? sharedStrings;
    private CellStyles? styles;
    private bool date1904;

    private WorkbookFile(SpreadsheetDocument document, Dictionary<string, (long, long)> entries, List<(string, WorksheetPart)> sheets, List<string> hiddenSheets)
    {
        this.document = document;
        this.entries = entries;
        this.sheets = sheets;
        this.hiddenSheets = hiddenSheets;
    }

    /// <summary>The worksheets a person sees, in workbook order (hidden sheets and chart sheets left out).</summary>
    public IReadOnlyList<string> Sheets => [.. sheets.Select(s => s.Name)];

    /// <summary>The sheet that is read: the one asked for, or the first with data.</summary>
    public string SheetName { get; private set; } = "";

    private WorksheetPart? chosen;

    /// <summary>
    /// Opens the workbook at <paramref name="path"/> and chooses <paramref name="sheet"/> (any case), or the first
    /// sheet with data when it is null. Either a workbook ready to read, or the file-level error that refuses it; a
    /// workbook refused for its sheet (not there, empty, merged header) still gives its <paramref name="sheets"/>, so the
    /// person can pick the right one (SPEC 17).
    /// </summary>
    public static (WorkbookFile? Workbook, FileMessage? Error) Open(string path, string? sheet, CsvLimits limits, out IReadOnlyList<string> sheets)
    {
        IReadOnlyList<string> listed = [];
        var opened = Open(path, limits, workbook =>
        {
            listed = workbook.Sheets;
            return workbook.Choose(sheet) ?? workbook.CheckMergedHeader();
        });
        sheets = listed;
        return opened;
    }

    /// <summary>
    /// The sheets a person may choose from (<see cref="Sheets"/>), read from the workbook part alone, with the same
    /// unpacking limits; empty when the file is not a workbook that opens (the import then says why).
    /// </summary>
    public static IReadOnlyList<string> ListSheets(string path, CsvLimits limits)
    {
        var (workbook, _) = Open(path, limits, _ => null);
        using (workbook)
        {
            return workbook?.Sheets ?? [];
        }
    }

    private static (WorkbookFile? Workbook, FileMessage? Error) Open(string path, CsvLimits limits, Func<WorkbookFile, FileMessage?> prepare)
    {
        var (entries, error) = ReadDirectory(path, limits);
        if (error is not null)
        {
            return (null, error);
        }

        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(path, false, new OpenSettings { AutoSave = false });
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or XmlException or InvalidOperationException or ArgumentException)
        {
            return (null, WorkbookMessages.NotAWorkbook("it holds no workbook part (it may be a Word or PowerPoint file, or an archive)"));
        }

        WorkbookFile? workbook = null;
        try
        {
            if (document.WorkbookPart is not { } workbookPart)
            {
                document.Dispose();
                return (null, WorkbookMessages.NotAWorkbook("it holds no workbook part"));
            }

            var root = workbookPart.Workbook;
            var visible = new List<(string, WorksheetPart)>();
            var hiddenNames = new List<string>();
            foreach (var entry in root.Sheets?.Elements<Sheet>() ?? [])
            {
                var hidden = entry.State is { } state && state.Value != SheetStateValues.Visible;
                if (entry.Id?.Value is { } id && workbookPart.TryGetPartById(id, out var part) && part is WorksheetPart worksheet)
                {
                    if (hidden)
                    {
                        hiddenNames.Add(entry.Name?.Value ?? "");
                    }
                    else
                    {
                        visible.Add((entry.Name?.Value ?? "", worksheet));
                    }
                }
            }

            workbook = new WorkbookFile(document, entries!, visible, hiddenNames) { date1904 = root.WorkbookProperties?.Date1904?.Value == true };
            var refusal = prepare(workbook);
            if (refusal is not null)
            {
                workbook.Dispose();
                return (null, refusal);
            }

            return (workbook, null);
        }
        catch (CsvFileException e)
        {
            (workbook as IDisposable ?? document).Dispose();
            return (null, e.Problem);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or XmlException or InvalidOperationException or FormatException)
        {
            (workbook as IDisposable ?? document).Dispose();
            return (null, WorkbookMessages.Damaged(e is XmlException ? e.Message : "its parts are damaged or missing"));
        }
    }

    /// <summary>The chosen sheet's rows, from the start; each call reads the sheet again.</summary>
    public SheetRecordSource OpenRows() => OpenRows(chosen ?? throw new InvalidOperationException("No sheet was chosen."));

    public void Dispose() => document.Dispose();

    private SheetRecordSource OpenRows(WorksheetPart part)
    {
        if (sharedStrings is null)
        {
            using var table = document.WorkbookPart!.SharedStringTablePart is { } tablePart ? Capped(tablePart) : null;
            sharedStrings = table is null ? SharedStrings.Empty : SharedStrings.Read(table);
        }

        if (styles is null)
        {
            using var stylesXml = document.WorkbookPart!.WorkbookStylesPart is { } stylePart ? Capped(stylePart) : null;
            styles = stylesXml is null ? CellStyles.None : CellStyles.Read(stylesXml);
        }

        return new SheetRecordSource(Capped(part), sharedStrings, styles, date1904);
    }

    /// <summary>Merged header cells refuse the sheet before a row is read (<see cref="MergedHeaderCells"/>).</summary>
    private FileMessage? CheckMergedHeader()
    {
        using var sheet = Capped(chosen!);
        var ranges = MergedHeaderCells.Find(sheet);
        return ranges.Count > 0 ? WorkbookMessages.MergedHeader(string.Join(", ", ranges)) : null;
    }

    /// <summary>
    /// The position of the sheet named <paramref name="requested"/>, in any case; else of the one whose name is it
    /// with spaces around: Excel keeps a space typed at the end of a tab's name, invisible on the tab, while the
    /// upload's field is trimmed, so "March " could never be chosen (and the refusal listed it beside "March").
    /// </summary>
    private static int FindSheet(List<string> names, string requested)
    {
        var wanted = requested.Trim();
        var exact = names.FindIndex(n => n.Equals(wanted, StringComparison.OrdinalIgnoreCase));
        return exact >= 0 ? exact : names.FindIndex(n => n.Trim().Equals(wanted, StringComparison.OrdinalIgnoreCase));
    }

    private FileMessage? Choose(string? requested)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            var match = FindSheet(sheets.Select(s => s.Name).ToList(), requested);
            if (match < 0)
            {
                // A hidden sheet is not offered, but the person asking for it by name knows it is there: say so.
                var hiddenAt = FindSheet(hiddenSheets, requested);
                var hidden = hiddenAt < 0 ? null : hiddenSheets[hiddenAt];
                return hidden is null ? WorkbookMessages.NoSuchSheet(requested.Trim(), Sheets) : WorkbookMessages.HiddenSheet(hidden, Sheets);
            }

            if (!HasData(sheets[match].Part))
            {
                return WorkbookMessages.EmptySheet(sheets[match].Name, Sheets);
            }

            (SheetName, chosen) = sheets[match];
            return null;
        }

        foreach (var (name, part) in sheets)
        {
            if (HasData(part))
            {
                (SheetName, chosen) = (name, part);
                return null;
            }
        }

        return WorkbookMessages.NoData();
    }

    /// <summary>Whether a sheet has a non-blank cell; reads it only up to the first.</summary>
    private bool HasData(WorksheetPart part)
    {
        using var rows = OpenRows(part);
        while (rows.Read())
        {
            for (var i = 0; i < rows.FieldCount; i++)
            {
                if (!CsvFieldText.IsBlank(rows.GetSpan(i)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A part read as XML, stopped at the size the ZIP directory declared for it.</summary>
    private XmlPartReader Capped(OpenXmlPart part)
    {
        var name = part.Uri.OriginalString.TrimStart('/');
        var declared = entries.TryGetValue(name, out var entry) ? entry.Declared : 0;
        return new XmlPartReader(new CappedPartStream(part.GetStream(FileMode.Open, FileAccess.Read), name, declared), name);
    }

    /// <summary>
    /// Whether the package's content types name a workbook (.xlsx, .xlsm, .xltx) as its main part; a Word or
    /// PowerPoint file, or any other ZIP, does not. The part is small and its size was checked with the others.
    /// </summary>
    private static bool IsSpreadsheet(ZipArchive zip)
    {
        if (zip.GetEntry("[Content_Types].xml") is not { } types || types.Length > 1024 * 1024)
        {
            return false;
        }

        using var reader = new StreamReader(new CappedPartStream(types.Open(), types.FullName, types.Length));
        var text = reader.ReadToEnd();
        return text.Contains("spreadsheetml.sheet.main+xml", StringComparison.OrdinalIgnoreCase)
            || text.Contains("spreadsheetml.template.main+xml", StringComparison.OrdinalIgnoreCase)
            || text.Contains("ms-excel.sheet.macroEnabled.main+xml", StringComparison.OrdinalIgnoreCase)
            || text.Contains("ms-excel.template.macroEnabled.main+xml", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The ZIP directory, checked before anything is unpacked: how many parts, what they unpack to in all, and how
    /// much each packs. What a part really gives is checked again as it is read (<see cref="CappedPartStream"/>).
    /// </summary>
    private static (Dictionary<string, (long Declared, long Packed)>? Entries, FileMessage? Error) ReadDirectory(string path, CsvLimits limits)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.Entries.Count > MaxParts)
            {
                return (null, WorkbookMessages.TooManyParts(zip.Entries.Count, MaxParts));
            }

            var entries = new Dictionary<string, (long, long)>(StringComparer.OrdinalIgnoreCase);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > limits.MaxWorkbookExpandedBytes)
                {
                    return (null, WorkbookMessages.ExpandsTooMuch(zip.Entries.Sum(e => e.Length), limits.MaxWorkbookExpandedBytes));
                }

                if (entry.Length > 1024 * 1024 && entry.Length > (long)MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                {
                    return (null, WorkbookMessages.CompressedTooMuch(entry.FullName, entry.Length, entry.CompressedLength, MaxCompressionRatio));
                }

                entries[entry.FullName] = (entry.Length, entry.CompressedLength);
            }

            return IsSpreadsheet(zip) ? (entries, null)
                : (null, WorkbookMessages.NotAWorkbook("it holds no workbook part (it may be a Word or PowerPoint file, or an archive)"));
        }
        catch (InvalidDataException)
        {
            return (null, WorkbookMessages.NotAWorkbook("its ZIP directory cannot be read (the file is damaged or cut short)"));
        }
    }
}
