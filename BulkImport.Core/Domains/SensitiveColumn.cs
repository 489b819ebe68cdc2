namespace BulkImport.Core.Domains;

/// <summary>
/// A template column holding a personal identifier (SSN): shown and sent only as <paramref name="Mask"/> makes it,
/// unless a permitted person reveals it, which is recorded.
/// </summary>
public sealed record SensitiveColumn(string Column, Func<string, string> Mask);
