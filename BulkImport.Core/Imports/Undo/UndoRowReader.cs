using System.Data.Common;

namespace BulkImport.Core.Imports.Undo;

/// <summary>
/// Reads the committed rows an undo still has to undo, in row order and in batches, with the before-images of the
/// updates. The undo reads them on a connection of their own, a batch ahead of the writer (<see cref="UndoRunner"/>):
/// nothing the undo writes changes them (row results and before-images are the commit's, kept as they are).
/// </summary>
internal sealed class UndoRowReader(DbConnection connection, int importId)
{
    /// <summary>The next committed rows after <paramref name="after"/>, in row order, with the before-images of the updates.</summary>
    public List<UndoRow> NextBatch(int after, int size)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            """SELECT r."RowNumber", r."RecordId", r."InvoiceId", b."Changed", b."OldValues", b."PreviousImportId", b."PreviousImportRow", b."RecordId" """ +
            """FROM "ImportRowResults" r LEFT JOIN "ImportBeforeImages" b ON b."ImportId" = r."ImportId" AND b."RowNumber" = r."RowNumber" """ +
            """WHERE r."ImportId" = @importId AND r."Status" = @success AND r."RowNumber" > @after ORDER BY r."RowNumber" LIMIT @size""";
        Add(command, "@importId", importId);
        Add(command, "@success", (int)RowStatus.Success);
        Add(command, "@after", after);
        Add(command, "@size", size);
        var rows = new List<UndoRow>(size);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var rowNumber = reader.GetInt32(0);
            var image = reader.IsDBNull(3) ? null : new BeforeImage
            {
                ImportId = importId,
                RowNumber = rowNumber,
                Changed = reader.GetInt64(3),
                OldValues = reader.GetString(4),
                PreviousImportId = reader.IsDBNull(5) ? null : reader.GetInt32(5),
                PreviousImportRow = reader.IsDBNull(6) ? null : reader.GetInt32(6),
                RecordId = reader.GetInt64(7),
            };
            rows.Add(new UndoRow(rowNumber, reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), image));
        }

        return rows;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
