using System.Data.Common;
using BulkImport.Core.Data;

namespace BulkImport.Core.Imports;

/// <summary>
/// Why a commit or an undo stopped, as the sentence its failure reason begins with (SPEC 3: CommitFailed; SPEC 21:
/// UndoFailed). A database that broke off is named with the cause its connection gave: an outside audit stopped
/// PostgreSQL mid-commit and read only the driver's "Exception while reading from stream", run into the advice with no
/// full stop. Any other message ends as a sentence.
/// </summary>
public static class StopCause
{
    public static string Of(Exception error, string? connectionString) =>
        IsDatabaseError(error) && !string.IsNullOrWhiteSpace(connectionString)
            ? $"{DatabaseProvider.Describe(connectionString)} stopped answering ({DatabaseProvider.Reason(error).Trim().TrimEnd('.')})."
            : Sentence(error.Message);

    /// <summary>Whether <paramref name="error"/> came from the database (a <see cref="DbException"/> in its chain).</summary>
    public static bool IsDatabaseError(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is DbException)
            {
                return true;
            }
        }

        return false;
    }

    private static string Sentence(string message)
    {
        var text = message.Trim();
        return text.Length == 0 || text.EndsWith('.') || text.EndsWith('!') || text.EndsWith('?') ? text : text + ".";
    }
}
