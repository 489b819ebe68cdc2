using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains;

/// <summary>
/// The verdict on one row: Valid with its action, or Error with its messages; plus its key for the duplicate rule.
/// A valid row may carry warnings.
/// </summary>
public sealed record RowValidation(RowStatus Status, RowAction Action, List<RowMessage> Messages, string? RowKey)
{
    public static RowValidation From(RowAction action, List<RowMessage> messages, string? rowKey) =>
        !messages.Exists(m => !m.IsWarning)
            ? new RowValidation(RowStatus.Valid, action, messages, rowKey)
            : new RowValidation(RowStatus.Error, RowAction.None, messages, rowKey);
}
