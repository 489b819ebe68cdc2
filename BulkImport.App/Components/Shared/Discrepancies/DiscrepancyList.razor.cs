using BulkImport.Core.Domains;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Discrepancies;
using BulkImport.Core.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BulkImport.App.Components.Shared.Discrepancies;

/// <summary>
/// The list behind "View Discrepancies": a page of possible duplicates at a time, read from the database (50,000 are as
/// quick as 5), each resolved by choosing "Select" on a candidate client or "New Person" and confirming the choice.
/// </summary>
public partial class DiscrepancyList
{
    /// <summary>Entries per page.</summary>
    public const int PageSize = 10;

    private IReadOnlyList<DiscrepancyView> _items = [];
    private readonly Dictionary<int, int?> _choices = [];
    private int _total;
    private int _page = 1;

    /// <summary>The import whose discrepancies are listed.</summary>
    [Parameter, EditorRequired] public required int ImportId { get; set; }

    /// <summary>Its domain (for the columns and masking).</summary>
    [Parameter, EditorRequired] public required IImportDomain Domain { get; set; }

    /// <summary>Whether the person may resolve (the import's creator or an Admin, during review).</summary>
    [Parameter] public bool AllowResolve { get; set; }

    /// <summary>Who resolves.</summary>
    [Parameter] public string User { get; set; } = "unknown";

    /// <summary>Raised with the import after each resolution (its counts and status changed).</summary>
    [Parameter] public EventCallback<Import> OnResolved { get; set; }

    /// <summary>Whether only the unresolved entries are listed.</summary>
    [Parameter] public bool OnlyUnresolved { get; set; } = true;

    /// <summary>The entry's columns with their template index: those the rules compare, and every one filled in on some side (<see cref="DiscrepancyView.ColumnsToShow"/>).</summary>
    private List<(int Index, string Name)> ColumnsOf(DiscrepancyView item)
    {
        var columns = Domain.Columns;
        return item.ColumnsToShow(columns.Count).Select(index => (index, columns[index])).ToList();
    }

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var found = await Verification.PageAsync(ImportId, OnlyUnresolved ? false : null, PageRequest.Of(_page, PageSize), CancellationToken.None);
        _items = found.Items;
        _total = found.TotalCount;
    }

    private static string? ValueOf(string?[] values, int index) => index < values.Length ? values[index] : null;

    private string? Show(string column, string? value) => SensitiveValues.Mask(Domain, column, value);

    private bool IsChoice(int row, int? clientId) => _choices.TryGetValue(row, out var chosen) && chosen == clientId;

    private void Choose(int row, int? clientId) => _choices[row] = clientId;

    private async Task ShowUnresolvedAsync(bool only)
    {
        OnlyUnresolved = only;
        _page = 1;
        await LoadAsync();
    }

    private async Task PageChangedAsync(int page)
    {
        _page = page;
        await LoadAsync();
    }

    private async Task ConfirmAsync(int row)
    {
        var clientId = _choices[row];
        try
        {
            var (_, import) = await Verification.ResolveAsync(ImportId, row, clientId is null ? DiscrepancyResolution.NewPerson : DiscrepancyResolution.Select, clientId, User, CancellationToken.None);
            _choices.Remove(row);
            await LoadAsync();
            await OnResolved.InvokeAsync(import);
        }
        catch (ImportProblem problem)
        {
            Snackbar.Add(problem.Message, Severity.Error);
        }
    }

    private async Task ResolveAllAsync(DiscrepancyResolution resolution, DuplicateRule? rule)
    {
        try
        {
            var (resolved, import) = await Verification.ResolveAllAsync(ImportId, resolution, rule, User, CancellationToken.None);
            Snackbar.Add($"{resolved:N0} discrepancies resolved.", Severity.Success);
            _choices.Clear();
            _page = 1;
            await LoadAsync();
            await OnResolved.InvokeAsync(import);
        }
        catch (ImportProblem problem)
        {
            Snackbar.Add(problem.Message, Severity.Error);
        }
    }
}
