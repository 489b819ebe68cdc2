namespace BulkImport.Core.Workbooks;

/// <summary>
/// The number format of each cell style (the <c>s</c> attribute of a cell indexes <c>cellXfs</c>), read from the
/// styles part. Parsed once per distinct format, so a million cells cost an array lookup each.
/// </summary>
internal sealed class CellStyles
{
    private readonly NumberFormat[] formats;

    private CellStyles(NumberFormat[] formats) => this.formats = formats;

    public static CellStyles None { get; } = new([]);

    public NumberFormat FormatOf(int styleIndex) =>
        (uint)styleIndex < (uint)formats.Length ? formats[styleIndex] : NumberFormat.General;

    public static CellStyles Read(XmlPartReader reader)
    {
        var codes = new Dictionary<int, string>();
        var styleFormatIds = new List<int>();
        var inCellXfs = false;
        while (reader.Read())
        {
            if (reader.IsEnd("cellXfs"u8))
            {
                inCellXfs = false;
            }
            else if (reader.IsStart("numFmt"u8))
            {
                if (reader.TryGetAttribute("numFmtId"u8, out var id) && SheetXml.TryParseIndex(id, out var formatId))
                {
                    codes[formatId] = reader.GetAttribute("formatCode"u8) ?? "";
                }
            }
            else if (reader.IsStart("cellXfs"u8))
            {
                inCellXfs = true;
            }
            else if (inCellXfs && reader.IsStart("xf"u8))
            {
                styleFormatIds.Add(reader.TryGetAttribute("numFmtId"u8, out var id) && SheetXml.TryParseIndex(id, out var formatId) ? formatId : 0);
            }
        }

        var parsed = new Dictionary<int, NumberFormat>();
        var formats = new NumberFormat[styleFormatIds.Count];
        for (var i = 0; i < formats.Length; i++)
        {
            var id = styleFormatIds[i];
            if (!parsed.TryGetValue(id, out var format))
            {
                parsed[id] = format = NumberFormat.Parse(codes.TryGetValue(id, out var code) ? code : NumberFormat.BuiltInCode(id));
            }

            formats[i] = format;
        }

        return new CellStyles(formats);
    }
}
