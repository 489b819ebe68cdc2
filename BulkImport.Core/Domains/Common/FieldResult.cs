namespace BulkImport.Core.Domains.Common;

/// <summary>
/// The outcome of checking one cell: the canonical value, or an error a person can act on.
/// Exactly one of <see cref="Value"/> and <see cref="Error"/> is set.
/// </summary>
public readonly record struct FieldResult(string? Value, string? Error)
{
    /// <summary>True when the cell was accepted; <see cref="Value"/> then holds its canonical form.</summary>
    public bool IsValid => Error is null;

    /// <summary>The cell is accepted; <paramref name="value"/> is its canonical form.</summary>
    public static FieldResult Ok(string value) => new(value, null);

    /// <summary>The cell is rejected with a message that names the column and says what is expected.</summary>
    public static FieldResult Fail(string error) => new(null, error);
}
