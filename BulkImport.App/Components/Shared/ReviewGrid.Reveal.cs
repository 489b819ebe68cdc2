using BulkImport.Core.Domains.Common;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using MudBlazor;

namespace BulkImport.App.Components.Shared;

// Masked values (SSN and the like), revealed one row at a time to a viewer who may, each reveal recorded.
public partial class ReviewGrid
{
    private readonly HashSet<int> _revealed = [];

    private string Display(string column, ImportRow row)
    {
        var value = row.Values.ElementAtOrDefault(Cells.IndexOf(Domain.Columns, column));
        return (_revealed.Contains(row.RowNumber) ? value : SensitiveValues.Mask(Domain, column, value)) ?? "";
    }

    private async Task RevealAsync(int rowNumber, string column)
    {
        try
        {
            var user = await Gate.CheckMayRevealCurrentAsync(await SignedInAsync(), ImportId, CancellationToken.None);
            await Audit.RecordRevealAsync(user.Identity?.Name ?? "unknown", ImportId, rowNumber, column, CancellationToken.None);
            _revealed.Add(rowNumber);
        }
        catch (ImportProblem problem)
        {
            Snackbar.Add(problem.Message, Severity.Error);
        }
    }
}
