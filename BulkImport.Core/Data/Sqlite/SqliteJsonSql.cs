namespace BulkImport.Core.Data.Sqlite;

/// <summary>SQLite's JSON1 functions, on JSON stored and passed as text.</summary>
internal sealed class SqliteJsonSql : JsonSql
{
    public static readonly SqliteJsonSql Instance = new();

    public override string Elements(string json, string alias) => $"json_each({json}) AS {alias}";

    /// <summary>json_each gives an array element's place as its <c>key</c>.</summary>
    public override string IndexedElements(string json, string alias) => Elements(json, alias);

    public override string Integer(string element) => element;

    public override string IntegerAt(string element, int index) => $"{element} ->> {index}";

    public override string TextOf(string element, string name) => $"json_extract({element}, '$.{name}')";

    public override string IsNotTrue(string element, string name) => $"json_extract({element}, '$.{name}') IS NOT 1";

    // A constant index is written into the path, so it is not built again for every row.
    public override string TextAt(string json, string index) =>
        int.TryParse(index, System.Globalization.CultureInfo.InvariantCulture, out var at)
            ? $"json_extract({json}, '$[{at}]')"
            : $"json_extract({json}, '$[' || ({index}) || ']')";

    public override string ArrayOf(IEnumerable<string> expressions) => $"json_array({string.Join(", ", expressions)})";

    public override string Integers(string json) => $"SELECT value FROM json_each({json})";

    public override string Strings(string json) => $"SELECT value FROM json_each({json})";
}
