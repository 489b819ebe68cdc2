namespace BulkImport.Core.Imports;

/// <summary>
/// The name shown for an upload: the last part of any path (either slash), without control or invisible formatting
/// characters (NUL, bidi overrides that disguise "exe.csv" as "csv.exe", zero-width spaces), at most
/// <see cref="MaxLength"/> characters. It is only ever shown (pages encode it); the stored file has a generated name.
/// </summary>
public static class SafeFileName
{
    /// <summary>The longest file name shown; longer names are shortened in the middle, keeping the extension.</summary>
    public const int MaxLength = 200;

    public static string Of(string? name)
    {
        var baseName = (name ?? "").Replace('\\', '/');
        baseName = baseName[(baseName.LastIndexOf('/') + 1)..];
        var clean = new string(baseName.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format).ToArray()).Trim();
        if (clean.Length == 0 || clean is "." or "..")
        {
            clean = "upload.csv";
        }

        if (clean.Length <= MaxLength)
        {
            return clean;
        }

        var extension = Path.GetExtension(clean);
        extension = extension.Length is > 1 and <= 10 ? extension : "";
        return clean[..(MaxLength - extension.Length - 1)] + "…" + extension;
    }
}
