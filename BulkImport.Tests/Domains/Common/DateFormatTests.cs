using BulkImport.Core.Domains.Common;

namespace BulkImport.Tests.Domains.Common;

public class DateFormatTests
{
    private static readonly DateOnly Today = new(2025, 6, 15);

    [Theory]
    [InlineData("01/28/2018", "01/28/2018")]
    [InlineData("1/28/2018", "01/28/2018")]
    [InlineData("1/2/1986", "01/02/1986")]
    [InlineData("01/2/1986", "01/02/1986")]
    [InlineData("1/02/1986", "01/02/1986")]
    [InlineData("12/31/1999", "12/31/1999")]
    [InlineData("2018-01-28", "01/28/2018")]
    [InlineData("1986-01-02", "01/02/1986")]
    [InlineData("2/29/2000", "02/29/2000")]
    [InlineData("2024-02-29", "02/29/2024")]
    public void Date_of_birth_in_an_accepted_format_is_canonicalised(string input, string canonical)
    {
        var result = FieldFormats.DateOfBirth(input, Today);

        result.Value.Should().Be(canonical);
        FieldFormats.DateOfBirth(canonical, Today).Value.Should().Be(canonical);
    }

    [Theory]
    [InlineData("03/15/2023 18:00:00", "18:00:00")]
    [InlineData("3/15/2023 0:01", "0:01")]
    [InlineData("3/15/2023 12:00", "12:00")]
    [InlineData("3/15/2023 12:00 PM", "12:00 PM")]
    [InlineData("3/15/2023 12:30 AM", "12:30 AM")]
    [InlineData("2023-03-15T00:00:01", "00:00:01")]
    [InlineData("03/15/2023 00:00:00.5", "00:00:00.5")]
    public void A_date_with_another_time_of_day_is_an_error_saying_the_column_takes_a_date_only(string input, string time) =>
        FieldFormats.DateOfBirth(input, Today).Error.Should().Be(
            $"Date of Birth has a time of day ({time}); it takes a date only, like MM/DD/YYYY. Delete the time, or format the column as a date without the time in the spreadsheet");

    [Theory]
    [InlineData("3/15/23 0:00", "Date of Birth must have a four-digit year, like MM/DD/YYYY")]
    [InlineData("02/30/2018 0:00", "Date of Birth is not a real date: February 2018 has 28 days; use MM/DD/YYYY, month first")]
    [InlineData("03/15/2023 25:00", "Date of Birth must be a date like MM/DD/YYYY (or YYYY-MM-DD)")]
    [InlineData("03/15/2023 13:00 PM", "Date of Birth must be a date like MM/DD/YYYY (or YYYY-MM-DD)")]
    [InlineData("03/15/2023 noon", "Date of Birth must be a date like MM/DD/YYYY (or YYYY-MM-DD)")]
    [InlineData("March 15 2023 0:00", "Date of Birth must be a date like MM/DD/YYYY (or YYYY-MM-DD)")]
    public void A_date_and_time_whose_date_or_time_is_wrong_gets_the_date_message(string input, string message) =>
        FieldFormats.DateOfBirth(input, Today).Error.Should().Be(message);

    [Fact]
    public void Canonical_date_is_returned_as_the_same_instance()
    {
        var input = "01/28/2018";

        FieldFormats.DateOfBirth(input, Today).Value.Should().BeSameAs(input);
        FieldFormats.Date(input, "Enrollment Date").Value.Should().BeSameAs(input);
    }

    [Theory]
    [InlineData("1/2/86")]
    [InlineData("01/02/86")]
    [InlineData("12/31/99")]
    public void Date_with_a_two_digit_year_is_an_error_naming_the_format(string input)
    {
        FieldFormats.DateOfBirth(input, Today).Error
            .Should().Be("Date of Birth must have a four-digit year, like MM/DD/YYYY");
    }

    [Theory]
    [InlineData("28/01/2018", "Date of Birth is not a real date: there is no month 28; use MM/DD/YYYY, month first")]
    [InlineData("13/12/2018", "Date of Birth is not a real date: there is no month 13; use MM/DD/YYYY, month first")]
    [InlineData("0/12/2018", "Date of Birth is not a real date: there is no month 0; use MM/DD/YYYY, month first")]
    [InlineData("2018-13-01", "Date of Birth is not a real date: there is no month 13; use MM/DD/YYYY")]
    [InlineData("2018-00-10", "Date of Birth is not a real date: there is no month 0; use MM/DD/YYYY")]
    [InlineData("02/30/2018", "Date of Birth is not a real date: February 2018 has 28 days; use MM/DD/YYYY, month first")]
    [InlineData("2/29/2019", "Date of Birth is not a real date: February 2019 has 28 days; use MM/DD/YYYY, month first")]
    [InlineData("2/29/1900", "Date of Birth is not a real date: February 1900 has 28 days; use MM/DD/YYYY, month first")]
    [InlineData("04/31/2018", "Date of Birth is not a real date: April 2018 has 30 days; use MM/DD/YYYY, month first")]
    [InlineData("01/00/2018", "Date of Birth is not a real date: January 2018 has 31 days; use MM/DD/YYYY, month first")]
    [InlineData("2018-02-30", "Date of Birth is not a real date: February 2018 has 28 days; use MM/DD/YYYY")]
    [InlineData("01/01/0000", "Date of Birth is not a real date: there is no year 0000; use MM/DD/YYYY, month first")]
    public void Date_that_is_not_a_real_date_is_an_error_naming_the_format(string input, string message)
    {
        FieldFormats.DateOfBirth(input, Today).Error.Should().Be(message);
    }

    [Theory]
    [InlineData("43128")]
    [InlineData("1")]
    [InlineData("36526")]
    public void Spreadsheet_serial_number_is_an_error_naming_the_format(string input)
    {
        FieldFormats.DateOfBirth(input, Today).Error.Should().Be(
            "Date of Birth must be a date like MM/DD/YYYY, not a number; a spreadsheet may have turned the date into a serial number, so format the column as a date and save again");
    }

    [Theory]
    [InlineData("Jan 28, 2018")]
    [InlineData("28.01.2018")]
    [InlineData("01-28-2018")]
    [InlineData("2018/01/28")]
    [InlineData("2018-1-28")]
    [InlineData("18-01-28")]
    [InlineData("20180128")]
    [InlineData("43128.5")]
    [InlineData("1/28/2018 0:00")]
    [InlineData("2018-01-28T00:00:00")]
    [InlineData("3/15/2023 12:00 AM")]
    [InlineData("03/15/2023 00:00:00.000")]
    [InlineData("1/28/2018 0:00:00 +02:00")]
    [InlineData("2018-01-28T00:00:00Z")]
    [InlineData("001/28/2018")]
    [InlineData("1/28/02018")]
    [InlineData("1/28/2018/1")]
    [InlineData("1//2018")]
    [InlineData("yesterday")]
    [InlineData("\uFF11/\uFF12/\uFF12\uFF10\uFF11\uFF18")]
    public void Date_in_another_format_is_an_error_naming_the_format(string input)
    {
        FieldFormats.DateOfBirth(input, Today).Error
            .Should().Be("Date of Birth must be a date like MM/DD/YYYY (or YYYY-MM-DD)");
    }

    [Theory]
    [InlineData("06/16/2025")]
    [InlineData("2030-01-01")]
    public void Date_of_birth_in_the_future_is_an_error(string input)
    {
        FieldFormats.DateOfBirth(input, Today).Error
            .Should().Be("Date of Birth cannot be in the future (today is 06/15/2025)");
    }

    [Theory]
    [InlineData("06/14/1905")]
    [InlineData("1/1/1800")]
    [InlineData("0001-01-01")]
    public void Date_of_birth_more_than_120_years_ago_is_an_error(string input)
    {
        FieldFormats.DateOfBirth(input, Today).Error
            .Should().Be("Date of Birth is more than 120 years ago; check the year (MM/DD/YYYY)");
    }

    [Theory]
    [InlineData("06/15/2025")]
    [InlineData("06/15/1905")]
    public void Date_of_birth_today_or_exactly_120_years_ago_is_accepted(string input)
    {
        FieldFormats.DateOfBirth(input, Today).Value.Should().Be(input);
    }

    [Theory]
    [InlineData("1/5/2026", "01/05/2026")]
    [InlineData("2031-09-01", "09/01/2031")]
    [InlineData("1/1/1850", "01/01/1850")]
    [InlineData("0001-01-01", "01/01/0001")]
    [InlineData("12/31/9999", "12/31/9999")]
    public void Enrollment_date_has_no_past_or_future_rule(string input, string canonical)
    {
        var result = FieldFormats.Date(input, "Enrollment Date");

        result.Value.Should().Be(canonical);
        FieldFormats.Date(canonical, "Enrollment Date").Value.Should().Be(canonical);
    }

    [Theory]
    [InlineData("28/01/2018", "Enrollment Date is not a real date: there is no month 28; use MM/DD/YYYY, month first")]
    [InlineData("2018-13-01", "Enrollment Date is not a real date: there is no month 13; use MM/DD/YYYY")]
    [InlineData("1/2/86", "Enrollment Date must have a four-digit year, like MM/DD/YYYY")]
    [InlineData("43128", "Enrollment Date must be a date like MM/DD/YYYY, not a number; a spreadsheet may have turned the date into a serial number, so format the column as a date and save again")]
    [InlineData("Jan 28 2018", "Enrollment Date must be a date like MM/DD/YYYY (or YYYY-MM-DD)")]
    public void Enrollment_date_errors_name_the_column_and_the_format(string input, string message)
    {
        FieldFormats.Date(input, "Enrollment Date").Error.Should().Be(message);
    }

    [Fact]
    public void Ambiguous_day_month_date_is_read_month_first()
    {
        FieldFormats.Date("01/02/2018", "Enrollment Date").Value.Should().Be("01/02/2018");
    }
}
