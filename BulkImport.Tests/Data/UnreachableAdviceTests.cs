using System.Net.Sockets;
using BulkImport.Core.Data;

namespace BulkImport.Tests.Data;

/// <summary>
/// What the operator is told to do about a database that does not answer, in its engine's terms: a PostgreSQL server is
/// started; a SQLite file has no server, only a folder that must exist and be writable.
/// </summary>
public sealed class UnreachableAdviceTests
{
    private const string PostgreSqlConnection = "Host=db.example.org;Port=5432;Database=bulkimport;Username=bulkimport;Password=secret";

    [Fact]
    public void PostgreSQL_is_told_to_start_the_server_or_fix_the_connection_string()
    {
        DatabaseProvider.UnreachableAdvice(PostgreSqlConnection).Should().Be("Start the server, or fix ConnectionStrings:BulkImport");
    }

    [Fact]
    public void SQLite_is_told_about_the_file_s_folder_not_about_a_server()
    {
        DatabaseProvider.UnreachableAdvice("Data Source=data/bulkimport.db").Should()
            .Be("Make sure the file's folder exists and the app can write to it, or fix ConnectionStrings:BulkImport");
    }

    [Fact]
    public void A_connection_string_of_neither_kind_keeps_the_server_wording()
    {
        DatabaseProvider.UnreachableAdvice("").Should().Be("Start the server, or fix ConnectionStrings:BulkImport");
    }

    [Fact]
    public void The_start_s_message_names_the_database_and_gives_its_engine_s_advice()
    {
        var refused = new SocketException((int)SocketError.ConnectionRefused);

        DatabaseProvider.UnreachableMessage(PostgreSqlConnection, refused).Should().Be(
            $"PostgreSQL at db.example.org:5432 (database 'bulkimport') cannot be reached ({refused.Message}). Start the server, or fix " +
            "ConnectionStrings:BulkImport; the app tries again every few seconds and /health/ready answers 503 until it is reached.");
        DatabaseProvider.UnreachableMessage("Data Source=data/bulkimport.db", new TimeoutException("timed out")).Should().Be(
            "the SQLite file data/bulkimport.db cannot be reached (timed out). Make sure the file's folder exists and the app can write " +
            "to it, or fix ConnectionStrings:BulkImport; the app tries again every few seconds and /health/ready answers 503 until it is reached.");
    }
}
