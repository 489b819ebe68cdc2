using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Bunit;
using BulkImport.App.Components.Pages.Imports;
using BulkImport.App.Components.Shared;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace BulkImport.Tests.Components;

/// <summary>
/// Two people watch one import commit, each in their own circuit (a bUnit context each): the operator who confirms it
/// and a supervisor. Both follow it live to the end without reloading.
/// </summary>
public sealed partial class ConcurrentViewersTests(AppFixture fixture) : IClassFixture<AppFixture>, IAsyncLifetime
{
    private const int Rows = 1_500; // 30 batches of 50 (the fixture's Import:CommitBatchSize)
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly List<BunitContext> _circuits = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var circuit in _circuits)
        {
            await circuit.DisposeAsync();
        }
    }

    private BunitContext Circuit(string email, string role)
    {
        var circuit = new BunitContext();
        circuit.JSInterop.Mode = JSRuntimeMode.Loose;
        circuit.Services.AddMudServices();
        circuit.Services.AddScoped(_ => new BulkImport.App.Security.ImportGate(fixture.Services.GetRequiredService<ImportHistory>(), fixture.Services.GetRequiredService<BulkImport.App.Security.CurrentUsers>()));
        circuit.Services.AddFallbackServiceProvider(new AppSingletons(fixture.Services));
        var (id, stamp) = fixture.UserAsync(email, [role]).GetAwaiter().GetResult();
        var auth = circuit.AddAuthorization();
        auth.SetAuthorized(email);
        auth.SetRoles(role);
        auth.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, id), new System.Security.Claims.Claim("AspNet.Identity.SecurityStamp", stamp));
        _circuits.Add(circuit);
        return circuit;
    }

    [Fact]
    public async Task Two_viewers_of_the_import_page_both_follow_the_commit_to_100_percent()
    {
        var import = await StagedImports.ClientsAsync(fixture.Services, Rows);
        var operatorPage = Circuit(import.CreatedBy, Roles.Importer).Render<ImportDetail>(p => p.Add(x => x.Id, import.Id));
        var supervisorPage = Circuit("supervisor@bulkimport.local", Roles.Supervisor).Render<ImportDetail>(p => p.Add(x => x.Id, import.Id));
        var seenByOperator = Record(operatorPage);
        var seenBySupervisor = Record(supervisorPage);
        await operatorPage.WaitForAssertionAsync(() => operatorPage.Find("[data-testid=continue-to-confirm]"), Patience);
        await supervisorPage.WaitForAssertionAsync(() => supervisorPage.Find("[data-testid=review-grid]"), Patience);
        supervisorPage.FindAll("[data-testid=continue-to-confirm]").Should().BeEmpty("only the operator who created it may confirm");

        operatorPage.Find("[data-testid=continue-to-confirm]").Click();
        await operatorPage.WaitForAssertionAsync(() => operatorPage.Find("[data-testid=confirm-import]"), Patience);
        operatorPage.Find("[data-testid=confirm-import]").Click();

        foreach (var page in new[] { operatorPage, supervisorPage })
        {
            await page.WaitForAssertionAsync(() =>
            {
                page.Find("[data-testid=done-progress]").TextContent.Should().Be($"{Rows:N0} of {Rows:N0} rows committed (100%)");
                page.Find("[data-testid=done-bar]").GetAttribute("aria-valuenow").Should().Be("100");
                page.Find("[data-testid=done-inserted]").TextContent.Should().Be($"{Rows:N0}");
                page.Find("[data-testid=status-chip]").TextContent.Should().Be("Committed");
            }, Patience);
        }

        // What each saw on the way: the progress only ever went forward.
        foreach (var seen in new[] { seenByOperator, seenBySupervisor })
        {
            seen.Should().BeInAscendingOrder();
            seen.Should().OnlyContain(rows => rows >= 0 && rows <= Rows);
        }
    }

    [Fact]
    public async Task Two_progress_panels_fed_by_the_progress_feed_both_reach_100_percent()
    {
        var import = await StagedImports.ClientsAsync(fixture.Services, Rows);
        var first = Circuit(import.CreatedBy, Roles.Importer).Render<FeedProgressViewer>(p => p.Add(x => x.ImportId, import.Id));
        var second = Circuit("supervisor@bulkimport.local", Roles.Supervisor).Render<FeedProgressViewer>(p => p.Add(x => x.ImportId, import.Id));

        await fixture.Services.GetRequiredService<ImportCommands>().QueueCommitAsync(import.Id, import.CreatedBy, CancellationToken.None);

        foreach (var viewer in new[] { first, second })
        {
            await viewer.WaitForAssertionAsync(() =>
            {
                viewer.Find("[data-testid=progress-rows]").TextContent.Should().Be($"{Rows:N0} of {Rows:N0} rows (100%)");
                viewer.Find("[data-testid=progress-bar]").GetAttribute("aria-valuenow").Should().Be("100");
                viewer.Find("[data-testid=progress-inserted]").TextContent.Should().Be($"{Rows:N0}");
            }, Patience);
        }

        first.Instance.Snapshots.Select(s => s.ProcessedRows).Should().BeInAscendingOrder();
        second.Instance.Snapshots.Select(s => s.ProcessedRows).Should().BeInAscendingOrder();
        first.Instance.Snapshots.Should().Contain(s => s.Status == ImportStatus.Committing && s.ProcessedRows < Rows, "progress is published batch by batch, not only at the end");
    }

    /// <summary>The committed-row figures a page showed, in the order it showed them.</summary>
    private static ConcurrentQueue<int> Record(IRenderedComponent<ImportDetail> page)
    {
        var seen = new ConcurrentQueue<int>();
        page.OnMarkupUpdated += (_, _) =>
        {
            var match = RowsCommitted().Match(page.Markup);
            if (match.Success)
            {
                seen.Enqueue(int.Parse(match.Groups[1].Value.Replace(",", "")));
            }
        };
        return seen;
    }

    [GeneratedRegex(@"data-testid=""(?:progress-rows|done-progress)""[^>]*>([\d,]+) of")]
    private static partial Regex RowsCommitted();
}

/// <summary>A viewer that renders <see cref="ProgressPanel"/> from every snapshot of the progress feed for one import.</summary>
public sealed class FeedProgressViewer : ComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private ImportProgress? _latest;

    [Inject] private ImportProgressFeed Feed { get; set; } = default!;

    [Parameter] public int ImportId { get; set; }

    public ConcurrentQueue<ImportProgress> Snapshots { get; } = new();

    protected override void OnInitialized() => _subscription = Feed.Subscribe(ImportId, p =>
    {
        if (p.Status is ImportStatus.Committing or ImportStatus.Committed)
        {
            Snapshots.Enqueue(p);
            _latest = p with { Status = ImportStatus.Committing };
            _ = InvokeAsync(StateHasChanged);
        }
    });

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (_latest is { } progress)
        {
            builder.OpenComponent<ProgressPanel>(0);
            builder.AddComponentParameter(1, nameof(ProgressPanel.Progress), progress);
            builder.AddComponentParameter(2, nameof(ProgressPanel.CanCancel), false);
            builder.CloseComponent();
        }
    }

    public void Dispose() => _subscription?.Dispose();
}
