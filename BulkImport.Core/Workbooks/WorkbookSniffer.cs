using BulkImport.Core.Csv;

namespace BulkImport.Core.Workbooks;

/// <summary>
/// What a file that starts like a ZIP or an OLE compound file is (content decides, never the extension): a ZIP may be
/// an .xlsx and is opened as one (<see cref="WorkbookFile"/> refuses any other ZIP); an OLE file is a legacy .xls, an
/// encrypted workbook (Office encrypts an .xlsx into an OLE file holding an <c>EncryptionInfo</c> stream), or another
/// old Office document, each refused with its own message (SPEC 17).
/// </summary>
internal static class WorkbookSniffer
{
    private static ReadOnlySpan<byte> ZipMagic => "PK\x03\x04"u8;

    private static ReadOnlySpan<byte> OleMagic => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static bool IsZip(ReadOnlySpan<byte> head) => head.StartsWith(ZipMagic);

    public static bool IsOle(ReadOnlySpan<byte> head) => head.StartsWith(OleMagic[..4]);

    /// <summary>
    /// The refusal of an OLE file. Its directory names its streams in UTF-16: "EncryptionInfo" for an encrypted
    /// workbook, "Workbook" (or "Book", Excel 5) for an .xls. The names are looked for in the whole file, in one pass:
    /// the directory may be anywhere in it.
    /// </summary>
    public static FileMessage RefuseOle(Stream stream)
    {
        var encryptionInfo = Utf16("EncryptionInfo");
        var workbook = Utf16("Workbook");
        var book = Utf16("Book\0");
        var keep = encryptionInfo.Length;
        var buffer = new byte[(1 << 16) + keep];
        var carried = 0;
        var isXls = false;
        stream.Position = 0;
        int read;
        while ((read = stream.Read(buffer, carried, buffer.Length - carried)) > 0)
        {
            var window = buffer.AsSpan(0, carried + read);
            if (window.IndexOf(encryptionInfo) >= 0)
            {
                return WorkbookMessages.Encrypted();
            }

            isXls |= window.IndexOf(workbook) >= 0 || window.IndexOf(book) >= 0;
            carried = Math.Min(keep, window.Length);
            window[^carried..].CopyTo(buffer);
        }

        return isXls ? WorkbookMessages.LegacyXls() : WorkbookMessages.OtherOle();
    }

    private static byte[] Utf16(string name) => System.Text.Encoding.Unicode.GetBytes(name);
}
