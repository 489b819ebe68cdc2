using System.Text.Json;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports.Mapping;

namespace BulkImport.Tests.Imports.Mapping;

/// <summary>
/// A file column's samples on the mapping step (SPEC 16, SPEC 20's masking): masked under SSN whether SSN is suggested
/// or chosen by hand, in full under any other column, and the API's shape unchanged.
/// </summary>
public sealed class FileColumnViewTests
{
    private static readonly ClientDomain Client = new();

    [Fact]
    public void The_samples_of_a_column_suggested_for_SSN_are_masked_and_the_values_in_full_are_kept_nowhere()
    {
        var column = FileColumnView.Of(Client, "Social Security Number", ["123-45-6789", "", "234567890"], "SSN");

        column.Samples.Should().Equal("***-**-6789", "", "***-**-7890");
        column.SamplesMappedTo(null).Should().Equal(["***-**-6789", "", "***-**-7890"], "ignored by hand, the samples stay as they were sent");
        column.SamplesMappedTo("SSN").Should().Equal("***-**-6789", "", "***-**-7890");
    }

    [Fact]
    public void The_samples_of_a_column_mapped_to_SSN_by_hand_are_masked()
    {
        var column = FileColumnView.Of(Client, "Tax Number", ["123-45-6789", "234567890"], null);

        column.Samples.Should().Equal("123-45-6789", "234567890");
        column.SamplesMappedTo("SSN").Should().Equal("***-**-6789", "***-**-7890");
        column.SamplesMappedTo("Notes").Should().Equal("123-45-6789", "234567890");
        column.SamplesMappedTo("").Should().Equal(["123-45-6789", "234567890"], "\"\" is the screen's Ignore this column");
    }

    [Fact]
    public void The_API_sends_a_file_column_as_SPEC_16_shapes_it()
    {
        var column = FileColumnView.Of(Client, "Tax Number", ["123-45-6789"], null);

        var json = JsonSerializer.SerializeToElement(column, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        json.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("name", "samples", "suggested");
    }
}
