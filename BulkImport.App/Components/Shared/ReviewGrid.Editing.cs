using BulkImport.App.Security;
using BulkImport.Core.Domains.Common;
using BulkImport.Core.Imports;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace BulkImport.App.Components.Shared;

// A row edited in place: opened on its first failing cell, saved (validated again) or put back, or skipped.
public partial class ReviewGrid
{
    private RowDraft? _draft;
    private bool _busy;
    private int? _focusColumn;
    private string? _scrollTo;

    private void StartEdit(ImportRow row)
    {
        _draft = new RowDraft(Domain, row, _revealed.Contains(row.RowNumber));
        // The row's first failing cell is brought into view and gets the cursor: the reason and the fix side by side. A
        // row without one (a Valid row edited) gets it in its first cell, so the keyboard is in the row it opened and
        // not left on the page's body.
        var failing = row.Messages.Where(m => !m.IsWarning && m.Column is not null && IsShown(m.Column)).Select(m => Cells.IndexOf(Domain.Columns, m.Column!)).Where(i => i >= 0).ToList();
        _focusColumn = failing.Count > 0 ? failing.Min() : FirstShownColumn();
        _scrollTo = _focusColumn is { } first ? CellId(row.RowNumber, first) : null;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_scrollTo is { } id)
        {
            _scrollTo = null;
            await ScrollManager.ScrollIntoViewAsync("#" + id, ScrollBehavior.Smooth);
        }
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        if (_draft is null || _busy)
        {
            return;
        }

        if (e.Key == "Enter")
        {
            await SaveAsync();
        }
        else if (e.Key == "Escape")
        {
            CancelEdit();
        }
    }

    private void CancelEdit()
    {
        _focusColumn = null;
        _draft = null;
    }

    private async Task SaveAsync()
    {
        if (_draft is null)
        {
            return;
        }

        var rowNumber = _draft.RowNumber;
        var changes = _draft.Changes();
        // An error row saved as it is is still checked again (RowDraft.OpenedInError): closing it without a word left
        // a row error no cell holds with no way to clear it here.
        if (changes.Count == 0 && !_draft.OpenedInError)
        {
            CancelEdit();
            return;
        }

        _busy = true;
        try
        {
            await Gate.CheckCurrentAsync(await SignedInAsync(), ImportId, ImportNeed.Change, CancellationToken.None);
            var (row, import) = await Edits.EditRowAsync(ImportId, rowNumber, changes, CancellationToken.None);
            CancelEdit();
            Snackbar.Add(row.Status == RowStatus.Valid ? $"Row {row.RowNumber} is valid now." : $"Row {row.RowNumber} still has errors.", row.Status == RowStatus.Valid ? Severity.Success : Severity.Warning);
            await OnRowsChanged.InvokeAsync(import);
            if (_grid is not null)
            {
                await _grid.ReloadServerData();
            }
        }
        catch (ImportProblem problem)
        {
            Snackbar.Add(problem.Message, Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task SkipAsync(ImportRow target)
    {
        try
        {
            await Gate.CheckCurrentAsync(await SignedInAsync(), ImportId, ImportNeed.Change, CancellationToken.None);
            var (_, import) = await Edits.SkipRowAsync(ImportId, target.RowNumber, CancellationToken.None);
            Snackbar.Add($"Row {target.RowNumber} skipped: it will not be imported.", Severity.Info);
            await OnRowsChanged.InvokeAsync(import);
            if (_grid is not null)
            {
                await _grid.ReloadServerData();
            }
        }
        catch (ImportProblem problem)
        {
            Snackbar.Add(problem.Message, Severity.Error);
        }
    }

    /// <summary>The index of the first template column the grid shows (each is editable in a row being edited).</summary>
    private int? FirstShownColumn()
    {
        for (var i = 0; i < Domain.Columns.Count; i++)
        {
            if (IsShown(Domain.Columns[i]))
            {
                return i;
            }
        }

        return null;
    }
}
