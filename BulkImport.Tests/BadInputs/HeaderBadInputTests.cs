using System.Net.Http.Json;
using BulkImport.Core.Imports;

using BulkImport.Tests.Support;

namespace BulkImport.Tests.BadInputs;

/// <summary>BAD-INPUTS.md cases 32-35: the header row.</summary>
public class HeaderBadInputTests : BadInputApiTest
{
    public HeaderBadInputTests()
        : this(TestEngine.Sqlite)
    {
    }

    /// <summary>The same tests on another engine.</summary>
    protected HeaderBadInputTests(TestEngine engine)
        : base(engine: engine)
    {
    }

    [Fact]
    public async Task Case32_a_duplicated_column_fails_the_file_naming_both_positions()
    {
        var import = await UploadAsync("First Name,Last Name,first_name\r\nAnn,Lee,Bo\r\n");

        FileError(import).Should().Be("Column 'First Name' appears at positions 1 and 3. Keep only one of them and upload again.");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case33_missing_required_and_unknown_columns_are_all_listed_with_a_did_you_mean_for_a_misspelling()
    {
        // Wave 2 (SPEC 16) changes this on purpose: a required column missing while some file columns match none stops
        // the import for a person to map the columns (one of them may be it), with the misspelling suggested there.
        var import = await UploadAsync("First Name,Lst Name,Social Sec #,Email\r\nAnn,Lee,123-45-6789,ann@example.org\r\n");

        import.Status.Should().Be(ImportStatus.AwaitingMapping);
        import.FileErrors.Should().BeEmpty();
        var mapping = await Api.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/imports/{import.Id}/mapping", ApiClient.Json);
        mapping.GetProperty("fileColumns").EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("suggested").GetString()))
            .Should().Contain(("Lst Name", "Last Name"));

        // With nothing to map, SPEC 5 holds as before: the missing column fails the file and unknown columns are warnings.
        var nothingToMap = await UploadAsync("First Name,Email\r\nAnn,ann@example.org\r\n");
        FileError(nothingToMap).Should().Be(
            "Required column 'Last Name' is missing. Add it to the header row (see the template for the names) and upload again.");
        var warned = await UploadAsync("First Name,Last Name,Lst Nme,Social Sec #\r\nAnn,Lee,x,123-45-6789\r\n");
        warned.FileWarnings.Should().Equal(
            "Column 'Lst Nme' is not in the template and was ignored.",
            "Column 'Social Sec #' is not in the template and was ignored.");

        var update = await UploadAsync("Email,First Name\r\nann@example.org,Ann\r\n", operation: "Update");
        FileError(update).Should().StartWith("Required column 'Client ID' is missing.");
        await ClientDataIsUnchangedAsync();
    }

    [Theory]
    [InlineData(" ssn ")]
    [InlineData("SSN\u00A0")]
    [InlineData("Ssn")]
    [InlineData("S.S.N.")]
    [InlineData("\u200BSSN")]
    [InlineData("ｓｓｎ")]
    public async Task Case34_header_variants_match_the_template_column_by_the_documented_rule_and_never_make_a_new_column(string ssnHeader)
    {
        var import = await UploadAsync($"first_name,LAST NAME,{ssnHeader}\r\nAnn,Lee,123-45-6789\r\n");

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        import.FileWarnings.Should().BeEmpty();
        var row = await RowAsync(import, 2);
        row.Status.Should().Be(RowStatus.Valid);
        row.Values["SSN"].Should().Be("***-**-6789", "SSNs are shown masked");
        (await StoredSsnAsync(import, 2)).Should().Be("123456789");
        row.Values.Keys.Should().HaveCount(20, "only the template's columns exist");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case35_proto_and_other_odd_header_names_are_unknown_columns_with_no_crash()
    {
        var import = await UploadAsync("__proto__,First Name,constructor,Last Name,toString,#,--\r\nx,Ann,y,Lee,z,1,2\r\n");

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        import.FileWarnings.Should().HaveCount(5).And.Contain("Column '__proto__' is not in the template and was ignored.");
        var row = await RowAsync(import, 2);
        row.Status.Should().Be(RowStatus.Valid);
        (row.Values["First Name"], row.Values["Last Name"]).Should().Be(("Ann", "Lee"));
        await ClientDataIsUnchangedAsync();
    }
}
