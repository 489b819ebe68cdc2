using BulkImport.Core.Domains.ClientAssignments;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports.Mapping;

namespace BulkImport.Tests.Imports.Mapping;

/// <summary>The template column suggested for each file column (SPEC 16): header rules, synonyms, names holding names, spelling.</summary>
public sealed class ColumnSuggestionsTests
{
    private static readonly IReadOnlyList<string> Client = ClientColumns.All;

    [Fact]
    public void A_partner_file_gets_the_synonyms_of_SPEC_16()
    {
        var suggested = ColumnSuggestions.Suggest(
            ["Given Name", "Surname", "DOB", "E-mail Address", "Social Security Number", "Mobile", "Postal Code", "Family Name", "Birth Date", "Cell", "Zip Code"], Client);

        suggested.Should().Equal(new Dictionary<string, string?>
        {
            ["Given Name"] = "First Name", ["Surname"] = "Last Name", ["DOB"] = "Date of Birth", ["E-mail Address"] = "Email",
            ["Social Security Number"] = "SSN", ["Mobile"] = "Phone Number", ["Postal Code"] = "Zip",
            // Each template column goes to one file column: the first of equally good ones, the others are left to the person.
            ["Family Name"] = null, ["Birth Date"] = null, ["Cell"] = null, ["Zip Code"] = null,
        });
    }

    [Fact]
    public void The_header_rules_of_SPEC_5_win_over_a_synonym_for_the_same_column()
    {
        var suggested = ColumnSuggestions.Suggest(["Surname", "last_name", "first name"], Client);

        suggested.Should().Equal(new Dictionary<string, string?> { ["Surname"] = null, ["last_name"] = "Last Name", ["first name"] = "First Name" });
    }

    [Fact]
    public void A_misspelling_and_a_name_holding_a_column_name_are_suggested_and_nonsense_is_not()
    {
        var suggested = ColumnSuggestions.Suggest(["Adress", "Home Phone Number", "Colour", "Notes"], Client);

        suggested.Should().Equal(new Dictionary<string, string?> { ["Adress"] = "Address", ["Home Phone Number"] = "Phone Number", ["Colour"] = null, ["Notes"] = null });
    }

    [Fact]
    public void A_synonym_suggests_only_a_column_its_template_has()
    {
        ColumnSuggestions.Suggest(["Sponsor"], Client)["Sponsor"].Should().Be("Sponsor Name");
        ColumnSuggestions.Suggest(["Sponsor"], ClientAssignmentColumns.All)["Sponsor"].Should().Be("Sponsor (Company)");
        ColumnSuggestions.Suggest(["Section", "Course"], ClientAssignmentColumns.All).Should().Equal(new Dictionary<string, string?> { ["Section"] = "SectionID", ["Course"] = "CourseID" });
    }

    [Fact]
    public void A_shortening_of_one_column_is_suggested_and_a_generic_name_held_by_several_is_not()
    {
        // "Name" is held by four Client columns and "Date" by Date of Birth: a suggestion would be a guess to undo.
        var suggested = ColumnSuggestions.Suggest(["Funding", "Diploma", "Name", "ID", "Date", "Number"], Client);

        suggested.Should().Equal(new Dictionary<string, string?>
        {
            ["Funding"] = "Funding Source", ["Diploma"] = "Diploma Status", ["Name"] = null, ["ID"] = null, ["Date"] = null, ["Number"] = null,
        });
    }

    [Fact]
    public void A_saved_mapping_given_at_upload_decides_its_columns_first_ignored_ones_included()
    {
        var suggested = ColumnSuggestions.Suggest(["Nom", "Surname", "Given Name"], Client,
            new Dictionary<string, string?> { ["nom"] = "Last Name", ["Given-Name"] = null });

        suggested.Should().Equal(new Dictionary<string, string?> { ["Nom"] = "Last Name", ["Surname"] = null, ["Given Name"] = null });
    }
}
