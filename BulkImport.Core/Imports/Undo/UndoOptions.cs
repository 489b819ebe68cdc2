namespace BulkImport.Core.Imports.Undo;

/// <summary>Settings of the undo (section <c>Undo</c>).</summary>
public sealed class UndoOptions
{
    public const string Section = "Undo";

    /// <summary>Testing only: fail the undo after this many rows of one run (0: never), to show a database failure ends it UndoFailed.</summary>
    public int FailAfterRows { get; set; }

    /// <summary>
    /// Testing only: once this many rows of one run are undone (0: never), the undo waits until the app stops, so a crash
    /// test kills the process mid-undo however fast the machine is (a 30,000-row undo once ended between two looks).
    /// </summary>
    public int HoldAfterRows { get; set; }
}
