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
    }
}
