using BulkImport.Core.Domains;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Data;

/// <summary>
/// A lookup by a long list of keys, as revalidating a large group of rows makes (every row of a file sharing one Client
/// ID, fixed at once): one query whatever the list's length. EF Core 10 would otherwise give each value a parameter of
/// its own, which SQLite refuses past 32,766 and binds by name, each bind a search of all the others.
/// </summary>
public class LargeLookupTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    private readonly TestEngine _engine;
    private TestDatabase _database = null!;

    public LargeLookupTests()
        : this(TestEngine.Sqlite)
    {
    }

    /// <summary>The same test on PostgreSQL (<c>PostgreSql/PostgreSqlVariants</c>).</summary>
    protected LargeLookupTests(TestEngine engine) => _engine = engine;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(_engine);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Validating_40000_rows_by_Client_ID_finds_the_demo_clients_and_names_the_unknown_ID()
    {
        // 40,000 rows: demo clients 1..20 over and over, then IDs no client has.
        var rows = Enumerable.Range(0, 40_000).Select(n => Row(n < 39_990 ? 1 + (n % 20) : 900_000 + n)).ToList();
        await using var db = _database.CreateDbContext();

        var validator = await new ClientDomain().CreateValidatorAsync(db, new ValidationSettings(Operation.Update, ClientColumns.All, Today), rows, default);

        validator.Validate(Row(7)).Messages.Should().BeEmpty("demo client 7 exists");
        validator.Validate(Row(939_995)).Messages.Should().ContainSingle(m => m.Column == ClientColumns.ClientId && m.Code == "not-found");
    }

    private static string?[] Row(int clientId)
    {
        var values = new string?[ClientColumns.All.Count];
        values[Core.Domains.Common.Cells.IndexOf(ClientColumns.All, ClientColumns.ClientId)] = clientId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return values;
    }
}
