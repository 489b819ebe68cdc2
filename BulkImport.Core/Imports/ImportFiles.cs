using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace BulkImport.Core.Imports;

/// <summary>
/// Stores uploads under the data folder with generated names (never the client's file name in a path),
/// streaming them with the size limit enforced as bytes arrive.
/// </summary>
public sealed class ImportFiles(IOptions<ImportOptions> options)
{
    private readonly ImportOptions _options = options.Value;

    public sealed record StoredFile(string StoredFileName, long Size, string Sha256);

    public async Task<StoredFile> StoreAsync(Stream content, CancellationToken ct)
    {
        Directory.CreateDirectory(_options.UploadsFolder);
        var storedName = Guid.NewGuid().ToString("N") + ".csv";
        var path = Path.Combine(_options.UploadsFolder, storedName);
        // 1 MiB at a time: a quarter-gigabyte upload in a few hundred writes rather than thousands.
        var buffer = new byte[1 << 20];
        long size = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, useAsync: true);
            int read;
            // Filled before each write: a request body arrives in small pieces, and an unbuffered file would get one write each.
            while ((read = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct)) > 0)
            {
                size += read;
                if (size > _options.MaxFileBytes)
                {
                    throw TooLarge(_options.MaxFileBytes);
                }

                hash.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        return new StoredFile(storedName, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>The refusal of an upload over the size limit (413), naming the limit.</summary>
    public static ImportProblem TooLarge(long limit) =>
        new(413, "File too large", $"The file is larger than the {FormatBytes(limit)} limit. Split it into smaller files and import each one.");

    public void Delete(StoredFile file) => File.Delete(Path.Combine(_options.UploadsFolder, file.StoredFileName));

    public string PathOf(Import import) => Path.Combine(_options.UploadsFolder, import.StoredFileName);

    /// <summary>
    /// Where <paramref name="file"/> is stored, for reading it before its import exists (the wizard lists a workbook's
    /// sheets): through this service, whose folder is the app's, never rebuilt from options elsewhere.
    /// </summary>
    public string PathOf(StoredFile file) => Path.Combine(_options.UploadsFolder, file.StoredFileName);

    /// <summary>The sheets of a stored workbook in workbook order (SPEC 17), read with the app's unpacking limit; empty for any other file.</summary>
    public IReadOnlyList<string> SheetsOf(StoredFile file) => Workbooks.WorkbookSheets.Of(PathOf(file), _options.MaxWorkbookExpandedBytes);

    /// <summary>Deletes the stored upload of <paramref name="import"/>, if it is still there.</summary>
    public void Delete(Import import) => Delete(import.StoredFileName);

    /// <summary>Deletes a stored upload by its generated name, if it is still there.</summary>
    public void Delete(string storedFileName) => File.Delete(Path.Combine(_options.UploadsFolder, storedFileName));

    /// <summary>A size as a limit is stated: MiB, or KiB and bytes for small limits (tests and tight installations).</summary>
    public static string FormatBytes(long bytes) => bytes switch
    {
        >= 1024 * 1024 => bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024):N0} MiB" : $"{bytes / 1024.0 / 1024.0:N1} MiB",
        >= 1024 => bytes % 1024 == 0 ? $"{bytes / 1024:N0} KiB" : $"{bytes / 1024.0:N1} KiB",
        _ => bytes == 1 ? "1 byte" : $"{bytes:N0} bytes",
    };
}
