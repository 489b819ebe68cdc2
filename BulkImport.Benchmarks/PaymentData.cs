using System.Data.Common;
using System.Globalization;
using System.Text;
using BulkImport.Core.Domains.Payments;

namespace BulkImport.Benchmarks;

/// <summary>
/// The payment benchmark's data: <c>rows</c> open invoices (each of its own client and assignment, seeded in SQL,
/// untimed) and a file paying each of them once, streamed to disk. Deterministic: the row number decides every value.
/// One row in <see cref="ErrorEvery"/> names the wrong client (a row error naming the invoice's client); Check and ACH
/// rows carry a reference; some amounts use the accepted variants ("$1,200.00", "600").
/// </summary>
public static class PaymentData
{
    /// <summary>One row in 50 is an error row, as in the Client file.</summary>
    public const int ErrorEvery = 50;

    /// <summary>The seeded invoices' amount; the course's fee (CourseID 101).</summary>
    public const string InvoiceAmount = "1200.00";

    private static readonly string[] Methods = ["Cash", "Check", "Credit Card", "ACH", "Sponsor Billing"];

    /// <summary>
    /// Adds <paramref name="rows"/> clients, each assigned to CourseID 101, SectionID 1001 with one open invoice of
    /// 1200.00, after the demo data (so the invoices follow 5030), in one transaction on an open connection.
    /// </summary>
    public static async Task SeedInvoicesAsync(DbConnection connection, int rows, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 0;
        command.CommandText =
            "BEGIN; " +
            $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) " +
            "INSERT INTO Clients (FirstName, LastName) SELECT 'Payer', 'P' || i FROM n; " +
            "INSERT INTO ClientAssignments (ClientId, CourseId, SectionId, EnrollmentStatus) " +
            "SELECT ClientId, 101, 1001, 'Enrolled' FROM Clients WHERE FirstName = 'Payer' ORDER BY ClientId; " +
            $"INSERT INTO Invoices (AssignmentId, Amount, Balance, InvoiceDate, Status) " +
            $"SELECT a.AssignmentId, '{InvoiceAmount}', '{InvoiceAmount}', '2026-01-05', 'Open' FROM ClientAssignments a " +
            "JOIN Clients c ON c.ClientId = a.ClientId WHERE c.FirstName = 'Payer' ORDER BY a.AssignmentId; " +
            "COMMIT; PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The seeded invoices with their clients, in Invoice ID order.</summary>
    public static async IAsyncEnumerable<(int InvoiceId, int ClientId)> SeededInvoicesAsync(DbConnection connection, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT i.InvoiceId, a.ClientId FROM Invoices i JOIN ClientAssignments a ON a.AssignmentId = i.AssignmentId WHERE i.InvoiceId > 5030 ORDER BY i.InvoiceId";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return (reader.GetInt32(0), reader.GetInt32(1));
        }
    }

    /// <summary>Writes the payment file: one row per seeded invoice.</summary>
    public static async Task<GeneratedFile> WriteFileAsync(string path, IAsyncEnumerable<(int InvoiceId, int ClientId)> invoices, CancellationToken ct)
    {
        var rows = 0;
        var errors = 0;
        await using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        await using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16))
        {
            await writer.WriteAsync(string.Join(",", PaymentColumns.All) + "\r\n");
            var line = new StringBuilder(96);
            await foreach (var (invoiceId, clientId) in invoices.WithCancellation(ct))
            {
                rows++;
                var rowNumber = rows + 1;
                var client = clientId;
                if (rowNumber % ErrorEvery == 0)
                {
                    client++;
                    errors++;
                }

                var method = Methods[rowNumber % Methods.Length];
                var amount = (rowNumber % 4) switch
                {
                    0 => "\"$1,200.00\"",
                    1 => "600",
                    2 => "1200.00",
                    _ => "250.75",
                };
                var reference = method is "Check" or "ACH" ? (100000 + rowNumber).ToString(CultureInfo.InvariantCulture) : "";
                line.Clear()
                    .Append(client.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(invoiceId.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(rowNumber % 3 == 0 ? "2025-06-15" : "06/15/2025").Append(',')
                    .Append(amount).Append(',')
                    .Append(method).Append(',')
                    .Append(reference).Append("\r\n");
                await writer.WriteAsync(line, ct);
            }
        }

        return new GeneratedFile(path, rows, errors, new FileInfo(path).Length);
    }
}
