using System.Globalization;
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
        var buffer = new byte[81920];
        long size = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                size += read;
                if (size > _options.MaxFileBytes)
                {
                    throw TooLarge();
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

    /// <summary>The answer to an upload over <see cref="ImportOptions.MaxFileBytes"/>, however the excess was noticed.</summary>
    public ImportProblem TooLarge() => new(413, "File too large",
        $"The file is larger than the {FormatBytes(_options.MaxFileBytes)} limit. Split it into smaller files and import each one.");

    public void Delete(StoredFile file) => File.Delete(Path.Combine(_options.UploadsFolder, file.StoredFileName));

    public string PathOf(Import import) => Path.Combine(_options.UploadsFolder, import.StoredFileName);

    /// <summary>A size for people: "256 MiB", "1.5 MiB", "64 KiB", "900 bytes" (a small limit must not read "0.0 MiB").</summary>
    public static string FormatBytes(long bytes) => bytes switch
    {
        >= 1024 * 1024 => bytes % (1024 * 1024) == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024):N0} MiB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:N1} MiB"),
        >= 1024 => bytes % 1024 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:N0} KiB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:N1} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes"),
    };
}
