using BulkImport.Core.Domains;
using BulkImport.Core.Domains.ClientAssignments;
using BulkImport.Core.Imports;

namespace BulkImport.Tests.Domains.ClientAssignments;

/// <summary>What the Client Assignment plug-in tells the pipeline: columns, required columns, key and invoices.</summary>
public sealed class ClientAssignmentDomainTests
{
    private readonly ClientAssignmentDomain _domain = new();

    [Fact]
    public void Columns_are_in_spec_order()
    {
        _domain.Columns.Should().Equal(
            "Client ID", "CourseID", "SectionID", "Enrollment Status", "Enrollment Date", "Registered By", "Transcript Status", "Sponsor (Company)", "Marketing Source");
        _domain.SelectListColumns.Should().Equal("Enrollment Status", "Registered By", "Transcript Status", "Sponsor (Company)", "Marketing Source");
    }

    [Theory]
    [InlineData(Operation.Add, new[] { "Client ID", "CourseID", "SectionID", "Enrollment Status" })]
    [InlineData(Operation.Update, new[] { "Client ID", "CourseID", "SectionID" })]
    [InlineData(Operation.AddUpdate, new[] { "Client ID", "CourseID", "SectionID" })]
    public void Required_columns_are_the_key_for_every_operation_and_enrollment_status_for_add(Operation operation, string[] required) =>
        _domain.RequiredColumns(operation).Should().Equal(required);

    [Fact]
    public void A_row_key_is_described_with_its_three_ids() =>
        _domain.DescribeKey(new AssignmentKey(3, 101, 1001).ToRowKey()).Should().Be("Client 3, CourseID 101, SectionID 1001");

    [Fact]
    public void Auto_create_invoices_is_offered_with_add_and_add_update() =>
        ((IImportDomain)_domain).Options.Should().ContainSingle(o => o.Key == "autoCreateInvoices")
            .Which.OfferedWith.Should().Equal(Operation.Add, Operation.AddUpdate);
}
