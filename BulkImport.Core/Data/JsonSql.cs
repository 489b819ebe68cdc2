namespace BulkImport.Core.Data;

/// <summary>
/// How an engine reads and builds the JSON that set-based statements pass around (a batch's keys as one parameter, a
/// before-image's old values, a staged row's values and messages). SQLite has its JSON1 functions on text; PostgreSQL
/// works on jsonb, so its text is cast first. Every piece is an SQL expression to splice into a statement.
/// </summary>
public abstract class JsonSql
{
    /// <summary>A table source over the elements of the JSON array <paramref name="json"/>, aliased <paramref name="alias"/>, whose column <c>value</c> is each element.</summary>
    public abstract string Elements(string json, string alias);

    /// <summary>As <see cref="Elements"/>, with a column <c>key</c> too: each element's place in the array, from 0.</summary>
    public abstract string IndexedElements(string json, string alias);

    /// <summary>An element from <see cref="Elements"/> that is a number, as an integer.</summary>
    public abstract string Integer(string element);

    /// <summary>The text of element <paramref name="index"/> of the JSON array <paramref name="element"/> (itself an element from <see cref="Elements"/>), as an integer.</summary>
    public abstract string IntegerAt(string element, int index);

    /// <summary>The text (or null) of member <paramref name="name"/> of the JSON object <paramref name="element"/> from <see cref="Elements"/>.</summary>
    public abstract string TextOf(string element, string name);

    /// <summary>Whether member <paramref name="name"/> of <paramref name="element"/> (from <see cref="Elements"/>) is not JSON true.</summary>
    public abstract string IsNotTrue(string element, string name);

    /// <summary>The text (or null) of item <paramref name="index"/> (an integer SQL expression) of the JSON array text <paramref name="json"/>.</summary>
    public abstract string TextAt(string json, string index);

    /// <summary>JSON array text of the values of <paramref name="expressions"/> (text or null each).</summary>
    public abstract string ArrayOf(IEnumerable<string> expressions);

    /// <summary>A subquery of the integers in the JSON array text <paramref name="json"/>, for <c>IN (…)</c>.</summary>
    public abstract string Integers(string json);

    /// <summary>A subquery of the strings in the JSON array text <paramref name="json"/>, for <c>IN (…)</c>.</summary>
    public abstract string Strings(string json);
}
