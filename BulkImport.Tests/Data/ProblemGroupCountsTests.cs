using BulkImport.Core.Data;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Fixes;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Data;

/// <summary>
/// The problem groups counted once an import is staged (SPEC 20), read from the stored UTF-8 of its Error rows a page at
/// a time: every Error row counted once per distinct group, over several pages, and nothing else counted.
/// </summary>
public class ProblemGroupCountsTests : IAsyncLifetime
{
    private readonly TestEngine _engine;
    private TestDatabase _database = null!;

    public ProblemGroupCountsTests()
        : this(TestEngine.Sqlite)
    {
    }

    /// <summary>The same test on PostgreSQL (<c>PostgreSql/PostgreSqlVariants</c>): the rows are read by each engine's statement.</summary>
    protected ProblemGroupCountsTests(TestEngine engine) => _engine = engine;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(_engine);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Every_error_row_counts_once_in_each_of_its_groups_across_pages_and_valid_rows_warnings_and_skipped_rows_do_not()
    {
        var domain = new ClientDomain();
        var ethnicity = domain.Columns.ToList().IndexOf(ClientColumns.Ethnicity);
        var firstName = domain.Columns.ToList().IndexOf(ClientColumns.FirstName);
        const int Rows = 12_001;
        await using var db = _database.CreateDbContext();
        var import = new Import { FileName = "groups.csv", StoredFileName = "groups.csv", CreatedBy = "someone", Status = ImportStatus.ReadyForReview, Domain = ClientDomain.Key, Operation = Operation.Add };
        db.Imports.Add(import);
        await db.SaveChangesAsync();
        var rows = new List<ImportRow>();
        for (var rowNumber = 2; rowNumber < Rows + 2; rowNumber++)
        {
            var values = new string?[domain.Columns.Count];
            values[firstName] = "Zoë";
            // Two spellings of one wrong value: one group, as "Replace all" fixes them together.
            values[ethnicity] = rowNumber % 2 == 0 ? "Walk-In" : "walk-in";
            var row = new ImportRow { ImportId = import.Id, RowNumber = rowNumber, Values = values, Status = RowStatus.Error };
            row.Messages =
            [
                new RowMessage(ClientColumns.Ethnicity, "Ethnicity is not one of the list's values.", "select-list"),
                // The same group again on the same cell: the row still counts once in it.
                new RowMessage(ClientColumns.Ethnicity, "Ethnicity is not one of the list's values.", "select-list"),
                new RowMessage(ClientColumns.FirstName, "First Name looks unusual.", "unusual", IsWarning: true),
            ];
            if (rowNumber % 3 == 0)
            {
                row.Messages.Add(new RowMessage(null, "The row has more cells than the header."));
            }

            if (rowNumber % 1000 == 0)
            {
                (row.Status, row.Messages) = (rowNumber % 2000 == 0 ? RowStatus.Valid : RowStatus.Skipped, []);
            }

            rows.Add(row);
        }

        db.ImportRows.AddRange(rows);
        await db.SaveChangesAsync();

        await ProblemGroupCounts.CountStagedAsync(db, import.Id, domain, CancellationToken.None);

        var errors = rows.Where(r => r.Status == RowStatus.Error).ToList();
        var groups = await db.ProblemGroupCounts.AsNoTracking().Where(g => g.ImportId == import.Id).OrderBy(g => g.Column).ToListAsync();
        groups.Select(g => (g.Column, g.Rule, g.ValueKey, g.Count)).Should().Equal(
            ("", ProblemGroupKey.Fold("The row has more cells than the header."), "", errors.Count(r => r.RowNumber % 3 == 0)),
            (ClientColumns.Ethnicity, "select-list", "walk-in", errors.Count));
        groups[1].Value.Should().BeOneOf("Walk-In", "walk-in");
    }
}
