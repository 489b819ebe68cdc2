using BulkImport.Core.Data;
using Microsoft.Data.Sqlite;

namespace BulkImport.Tests.Data;

/// <summary>
/// A find and replace reads only the rows whose values' JSON is LIKE the find's pattern (docs/decisions.md, "Fixing many
/// rows at once"). A find with a letter beyond ASCII looked at every row of the import (a replace of 'Müller' in a million
/// rows took 24 s); its ASCII letters and digits are looked for now, which the JSON holds as written whether the rest is
/// stored as UTF-8 or escaped.
/// </summary>
public sealed class FixCandidatesPatternTests
{
    [Theory]
    [InlineData("Müller", true, "%M%ller%")]
    [InlineData("Zoë", false, "%Zo%")]
    [InlineData("O'Brien-Müller", false, "%O%Brien%M%ller%")]
    [InlineData("ü", false, "%")]
    [InlineData("Pell Grant", true, "%\"Pell Grant\"%")]
    [InlineData("", true, "%")]
    [InlineData(" Pell Grant ", true, "%\"Pell Grant\"%")]
    [InlineData("  ", true, "%")]
    [InlineData(" Grant", false, "% Grant%")]
    public void The_pattern_keeps_the_ascii_letters_and_digits_of_a_find(string find, bool whole, string expected) =>
        FixCandidates.Pattern(find, whole).Should().Be(expected);

    [Theory]
    [InlineData("""{"Last Name":"Müller"}""")]
    [InlineData("""{"Last Name":"M\u00FCller"}""")]
    [InlineData("""{"Last Name":"M\u00DCLLER"}""")]
    [InlineData("""{"Last Name":"MÜLLER","City":"x"}""")]
    public async Task Every_stored_form_of_a_matching_cell_is_like_the_pattern(string values)
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT $values LIKE $pattern ESCAPE '\\'";
        command.Parameters.AddWithValue("$values", values);
        command.Parameters.AddWithValue("$pattern", FixCandidates.Pattern("müller", whole: true));

        (await command.ExecuteScalarAsync()).Should().Be(1L);
    }
}
