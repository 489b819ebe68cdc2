using BulkImport.Core.Domains.Payments;

namespace BulkImport.Tests.Domains.Payments;

/// <summary>
/// The Amount parser (SPEC 13): the variants it accepts, and a comma that may be a decimal mark (a semicolon-separated
/// file, as Excel writes CSV where 1,50 is one and a half) never taken as a thousands separator by guess.
/// </summary>
public class PaymentAmountTests
{
    [Theory]
    [InlineData(".5", "0.50")]
    [InlineData("$.50", "0.50")]
    [InlineData("0.05", "0.05")]
    [InlineData("12.", "12.00")]
    [InlineData("+12.00", "12.00")]
    [InlineData("+$12", "12.00")]
    [InlineData("$+12", "12.00")]
    [InlineData("$ 1,200.50", "1200.50")]
    public void Accepted_variants_are_canonical(string typed, string canonical)
    {
        PaymentAmount.Check(typed, commaMayBeDecimalMark: false).Value.Should().Be(canonical);
        PaymentAmount.Check(typed, commaMayBeDecimalMark: true).Value.Should().Be(canonical, "none of them has a comma that could be a decimal mark");
    }

    [Theory]
    [InlineData(".")]
    [InlineData("$.")]
    [InlineData("++12")]
    [InlineData("+ 12")]
    public void A_point_or_sign_without_digits_is_not_an_amount(string typed) =>
        PaymentAmount.Check(typed, commaMayBeDecimalMark: false).Error.Should().Be(
            $"Amount must be a number greater than 0 with at most two decimals, like 1200.50; '{typed}' is not.");

    [Fact]
    public void A_plus_sign_does_not_hide_a_negative_amount() =>
        PaymentAmount.Check("+-5", commaMayBeDecimalMark: false).Error.Should().StartWith("Amount '+-5' is negative");

    [Theory]
    [InlineData("10,00", "10.00")]
    [InlineData("10,5", "10.50")]
    [InlineData("$0,99", "0.99")]
    [InlineData("1.500,00", "1500.00")]
    [InlineData("12.345.678,9", "12345678.90")]
    public void A_decimal_comma_says_to_write_a_decimal_point_in_any_file(string typed, string written)
    {
        var message = $"Amount '{typed}' has a decimal comma: a comma is read only as a thousands separator (1,200.50), and decimal commas are not accepted. " +
            $"Write it with a decimal point: {written}.";

        PaymentAmount.Check(typed, commaMayBeDecimalMark: false).Error.Should().Be(message);
        PaymentAmount.Check(typed, commaMayBeDecimalMark: true).Error.Should().Be(message);
    }

    [Theory]
    [InlineData("1,500", "1.50", "1500.00")]
    [InlineData("$12,050", "12.05", "12050.00")]
    [InlineData("999,999", "999.999", "999999.00")]
    public void One_comma_where_it_may_be_a_decimal_mark_is_ambiguous_and_says_both_readings(string typed, string asDecimal, string asThousands) =>
        PaymentAmount.Check(typed, commaMayBeDecimalMark: true).Error.Should().Be(
            $"Amount '{typed}' is ambiguous: in a file separated by semicolons the comma may be a decimal mark, so it may mean {asDecimal} or {asThousands}. " +
            $"Write the amount with a decimal point and no comma: {asThousands} or {asDecimal}.");

    [Theory]
    [InlineData("1,500", "1500.00")]
    [InlineData("1,200,000", "1200000.00")]
    public void Where_a_comma_is_only_a_thousands_separator_it_groups_thousands(string typed, string canonical) =>
        PaymentAmount.Check(typed, commaMayBeDecimalMark: false).Value.Should().Be(canonical);

    [Theory]
    [InlineData("1,200,000", "1200000.00")]
    [InlineData("1,200.50", "1200.50")]
    [InlineData("1,500.", "1500.00")]
    public void Two_commas_or_a_decimal_point_leave_no_doubt_even_where_a_comma_may_be_a_decimal_mark(string typed, string canonical) =>
        PaymentAmount.Check(typed, commaMayBeDecimalMark: true).Value.Should().Be(canonical);
}
