using BulkImport.Core.Domains.ClientAssignments;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Domains.ClientAssignments;

/// <summary>The lookup snapshot is loaded once: everything for a file, only what the rows refer to for a revalidation.</summary>
public sealed class ClientAssignmentLookupsTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Without_rows_everything_of_the_demo_data_is_loaded()
    {
        await using var db = _database.CreateDbContext();

        var lookups = await ClientAssignmentLookups.LoadAsync(db, null, CancellationToken.None);

        lookups.ClientIds.Should().HaveCount(40);
        lookups.CourseIds.Should().HaveCount(10);
        lookups.SectionCourses.Should().Contain(1004, 102);
        lookups.Assignments.Should().HaveCount(60).And.Contain(new AssignmentKey(6, 101, 1001));
        lookups.CourseIdsByCode.Should().HaveCount(10).And.Contain("CNA-101", 101).And.Contain("CDL-A", 601);
        lookups.CourseIdsByCode.Should().ContainKey("cdl-a", "a code is found ignoring case");
    }

    [Fact]
    public async Task With_rows_only_what_they_refer_to_is_loaded()
    {
        await using var db = _database.CreateDbContext();
        string?[][] rows = [["6", "101", "1001", null, null, null, null, null, null], [" 3 ", "102", "1004", null, null, null, null, null, null], ["x", "", null, null, null, null, null, null, null]];

        var lookups = await ClientAssignmentLookups.LoadAsync(db, rows, CancellationToken.None);

        lookups.ClientIds.Should().BeEquivalentTo([3, 6]);
        lookups.CourseIds.Should().BeEquivalentTo([101, 102]);
        lookups.SectionCourses.Keys.Should().BeEquivalentTo([1001, 1004]);
        lookups.Assignments.Should().Equal(new AssignmentKey(6, 101, 1001));
        lookups.CourseIdsByCode.Should().BeEmpty("no CourseID cell holds a code");
    }

    [Fact]
    public async Task With_rows_the_course_codes_their_CourseID_cells_hold_are_loaded_ignoring_case()
    {
        await using var db = _database.CreateDbContext();
        string?[][] rows = [["6", "cna-201", "1001", null, null, null, null, null, null], ["3", " WLD-100 ", "1004", null, null, null, null, null, null], ["3", "XYZ-1", "1", null, null, null, null, null, null]];

        var lookups = await ClientAssignmentLookups.LoadAsync(db, rows, CancellationToken.None);

        lookups.CourseIdsByCode.Should().BeEquivalentTo(new Dictionary<string, int> { ["CNA-201"] = 102, ["WLD-100"] = 201 });
        lookups.CourseIdsByCode["Cna-201"].Should().Be(102);
        lookups.CourseIds.Should().BeEmpty("no CourseID cell holds an ID");
    }
}
