using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BulkImport.Core.Imports;

namespace BulkImport.Core.Data;

/// <summary>
/// The one place that turns row values and messages into the text stored in the database,
/// shared by EF Core's converters and the prepared commands of the hot paths.
/// </summary>
public static class RowJson
{
    public static string SerializeValues(string?[] values) => JsonSerializer.Serialize(values, RowJsonContext.Default.StringArray);

    /// <summary>
    /// The values as UTF-8 JSON, for the staging's hot path that binds bytes straight into SQLite. A value that JSON
    /// needs escaped (a quote, a backslash, a control character or a surrogate) sends the row through the serializer;
    /// any other is written as its UTF-8 between quotes, with none of the serializer's optional escapes (non-ASCII
    /// letters, HTML characters), about twice as fast. Both are the same JSON to every reader.
    /// </summary>
    public static byte[] SerializeValuesUtf8(string?[] values)
    {
        var most = 2;
        foreach (var value in values)
        {
            if (value is not null && value.AsSpan().IndexOfAny(NeedEscaping) >= 0)
            {
                return JsonSerializer.SerializeToUtf8Bytes(values, RowJsonContext.Default.StringArray);
            }

            most += 5 + (value is null ? 0 : Encoding.UTF8.GetMaxByteCount(value.Length));
        }

        var buffer = most <= 1024 ? stackalloc byte[most] : new byte[most];
        var length = 0;
        buffer[length++] = (byte)'[';
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                buffer[length++] = (byte)',';
            }

            if (values[i] is not { } value)
            {
                "null"u8.CopyTo(buffer[length..]);
                length += 4;
                continue;
            }

            buffer[length++] = (byte)'"';
            length += Encoding.UTF8.GetBytes(value, buffer[length..]);
            buffer[length++] = (byte)'"';
        }

        buffer[length++] = (byte)']';
        return buffer[..length].ToArray();
    }

    /// <summary>What JSON text must escape in a string (RFC 8259: quote, backslash, U+0000-U+001F), and surrogates, which the serializer handles.</summary>
    private static readonly SearchValues<char> NeedEscaping = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Select(c => (char)c)) + "\"\\" + string.Concat(Enumerable.Range(0xD800, 0x800).Select(c => (char)c)));

    public static string?[] DeserializeValues(ReadOnlySpan<byte> utf8Json) => JsonSerializer.Deserialize(utf8Json, RowJsonContext.Default.StringArray) ?? [];

    /// <summary>
    /// The values as UTF-8 text without a string per value, for the commit's hot path: <paramref name="text"/> holds them
    /// one after another (unescaped), <paramref name="bounds"/> the start and length of each (length -1 for null).
    /// </summary>
    public static void DeserializeValuesUtf8(ReadOnlySpan<byte> utf8Json, out byte[] text, out int[] bounds)
    {
        // Unescaped text is never longer than its JSON.
        text = new byte[utf8Json.Length];
        Span<int> found = stackalloc int[2 * MaxValuesOnStack];
        var count = 0;
        var position = 0;
        var reader = new Utf8JsonReader(utf8Json);
        List<int>? more = null;
        while (reader.Read())
        {
            int start = position, length;
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    length = reader.ValueIsEscaped ? reader.CopyString(text.AsSpan(position)) : Copy(reader.ValueSpan, text.AsSpan(position));
                    position += length;
                    break;
                case JsonTokenType.Null:
                    length = -1;
                    break;
                default:
                    continue;
            }

            if (count < MaxValuesOnStack)
            {
                found[2 * count] = start;
                found[(2 * count) + 1] = length;
            }
            else
            {
                (more ??= []).AddRange([start, length]);
            }

            count++;
        }

        bounds = new int[2 * count];
        found[..(2 * Math.Min(count, MaxValuesOnStack))].CopyTo(bounds);
        more?.CopyTo(bounds, 2 * MaxValuesOnStack);
    }

    /// <summary>Value <paramref name="index"/> of what <see cref="DeserializeValuesUtf8"/> gave, as a string; null past the last.</summary>
    public static string? ValueAt(byte[] text, int[] bounds, int index) =>
        2 * index >= bounds.Length || bounds[(2 * index) + 1] < 0 ? null : Encoding.UTF8.GetString(text, bounds[2 * index], bounds[(2 * index) + 1]);

    private const int MaxValuesOnStack = 64;

    private static int Copy(ReadOnlySpan<byte> from, Span<byte> to)
    {
        from.CopyTo(to);
        return from.Length;
    }

    public static string?[] DeserializeValues(string json) => JsonSerializer.Deserialize(json, RowJsonContext.Default.StringArray) ?? [];

    /// <summary>"[]" for no messages: the column is NOT NULL, and every valid row has none.</summary>
    public static string SerializeMessages(List<RowMessage> messages) =>
        messages.Count == 0 ? "[]" : JsonSerializer.Serialize(messages, RowJsonContext.Default.ListRowMessage);

    /// <summary>The messages as UTF-8 JSON ("[]" for none), for the fast path.</summary>
    public static byte[] SerializeMessagesUtf8(List<RowMessage> messages) =>
        messages.Count == 0 ? NoMessagesUtf8 : JsonSerializer.SerializeToUtf8Bytes(messages, RowJsonContext.Default.ListRowMessage);

    /// <summary>"[]": what a row without messages stores.</summary>
    internal static readonly byte[] NoMessagesUtf8 = "[]"u8.ToArray();

    /// <summary>Most rows have no messages: their "[]" is recognised without running the parser.</summary>
    public static List<RowMessage> DeserializeMessages(string? json) =>
        string.IsNullOrEmpty(json) || json == "[]" ? [] : JsonSerializer.Deserialize(json, RowJsonContext.Default.ListRowMessage) ?? [];

    /// <summary>The messages from their UTF-8 JSON, as stored.</summary>
    public static List<RowMessage> DeserializeMessages(ReadOnlySpan<byte> utf8Json) =>
        utf8Json.IsEmpty || utf8Json.SequenceEqual(NoMessagesUtf8) ? [] : JsonSerializer.Deserialize(utf8Json, RowJsonContext.Default.ListRowMessage) ?? [];

    /// <summary>A JSON array of whole numbers ("[3,17,42]"), the one parameter a statement's <c>IN</c> list of IDs or row numbers is given as (<see cref="JsonSql.Integers"/>).</summary>
    public static string SerializeIntegers(IEnumerable<int> values)
    {
        var json = new StringBuilder("[");
        foreach (var value in values)
        {
            json.Append(json.Length == 1 ? "" : ",").Append(value.ToString(CultureInfo.InvariantCulture));
        }

        return json.Append(']').ToString();
    }

    public static string SerializeStrings(List<string> values) => JsonSerializer.Serialize(values, RowJsonContext.Default.ListString);

    public static List<string> DeserializeStrings(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize(json, RowJsonContext.Default.ListString) ?? [];
}

// WhenWritingDefault: a message's Column and Code when null, and IsWarning when false, are left out.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(string?[]))]
[JsonSerializable(typeof(List<RowMessage>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class RowJsonContext : JsonSerializerContext;
