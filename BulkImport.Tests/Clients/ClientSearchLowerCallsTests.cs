using BulkImport.Core.Clients;
using BulkImport.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Clients;

/// <summary>
/// The client search ignores the case of every letter (docs/decisions.md), and on SQLite that lower() is a .NET function
/// called per value: four calls a client made a search of a million clients take 4-10 s a page. All-ASCII values are
/// matched by SQLite's own LIKE; lower() is for the values holding another character. Counted on the connection, so the
/// test does not depend on the machine's speed (the answers themselves: ClientImportApiTests).
/// </summary>
public sealed class ClientSearchLowerCallsTests
{
    [Theory]
    [InlineData("LEE", true)]
    [InlineData("marco lee", true)]
    [InlineData("nobody-has-this", false)]
    public async Task A_search_calls_lower_for_no_client_whose_names_and_email_are_ascii(string term, bool finds)
    {
        await using var app = new TestApp();
        await app.ApiAsync();
        await using var db = app.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        var calls = 0;
        ((SqliteConnection)db.Database.GetDbConnection()).CreateFunction("lower", (string? text) =>
        {
            calls++;
            return text?.ToLowerInvariant();
        }, isDeterministic: true);
        (await db.Clients.CountAsync()).Should().Be(40, "the demo data's 40 clients, whose names and e-mails are ASCII");

        var found = await ClientQueries.Matching(db, db.Clients, term).Select(c => c.ClientId).ToListAsync();

        (found.Count > 0).Should().Be(finds);
        calls.Should().Be(0, "every value is ASCII, which SQLite's LIKE matches ignoring case by itself");
    }
}
