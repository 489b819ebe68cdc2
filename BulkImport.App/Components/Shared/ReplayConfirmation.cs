using System.Globalization;
using BulkImport.Core.Imports;
using MudBlazor;

namespace BulkImport.App.Components.Shared;

/// <summary>
/// The question asked before a replay: a replay commits rows (possibly hundreds of thousands) in one click, so the
/// person sees how many first, and the default answer is not to start.
/// </summary>
public static class ReplayConfirmation
{
    public static async Task<bool> AskAsync(IDialogService dialogs, Import import)
    {
        var left = Math.Max(0, import.ValidRows - import.ProcessedRows);
        var sure = await dialogs.ShowMessageBoxAsync(
            $"Replay import #{import.Id}?",
            string.Create(CultureInfo.CurrentCulture,
                $"The replay commits the {left:N0} valid rows not committed yet (of {import.ValidRows:N0}). The {import.ProcessedRows:N0} rows already committed are not written again."),
            yesText: "Replay", cancelText: "Not Now");
        return sure == true;
    }
}
