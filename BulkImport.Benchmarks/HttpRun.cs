using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace BulkImport.Benchmarks;

/// <summary>What the run through the HTTP API measured.</summary>
public sealed record HttpRunResult(
    TimeSpan Upload, TimeSpan UploadToReady, TimeSpan GridPage, TimeSpan Commit, TimeSpan Results, TimeSpan Whole,
    long PeakWorkingSet, int TotalRows, int Inserted, long ResultsBytes);

/// <summary>
/// One import through the HTTP API of the real app, started as a child process on its own database: sign in, upload
/// (multipart, streamed from disk), poll until ReadyForReview, read a page of error rows, commit, poll until
/// Committed, download the results file. The app process's working set is sampled the whole time.
/// </summary>
public static class HttpRun
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<HttpRunResult> RunAsync(string appDll, string csvPath, string folder, TextWriter log, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", $"\"{appDll}\"")
        {
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        // Development seeds the demo users the benchmark signs in with.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in InProcessApp.Settings(folder))
        {
            start.Environment[key.Replace(":", "__")] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The app could not be started.");
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                errors.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(10) };
            await WaitHealthyAsync(http, process, ct);
            await SignInAsync(http, ct);

            using var memory = MemorySampler.Start(process.Id);
            var whole = Stopwatch.StartNew();

            int id;
            TimeSpan upload;
            await using (var file = new FileStream(csvPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous))
            {
                using var content = new MultipartFormDataContent();
                var part = new StreamContent(file, 1 << 16);
                part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
                content.Add(part, "file", Path.GetFileName(csvPath));
                content.Add(new StringContent("Client"), "domain");
                content.Add(new StringContent("Add"), "operation");
                using var response = await http.PostAsync("/api/imports", content, ct);
                await EnsureAsync(response, HttpStatusCode.Created, ct);
                id = (await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct)).GetProperty("id").GetInt32();
                upload = whole.Elapsed;
            }

            var ready = await WaitForAsync(http, id, s => s != "Validating", ct);
            var uploadToReady = whole.Elapsed;
            if (ready.GetProperty("status").GetString() != "ReadyForReview")
            {
                throw new InvalidOperationException($"The HTTP import ended {ready.GetProperty("status").GetString()}: {ready}");
            }

            // A person's paging, not the machine's: the whole-import clock leaves it out. The first request compiles the
            // endpoint and its query (JIT), as the in-process grid's warm-up does; the median of the next five is reported.
            var grid = Stopwatch.StartNew();
            var pageTimes = new List<TimeSpan>();
            for (var run = 0; run < 6; run++)
            {
                var one = Stopwatch.StartNew();
                using (var page = await http.GetAsync($"/api/imports/{id}/rows?status=Error&page=2&pageSize=100", ct))
                {
                    await EnsureAsync(page, HttpStatusCode.OK, ct);
                    await page.Content.ReadAsByteArrayAsync(ct);
                }

                if (run > 0)
                {
                    pageTimes.Add(one.Elapsed);
                }
            }

            grid.Stop();
            pageTimes.Sort();
            var beforeCommit = whole.Elapsed - grid.Elapsed;
            using (var commit = await http.PostAsync($"/api/imports/{id}/commit", null, ct))
            {
                await EnsureAsync(commit, HttpStatusCode.Accepted, ct);
            }

            var done = await WaitForAsync(http, id, s => s is "Committed" or "CommitFailed" or "Cancelled", ct);
            var committed = whole.Elapsed - grid.Elapsed;
            if (done.GetProperty("status").GetString() != "Committed")
            {
                throw new InvalidOperationException($"The HTTP commit ended {done.GetProperty("status").GetString()}: {done}");
            }

            long resultsBytes;
            var resultsPath = Path.Combine(folder, "results.csv");
            using (var results = await http.GetAsync($"/api/imports/{id}/results.csv", HttpCompletionOption.ResponseHeadersRead, ct))
            {
                await EnsureAsync(results, HttpStatusCode.OK, ct);
                await using var target = File.Create(resultsPath);
                await results.Content.CopyToAsync(target, ct);
                resultsBytes = target.Length;
            }

            var total = whole.Elapsed - grid.Elapsed;
            memory.Stop();
            log.WriteLine($"  http: {done.GetProperty("totalRows").GetInt32():N0} rows, {done.GetProperty("inserted").GetInt32():N0} inserted, results {resultsBytes / 1e6:F1} MB");
            return new HttpRunResult(upload, uploadToReady, pageTimes[pageTimes.Count / 2], committed - beforeCommit, total - committed, total,
                memory.PeakWorkingSet, done.GetProperty("totalRows").GetInt32(), done.GetProperty("inserted").GetInt32(), resultsBytes);
        }
        catch (Exception e) when (e is not OperationCanceledException && !errors.IsEmpty)
        {
            throw new InvalidOperationException($"{e.Message}\nThe app wrote to stderr:\n{string.Join('\n', errors.Take(40))}", e);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>The app's build output next to this program's (same configuration and framework), like the tests' AppProcess.</summary>
    public static string FindAppDll()
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = bin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "BulkImport.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("BulkImport.sln was not found above the program's folder; pass --app-dll.");
        }

        var dll = Path.Combine(root.FullName, "BulkImport.App", "bin", bin.Parent!.Name, bin.Name, "BulkImport.App.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build BulkImport.App first (the benchmark builds it when run with dotnet run).", dll);
    }

    private static async Task WaitHealthyAsync(HttpClient http, Process process, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode} while starting.");
            }

            try
            {
                using var response = await http.GetAsync("/health", ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The app did not become healthy within 90 s.");
            }

            await Task.Delay(100, ct);
        }
    }

    private static async Task SignInAsync(HttpClient http, CancellationToken ct)
    {
        var (email, password, _) = BulkImport.App.Security.UserSeeder.DemoUsers.Single(u => u.Role == BulkImport.Core.Security.Roles.Importer);
        using var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password }, ct);
        await EnsureAsync(response, HttpStatusCode.OK, ct);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct)).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient http, int id, Func<string, bool> status, CancellationToken ct)
    {
        while (true)
        {
            // Polled every 250 ms, as a page would. (Polling once slowed staging, through tiered compilation; the app now
            // compiles fully optimised code at once, see README, Benchmark, "Found and fixed".)
            var summary = await http.GetFromJsonAsync<JsonElement>($"/api/imports/{id}", Json, ct);
            if (status(summary.GetProperty("status").GetString()!))
            {
                return summary;
            }

            await Task.Delay(250, ct);
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, CancellationToken ct)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
