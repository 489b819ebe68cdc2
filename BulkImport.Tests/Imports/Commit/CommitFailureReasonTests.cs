using System.Net.Sockets;
using BulkImport.Core.Imports.Commit;
using Npgsql;

namespace BulkImport.Tests.Imports.Commit;

/// <summary>
/// The failure reason of a commit that stopped (SPEC 3, CommitFailed; SPEC 12, "a message a person can act on"): an
/// outside audit stopped PostgreSQL mid-commit and the import read "The commit stopped: Exception while reading from
/// stream Rows committed before the stop stay committed; …", the driver's words with no sentence end and no database.
/// </summary>
public sealed class CommitFailureReasonTests
{
    private const string PostgreSql = "Host=db.example.org;Port=5433;Database=bulkimport;Username=bulkimport;Password=secret";

    [Fact]
    public void A_database_that_broke_off_is_named_with_the_cause_its_connection_gave()
    {
        var broken = new NpgsqlException("Exception while reading from stream", new IOException("Unable to read data from the transport connection.",
            new SocketException((int)SocketError.ConnectionReset)));

        var reason = ImportCommitRunner.FailureReason(broken, PostgreSql);

        reason.Should().StartWith("The commit stopped: PostgreSQL at db.example.org:5433 (database 'bulkimport') stopped answering (")
            .And.EndWith("). Rows committed before the stop stay committed; replay the import to continue.")
            .And.NotContain("Exception while reading from stream")
            .And.NotContain("secret");
    }

    [Fact]
    public void Any_other_message_ends_as_a_sentence_before_the_advice()
    {
        ImportCommitRunner.FailureReason(new InvalidOperationException("Disk full"), PostgreSql)
            .Should().Be("The commit stopped: Disk full. Rows committed before the stop stay committed; replay the import to continue.");
        ImportCommitRunner.FailureReason(new InvalidOperationException("Commit:FailAfterRows was reached."), PostgreSql)
            .Should().Be("The commit stopped: Commit:FailAfterRows was reached. Rows committed before the stop stay committed; replay the import to continue.");
    }

    [Fact]
    public void An_undo_stopped_by_the_database_names_it_the_same_way()
    {
        var broken = new NpgsqlException("Exception while reading from stream", new IOException("Unable to read data from the transport connection."));

        BulkImport.Core.Imports.Undo.UndoRunner.FailureReason(broken, PostgreSql)
            .Should().StartWith("The undo stopped: PostgreSQL at db.example.org:5433 (database 'bulkimport') stopped answering (")
            .And.EndWith("). Records undone before the stop stay undone; undo the import again to continue.")
            .And.NotContain("Exception while reading from stream");
        BulkImport.Core.Imports.Undo.UndoRunner.FailureReason(new InvalidOperationException("Disk full"), PostgreSql)
            .Should().Be("The undo stopped: Disk full. Records undone before the stop stay undone; undo the import again to continue.");
    }
}
