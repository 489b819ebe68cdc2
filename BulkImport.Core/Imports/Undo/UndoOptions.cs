namespace BulkImport.Core.Imports.Undo;

/// <summary>Settings of the undo (section <c>Undo</c>).</summary>
public sealed class UndoOptions
{
    public const string Section = "Undo";

    /// <summary>Testing only: fail the undo after this many rows of one run (0: never), to show a database failure ends it UndoFailed.</summary>
    public int FailAfterRows { get; set; }
}
