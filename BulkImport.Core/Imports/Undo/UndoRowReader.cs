using System.Data.Common;
using System.Text;
using System.Text.Json;
using BulkImport.Core.Data;

namespace BulkImport.Core.Imports.Undo;

/// <summary>
/// Reads the committed rows an undo still has to undo, in row order and in batches, with the before-images of the
/// updates: an image copied in the commit's transaction (<see cref="BeforeImage"/>) wins over one read ahead and kept
/// with its batch (<see cref="BeforeImageBatch"/>), since it is the one taken when the record changed in between. The
/// undo reads them on a connection of their own, a batch ahead of the writer (<see cref="UndoRunner"/>): nothing the
/// undo writes changes them (row results and before-images are the commit's, kept as they are).
/// </summary>
internal sealed class UndoRowReader(DbConnection connection, int importId)
{
    /// <summary>The last image batch decoded: an undo batch often ends inside a commit batch, and the next one starts there.</summary>
    private (int FirstRow, Dictionary<int, RecordImage> Images)? _decoded;

    /// <summary>The next committed rows after <paramref name="after"/>, in row order, with the before-images of the updates.</summary>
    public List<UndoRow> NextBatch(int after, int size)
    {
        var rows = new List<(int RowNumber, long? RecordId, long? InvoiceId, RecordImage? Image)>(size);
        using (var command = connection.CreateCommand())
        {
            command.CommandText =
                """SELECT r."RowNumber", r."RecordId", r."InvoiceId", b."Changed", b."OldValues", b."PreviousImportId", b."PreviousImportRow", b."RecordId" """ +
                """FROM "ImportRowResults" r LEFT JOIN "ImportBeforeImages" b ON b."ImportId" = r."ImportId" AND b."RowNumber" = r."RowNumber" """ +
                """WHERE r."ImportId" = @importId AND r."Status" = @success AND r."RowNumber" > @after ORDER BY r."RowNumber" LIMIT @size""";
            Add(command, "@importId", importId);
            Add(command, "@success", (int)RowStatus.Success);
            Add(command, "@after", after);
            Add(command, "@size", size);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var rowNumber = reader.GetInt32(0);
                var image = reader.IsDBNull(3) ? null : new RecordImage(rowNumber, reader.GetInt64(7), reader.GetInt64(3), Cells(reader.GetString(4)),
                    reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetInt32(6));
                rows.Add((rowNumber, reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), image));
            }
        }

        var batchImages = rows.Count == 0 ? [] : ImagesOfBatches(rows[0].RowNumber, rows[^1].RowNumber);
        return rows.ConvertAll(r => new UndoRow(r.RowNumber, r.RecordId, r.InvoiceId, r.Image ?? batchImages.GetValueOrDefault(r.RowNumber)));
    }

    /// <summary>The images kept with the commit's batches for rows <paramref name="first"/> to <paramref name="last"/>.</summary>
    private Dictionary<int, RecordImage> ImagesOfBatches(int first, int last)
    {
        var images = new Dictionary<int, RecordImage>();
        using var command = connection.CreateCommand();
        // The images themselves only for a batch not decoded already.
        command.CommandText =
            """SELECT "FirstRow", CASE WHEN "FirstRow" = @decoded THEN NULL ELSE "Images" END FROM "ImportBeforeImageBatches" """ +
            """WHERE "ImportId" = @importId AND "LastRow" >= @first AND "FirstRow" <= @last ORDER BY "FirstRow" """;
        Add(command, "@importId", importId);
        Add(command, "@first", first);
        Add(command, "@last", last);
        Add(command, "@decoded", _decoded?.FirstRow ?? -1);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var firstRow = reader.GetInt32(0);
            if (_decoded is not { } decoded || decoded.FirstRow != firstRow)
            {
                decoded = (firstRow, BeforeImageCodec.Decode(reader.GetFieldValue<byte[]>(1)).ToDictionary(i => i.RowNumber));
                _decoded = decoded;
            }

            foreach (var (rowNumber, image) in decoded.Images)
            {
                if (rowNumber >= first && rowNumber <= last)
                {
                    images[rowNumber] = image;
                }
            }
        }

        return images;
    }

    /// <summary>The previous values of an image copied by the database, a JSON array (numbers as their text, as the restore binds them).</summary>
    private static ReadOnlyMemory<byte>?[] Cells(string oldValues)
    {
        using var json = JsonDocument.Parse(oldValues);
        var cells = new ReadOnlyMemory<byte>?[json.RootElement.GetArrayLength()];
        var i = 0;
        foreach (var cell in json.RootElement.EnumerateArray())
        {
            cells[i++] = cell.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => Encoding.UTF8.GetBytes(cell.GetString()!),
                _ => Encoding.UTF8.GetBytes(cell.GetRawText()),
            };
        }

        return cells;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
