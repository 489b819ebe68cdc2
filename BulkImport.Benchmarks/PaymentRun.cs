using System.Diagnostics;
using System.Globalization;
using BulkImport.Core.Data;
using BulkImport.Core.Data.Sqlite;
using BulkImport.Core.Domains.Payments;
using BulkImport.Core.Imports;
using CsvHelper;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Benchmarks;

/// <summary>
/// The Payment import at full size (issue 16): a file paying <c>--rows</c> invoices, generated against as many open
/// invoices, through the app's services in process on a database of its own. The same targets as the Client import:
/// staging and commit at most 10 s each, the whole import at most 2.5× its raw floor, the peak working set at most
/// 300 MB. The outcome is checked (rows, errors, payments, balances, results lines) so a broken pipeline cannot look fast.
/// </summary>
public sealed class PaymentRun(BenchmarkOptions options, BenchmarkReport report, TextWriter log)
{
    private const double StageGoalSeconds = 10;
    private const double CommitGoalSeconds = 10;
    private const double FloorRatioGoal = 2.5;
    private const long WorkingSetGoalBytes = 300L * 1024 * 1024;
    private const string User = "benchmark";

    public async Task RunAsync(string work, CancellationToken ct)
    {
        var folder = Path.Combine(work, "payments");
        await using var app = await InProcessApp.CreateAsync(folder, ct);
        var seeding = Stopwatch.StartNew();
        GeneratedFile file;
        await using (var db = await app.Db.CreateDbContextAsync(ct))
        {
            await db.Database.OpenConnectionAsync(ct);
            var connection = db.Database.GetDbConnection();
            await PaymentData.SeedInvoicesAsync(connection, options.Rows, ct);
            file = await PaymentData.WriteFileAsync(Path.Combine(work, "payments.csv"), PaymentData.SeededInvoicesAsync(connection, ct), ct);
        }

        Expect(file.Rows == options.Rows, $"the payment file should have {options.Rows} rows; it has {file.Rows}");
        log.WriteLine($"Payments: seeded {options.Rows:N0} invoices and generated {file.Rows:N0} payment rows ({file.ErrorRows:N0} error rows, {file.Bytes / 1e6:F0} MB) in {seeding.Elapsed.TotalSeconds:F1} s");
        report.Notes.Add($"Payment file: {file.Rows:N0} rows against {options.Rows:N0} open invoices, {file.ErrorRows:N0} error rows, {file.Bytes / 1e6:F0} MB");

        MemorySampler.Settle();
        var memory = MemorySampler.StartSelf();
        var whole = Stopwatch.StartNew();

        var stage = Stopwatch.StartNew();
        var cpu = Cpu();
        ImportFiles.StoredFile stored;
        await using (var upload = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous))
        {
            stored = await app.Files.StoreAsync(upload, ct);
        }

        var created = await app.Commands.CreateAsync(new NewImport(stored, Path.GetFileName(file.Path), PaymentDomain.Key, Operation.Add, false, "benchmark", User), ct);
        await app.RunStagingAsync(created.Id, ct);
        stage.Stop();
        var import = await app.History.GetAsync(created.Id, ct);
        Expect(import.Status == ImportStatus.ReadyForReview && import.TotalRows == file.Rows && import.ErrorRows == file.ErrorRows,
            $"the payment import should be ReadyForReview with {file.Rows} rows and {file.ErrorRows} errors; it is {import.Status} with {import.TotalRows} and {import.ErrorRows} ({string.Join(" ", import.FileErrors)})");
        log.WriteLine($"Payments: upload -> ReadyForReview {stage.Elapsed.TotalSeconds:F2} s, cpu {(Cpu() - cpu).TotalSeconds:F2} s ({import.ValidRows:N0} valid, {import.ErrorRows:N0} errors)");
        report.Add($"Payments: upload → ReadyForReview ({BenchmarkReport.Count(file.Rows)} rows against {BenchmarkReport.Count(options.Rows)} invoices)", $"≤ {StageGoalSeconds} s",
            BenchmarkReport.Seconds(stage.Elapsed), stage.Elapsed.TotalSeconds <= StageGoalSeconds);

        await app.Commands.QueueCommitAsync(import.Id, User, ct);
        var commit = Stopwatch.StartNew();
        cpu = Cpu();
        await app.RunCommitAsync(import.Id, ct);
        commit.Stop();
        var committed = await app.History.GetAsync(import.Id, ct);
        Expect(committed.Status == ImportStatus.Committed && committed.Inserted == import.ValidRows && committed.Failed == 0,
            $"the payment commit should record {import.ValidRows} payments; it is {committed.Status} with {committed.Inserted} inserted, {committed.Failed} failed");
        log.WriteLine($"Payments: commit of {committed.Inserted:N0} payments {commit.Elapsed.TotalSeconds:F2} s, cpu {(Cpu() - cpu).TotalSeconds:F2} s");
        report.Add($"Payments: commit ({BenchmarkReport.Count(committed.Inserted)} payments, balances lowered, per-row results)", $"≤ {CommitGoalSeconds} s",
            BenchmarkReport.Seconds(commit.Elapsed), commit.Elapsed.TotalSeconds <= CommitGoalSeconds);

        var resultsPath = Path.Combine(work, "results-payments.csv");
        await using (var target = new FileStream(resultsPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await app.Results.WriteAsync(committed, target, ct);
        }

        whole.Stop();
        memory.Stop();
        Expect(File.ReadLines(resultsPath).Count() == committed.TotalRows + 1, $"the payment results file should have {committed.TotalRows + 1} lines");
        await ExpectBalancesAsync(app, committed.Id, ct);

        var floor = await MeasureFloorAsync(file.Path, Path.Combine(work, "payments-floor"), ct);
        var ratio = whole.Elapsed / floor;
        log.WriteLine($"Payments: raw floor {floor.TotalSeconds:F2} s; whole import {whole.Elapsed.TotalSeconds:F2} s; peak working set {BenchmarkReport.Megabytes(memory.PeakWorkingSet)}");
        report.Add("Payments: raw floor: read + prepared balance update and payment insert of the same rows", "—", BenchmarkReport.Seconds(floor), null);
        report.Add("Payments: whole import (upload, stage, commit, results) ÷ raw floor", $"≤ {FloorRatioGoal}×",
            $"{BenchmarkReport.Seconds(whole.Elapsed)} ÷ {BenchmarkReport.Seconds(floor)} = {ratio.ToString("F2", CultureInfo.InvariantCulture)}×", ratio <= FloorRatioGoal);
        report.Add("Payments: peak working set during the import (in-process host)", $"≤ {WorkingSetGoalBytes / 1024 / 1024} MB",
            $"{BenchmarkReport.Megabytes(memory.PeakWorkingSet)} (managed heap ≤ {BenchmarkReport.Megabytes(memory.PeakManagedHeap)})", memory.PeakWorkingSet <= WorkingSetGoalBytes);
    }

    /// <summary>Every payment recorded took its amount off its invoice, and the invoices paid in full are Paid.</summary>
    private static async Task ExpectBalancesAsync(InProcessApp app, int importId, CancellationToken ct)
    {
        await using var db = await app.Db.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText =
            "SELECT COUNT(*) FROM Payments p JOIN Invoices i ON i.InvoiceId = p.InvoiceId " +
            $"WHERE p.CreatedByImportId = {importId} AND (ROUND((i.Amount - p.Amount) * 100) <> ROUND(i.Balance * 100) OR (ROUND(i.Balance * 100) = 0) <> (i.Status = 'Paid'))";
        var wrong = Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        Expect(wrong == 0, $"{wrong} invoices do not show their payment in their balance or status");
    }

    /// <summary>
    /// The raw floor of a payment import: on a fresh database with the product's schema and the same seeded invoices
    /// (untimed), read the file with CsvHelper and, per row, lower the invoice's balance and insert the payment with
    /// prepared commands, in one transaction. No validation, staging or results.
    /// </summary>
    private async Task<TimeSpan> MeasureFloorAsync(string csvPath, string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        await using var db = new BulkImportDbContext(new DbContextOptionsBuilder<BulkImportDbContext>()
            .UseSqlite($"Data Source={Path.Combine(folder, "floor.db")}").AddInterceptors(new SqlitePragmas()).Options);
        await db.Database.MigrateAsync(ct);
        await ReferenceDataLoader.LoadIfEmptyAsync(db, ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var rows = File.ReadLines(csvPath).Count() - 1;
        await PaymentData.SeedInvoicesAsync(connection, rows, ct);

        await using var lower = connection.CreateCommand();
        lower.CommandText = "UPDATE Invoices SET Balance = printf('%.2f', CAST(ROUND(Balance * 100) AS INTEGER) / 100.0 - @amount) WHERE InvoiceId = @invoice";
        var amount = lower.CreateParameter();
        amount.ParameterName = "@amount";
        var invoice = lower.CreateParameter();
        invoice.ParameterName = "@invoice";
        lower.Parameters.Add(amount);
        lower.Parameters.Add(invoice);
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO Payments (InvoiceId, Amount, PaymentDate, Method, Reference) VALUES (@invoice, @amount, @date, @method, @reference)";
        var parameters = new[] { "@invoice", "@amount", "@date", "@method", "@reference" }.Select(name =>
        {
            var p = insert.CreateParameter();
            p.ParameterName = name;
            insert.Parameters.Add(p);
            return p;
        }).ToArray();

        var stopwatch = Stopwatch.StartNew();
        var cpu = Cpu();
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            lower.Transaction = insert.Transaction = transaction;
            using var csv = CsvReader.FromFile(csvPath);
            while (csv.Read())
            {
                var value = csv.GetString(3).Replace("$", "").Replace(",", "");
                invoice.Value = parameters[0].Value = csv.GetString(1);
                amount.Value = parameters[1].Value = value;
                parameters[2].Value = csv.GetString(2);
                parameters[3].Value = csv.GetString(4);
                parameters[4].Value = csv.GetString(5) is { Length: > 0 } reference ? reference : DBNull.Value;
                await lower.ExecuteNonQueryAsync(ct);
                await insert.ExecuteNonQueryAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }

        stopwatch.Stop();
        log.WriteLine($"Payments: raw floor cpu {(Cpu() - cpu).TotalSeconds:F2} s");
        await db.Database.CloseConnectionAsync();
        SqliteConnection.ClearPool((SqliteConnection)connection);
        return stopwatch.Elapsed;
    }

    /// <summary>CPU time of this process (all threads): on a shared machine it says what a phase cost when wall time cannot.</summary>
    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Benchmark check failed: " + what);
        }
    }
}
