using BulkImport.Core.Clients;
using BulkImport.Core.Data;
using BulkImport.Core.Imports.Discrepancies;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Data;

/// <summary>
/// The existing clients' keys as the possible-duplicates check reads them (SPEC 14): decoded from the engine's UTF-8
/// into one reused buffer, they must give every rule the same key as the same values given as strings (the file's side).
/// </summary>
public class ClientMatchKeyReaderTests : IAsyncLifetime
{
    private static readonly DuplicateRule[] Rules = Enum.GetValues<DuplicateRule>();

    private readonly TestEngine _engine;
    private TestDatabase _database = null!;

    public ClientMatchKeyReaderTests()
        : this(TestEngine.Sqlite)
    {
    }

    /// <summary>The same test on PostgreSQL (<c>PostgreSql/PostgreSqlVariants</c>): each engine has its own statement.</summary>
    protected ClientMatchKeyReaderTests(TestEngine engine) => _engine = engine;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(_engine);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Every_clients_keys_match_the_same_values_given_as_text_whatever_their_length_accents_or_blanks()
    {
        var added = new List<Client>
        {
            new() { FirstName = "Zoë", LastName = "O'Brien-Ñúñez", Email = " Zoe.OBrien@Example.org ", PhoneNumber = "(555) 010-2000", Ssn = "123-45-6789", DateOfBirth = "1990-04-05" },
            new() { FirstName = "Ann", LastName = "Lee", Email = null, PhoneNumber = "", Ssn = null, DateOfBirth = "2001-12-31" },
            // Longer than the reader's first buffer, so the buffer grows between two clients' values.
            new() { FirstName = new string('é', 50), LastName = new string('x', 50), Email = new string('m', 230) + "@example.org", PhoneNumber = "5550102001", Ssn = "987654321", DateOfBirth = "1985-01-01" },
            new() { FirstName = "Bo", LastName = "Li", Email = "bo@example.org", PhoneNumber = "555 0102 002", Ssn = "111-22-3333", DateOfBirth = null },
        };
        await using (var db = _database.CreateDbContext())
        {
            db.Clients.AddRange(added);
            await db.SaveChangesAsync();
        }

        var expected = new Dictionary<int, string?[]>();
        await using (var db = _database.CreateDbContext())
        {
            foreach (var client in await db.Clients.AsNoTracking().ToListAsync())
            {
                var keys = new MatchKeys(client.FirstName, client.LastName, client.Email, client.PhoneNumber, client.Ssn, client.DateOfBirth);
                expected[client.ClientId] = Rules.Select(keys.Key).ToArray();
            }
        }

        var read = new Dictionary<int, string?[]>();
        await using (var db = _database.CreateDbContext())
        {
            await db.Database.OpenConnectionAsync();
            ClientMatchKeyReader.ForEach(db.Database.GetDbConnection(), (clientId, keys) => read[clientId] = Rules.Select(keys.Key).ToArray(), CancellationToken.None);
        }

        read.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
        var zoe = read[added[0].ClientId];
        zoe[(int)DuplicateRule.NameAndBirthDate].Should().Be($"{(int)DuplicateRule.NameAndBirthDate}zoe|obriennunez|19900405");
        zoe[(int)DuplicateRule.Email].Should().Be($"{(int)DuplicateRule.Email}zoe.obrien@example.org");
        read[added[1].ClientId][(int)DuplicateRule.Ssn].Should().BeNull("a blank SSN takes no part");
        read[added[3].ClientId][(int)DuplicateRule.NameAndBirthDate].Should().BeNull("a blank date of birth takes no part");
    }
    [Fact]
    public async Task The_clients_sharing_a_rows_compared_values_are_read_and_no_other_whatever_the_case_of_their_e_mail()
    {
        // Values stored as the app stores them (canonical: SPEC 6), and the file's rows as staging gives them.
        var clients = new List<Client>
        {
            new() { FirstName = "Ann", LastName = "Lee", Email = "Ann.Lee@Example.ORG" },
            new() { FirstName = "Ana", LastName = "Ruiz", Email = "ana@BÜCHER.example" },
            new() { FirstName = "Sam", LastName = "Cole", Ssn = "123456789" },
            new() { FirstName = "Zoë", LastName = "O'Brien", DateOfBirth = "04/05/1990" },
            new() { FirstName = "Bo", LastName = "Li", PhoneNumber = "(555) 010-2000" },
            new() { FirstName = "Other", LastName = "Person", Email = "other@example.org", Ssn = "987654321", PhoneNumber = "(555) 010-9999", DateOfBirth = "01/01/1970" },
        };
        await using (var db = _database.CreateDbContext())
        {
            db.Clients.AddRange(clients);
            await db.SaveChangesAsync();
        }

        string?[][] rows =
        [
            [null, "A", "B", "ann.lee@example.org", null, null, null],
            [null, "A", "B", "ANA@bücher.example", null, null, null],
            [null, "A", "B", null, null, "123456789", null],
            [null, "Zoe", "OBrien", null, null, null, "04/05/1990"],
            [null, "B", "Li", null, "(555) 010-2000", null, null],
        ];
        var read = new List<int>();
        await using (var db = _database.CreateDbContext())
        {
            await db.Database.OpenConnectionAsync();
            ClientMatchKeyReader.ForEachSharing(db.Database.GetDbConnection(), ComparedValues.Of(rows), (clientId, _) => read.Add(clientId), CancellationToken.None);
        }

        read.Should().BeEquivalentTo(clients.Take(5).Select(c => c.ClientId), "each of the five shares a key with a row, and the sixth none");
        var keysOfRows = rows.Select(MatchKeys.OfClientValues).SelectMany(k => Rules.Select(k.Key)).Where(k => k is not null).ToHashSet();
        clients.Take(5).Should().OnlyContain(c => Rules.Select(new MatchKeys(c.FirstName, c.LastName, c.Email, c.PhoneNumber, c.Ssn, c.DateOfBirth).Key).Any(keysOfRows.Contains),
            "the rules agree that they are candidates");
    }
}
