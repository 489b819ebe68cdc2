namespace BulkImport.App.Api;

/// <summary>
/// A value of the API's enums as a request names it (a query value, an upload field, a JSON property): exactly one of
/// its names, in any case. <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> alone also takes a number and
/// names joined by commas, which it combines as flags into another value that is often defined: rows?status=Error,Skipped
/// listed the Success rows, an upload with operation=Add,Update became an Update import, match=Exact,Contains replaced
/// by Contains (outside audit). Such a text is refused with the list of names instead.
/// </summary>
public static class EnumWords
{
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        var name = text?.Trim();
        return !string.IsNullOrEmpty(name) && !name.Contains(',') && !int.TryParse(name, out _)
            && Enum.TryParse(name, ignoreCase: true, out value) && Enum.IsDefined(value);
    }
}
