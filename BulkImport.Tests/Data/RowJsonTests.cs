using System.Text;
using System.Text.Json;
using BulkImport.Core.Data;

namespace BulkImport.Tests.Data;

/// <summary>Staged values written by the staging's fast path read back exactly, and are the JSON the serializer would read.</summary>
public sealed class RowJsonTests
{
    public static TheoryData<string?[]> Rows() => new()
    {
        new string?[] { "Ann", "Lee", null, "", "ann@example.org" },
        new string?[] { "O'Brien", "<b>&amp;</b>", "a+b=c", "Zoë", "東京", "Ünïcödé ß" },
        new string?[] { "say \"hi\"", "C:\\path", "tab\there", "line\nbreak", "\u0001\u001f", "\u007f" },
        new string?[] { "😀 emoji", "\ud83d", "x\udc00y" },
        new string?[] { },
        new string?[] { null },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Values_written_for_staging_read_back_as_written(string?[] values)
    {
        var json = RowJson.SerializeValuesUtf8(values);

        RowJson.DeserializeValues(json).Should().Equal(values);
        RowJson.DeserializeValues(Encoding.UTF8.GetString(json)).Should().Equal(values);
        JsonSerializer.Deserialize<string?[]>(json).Should().Equal(values, "any JSON reader reads the same values");
    }

    [Fact]
    public void Plain_values_are_written_as_their_text_without_optional_escapes()
    {
        Encoding.UTF8.GetString(RowJson.SerializeValuesUtf8(["Zoë", "<b>", null, ""])).Should().Be("[\"Zoë\",\"<b>\",null,\"\"]");
    }

    [Fact]
    public void Whole_numbers_are_one_JSON_array_whatever_the_culture()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            // Swedish writes a minus sign (U+2212), not a hyphen: JSON would not read it.
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("sv-SE");
            RowJson.SerializeIntegers([3, 17, -1, int.MaxValue]).Should().Be("[3,17,-1,2147483647]");
            RowJson.SerializeIntegers([]).Should().Be("[]");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }
}
