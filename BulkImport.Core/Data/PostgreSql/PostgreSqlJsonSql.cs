namespace BulkImport.Core.Data.PostgreSql;

/// <summary>PostgreSQL's jsonb functions: JSON is stored and passed as text, so it is cast to jsonb where it is read.</summary>
internal sealed class PostgreSqlJsonSql : JsonSql
{
    public static readonly PostgreSqlJsonSql Instance = new();

    public override string Elements(string json, string alias) => $"jsonb_array_elements(CAST({json} AS jsonb)) AS {alias}(value)";

    public override string IndexedElements(string json, string alias) =>
        $"(SELECT x.value, x.ordinality - 1 AS key FROM jsonb_array_elements(CAST({json} AS jsonb)) WITH ORDINALITY AS x(value, ordinality)) AS {alias}";

    public override string Integer(string element) => $"CAST({element} AS bigint)";

    public override string IntegerAt(string element, int index) => $"CAST({element} ->> {index} AS bigint)";

    public override string TextOf(string element, string name) => $"({element} ->> '{name}')";

    public override string IsNotTrue(string element, string name) => $"({element} -> '{name}') IS DISTINCT FROM 'true'::jsonb";

    public override string TextAt(string json, string index) => $"(CAST({json} AS jsonb) ->> CAST({index} AS integer))";

    public override string ArrayOf(IEnumerable<string> expressions) => $"CAST(jsonb_build_array({string.Join(", ", expressions)}) AS text)";

    public override string Integers(string json) => $"SELECT CAST(value AS bigint) FROM jsonb_array_elements_text(CAST({json} AS jsonb)) AS j(value)";

    public override string Strings(string json) => $"SELECT value FROM jsonb_array_elements_text(CAST({json} AS jsonb)) AS j(value)";
}
