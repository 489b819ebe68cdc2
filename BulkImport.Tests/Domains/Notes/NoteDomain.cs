using System.Data.Common;
using System.Globalization;
using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports;

namespace BulkImport.Tests.Domains.Notes;

/// <summary>
/// A fourth domain that exists only in the test project: notes with a unique Note Key, a text and a secret code that
/// is masked. It proves the plug-in shape (DESIGN section 6): registered with one line, it runs from upload to results
/// through the API without any file of the product naming it.
/// </summary>
public sealed class NoteDomain : IImportDomain
{
    public const string Table = "TestNotes";
    public static readonly Domain Key = new("Note");
    public static readonly IReadOnlyList<string> NoteColumns = ["Note Key", "Text", "Secret Code"];

    public Domain Domain => Key;

    public string DisplayName => "Test Note";

    public string Description => "Notes, for testing the domain contract.";

    public IReadOnlyList<Operation> Operations { get; } = [Operation.Add];

    public string OperationHelp(Operation operation) => "Adds notes.";

    public IReadOnlyList<string> Columns => NoteColumns;

    public IReadOnlyList<string> RequiredColumns(Operation operation) => ["Note Key", "Text"];

    public IReadOnlyList<string> KeyColumns { get; } = ["Note Key"];

    public string DescribeKey(string rowKey) => $"Note Key {rowKey}";

    public IReadOnlyList<SensitiveColumn> SensitiveColumns { get; } = [new("Secret Code", v => "***" + v[^Math.Min(2, v.Length)..])];

    public IReadOnlyList<SelectListField> SelectListFields => [];

    public IReadOnlyList<string> SelectListColumns => [];

    public string PrefilledTemplateDescription => "Nothing: notes belong to no course.";

    public Task<IRowValidator> CreateValidatorAsync(BulkImportDbContext db, ValidationSettings settings, IReadOnlyCollection<string?[]>? onlyRows, CancellationToken ct) =>
        Task.FromResult<IRowValidator>(new NoteValidator());

    public IDomainCommitter CreateCommitter(CommitSettings settings) => new NoteCommitter();

    public async IAsyncEnumerable<string?[]> TemplateRowsAsync(BulkImportDbContext db, int courseId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await Task.CompletedTask;
        yield break;
    }

    private sealed class NoteValidator : IRowValidator
    {
        public RowValidation Validate(string?[] values)
        {
            var messages = new List<RowMessage>();
            var key = values[0]?.Trim();
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                messages.Add(new RowMessage("Note Key", $"Note Key '{key}' must be a whole number.", "format"));
                key = null;
            }

            if (values[1] is { Length: > 20 } text)
            {
                messages.Add(new RowMessage("Text", $"Text is {text.Length} characters long; a note has at most 20.", "length"));
            }

            return RowValidation.From(RowAction.Insert, messages, key);
        }
    }

    /// <summary>Writes notes into a table of its own, created with the first batch.</summary>
    private sealed class NoteCommitter : IDomainCommitter
    {
        public async Task<IReadOnlyList<RowOutcome>> CommitBatchAsync(DbConnection connection, DbTransaction transaction, CommitBatch batch, CancellationToken ct)
        {
            var rows = batch.Rows;
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"CREATE TABLE IF NOT EXISTS {Table} (Id INTEGER PRIMARY KEY, NoteKey INTEGER NOT NULL, Text TEXT NOT NULL, SecretCode TEXT)";
            await command.ExecuteNonQueryAsync(ct);
            command.CommandText = $"INSERT INTO {Table} (NoteKey, Text, SecretCode) VALUES (@key, @text, @secret) RETURNING Id";
            var outcomes = new List<RowOutcome>();
            foreach (var row in rows)
            {
                command.Parameters.Clear();
                Add(command, "@key", row.Values[0]!);
                Add(command, "@text", row.Values[1]!);
                Add(command, "@secret", (object?)row.Values[2] ?? DBNull.Value);
                var id = Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
                outcomes.Add(RowOutcome.Succeeded(row.RowNumber, RowAction.Insert, id));
            }

            return outcomes;
        }

        private static void Add(DbCommand command, string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        public void Dispose()
        {
        }
    }
}
