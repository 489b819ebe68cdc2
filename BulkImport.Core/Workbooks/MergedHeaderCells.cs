using System.Text;

namespace BulkImport.Core.Workbooks;

/// <summary>
/// The merged ranges that span columns of the header row (a merged header cell hides a column's name). A sheet writes
/// its merges after its rows, so they are looked for before the rows are read, by a pass over the sheet's bytes that
/// does not read them as XML: it costs unpacking the part once more (docs/decisions.md, "Excel workbooks", has the
/// measurement), and the import is refused before anything is staged.
/// </summary>
internal static class MergedHeaderCells
{
    public static List<string> Find(XmlPartReader sheet)
    {
        var ranges = new List<string>();
        while (sheet.SkipToStartElement("mergeCell"u8))
        {
            if (!sheet.TryGetAttribute("ref"u8, out var range))
            {
                continue;
            }

            var colon = range.IndexOf((byte)':');
            var first = SheetXml.ParseReference(colon < 0 ? range : range[..colon]);
            var last = colon < 0 ? first : SheetXml.ParseReference(range[(colon + 1)..]);
            if (first.Row <= 1 && last.Column > first.Column)
            {
                ranges.Add(Encoding.UTF8.GetString(range));
            }
        }

        return ranges;
    }
}
