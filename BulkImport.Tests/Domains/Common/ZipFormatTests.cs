using BulkImport.Core.Domains.Common;

namespace BulkImport.Tests.Domains.Common;

public class ZipFormatTests
{
    private const string Expected = "Zip must be 5 digits or ZIP+4, like 33755 or 33755-1234";

    [Theory]
    [InlineData("33755")]
    [InlineData("08123")]
    [InlineData("00501")]
    [InlineData("33755-1234")]
    [InlineData("08123-0001")]
    public void Zip_code_is_kept_as_text_with_its_leading_zeros(string input)
    {
        var result = FieldFormats.Zip(input);

        result.Value.Should().BeSameAs(input);
        FieldFormats.Zip(result.Value!).Value.Should().Be(input);
    }

    [Theory]
    [InlineData("33755\u20131234", "33755-1234")]
    [InlineData("33755\u22121234", "33755-1234")]
    public void Zip_plus_four_with_a_unicode_dash_is_canonicalised(string input, string canonical)
    {
        var result = FieldFormats.Zip(input);

        result.Value.Should().Be(canonical);
        FieldFormats.Zip(canonical).Value.Should().Be(canonical);
    }

    [Fact]
    public void Four_digit_zip_is_an_error_that_suggests_the_dropped_leading_zero()
    {
        FieldFormats.Zip("8123").Error.Should().Be($"{Expected}; if a spreadsheet dropped a leading zero, it is 08123");
    }

    [Fact]
    public void Nine_digit_zip_without_a_dash_is_an_error_that_shows_the_dash()
    {
        FieldFormats.Zip("337551234").Error.Should().Be($"{Expected}; write ZIP+4 with a dash, like 33755-1234");
    }

    [Theory]
    [InlineData("337555")]
    [InlineData("33755-123")]
    [InlineData("33755-12345")]
    [InlineData("33755 1234")]
    [InlineData("33755-")]
    [InlineData("3375A")]
    [InlineData("33755.0")]
    [InlineData("3.3755E+4")]
    [InlineData("SW1A 1AA")]
    [InlineData("K1A 0B1")]
    [InlineData("\uFF13\uFF13\uFF17\uFF15\uFF15")]
    public void Zip_in_any_other_form_is_an_error(string input)
    {
        FieldFormats.Zip(input).Error.Should().Be(Expected);
    }
}
