using BulkImport.Core.Data;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Benchmarks;

/// <summary>
/// An import whose every other row is an error, staged straight into the database as reading a file leaves it: the
/// grid's hardest case for the Valid filter, whose pages are found by counting around the rows that are not Valid
/// (the generated files have 2 % of them; a file with a wrong date format in half its rows has 50 %).
/// </summary>
public static class HalfErrorImport
{
    private const int BatchSize = 5_000;

    public static async Task<Import> StageAsync(InProcessApp app, int rows, CancellationToken ct)
    {
        await using var db = await app.Db.CreateDbContextAsync(ct);
        var import = new Import
        {
            Domain = ClientDomain.Key,
            Operation = Operation.Add,
            Status = ImportStatus.ReadyForReview,
            FileName = "half-errors.csv",
            StoredFileName = "half-errors.csv",
            CreatedBy = "benchmark",
            CreatedAt = DateTime.UtcNow,
            PresentColumns = [ClientColumns.FirstName, ClientColumns.LastName, ClientColumns.Email],
        };
        db.Imports.Add(import);
        await db.SaveChangesAsync(ct);
        RowCounts.Reset(import);

        var values = new string?[ClientColumns.All.Count];
        values[1] = "Half";
        values[2] = "Errors";
        values[3] = "half.errors@example.org";
        var valid = RowJson.SerializeValuesUtf8(values);
        values[3] = "half.errors(at)example.org";
        var error = RowJson.SerializeValuesUtf8(values);
        var message = RowJson.SerializeMessagesUtf8([new RowMessage(ClientColumns.Email, "'half.errors(at)example.org' is not a valid Email.", "email")]);
        var none = RowJson.SerializeMessagesUtf8([]);

        await db.Database.OpenConnectionAsync(ct);
        using (var writer = ImportRowWriter.Create(db.Database.GetDbConnection(), import.Id))
        {
            var batch = new List<StagedRow>(BatchSize);
            for (var row = 2; row <= rows + 1; row++)
            {
                var isError = row % 2 == 1;
                var status = isError ? RowStatus.Error : RowStatus.Valid;
                var action = isError ? RowAction.None : RowAction.Insert;
                batch.Add(new StagedRow(row, status, action, isError ? error : valid, isError ? message : none, null));
                import.TotalRows++;
                RowCounts.Add(import, status, action);
                if (batch.Count == BatchSize)
                {
                    writer.Write(batch);
                    batch.Clear();
                }
            }

            writer.Write(batch);
        }

        await db.SaveChangesAsync(ct);
        return import;
    }
}
