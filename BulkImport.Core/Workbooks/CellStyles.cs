using System.Globalization;
using System.Xml;

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

    public static CellStyles Read(Stream part, XmlReaderSettings settings)
    {
        var codes = new Dictionary<int, string>();
        var styleFormatIds = new List<int>();
        using var reader = XmlReader.Create(part, settings);
        var inCellXfs = false;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs")
            {
                inCellXfs = false;
                continue;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "numFmt" when int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id):
                    codes[id] = reader.GetAttribute("formatCode") ?? "";
                    break;
                case "cellXfs":
                    inCellXfs = !reader.IsEmptyElement;
                    break;
                case "xf" when inCellXfs:
                    styleFormatIds.Add(int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var formatId) ? formatId : 0);
                    break;
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
