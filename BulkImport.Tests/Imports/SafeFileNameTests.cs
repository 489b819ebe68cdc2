using BulkImport.Core.Imports;

namespace BulkImport.Tests.Imports;

/// <summary>The file name shown for an upload (never used in a path): last path part, no control or invisible characters, bounded.</summary>
public sealed class SafeFileNameTests
{
    [Theory]
    [InlineData("clients.csv", "clients.csv")]
    [InlineData("../../x.csv", "x.csv")]
    [InlineData("..\\..\\x.csv", "x.csv")]
    [InlineData("C:\\Users\\ann\\Desktop\\clients.csv", "clients.csv")]
    [InlineData("folder/", "upload.csv")]
    [InlineData("..", "upload.csv")]
    [InlineData("", "upload.csv")]
    [InlineData(null, "upload.csv")]
    [InlineData("  spaced name.csv  ", "spaced name.csv")]
    [InlineData("tab\there.csv", "tabhere.csv")]
    [InlineData("nul\0byte.csv", "nulbyte.csv")]
    [InlineData("line\r\nbreak.csv", "linebreak.csv")]
    [InlineData("invoice\u202Egpj.exe", "invoicegpj.exe")]
    [InlineData("zero\u200Bwidth.csv", "zerowidth.csv")]
    [InlineData("clients.csv.exe", "clients.csv.exe")]
    [InlineData("100% (final) [v2].csv", "100% (final) [v2].csv")]
    [InlineData("Café résumé.csv", "Café résumé.csv")]
    public void Keeps_only_a_harmless_name_to_show(string? name, string shown) =>
        SafeFileName.Of(name).Should().Be(shown);

    [Fact]
    public void A_very_long_name_is_shortened_to_the_limit_keeping_its_extension()
    {
        var shown = SafeFileName.Of(new string('x', 5000) + ".csv");

        shown.Length.Should().Be(SafeFileName.MaxLength);
        shown.Should().EndWith("….csv");
    }

    [Fact]
    public void A_long_name_without_a_short_extension_is_cut_at_the_limit()
    {
        var shown = SafeFileName.Of(new string('x', 300));

        shown.Length.Should().Be(SafeFileName.MaxLength);
        shown.Should().EndWith("…");
    }
}
