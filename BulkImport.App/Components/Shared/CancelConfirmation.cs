using BulkImport.Core.Imports;
using MudBlazor;

namespace BulkImport.App.Components.Shared;

/// <summary>
/// The question asked before an import is cancelled, wherever the Cancel button is (the import's page, Live Imports):
/// it says what stays and what happens next, and defaults to keeping the import going.
/// </summary>
public static class CancelConfirmation
{
    public static async Task<bool> AskAsync(IDialogService dialogs, int importId, ImportStatus status)
    {
        var committing = status is ImportStatus.Queued or ImportStatus.Committing;
        var sure = await dialogs.ShowMessageBoxAsync(
            $"Cancel import #{importId}?",
            committing
                ? "The commit stops after the batch in progress. Rows already committed stay committed and are marked so in the results; support can replay the rest later."
                : "Nothing has been imported yet. The import is kept in history as Cancelled; to import the file later, upload it again.",
            yesText: "Cancel Import", cancelText: "Keep Going");
        return sure == true;
    }
}
