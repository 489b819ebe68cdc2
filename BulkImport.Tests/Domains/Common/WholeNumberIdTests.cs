using BulkImport.Core.Domains.Common;
using BulkImport.Core.Imports.Fixes;

namespace BulkImport.Tests.Domains.Common;

public class WholeNumberIdTests
{
    [Theory]
    [InlineData("1", "1")]
    [InlineData("123", "123")]
    [InlineData("2147483647", "2147483647")]
    [InlineData("0123", "123")]
    [InlineData("000000000000000042", "42")]
    [InlineData("02147483647", "2147483647")]
    public void Whole_number_id_is_accepted_without_leading_zeros(string input, string canonical)
    {
        var result = FieldFormats.WholeNumberId(input, "Client ID");

        result.IsValid.Should().BeTrue();
        result.Value.Should().Be(canonical);
        FieldFormats.WholeNumberId(canonical, "Client ID").Value.Should().Be(canonical);
    }

    [Fact]
    public void Canonical_id_is_returned_as_the_same_instance()
    {
        var input = "123";

        FieldFormats.WholeNumberId(input, "Client ID").Value.Should().BeSameAs(input);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("1,234")]
    [InlineData("1.2.0")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("1e5")]
    [InlineData("12 3")]
    [InlineData("\uFF11\uFF12")]
    [InlineData("\u0661\u0662")]
    [InlineData("=1")]
    public void Id_that_is_not_a_whole_number_is_an_error(string input)
    {
        FieldFormats.WholeNumberId(input, "Client ID").Error
            .Should().Be("Client ID must be a whole number greater than 0, like 123");
    }

    /// <summary>Excel writes a number cell formatted with decimals as "41.00", in its CSV and as a workbook cell reads.</summary>
    [Theory]
    [InlineData("41.00", "41")]
    [InlineData("41.0", "41")]
    [InlineData("0041.000", "41")]
    public void Id_with_a_zero_fraction_is_an_error_that_says_why_and_suggests_the_whole_number(string input, string meant)
    {
        var error = FieldFormats.WholeNumberId(input, "CourseID").Error;

        error.Should().Be($"CourseID '{input}' is not a whole number; IDs have no decimals. Did you mean '{meant}'? "
            + "In a spreadsheet, give the column 0 decimal places or the Text format.");
        Suggestion.Of(error!).Should().Be(meant, "the problem groups offer it as a one-click fix");
    }

    [Fact]
    public void Id_with_a_fraction_says_it_is_not_a_whole_number_without_a_suggestion()
    {
        FieldFormats.WholeNumberId("41.5", "Client ID").Error.Should().Be("Client ID '41.5' is not a whole number; IDs have no decimals.");
    }

    [Theory]
    [InlineData("0.00", "Client ID must be a whole number greater than 0, like 123; 0 is not an ID")]
    [InlineData("2147483648.00", "Client ID must be a whole number from 1 to 2147483647")]
    public void Id_with_a_zero_fraction_and_no_usable_whole_number_gets_that_numbers_message(string input, string message)
    {
        FieldFormats.WholeNumberId(input, "Client ID").Error.Should().Be(message);
    }

    [Fact]
    public void A_very_long_id_with_decimals_is_shortened_in_the_message()
    {
        var input = "41." + new string('0', 100_000);

        FieldFormats.WholeNumberId(input, "Client ID").Error.Should().StartWith($"Client ID '41.{new string('0', 24)}...' is not a whole number");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0000")]
    public void Zero_id_is_an_error(string input)
    {
        FieldFormats.WholeNumberId(input, "CourseID").Error
            .Should().Be("CourseID must be a whole number greater than 0, like 123; 0 is not an ID");
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("9999999999")]
    [InlineData("12345678901234567890")]
    public void Id_too_large_for_the_database_is_an_error(string input)
    {
        FieldFormats.WholeNumberId(input, "SectionID").Error
            .Should().Be("SectionID must be a whole number from 1 to 2147483647");
    }
}
