namespace BulkImport.Core.Csv;
#pragma warning disable CS1591
public sealed record CsvLimits { public long MaxFileBytes { get; init; } = 256L * 1024 * 1024; public int MaxDataRows { get; init; } = 1_000_000; public int MaxFieldChars { get; init; } = 32_000; public int MaxRecordBytes { get; init; } = 1024 * 1024; }
public sealed record FileMessage(string Message, int? RowNumber = null, string? Column = null);
public sealed class CsvFileException(FileMessage problem) : Exception(problem.Message) { public FileMessage Problem { get; } = problem; }
public enum ParsedRowKind { Data, Blank }
public sealed class ParsedRow { public required int RowNumber { get; init; } public required int FirstLine { get; init; } public required int LastLine { get; init; } public required ParsedRowKind Kind { get; init; } public required string?[] Values { get; init; } public List<FileMessage> Problems { get; } = []; }
public sealed class ParsedFile : IDisposable { public static ParsedFile Open(string path, IReadOnlyList<string> templateColumns, IReadOnlyCollection<string> requiredColumns, CsvLimits limits) => throw new NotImplementedException(); public IReadOnlyList<FileMessage> Errors { get; } = []; public IReadOnlyList<FileMessage> Warnings { get; } = []; public char Delimiter { get; } public string EncodingName { get; } = ""; public IReadOnlyList<string> PresentColumns { get; } = []; public IEnumerable<ParsedRow> Rows() => throw new NotImplementedException(); public void Dispose() { } }
public static class HeaderName { public static string Normalize(string name) => name; }
