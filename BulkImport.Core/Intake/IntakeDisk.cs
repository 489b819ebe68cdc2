using System.Security.Cryptography;

namespace BulkImport.Core.Intake;

/// <summary>
/// The files of a watched folder on disk: written whole or not at all, told apart from a file of the same name, and
/// known by their content (SPEC section 19).
/// </summary>
internal static class IntakeDisk
{
    /// <summary>Writes a file whole: to a temporary name first, so nobody reads half of it and a repeat replaces it.</summary>
    public static async Task WriteWholeAsync(string path, Func<Stream, Task> write, CancellationToken ct)
    {
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, useAsync: true))
        {
            await write(stream);
            await stream.FlushAsync(ct);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static string Sha256Of(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>The name a file had before <see cref="UniquePath"/> told it from another of the same name ("a (2).csv" was "a.csv").</summary>
    public static string OriginalName(string storedName)
    {
        var match = System.Text.RegularExpressions.Regex.Match(storedName, @"^(?<stem>.+) \(\d+\)(?<ext>\.[^.]*)?$");
        return match.Success ? match.Groups["stem"].Value + match.Groups["ext"].Value : storedName;
    }

    /// <summary>
    /// <paramref name="name"/> in <paramref name="folder"/>, or "name (2).csv" and so on when that is taken on disk or by
    /// one of the names <paramref name="reserved"/> (another file's finish decided on but not yet done).
    /// </summary>
    public static string UniquePath(string folder, string name, IReadOnlySet<string>? reserved = null)
    {
        var path = Path.Combine(folder, name);
        var stem = Path.GetFileNameWithoutExtension(name);
        var extension = Path.GetExtension(name);
        for (var n = 2; File.Exists(path) || File.Exists(path + ".results.csv") || File.Exists(path + ".errors.txt")
            || reserved?.Contains(Path.GetFileName(path)) == true; n++)
        {
            path = Path.Combine(folder, $"{stem} ({n}){extension}");
        }

        return path;
    }
}
