namespace BulkImport.Core.Csv;

/// <summary>
/// A message about the file (an error or a warning) or about one row. <paramref name="RowNumber"/> and
/// <paramref name="Column"/> are set when it is tied to one row or one column.
/// </summary>
/// <param name="Message">What is wrong and what to do about it, in words an operator understands.</param>
/// <param name="RowNumber">The row as a spreadsheet shows it (header = 1).</param>
/// <param name="Column">The template column (or the file's header text for a column not in the template).</param>
public sealed record FileMessage(string Message, int? RowNumber = null, string? Column = null);
