using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Validation;

namespace BulkImport.Tests.Imports.Validation;

/// <summary>The cells of a row edit (PUT rows, {"values": {...}}) by column name, matched as headers are (SPEC 5).</summary>
public sealed class RowChangesTests
{
    private static readonly ClientDomain Clients = new();

    [Fact]
    public void A_name_matches_its_column_as_a_header_does()
    {
        var values = RowRevalidator.Merge(Clients, new string?[Clients.Columns.Count], new Dictionary<string, string?> { ["last_name"] = " Lee " });

        values[Clients.Columns.ToList().IndexOf("Last Name")].Should().Be("Lee");
    }

    /// <summary>"Email" and "email" in one body: the last one won without a word (outside audit).</summary>
    [Fact]
    public void Two_names_of_one_column_are_refused_naming_both()
    {
        var merge = () => RowRevalidator.Merge(Clients, new string?[Clients.Columns.Count],
            new Dictionary<string, string?> { ["Email"] = "a@b.org", ["e-mail"] = "z@z.org" });

        merge.Should().Throw<ImportProblem>().Which.Message.Should().Be("'Email' and 'e-mail' both name the column Email. Send one value for it.");
    }
}
