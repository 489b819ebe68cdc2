using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Mapping;

namespace BulkImport.Tests.Imports.Mapping;

/// <summary>What a person's mapping and a Card Template must be (SPEC 16): 400s that name the columns.</summary>
public sealed class MappingRulesTests
{
    private static readonly string[] Header = ["Given Name", "Surname", "DOB", "Email", "Notes", ""];
    private static readonly string[] Required = ["First Name", "Last Name"];

    [Fact]
    public void Columns_not_named_keep_their_own_name_or_are_ignored_and_blank_padding_is_left_out()
    {
        var mapping = MappingRules.Resolve(Header, new Dictionary<string, string?> { ["given name"] = "first name", ["SURNAME"] = "Last Name", ["DOB"] = "Date of Birth" },
            ClientColumns.All, Required, given: null);

        mapping.Should().Equal(new Dictionary<string, string?>
        {
            ["Given Name"] = "First Name", ["Surname"] = "Last Name", ["DOB"] = "Date of Birth", ["Email"] = "Email", ["Notes"] = null,
        });
    }

    [Fact]
    public void Two_file_columns_onto_one_template_column_are_refused_naming_both()
    {
        var act = () => MappingRules.Resolve(Header, new Dictionary<string, string?> { ["Given Name"] = "First Name", ["Surname"] = "Last Name", ["Notes"] = "First Name" },
            ClientColumns.All, Required, given: null);

        act.Should().Throw<ImportProblem>().Where(p => p.StatusCode == 400)
            .WithMessage("The file columns 'Given Name', 'Notes' are all mapped to 'First Name'; map one of them to it and ignore or remap the others.");
    }

    [Fact]
    public void A_required_column_left_unmapped_is_refused_naming_it()
    {
        var act = () => MappingRules.Resolve(Header, new Dictionary<string, string?> { ["Given Name"] = "First Name" }, ClientColumns.All, Required, given: null);

        act.Should().Throw<ImportProblem>().Where(p => p.StatusCode == 400)
            .WithMessage("Required column 'Last Name' is not mapped: choose the file column that holds it.");
    }

    [Fact]
    public void A_file_column_or_template_column_that_does_not_exist_is_refused_naming_it()
    {
        var act = () => MappingRules.Resolve(Header, new Dictionary<string, string?> { ["Middle Name"] = "First Name", ["Given Name"] = "Forename", ["Surname"] = "Last Name" },
            ClientColumns.All, Required, given: null);

        act.Should().Throw<ImportProblem>().Which.Message.Should()
            .Contain("'Middle Name' is not a column of the file; its columns are 'Given Name', 'Surname', 'DOB', 'Email', 'Notes'.")
            .And.Contain("'Forename' is not a column of the template");
    }

    [Fact]
    public void A_saved_mapping_given_at_upload_fills_what_the_request_leaves_out()
    {
        var mapping = MappingRules.Resolve(Header, new Dictionary<string, string?> { ["Notes"] = null },
            ClientColumns.All, Required, given: new Dictionary<string, string?> { ["Given Name"] = "First Name", ["Surname"] = "Last Name", ["Email"] = null });

        mapping.Should().Equal(new Dictionary<string, string?>
        {
            ["Given Name"] = "First Name", ["Surname"] = "Last Name", ["DOB"] = null, ["Email"] = null, ["Notes"] = null,
        });
    }

    [Fact]
    public void A_Card_Template_is_stored_in_the_template_spelling_and_refuses_one_file_column_twice()
    {
        MappingRules.CheckSaved(new Dictionary<string, string?> { [" Given Name "] = "first name", ["Notes"] = null }, ClientColumns.All)
            .Should().Equal(new Dictionary<string, string?> { ["Given Name"] = "First Name", ["Notes"] = null });

        var act = () => MappingRules.CheckSaved(new Dictionary<string, string?> { ["Given Name"] = "First Name", ["given_name"] = "Last Name" }, ClientColumns.All);
        act.Should().Throw<ImportProblem>().WithMessage("'Given Name' and 'given_name' are the same file column*");
        ((Action)(() => MappingRules.CheckSaved(new Dictionary<string, string?>(), ClientColumns.All))).Should().Throw<ImportProblem>().WithMessage("A Card Template needs its columns*");
    }
}
