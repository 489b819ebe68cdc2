using BulkImport.Core.Domains.Common;

namespace BulkImport.Tests.Domains.Common;

public class SsnFormatTests
{
    [Theory]
    [InlineData("123456789", "123456789")]
    [InlineData("123-45-6789", "123456789")]
    [InlineData("123 45 6789", "123456789")]
    [InlineData("001-23-4567", "001234567")]
    [InlineData("001234567", "001234567")]
    [InlineData("899-99-9999", "899999999")]
    [InlineData("123\u00A045\u00A06789", "123456789")]
    [InlineData("123\u201345\u20136789", "123456789")]
    [InlineData("123-45 6789", "123456789")]
    public void Ssn_in_an_accepted_format_is_canonicalised_to_nine_digits(string input, string canonical)
    {
        var result = FieldFormats.Ssn(input);

        result.Value.Should().Be(canonical);
        FieldFormats.Ssn(canonical).Value.Should().Be(canonical);
    }

    [Fact]
    public void Canonical_ssn_is_returned_as_the_same_instance()
    {
        var input = "123456789";

        FieldFormats.Ssn(input).Value.Should().BeSameAs(input);
    }

    [Fact]
    public void Ssn_keeps_its_leading_zeros()
    {
        FieldFormats.Ssn("001-23-4567").Value.Should().Be("001234567");
    }

    [Theory]
    [InlineData("123-45-678", "SSN must have 9 digits, like ###-##-####; it has 8 (***-**-****)")]
    [InlineData("12345678", "SSN must have 9 digits, like ###-##-####; it has 8 (***-**-****); if a spreadsheet dropped its leading zeros, put them back in front (and format the column as Text so that they stay)")]
    [InlineData("1234567", "SSN must have 9 digits, like ###-##-####; it has 7 (***-**-****); if a spreadsheet dropped its leading zeros, put them back in front (and format the column as Text so that they stay)")]
    [InlineData("1234567890", "SSN must have 9 digits, like ###-##-####; it has 10 (***-**-7890)")]
    [InlineData("123-45-67890", "SSN must have 9 digits, like ###-##-####; it has 10 (***-**-7890)")]
    [InlineData("6789", "SSN must have 9 digits, like ###-##-####; it has 4 (***-**-****)")]
    [InlineData("--", "SSN must have 9 digits, like ###-##-####; it has 0 (***-**-****)")]
    [InlineData("", "SSN must have 9 digits, like ###-##-####; it has 0 (***-**-****)")]
    public void Ssn_without_nine_digits_is_an_error_with_a_masked_value(string input, string message)
    {
        FieldFormats.Ssn(input).Error.Should().Be(message);
    }

    [Theory]
    [InlineData("1234-5-6789")]
    [InlineData("12-345-6789")]
    [InlineData("123--456789")]
    [InlineData(" 123456789")]
    [InlineData("123-456-789")]
    [InlineData("123  45  6789")]
    public void Ssn_with_nine_digits_in_another_grouping_is_an_error_with_a_masked_value(string input)
    {
        FieldFormats.Ssn(input).Error
            .Should().Be("SSN must be written ###-##-####, ### ## #### or ######### (***-**-6789)");
    }

    [Theory]
    [InlineData("***-**-6789")]
    [InlineData(" ***-**-6789 ")]
    [InlineData("***-**-****")]
    public void A_masked_ssn_as_downloaded_files_show_it_says_so_and_how_to_go_on(string input) =>
        FieldFormats.Ssn(input).Error.Should().Be(
            $"SSN {input.Trim()} is masked, as downloaded files show it: type the SSN in full, or clear the cell to keep the stored SSN on an Update");

    [Theory]
    [InlineData("**-**-6789", "SSN may contain only digits, dashes and spaces, like ###-##-#### (***-**-****)")]
    [InlineData("***-**-67890", "SSN may contain only digits, dashes and spaces, like ###-##-#### (***-**-****)")]
    public void Something_like_a_mask_but_not_one_gets_the_usual_message(string input, string message) =>
        FieldFormats.Ssn(input).Error.Should().Be(message);

    [Theory]
    [InlineData("123.45.6789", "SSN may contain only digits, dashes and spaces, like ###-##-#### (***-**-6789)")]
    [InlineData("123/45/6789", "SSN may contain only digits, dashes and spaces, like ###-##-#### (***-**-6789)")]
    [InlineData("SSN 123-45-6789", "SSN may contain only digits, dashes and spaces, like ###-##-#### (***-**-6789)")]
    [InlineData("123-45-678O", "SSN may contain only digits, dashes and spaces, like ###-##-#### (***-**-****)")]
    [InlineData("N/A", "SSN may contain only digits, dashes and spaces, like ###-##-#### (***-**-****)")]
    [InlineData("\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17\uFF18\uFF19", "SSN may contain only digits, dashes and spaces, like ###-##-#### (***-**-****)")]
    public void Ssn_with_other_characters_is_an_error_with_a_masked_value(string input, string message)
    {
        FieldFormats.Ssn(input).Error.Should().Be(message);
    }

    [Theory]
    [InlineData("000-12-3456", "SSN ***-**-3456 is not valid: its first three digits cannot be 000, 666 or 900-999")]
    [InlineData("666-12-3456", "SSN ***-**-3456 is not valid: its first three digits cannot be 000, 666 or 900-999")]
    [InlineData("900-12-3456", "SSN ***-**-3456 is not valid: its first three digits cannot be 000, 666 or 900-999")]
    [InlineData("987654321", "SSN ***-**-4321 is not valid: its first three digits cannot be 000, 666 or 900-999")]
    [InlineData("999 99 9999", "SSN ***-**-9999 is not valid: its first three digits cannot be 000, 666 or 900-999")]
    public void Ssn_with_an_invalid_area_is_an_error_with_a_masked_value(string input, string message)
    {
        FieldFormats.Ssn(input).Error.Should().Be(message);
    }

    [Theory]
    [InlineData("123-00-4567")]
    [InlineData("123004567")]
    public void Ssn_with_group_00_is_an_error_with_a_masked_value(string input)
    {
        FieldFormats.Ssn(input).Error.Should().Be("SSN ***-**-4567 is not valid: its middle two digits cannot be 00");
    }

    [Theory]
    [InlineData("123-45-0000")]
    [InlineData("123450000")]
    public void Ssn_with_serial_0000_is_an_error_with_a_masked_value(string input)
    {
        FieldFormats.Ssn(input).Error.Should().Be("SSN ***-**-0000 is not valid: its last four digits cannot be 0000");
    }

    [Theory]
    [InlineData("000-12-3456")]
    [InlineData("666-12-3456")]
    [InlineData("912-34-5678")]
    [InlineData("123-00-4567")]
    [InlineData("123-45-0000")]
    [InlineData("123-45-678")]
    [InlineData("123-45-67890")]
    [InlineData("1234-5-6789")]
    [InlineData("123.45.6789")]
    [InlineData("SSN 123-45-6789")]
    [InlineData("12345678")]
    [InlineData("9123456789")]
    [InlineData("123-456-789")]
    public void Ssn_error_never_contains_more_than_the_last_four_digits(string input)
    {
        var error = FieldFormats.Ssn(input).Error;

        error.Should().NotBeNull();
        error.Should().NotContain(input);
        var digits = new string(input.Where(char.IsAsciiDigit).ToArray());
        error.Should().NotContain(digits);
        var digitsInMessage = new string(error!.Where(char.IsAsciiDigit).ToArray());
        digitsInMessage.Should().NotContain(digits[..5], "only the last four digits may be shown");
        error.Should().NotContain(digits[..3] + "-" + digits[3..5]);
    }

    [Fact]
    public void Ssn_error_for_a_short_value_shows_none_of_its_digits()
    {
        var error = FieldFormats.Ssn("123-45-678").Error!;

        error.Should().Contain("***-**-****");
        error.Should().NotContain("5678").And.NotContain("678");
    }

    [Theory]
    [InlineData("123456789", "***-**-6789")]
    [InlineData("123-45-6789", "***-**-6789")]
    [InlineData("123 45 6789", "***-**-6789")]
    [InlineData("001234567", "***-**-4567")]
    [InlineData("1234567890", "***-**-7890")]
    [InlineData("12345678", "***-**-****")]
    [InlineData("6789", "***-**-****")]
    [InlineData("abc", "***-**-****")]
    [InlineData("", "")]
    [InlineData("***-**-6789", "***-**-6789")]
    [InlineData(" ***-**-6789 ", "***-**-6789")]
    [InlineData("***-**-****", "***-**-****")]
    public void Masked_ssn_shows_only_the_last_four_digits_of_a_full_number(string input, string masked)
    {
        FieldFormats.MaskSsn(input).Should().Be(masked);
    }
}
