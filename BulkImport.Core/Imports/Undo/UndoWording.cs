namespace BulkImport.Core.Imports.Undo;

/// <summary>The confirmation of an undo in words, with its numbers (the screen and the API say the same).</summary>
public static class UndoWording
{
    public static string Confirmation(UndoPreview preview)
    {
        var (records, inserted, updated) = preview.Domain.Name switch
        {
            "ClientAssignment" => ("assignments", "delete {0} it added (with the invoices it created)", "restore {0} it updated"),
            "Payment" => ("payments", "reverse {0} it recorded (their amounts go back onto their invoices)", "restore {0} it updated"),
            _ => ("clients", "delete {0} it added", "restore {0} it updated"),
        };
        var parts = new List<string>();
        if (preview.Inserts > 0)
        {
            parts.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, inserted, $"{preview.Inserts:N0}"));
        }

        if (preview.Updates > 0)
        {
            parts.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, updated, $"{preview.Updates:N0}"));
        }

        var what = parts.Count == 0
            ? $"Undo import {preview.ImportId}: it has no committed {records} left to undo."
            : $"Undo import {preview.ImportId}: {records} — {string.Join(" and ", parts)}.";
        var kept = preview.ChangedSince > 0
            ? $" {preview.ChangedSince:N0} of them were changed by a later import since and will be kept as they are; so will any that a later import depends on (each is listed with its reason)."
            : " Records a later import changes or depends on meanwhile are kept and listed with the reason.";
        var resumed = preview.AlreadyDone > 0 ? $" {preview.AlreadyDone:N0} rows were gone through by an earlier undo; it continues after them." : "";
        return what + kept + resumed + " Usage is not given back.";
    }
}
