using System.Text;
using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports;

namespace BulkImport.Tests.Domains;

/// <summary>A committed row's values read from their stored JSON as UTF-8, the way the commit binds them.</summary>
public sealed class CommitRowTests
{
    private static readonly string?[] Stored =
        ["42", "Ann", "", null, "O'Brien \"Jr.\"", "Zoë → 東京", "line\nbreak\ttab\\slash", "\u0001", "😀"];

    [Fact]
    public void Values_read_from_stored_json_are_the_values_that_were_stored()
    {
        var row = CommitRow.FromJson(7, RowAction.Update, RowJson.SerializeValuesUtf8(Stored));

        row.RowNumber.Should().Be(7);
        row.Action.Should().Be(RowAction.Update);
        row.Values.Should().Equal(Stored);
        for (var i = 0; i < Stored.Length; i++)
        {
            row.IsBlank(i).Should().Be(string.IsNullOrEmpty(Stored[i]), $"value {i} is {Stored[i] ?? "null"}");
            Encoding.UTF8.GetString(row.Utf8(i)).Should().Be(Stored[i] ?? "", $"value {i} is bound as its UTF-8 text");
        }
    }

    [Fact]
    public void A_row_of_more_values_than_fit_on_the_stack_keeps_them_all()
    {
        var many = Enumerable.Range(0, 150).Select(i => i % 3 == 0 ? null : $"v{i}").ToArray();

        var row = CommitRow.FromJson(2, RowAction.Insert, RowJson.SerializeValuesUtf8(many));

        row.Values.Should().Equal(many);
        Encoding.UTF8.GetString(row.Utf8(149)).Should().Be("v149");
        row.IsBlank(150).Should().BeTrue("a column past the row's values is blank");
    }

    [Fact]
    public void A_row_made_from_strings_reads_the_same_as_one_read_from_json()
    {
        var made = new CommitRow(3, RowAction.Insert, Stored);
        var read = CommitRow.FromJson(3, RowAction.Insert, RowJson.SerializeValuesUtf8(Stored));

        for (var i = 0; i < Stored.Length; i++)
        {
            made.Utf8(i).ToArray().Should().Equal(read.Utf8(i).ToArray());
            made.IsBlank(i).Should().Be(read.IsBlank(i));
        }
    }
}
