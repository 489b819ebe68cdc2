using BulkImport.Core.Imports;

namespace BulkImport.Core.Data;

/// <summary>A row ready to be staged: its values and messages already encoded, so the writer only writes.</summary>
public readonly record struct StagedRow(int RowNumber, RowStatus Status, RowAction Action, byte[] ValuesUtf8, byte[] MessagesUtf8, string? RowKey);
