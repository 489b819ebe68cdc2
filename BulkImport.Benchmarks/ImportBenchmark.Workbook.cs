using System.Diagnostics;
using System.Globalization;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports;
using BulkImport.Core.Workbooks;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Benchmarks;

/// <summary>
/// SPEC 17's workbook line: the insert file saved as an .xlsx (shared strings, as Excel saves one; dates as date
/// cells; ID, SSN, phone and zip as text) must stage with the in-process host's peak working set at most 400 MB and
/// in at most twice the CSV file's staging, both staged here one after the other on the same database.
/// </summary>
public sealed partial class ImportBenchmark
{
    private const double WorkbookStageRatioGoal = 2;
    private const long WorkbookWorkingSetGoalBytes = 400L * 1024 * 1024;

    private async Task MeasureWorkbookAsync(InProcessApp app, GeneratedFile csv, BenchmarkReport report, CancellationToken ct)
    {
        var writing = Stopwatch.StartNew();
        var workbook = WriteWorkbook(csv, Path.ChangeExtension(csv.Path, ".xlsx"));
        log.WriteLine($"Saved the insert file as a workbook ({workbook.Bytes / 1e6:F0} MB) in {writing.Elapsed.TotalSeconds:F1} s");
        report.Notes.Add($"Insert file as a workbook: {workbook.Rows:N0} rows, {workbook.Bytes / 1e6:F0} MB (.xlsx, shared strings)");

        // The CSV first, as the yardstick on the database as it is now. Both with the possible-duplicates check off: in
        // the full run the database already holds this file's clients, so with it on every row would be a possible
        // duplicate and both stagings would measure the check (--reupload-only measures that), not the reading.
        MemorySampler.Settle();
        var csvStage = Stopwatch.StartNew();
        var csvCpu = Cpu();
        var csvImport = await UploadAndStageAsync(app, csv, Operation.Add, ct, checkDuplicates: false);
        csvStage.Stop();
        csvCpu = Cpu() - csvCpu;
        await DeleteImportAsync(app, csvImport.Id, ct);

        MemorySampler.Settle();
        log.WriteLine($"Working set before the workbook staging: {BenchmarkReport.Megabytes(Environment.WorkingSet)}");
        var memory = MemorySampler.StartSelf();
        var stage = Stopwatch.StartNew();
        var cpu = Cpu();
        var import = await UploadAndStageAsync(app, workbook, Operation.Add, ct, checkDuplicates: false);
        stage.Stop();
        memory.Stop();
        log.WriteLine($"Upload -> ReadyForReview of the workbook: {stage.Elapsed.TotalSeconds:F2} s, cpu {(Cpu() - cpu).TotalSeconds:F2} s (CSV {csvStage.Elapsed.TotalSeconds:F2} s, cpu {csvCpu.TotalSeconds:F2} s); peak working set {BenchmarkReport.Megabytes(memory.PeakWorkingSet)}");
        Expect(import.TotalRows == csvImport.TotalRows && import.ErrorRows == csvImport.ErrorRows && import.ValidRows == csvImport.ValidRows,
            $"the workbook should stage as the CSV did ({csvImport.TotalRows} rows, {csvImport.ErrorRows} errors); it has {import.TotalRows} rows, {import.ErrorRows} errors");
        await DeleteImportAsync(app, import.Id, ct);

        var ratio = stage.Elapsed / csvStage.Elapsed;
        report.Add($"Upload → ReadyForReview of the insert file saved as .xlsx ({BenchmarkReport.Count(workbook.Rows)} rows, shared strings)",
            $"≤ {WorkbookStageRatioGoal}× the CSV's ({BenchmarkReport.Seconds(csvStage.Elapsed * WorkbookStageRatioGoal)})",
            $"{BenchmarkReport.Seconds(stage.Elapsed)} = {ratio.ToString("F2", CultureInfo.InvariantCulture)}× {BenchmarkReport.Seconds(csvStage.Elapsed)}",
            ratio <= WorkbookStageRatioGoal);
        report.Add("Peak working set while staging the .xlsx (in-process host)", $"≤ {WorkbookWorkingSetGoalBytes / 1024 / 1024} MB",
            $"{BenchmarkReport.Megabytes(memory.PeakWorkingSet)} (managed heap ≤ {BenchmarkReport.Megabytes(memory.PeakManagedHeap)})", memory.PeakWorkingSet <= WorkbookWorkingSetGoalBytes);
    }

    /// <summary>Only the workbook lines (--workbook-only): the insert file, its staging as CSV and as a workbook.</summary>
    private async Task RunWorkbookOnlyAsync(string work, CancellationToken ct)
    {
        await using var app = await InProcessApp.CreateAsync(Path.Combine(work, "inprocess"), ct);
        var lists = await app.SelectListValuesAsync(ct);
        var inserts = await ClientFileGenerator.WriteInsertsAsync(Path.Combine(work, "clients-insert.csv"), options.Rows, lists, ct);
        // One staging untimed first, so that neither measured one pays for compiling the pipeline.
        await DeleteImportAsync(app, (await UploadAndStageAsync(app, inserts, Operation.Add, ct)).Id, ct);
        await MeasureWorkbookAsync(app, inserts, _report, ct);
    }

    /// <summary>The generated CSV as Excel would save it from the template: text in shared strings, the birth date as a date cell.</summary>
    private static GeneratedFile WriteWorkbook(GeneratedFile csv, string path)
    {
        var kinds = ClientColumns.All.Select(c => c switch
        {
            ClientColumns.DateOfBirth => WorkbookColumnKind.Date,
            ClientColumns.ClientId or ClientColumns.Ssn or ClientColumns.PhoneNumber or ClientColumns.Zip => WorkbookColumnKind.Text,
            _ => WorkbookColumnKind.General,
        }).ToList();
        using (var target = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var reader = CsvReader.FromFile(csv.Path)) // reads the header itself: the generator writes the template's
        using (var writer = new WorkbookWriter(target, "Clients", ClientColumns.All, kinds, sharedStrings: true))
        {
            var values = new string[ClientColumns.All.Count];
            while (reader.Read())
            {
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = i < reader.FieldCount ? reader.GetString(i) : "";
                }

                writer.WriteRow(values);
            }

            writer.Complete();
        }

        return csv with { Path = path, Bytes = new FileInfo(path).Length };
    }

    private static async Task DeleteImportAsync(InProcessApp app, int importId, CancellationToken ct)
    {
        await using var db = await app.Db.CreateDbContextAsync(ct);
        await db.ImportRows.Where(r => r.ImportId == importId).ExecuteDeleteAsync(ct);
        await db.Imports.Where(i => i.Id == importId).ExecuteDeleteAsync(ct);
    }
}
