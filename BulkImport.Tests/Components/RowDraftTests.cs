using BulkImport.App.Components.Shared;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports;
using static BulkImport.Tests.Support.StagedImports;

namespace BulkImport.Tests.Components;

/// <summary>What the review grid's pencil sends when a row is saved: only the cells typed in, a masked cell only when typed over.</summary>
public sealed class RowDraftTests
{
    private static readonly ClientDomain Client = new();

    private static ImportRow Row() => new()
    {
        RowNumber = 7,
        Status = RowStatus.Error,
        Values = ClientRow((ClientColumns.FirstName, "Ann"), (ClientColumns.LastName, "Lee"), (ClientColumns.Ssn, "123456789")),
    };

    private static int IndexOf(string column) => ClientColumns.All.ToList().IndexOf(column);

    [Fact]
    public void A_row_opened_and_saved_unchanged_sends_nothing()
    {
        var draft = new RowDraft(Client, Row(), revealed: false);

        draft.RowNumber.Should().Be(7);
        draft.Changes().Should().BeEmpty();
    }

    [Fact]
    public void A_masked_cell_opens_masked_and_is_sent_only_when_typed_over()
    {
        var draft = new RowDraft(Client, Row(), revealed: false);
        draft.Values[IndexOf(ClientColumns.Ssn)].Should().Be("***-**-6789", "the pencil does not reveal what the grid masks");

        draft.Values[IndexOf(ClientColumns.FirstName)] = "Anne";
        draft.Changes().Should().Equal(new Dictionary<string, string?> { [ClientColumns.FirstName] = "Anne" });

        draft.Values[IndexOf(ClientColumns.Ssn)] = "987654321";
        draft.Changes().Should().Contain(ClientColumns.Ssn, "987654321");
    }

    [Fact]
    public void A_revealed_row_opens_with_its_values_and_a_cleared_cell_is_sent_blank()
    {
        var draft = new RowDraft(Client, Row(), revealed: true);
        draft.Values[IndexOf(ClientColumns.Ssn)].Should().Be("123456789");

        draft.Values[IndexOf(ClientColumns.LastName)] = null;
        draft.Changes().Should().Equal(new Dictionary<string, string?> { [ClientColumns.LastName] = "" });
    }

    [Fact]
    public void A_draft_knows_whether_its_row_was_in_error_when_opened()
    {
        new RowDraft(Client, Row(), revealed: false).OpenedInError.Should().BeTrue();

        var valid = Row();
        valid.Status = RowStatus.Valid;
        new RowDraft(Client, valid, revealed: false).OpenedInError.Should().BeFalse("a valid row saved unchanged closes without a check");
    }
}
