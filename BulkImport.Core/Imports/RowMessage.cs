namespace BulkImport.Core.Imports;

/// <summary>One problem of a row, next to its cell (Column null when it is about the whole row).</summary>
public sealed record RowMessage(string? Column, string Message, string? Code = null);
