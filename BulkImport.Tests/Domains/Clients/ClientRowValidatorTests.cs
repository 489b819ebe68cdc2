using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Domains.Common;
using BulkImport.Core.Imports;

namespace BulkImport.Tests.Domains.Clients;

/// <summary>The row rules of a Client row (SPEC section 6): Insert vs Update by Client ID alone, required names, existing IDs.</summary>
public sealed class ClientRowValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static ClientRowValidator Validator(Operation operation, params int[] existingIds) => new(
        new ValidationSettings(operation, ClientColumns.All, Today),
        new SelectLists(new Dictionary<string, SelectListMatcher>
        {
            [ClientColumns.Ethnicity] = new(ClientColumns.Ethnicity, ["Hispanic or Latino", "Not Hispanic or Latino", "Declined to State"]),
        }),
        IdSet.Of(existingIds.Select(id => (long)id)));

    private static string?[] Row(params (string Column, string Value)[] cells)
    {
        var values = new string?[ClientColumns.All.Count];
        foreach (var (column, value) in cells)
        {
            values[Cells.IndexOf(ClientColumns.All, column)] = value;
        }

        return values;
    }

    [Theory]
    [InlineData(Operation.Add)]
    [InlineData(Operation.AddUpdate)]
    public void Blank_client_id_inserts_a_new_client(Operation operation)
    {
        var result = Validator(operation).Validate(Row(("First Name", "Ann"), ("Last Name", "Smith")));
        result.Status.Should().Be(RowStatus.Valid);
        result.Action.Should().Be(RowAction.Insert);
        result.RowKey.Should().BeNull();
    }

    /// <summary>
    /// An Update row never inserts: without a Client ID it gets that one message, not the Insert rules' "Last Name is
    /// required to add a new client" on top (the row below has no Last Name).
    /// </summary>
    [Fact]
    public void Update_without_client_id_is_an_error_with_only_the_client_id_message()
    {
        var result = Validator(Operation.Update).Validate(Row(("First Name", "Ann")));
        result.Status.Should().Be(RowStatus.Error);
        result.Messages.Should().ContainSingle().Which.Should().Match<RowMessage>(m => m.Column == "Client ID" && m.Message.StartsWith("Client ID is required for Update"));
    }

    [Fact]
    public void Update_without_client_id_or_names_still_gets_only_the_client_id_message()
    {
        var result = Validator(Operation.Update).Validate(Row(("City", "Tampa")));
        result.Messages.Select(m => m.Column).Should().Equal("Client ID");
    }

    [Fact]
    public void Update_without_client_id_keeps_the_errors_of_its_own_cells_which_are_wrong_whatever_the_id()
    {
        var result = Validator(Operation.Update).Validate(Row(("Email", "not-an-email")));
        result.Messages.Select(m => m.Column).Should().BeEquivalentTo(["Client ID", "Email"]);
    }

    [Fact]
    public void An_unknown_client_id_on_an_update_import_does_not_suggest_leaving_it_blank()
    {
        var result = Validator(Operation.Update, 1).Validate(Row(("Client ID", "999"), ("City", "Tampa")));
        result.Messages.Should().ContainSingle().Which.Message.Should()
            .Be("Client ID 999 does not exist. Correct the ID: an Update import changes existing clients only.");
    }

    [Theory]
    [InlineData(Operation.Add)]
    [InlineData(Operation.Update)]
    [InlineData(Operation.AddUpdate)]
    public void A_filled_existing_client_id_updates_whatever_the_operation(Operation operation)
    {
        var result = Validator(operation, 7).Validate(Row(("Client ID", "7")));
        result.Status.Should().Be(RowStatus.Valid);
        result.Action.Should().Be(RowAction.Update);
        result.RowKey.Should().Be("7");
    }

    [Fact]
    public void An_unknown_client_id_is_an_error_naming_it()
    {
        var result = Validator(Operation.AddUpdate, 1).Validate(Row(("Client ID", "999"), ("First Name", "A"), ("Last Name", "B")));
        result.Messages.Should().ContainSingle().Which.Message.Should().Be("Client ID 999 does not exist. Leave Client ID blank to add a new client, or correct the ID.");
    }

    [Fact]
    public void A_client_id_that_is_not_a_whole_number_is_an_error_on_that_cell()
    {
        var result = Validator(Operation.Update).Validate(Row(("Client ID", "12a")));
        result.Messages.Should().ContainSingle(m => m.Column == "Client ID");
        result.RowKey.Should().BeNull();
    }

    [Theory]
    [InlineData("First Name")]
    [InlineData("Last Name")]
    public void Insert_requires_first_and_last_name(string missing)
    {
        var row = Row(("First Name", "Ann"), ("Last Name", "Smith"));
        row[Cells.IndexOf(ClientColumns.All, missing)] = "";
        var result = Validator(Operation.Add).Validate(row);
        result.Messages.Should().ContainSingle(m => m.Column == missing && m.Message == $"{missing} is required to add a new client.");
    }

    [Fact]
    public void Update_does_not_require_names_because_blank_cells_leave_stored_values()
    {
        Validator(Operation.Update, 3).Validate(Row(("Client ID", "3"), ("Email", "x@example.org"))).Status.Should().Be(RowStatus.Valid);
    }

    [Fact]
    public void Accepted_variants_are_converted_to_canonical_form_in_place()
    {
        var row = Row(("First Name", "Ann"), ("Last Name", "Smith"), ("Phone Number", "727.123.1234"), ("SSN", "123-45-6789"),
            ("Date of Birth", "1990-01-02"), ("State", "fl"), ("Zip", "01234"), ("Ethnicity", "hispanic  or latino"), ("Client ID", "\u200B"));
        var result = Validator(Operation.Add).Validate(row);
        result.Status.Should().Be(RowStatus.Valid);
        row[Cells.IndexOf(ClientColumns.All, "Phone Number")].Should().Be("(727) 123-1234");
        row[Cells.IndexOf(ClientColumns.All, "SSN")].Should().Be("123456789");
        row[Cells.IndexOf(ClientColumns.All, "Date of Birth")].Should().Be("01/02/1990");
        row[Cells.IndexOf(ClientColumns.All, "State")].Should().Be("FL");
        row[Cells.IndexOf(ClientColumns.All, "Zip")].Should().Be("01234");
        row[Cells.IndexOf(ClientColumns.All, "Ethnicity")].Should().Be("Hispanic or Latino");
        row[Cells.IndexOf(ClientColumns.All, "Client ID")].Should().Be("");
    }

    [Fact]
    public void Every_bad_cell_gets_its_own_message_next_to_its_column()
    {
        var row = Row(("First Name", new string('x', 51)), ("Last Name", "B"), ("Email", "nope"), ("Phone Number", "123"),
            ("SSN", "666-12-3456"), ("Date of Birth", "12/31/2099"), ("State", "ZZ"), ("Zip", "1234"), ("Ethnicity", "Hispanc"));
        var result = Validator(Operation.Add).Validate(row);
        result.Status.Should().Be(RowStatus.Error);
        result.Messages.Select(m => m.Column).Should().BeEquivalentTo(
            ["First Name", "Email", "Phone Number", "SSN", "Date of Birth", "State", "Zip", "Ethnicity"]);
        result.Messages.Single(m => m.Column == "Ethnicity").Message.Should().Be("'Hispanc' is not a valid Ethnicity. Did you mean 'Hispanic or Latino'?");
        result.Messages.Should().NotContain(m => m.Message.Contains("666-12") || m.Message.Contains("666123456"));
    }

    [Fact]
    public void Canonical_values_revalidate_to_themselves()
    {
        var row = Row(("First Name", "Ann"), ("Last Name", "Smith"), ("Phone Number", "1 (727) 123 1234"), ("Date of Birth", "7/4/1980"));
        Validator(Operation.Add).Validate(row);
        var again = (string?[])row.Clone();
        Validator(Operation.Add).Validate(again).Status.Should().Be(RowStatus.Valid);
        again.Should().Equal(row);
    }
}
