using System.Text;
using BulkImport.Core.Domains.Common;

namespace BulkImport.Tests.Domains.Common;

public class CellTextTests
{
    [Theory]
    [InlineData("123\u200B-45-6789", "123-45-6789")]
    [InlineData("\u200B123456789", "123456789")]
    [InlineData("12\u200C3\u200D4", "1234")]
    [InlineData("\uFEFF42", "42")]
    [InlineData("42\u2060", "42")]
    [InlineData("\u202EAnn\u202C", "Ann")]
    [InlineData("\u202A\u202B\u202DAnn", "Ann")]
    [InlineData("\u2066Ann\u2067\u2068\u2069", "Ann")]
    [InlineData("\u200E727-123-1234\u200F", "727-123-1234")]
    [InlineData("\u061C33755", "33755")]
    [InlineData("Anne\u00ADMarie", "AnneMarie")]
    public void Invisible_characters_are_removed(string input, string cleaned)
    {
        CellText.Clean(input).Should().Be(cleaned);
    }

    [Theory]
    [InlineData("\u200B 123")]
    [InlineData("123 \uFEFF")]
    [InlineData("\u200B\u00A0123\u00A0\u200B")]
    public void White_space_exposed_by_the_removal_is_trimmed(string input)
    {
        CellText.Clean(input).Should().Be("123");
    }

    [Fact]
    public void Cell_of_invisible_characters_only_becomes_empty()
    {
        CellText.Clean("\u200B\uFEFF\u200D").Should().BeEmpty();
    }

    [Fact]
    public void Decomposed_text_is_normalised_to_composed_form()
    {
        var decomposed = "Jose\u0301";

        var cleaned = CellText.Clean(decomposed);

        cleaned.Should().Be("Jos\u00E9");
        cleaned.IsNormalized(NormalizationForm.FormC).Should().BeTrue();
    }

    [Fact]
    public void Composed_and_decomposed_forms_clean_to_the_same_text()
    {
        CellText.Clean("Ren\u00E9e").Should().Be(CellText.Clean("Rene\u0301e"));
    }

    [Theory]
    [InlineData("Ann")]
    [InlineData("123-45-6789")]
    [InlineData("José")]
    [InlineData("Nguyễn")]
    [InlineData("Zoë O'Brien")]
    public void Clean_text_is_returned_as_the_same_instance(string input)
    {
        CellText.Clean(input).Should().BeSameAs(input);
    }

    [Theory]
    [InlineData("\u0430nn")]
    [InlineData("Ann\u00A0Lee")]
    [InlineData("\uFF11\uFF12\uFF13")]
    public void Visible_look_alikes_and_inner_non_breaking_spaces_are_kept(string input)
    {
        CellText.Clean(input).Should().Be(input);
    }

    [Theory]
    [InlineData("123\u200B-45-6789", "123456789")]
    [InlineData("\uFEFF123 45 6789", "123456789")]
    public void Cleaned_ssn_becomes_valid_ascii(string input, string canonical)
    {
        FieldFormats.Ssn(CellText.Clean(input)).Value.Should().Be(canonical);
    }

    [Fact]
    public void Cleaning_is_idempotent()
    {
        var once = CellText.Clean("\u200BRene\u0301e\u202E");

        CellText.Clean(once).Should().BeSameAs(once);
    }

    [Fact]
    public void Lone_surrogate_does_not_throw()
    {
        var input = "Ann\uD800";

        CellText.Clean(input).Should().Be(input);
    }
}
