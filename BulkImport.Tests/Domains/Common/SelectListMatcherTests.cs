using BulkImport.Core.Domains.Common;
using BulkImport.Core.Imports.Fixes;

namespace BulkImport.Tests.Domains.Common;

public class SelectListMatcherTests
{
    private static readonly SelectListMatcher Ethnicity =
        new("Ethnicity", ["Hispanic or Latino", "Not Hispanic or Latino", "Declined to State"]);

    private static readonly SelectListMatcher Language =
        new("Language", ["English", "Spanish", "French", "Haitian Creole", "Vietnamese", "Portuguese", "Arabic", "Other"]);

    private static readonly SelectListMatcher JobStatus =
        new("Job Status", ["Employed Full-Time", "Employed Part-Time", "Unemployed", "Not in Labor Force", "Retired"]);

    private static readonly SelectListMatcher FundingSource =
        new("Funding Source", ["WIOA Adult", "WIOA Dislocated Worker", "Pell Grant", "Employer Paid", "Self Pay", "Scholarship", "Veterans Benefits"]);

    private static readonly SelectListMatcher AdultClient = new("Adult Client", ["Yes", "No"]);

    private static readonly SelectListMatcher StaffName = new("Staff Name",
    [
        "Maria Lopez", "James Carter", "Priya Patel", "Tom Nguyen", "Unassigned", "Ana Ruiz",
        "Ben Ortiz", "Carla Diaz", "Dev Shah", "Eve Moss", "Finn Kent",
    ]);

    [Theory]
    [InlineData("Hispanic or Latino")]
    [InlineData("hispanic or latino")]
    [InlineData("HISPANIC OR LATINO")]
    [InlineData("Hispanic  or   Latino")]
    [InlineData("hispanic\tor\u00A0latino")]
    [InlineData("  Hispanic or Latino  ")]
    public void Value_in_another_case_or_with_extra_spaces_matches_the_listed_spelling(string input)
    {
        var result = Ethnicity.Match(input);

        result.Value.Should().Be("Hispanic or Latino");
        Ethnicity.Match(result.Value!).Value.Should().Be("Hispanic or Latino");
    }

    [Fact]
    public void Listed_value_is_returned_as_the_listed_instance()
    {
        var matcher = new SelectListMatcher("Adult Client", ["Yes", "No"]);

        matcher.Match("YES").Value.Should().BeSameAs(matcher.Values[0]);
    }

    [Theory]
    [InlineData("Hispanc", "'Hispanc' is not a valid Ethnicity. Did you mean 'Hispanic or Latino'?")]
    [InlineData("Hispanic", "'Hispanic' is not a valid Ethnicity. Did you mean 'Hispanic or Latino'?")]
    [InlineData("Hispanic or Latin", "'Hispanic or Latin' is not a valid Ethnicity. Did you mean 'Hispanic or Latino'?")]
    [InlineData("Not Hispanc", "'Not Hispanc' is not a valid Ethnicity. Did you mean 'Not Hispanic or Latino'?")]
    [InlineData("Declined", "'Declined' is not a valid Ethnicity. Did you mean 'Declined to State'?")]
    public void Unknown_ethnicity_close_to_one_value_gets_a_suggestion(string input, string message)
    {
        Ethnicity.Match(input).Error.Should().Be(message);
    }

    [Theory]
    [InlineData("Spansh", "Spanish")]
    [InlineData("englsih", "English")]
    [InlineData("Frnech", "French")]
    [InlineData("Vietnam", "Vietnamese")]
    [InlineData("Portugese", "Portuguese")]
    [InlineData("Haitian", "Haitian Creole")]
    [InlineData("Creole", null)]
    public void Unknown_language_gets_a_suggestion_only_when_one_is_close(string input, string? suggestion)
    {
        var error = Language.Match(input).Error;

        error.Should().Be(suggestion is null
            ? $"'{input}' is not a valid Language. Allowed values: English, Spanish, French, Haitian Creole, Vietnamese, Portuguese, Arabic, Other"
            : $"'{input}' is not a valid Language. Did you mean '{suggestion}'?");
    }

    [Theory]
    [InlineData("Employed")]
    [InlineData("employed time")]
    public void Unknown_value_as_close_to_two_values_gets_no_suggestion(string input)
    {
        JobStatus.Match(input).Error.Should().Be(
            $"'{input}' is not a valid Job Status. Allowed values: Employed Full-Time, Employed Part-Time, Unemployed, Not in Labor Force, Retired");
    }

    [Theory]
    [InlineData("WIOA")]
    [InlineData("Pell Grants and Loans")]
    public void Unknown_funding_source_that_is_not_clearly_close_gets_the_list(string input)
    {
        FundingSource.Match(input).Error.Should().Be(
            $"'{input}' is not a valid Funding Source. Allowed values: WIOA Adult, WIOA Dislocated Worker, Pell Grant, Employer Paid, Self Pay, Scholarship, Veterans Benefits");
    }

    [Theory]
    [InlineData("Self-Pay", "Self Pay")]
    [InlineData("Employer Payed", "Employer Paid")]
    [InlineData("Scholarships", "Scholarship")]
    [InlineData("Veteran Benefits", "Veterans Benefits")]
    [InlineData("Pell", "Pell Grant")]
    public void Unknown_funding_source_close_to_one_value_gets_a_suggestion(string input, string suggestion)
    {
        FundingSource.Match(input).Error.Should().Be($"'{input}' is not a valid Funding Source. Did you mean '{suggestion}'?");
    }

    [Theory]
    [InlineData("Xyz")]
    [InlineData("1")]
    [InlineData("T")]
    public void Unknown_short_value_without_a_close_one_lists_the_allowed_values(string input)
    {
        AdultClient.Match(input).Error.Should().Be($"'{input}' is not a valid Adult Client. Allowed values: Yes, No");
    }

    /// <summary>
    /// Excel writes a boolean cell as TRUE / FALSE, in its CSV export and as a workbook's cell reads: SPEC 6 takes only
    /// the listed values, so it stays an error, but one that says what is taken and what was likely meant.
    /// </summary>
    [Theory]
    [InlineData("TRUE", "Yes")]
    [InlineData("True", "Yes")]
    [InlineData("false", "No")]
    [InlineData("FALSE", "No")]
    [InlineData("Y", "Yes")]
    [InlineData("n", "No")]
    public void Boolean_answer_to_a_Yes_No_field_names_the_allowed_values_and_suggests_the_one_meant(string input, string meant)
    {
        var error = AdultClient.Match(input).Error;

        error.Should().Be($"'{input}' is not a valid Adult Client. Allowed values: Yes, No. Did you mean '{meant}'?");
        Suggestion.Of(error!).Should().Be(meant, "the problems list offers it as a one-click fix");
    }

    [Fact]
    public void Boolean_answer_to_a_list_without_Yes_and_No_gets_no_Yes_No_suggestion()
    {
        var matcher = new SelectListMatcher("Registered By", ["Online", "Phone", "Yes"]);

        matcher.Match("TRUE").Error.Should().Be("'TRUE' is not a valid Registered By. Allowed values: Online, Phone, Yes");
    }

    [Fact]
    public void Yes_No_suggestion_uses_the_lists_own_spelling()
    {
        var matcher = new SelectListMatcher("Veteran", ["YES", "NO", "Unknown"]);

        matcher.Match("true").Error.Should().Be("'true' is not a valid Veteran. Allowed values: YES, NO, Unknown. Did you mean 'YES'?");
    }

    [Theory]
    [InlineData("Yse", "Yes")]
    [InlineData("Noo", "No")]
    public void Unknown_short_value_one_edit_away_gets_a_suggestion(string input, string suggestion)
    {
        AdultClient.Match(input).Error.Should().Be($"'{input}' is not a valid Adult Client. Did you mean '{suggestion}'?");
    }

    [Fact]
    public void Unknown_value_of_a_list_with_more_than_ten_values_points_to_the_select_lists()
    {
        StaffName.Match("Zed Zulu").Error.Should().Be(
            "'Zed Zulu' is not a valid Staff Name. See the template's select lists for the allowed values.");
    }

    [Fact]
    public void Unknown_value_of_a_long_list_still_gets_a_suggestion_when_close()
    {
        StaffName.Match("Maria Lopes").Error.Should().Be("'Maria Lopes' is not a valid Staff Name. Did you mean 'Maria Lopez'?");
    }

    [Fact]
    public void List_of_exactly_ten_values_is_listed_in_full()
    {
        var values = new[] { "A1", "B2", "C3", "D4", "E5", "F6", "G7", "H8", "I9", "J10" };
        var matcher = new SelectListMatcher("Code", values);

        matcher.Match("Zzzzzzz").Error.Should().Be("'Zzzzzzz' is not a valid Code. Allowed values: A1, B2, C3, D4, E5, F6, G7, H8, I9, J10");
    }

    [Fact]
    public void Field_without_values_says_an_administrator_can_add_them()
    {
        var matcher = new SelectListMatcher("Client Type", []);

        matcher.Match("Student").Error.Should().Be(
            "'Student' is not a valid Client Type. Client Type has no allowed values yet; an administrator can add them.");
    }

    [Fact]
    public void Very_long_unknown_value_is_shortened_in_the_message()
    {
        var input = new string('x', 100_000);

        var error = Ethnicity.Match(input).Error!;

        error.Should().Be($"'{new string('x', 57)}...' is not a valid Ethnicity. Allowed values: Hispanic or Latino, Not Hispanic or Latino, Declined to State");
    }

    [Fact]
    public void Values_keep_their_listed_order_and_spelling_without_blanks_or_repeats()
    {
        var matcher = new SelectListMatcher("Registered By", ["Online", " Phone ", "", "   ", "online", "Walk-In", "PHONE"]);

        matcher.Field.Should().Be("Registered By");
        matcher.Values.Should().Equal("Online", "Phone", "Walk-In");
        matcher.Match("phone").Value.Should().Be("Phone");
    }

    [Fact]
    public void Listed_value_with_repeated_inner_spaces_matches_its_single_spaced_form()
    {
        var matcher = new SelectListMatcher("Sponsor Name", ["Self  Pay"]);

        matcher.Match("self pay").Value.Should().Be("Self  Pay");
        matcher.Match("Self  Pay").Value.Should().Be("Self  Pay");
    }

    [Fact]
    public void Values_cannot_be_changed_through_the_list()
    {
        var matcher = new SelectListMatcher("Adult Client", ["Yes", "No"]);

        matcher.Values.Should().NotBeAssignableTo<string[]>();
    }

    [Fact]
    public void Accented_value_matches_ignoring_case()
    {
        var matcher = new SelectListMatcher("Language", ["Français"]);

        matcher.Match("FRANÇAIS").Value.Should().Be("Français");
    }
}
