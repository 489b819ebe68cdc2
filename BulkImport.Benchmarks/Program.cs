using System.Globalization;
using BulkImport.Benchmarks;

// dotnet run -c Release --project BulkImport.Benchmarks -- --rows 1000000 [--work DIR] [--keep] [--no-http] [--same-key-only | --fixes-only | --workbook-only | --duplicates-only | --reupload-only | --undo-only | --inserts-only] [--no-payments | --payments-only] [--viewers 20] [--edits 100] [--app-dll PATH] [--report FILE] [--engine sqlite|postgres [--postgres CONNECTION]]
var options = new BenchmarkOptions();
string? reportPath = null;
var engine = "sqlite";
string? postgres = null;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--rows": options = options with { Rows = int.Parse(Next(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture) }; break;
        case "--work": options = options with { WorkFolder = Path.GetFullPath(Next()) }; break;
        case "--keep": options = options with { Keep = true }; break;
        case "--no-http": options = options with { Http = false }; break;
        case "--same-key-only": options = options with { SameKeyOnly = true, Payments = false }; break;
        case "--fixes-only": options = options with { FixesOnly = true, Payments = false }; break;
        case "--workbook-only": options = options with { WorkbookOnly = true, Payments = false }; break;
        case "--duplicates-only": options = options with { DuplicatesOnly = true, Payments = false }; break;
        case "--reupload-only": options = options with { ReuploadOnly = true, Payments = false, Http = false }; break;
        case "--http-only": options = options with { HttpOnly = true, Payments = false }; break;
        case "--undo-only": options = options with { UndoOnly = true, Payments = false }; break;
        case "--inserts-only": options = options with { InsertsOnly = true, Payments = false, Http = false }; break;
        case "--no-payments": options = options with { Payments = false }; break;
        case "--payments-only": options = options with { PaymentsOnly = true, Payments = true }; break;
        case "--viewers": options = options with { Viewers = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
        case "--edits": options = options with { Edits = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
        case "--app-dll": options = options with { AppDll = Path.GetFullPath(Next()) }; break;
        case "--report": reportPath = Path.GetFullPath(Next()); break;
        case "--engine":
            engine = Next().ToLowerInvariant();
            if (engine is not ("sqlite" or "postgres" or "postgresql"))
            {
                Console.Error.WriteLine($"--engine is '{engine}'; it must be sqlite (the default) or postgres.");
                return 64;
            }

            break;
        case "--postgres": postgres = Next(); break;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}. Options: --rows N, --work DIR, --keep, --no-http, --same-key-only, --fixes-only, --workbook-only, --duplicates-only, --reupload-only, --undo-only, --http-only, --inserts-only, --no-payments, --payments-only, --viewers N, --edits N, --app-dll PATH, --report FILE, --engine sqlite|postgres, --postgres CONNECTION");
            return 64;
    }
}

if (engine is "postgres" or "postgresql")
{
    // The server: --postgres, else the one scripts/test.sh and the tests use.
    postgres ??= Environment.GetEnvironmentVariable("BULKIMPORT_POSTGRES");
    if (string.IsNullOrWhiteSpace(postgres))
    {
        Console.Error.WriteLine("--engine postgres needs a server: give --postgres \"Host=…;Port=…;Username=…;Database=postgres\" or set BULKIMPORT_POSTGRES (a database of the run's own is created on it and dropped).");
        return 64;
    }

    options = options with { PostgreSql = postgres, Payments = false, Http = false };
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var report = await new ImportBenchmark(options, Console.Out).RunAsync(cancel.Token);
var table = report.ToMarkdown();
Console.WriteLine();
Console.WriteLine(table);
foreach (var note in report.Notes)
{
    Console.WriteLine(note);
}

Console.WriteLine($"Machine: {BenchmarkReport.Machine()}");
if (reportPath is not null)
{
    await File.WriteAllTextAsync(reportPath, table);
}

// A missed target is a failure of the run, so a script (or CI with the full size) can act on it.
return report.AllPass ? 0 : 2;
