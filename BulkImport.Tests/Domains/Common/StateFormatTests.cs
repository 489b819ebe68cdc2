using BulkImport.Core.Domains.Common;

namespace BulkImport.Tests.Domains.Common;

public class StateFormatTests
{
    private const string Expected = "State must be a two-letter USPS state or territory code, like FL";

    public static TheoryData<string> AcceptedCodes => new(
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
        "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND",
        "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
        "DC", "AS", "GU", "MP", "PR", "VI", "FM", "MH", "PW", "AA", "AE", "AP");

    [Theory]
    [MemberData(nameof(AcceptedCodes))]
    public void Usps_state_territory_and_military_codes_are_accepted(string code)
    {
        FieldFormats.State(code).Value.Should().Be(code);
        FieldFormats.State(code.ToLowerInvariant()).Value.Should().Be(code);
    }

    [Theory]
    [InlineData("fl", "FL")]
    [InlineData("Fl", "FL")]
    [InlineData("fL", "FL")]
    [InlineData("pr", "PR")]
    [InlineData("dc", "DC")]
    [InlineData("ae", "AE")]
    public void State_in_any_case_is_canonicalised_to_upper_case(string input, string canonical)
    {
        var result = FieldFormats.State(input);

        result.Value.Should().Be(canonical);
        FieldFormats.State(canonical).Value.Should().Be(canonical);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("UM")]
    [InlineData("ZZ")]
    [InlineData("QC")]
    [InlineData("uk")]
    public void Two_letters_that_are_not_a_code_are_an_error_naming_them(string input)
    {
        FieldFormats.State(input).Error.Should().Be($"{Expected}; {input.ToUpperInvariant()} is not one");
    }

    [Theory]
    [InlineData("Florida", "FL")]
    [InlineData("florida", "FL")]
    [InlineData("New York", "NY")]
    [InlineData("Puerto Rico", "PR")]
    [InlineData("District of Columbia", "DC")]
    [InlineData("Washington, D.C.", "DC")]
    public void Full_state_name_is_an_error_that_gives_the_code(string input, string code)
    {
        FieldFormats.State(input).Error.Should().Be($"{Expected}; for {input} use {code}");
    }

    [Theory]
    [InlineData("F")]
    [InlineData("FLA")]
    [InlineData("F.L.")]
    [InlineData("F1")]
    [InlineData("12")]
    [InlineData("\u0424L")]
    public void Value_that_is_not_two_letters_is_an_error(string input)
    {
        FieldFormats.State(input).Error.Should().Be(Expected);
    }
}
