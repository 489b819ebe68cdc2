using BulkImport.Core.Imports.Undo;
using MudBlazor;

namespace BulkImport.App.Components.Shared;

/// <summary>
/// The question asked before an undo (SPEC 21): it deletes and restores records, possibly hundreds of thousands, so the
/// person reads first what it will do in numbers (the same words as GET /api/imports/{id}/undo), and the default answer
/// is not to start.
/// </summary>
public static class UndoConfirmation
{
    public static async Task<bool> AskAsync(IDialogService dialogs, UndoPreview preview)
    {
        var sure = await dialogs.ShowMessageBoxAsync($"Undo import #{preview.ImportId}?", UndoWording.Confirmation(preview),
            yesText: "Undo Import", cancelText: "Not Now");
        return sure == true;
    }
}
