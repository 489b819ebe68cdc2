using BulkImport.Core.Domains.Common;

namespace BulkImport.Tests.Domains.Common;

public class PhoneFormatTests
{
    private const string Expected = "Phone Number must have 10 digits, like (727) 123-1234";

    [Theory]
    [InlineData("7271231234")]
    [InlineData("727-123-1234")]
    [InlineData("727.123.1234")]
    [InlineData("727 123 1234")]
    [InlineData("(727)123-1234")]
    [InlineData("(727) 123 - 1234")]
    [InlineData("( 727 ) 123.1234")]
    [InlineData("72 71 23 12 34")]
    [InlineData("727\u00A0123\u00A01234")]
    [InlineData("727\u2013123\u20131234")]
    public void Phone_with_ten_digits_is_canonicalised(string input)
    {
        var result = FieldFormats.Phone(input);

        result.Value.Should().Be("(727) 123-1234");
        FieldFormats.Phone(result.Value!).Value.Should().Be("(727) 123-1234");
    }

    [Theory]
    [InlineData("17271231234")]
    [InlineData("1-727-123-1234")]
    [InlineData("1 (727) 123-1234")]
    [InlineData("1.727.123.1234")]
    public void Phone_with_eleven_digits_starting_with_1_is_canonicalised(string input)
    {
        FieldFormats.Phone(input).Value.Should().Be("(727) 123-1234");
    }

    [Theory]
    [InlineData("+17271231234")]
    [InlineData("+1 727 123 1234")]
    [InlineData("+1 (727) 123-1234")]
    [InlineData("+1-727-123-1234")]
    [InlineData("+1.727.123.1234")]
    public void Phone_with_plus_1_country_code_is_canonicalised(string input)
    {
        FieldFormats.Phone(input).Value.Should().Be("(727) 123-1234");
    }

    [Fact]
    public void Canonical_phone_is_returned_as_the_same_instance()
    {
        var input = "(813) 555-0100";

        FieldFormats.Phone(input).Value.Should().BeSameAs(input);
    }

    [Theory]
    [InlineData("727-123-123", 9)]
    [InlineData("123-1234", 7)]
    [InlineData("()", 0)]
    [InlineData("727-123-12345-6", 12)]
    [InlineData("1-727-123-12", 9)]
    public void Phone_without_ten_digits_is_an_error_that_counts_them(string input, int digits)
    {
        FieldFormats.Phone(input).Error.Should().Be($"{Expected}; it has {digits}");
    }

    [Theory]
    [InlineData("27271231234")]
    [InlineData("0 727 123 1234")]
    public void Phone_with_eleven_digits_not_starting_with_1_is_an_error(string input)
    {
        FieldFormats.Phone(input).Error
            .Should().Be($"{Expected}; 11 digits are accepted only when the first is the country code 1");
    }

    [Theory]
    [InlineData("+44 20 7946 0958")]
    [InlineData("+52 55 1234 5678")]
    [InlineData("+7271231234")]
    public void Phone_with_another_country_code_is_an_error(string input)
    {
        FieldFormats.Phone(input).Error
            .Should().Be("Phone Number must be a US number, like (727) 123-1234; the only country code accepted is +1");
    }

    [Theory]
    [InlineData("+1 727 123 123", 9)]
    [InlineData("+1", 0)]
    public void Phone_with_plus_1_and_the_wrong_digit_count_is_an_error(string input, int digits)
    {
        FieldFormats.Phone(input).Error
            .Should().Be($"Phone Number must have 10 digits after +1, like +1 (727) 123-1234; it has {digits}");
    }

    [Theory]
    [InlineData("727-123-1234 x12")]
    [InlineData("727-123-1234 ext. 5")]
    [InlineData("727/123/1234")]
    [InlineData("727_123_1234")]
    [InlineData("1+727-123-1234")]
    [InlineData("++17271231234")]
    [InlineData("727-CALL-NOW")]
    [InlineData("=7271231234")]
    [InlineData("\uFF17\uFF12\uFF17\uFF11\uFF12\uFF13\uFF11\uFF12\uFF13\uFF14")]
    public void Phone_with_other_characters_is_an_error(string input)
    {
        FieldFormats.Phone(input).Error
            .Should().Be("Phone Number may contain only digits, spaces, ( ) - . and a leading +1, like (727) 123-1234");
    }
}
