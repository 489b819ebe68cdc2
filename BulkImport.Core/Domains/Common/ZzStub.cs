namespace BulkImport.Core.Domains.Common;
public readonly record struct FieldResult(string? Value, string? Error) { public bool IsValid => Error is null; public static FieldResult Ok(string value) => new(value, null); public static FieldResult Fail(string error) => new(null, error); }
public static class FieldFormats {
  public static FieldResult WholeNumberId(string value, string column) => FieldResult.Ok(value);
  public static FieldResult Text(string value, string column, int maxLength) => FieldResult.Ok(value);
  public static FieldResult Email(string value) => FieldResult.Ok(value);
  public static FieldResult Phone(string value) => FieldResult.Ok(value);
  public static FieldResult Ssn(string value) => FieldResult.Ok(value);
  public static FieldResult DateOfBirth(string value, DateOnly today) => FieldResult.Ok(value);
  public static FieldResult Date(string value, string column) => FieldResult.Ok(value);
  public static FieldResult State(string value) => FieldResult.Ok(value);
  public static FieldResult Zip(string value) => FieldResult.Ok(value);
  public static string MaskSsn(string value) => value;
}
public sealed class SelectListMatcher(string field, IEnumerable<string> allowedValues) { public string Field { get; } = field; public IReadOnlyList<string> Values { get; } = allowedValues.ToList(); public FieldResult Match(string value) => FieldResult.Ok(value); }
public static class CellText { public static string Clean(string value) => value; }
